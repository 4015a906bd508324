import ClaimExtraction
import Foundation

/// Claims about one entity whose dates cannot all be true.
public struct Conflict: Sendable, Hashable {
  /// Stable while the same values disagree: derived from the entity and the set of values.
  public var id: String
  public var entity: Entity
  /// The claims involved, ordered by document and position.
  public let claims: [ResolvedClaim]
  /// The distinct values in conflict, in order of first appearance (kept, not recomputed: a
  /// report asks for them at each of thousands of claims).
  public let values: [ClaimValue]
  /// Which groups of claims contradict which, for the whole entity: a claim's warning names
  /// the places of exactly these, never a value it is consistent with or one that fits
  /// another entity.
  let graph: ContradictionGraph
  /// The conflict's groups in the graph, ascending (their order of first appearance).
  let groups: [Int]

  init(id: String, entity: Entity, graph: ContradictionGraph, groups: [Int]) {
    self.id = id
    self.entity = entity
    self.graph = graph
    self.groups = groups
    self.claims = groups.flatMap { graph.groups[$0].claims }.sorted {
      ($0.document, $0.claim.location) < ($1.document, $1.claim.location)
    }
    var seen = Set<String>()
    values = claims.compactMap { seen.insert($0.claim.value.edtf).inserted ? $0.claim.value : nil }
  }

  /// The group a claim belongs to: its predicate and value.
  static func groupKey(_ claim: Claim) -> String {
    claim.predicate.rawValue + " " + claim.value.edtf
  }

  public static func == (a: Conflict, b: Conflict) -> Bool {
    a.id == b.id && a.entity == b.entity && a.claims == b.claims
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
  }

  /// Up to `limit` claims whose dates contradict the claim's (given by id), nearest first: its
  /// own document's (the first 256 of them looked at), then the first of the others.
  public func contradicting(_ claimID: String, limit: Int) -> [ResolvedClaim] {
    guard let (own, member) = graph.byID[claimID] else { return [] }
    var nearest: [ResolvedClaim] = []
    for (group, claim) in (graph.byDocument[member.document] ?? []).prefix(256)
    where graph.isLinked(own, group) {
      nearest.append(claim)
      if nearest.count == limit { return nearest }
    }
    for group in graph.firstLinked(own, limit: limit) {
      for claim in graph.groups[group].claims where claim.document != member.document {
        nearest.append(claim)
        if nearest.count == limit { return nearest }
        break
      }
    }
    return nearest
  }

  /// The values that contradict a claim's (given by id), the first `limit` of them in order of
  /// first appearance, and how many more there are.
  public func contradictingValues(_ claimID: String, limit: Int) -> (
    shown: [ClaimValue], more: Int
  ) {
    guard let own = graph.byID[claimID]?.group else { return ([], 0) }
    let shown = graph.firstLinked(own, limit: limit)
    return (
      shown.map { graph.groups[$0].claims[0].claim.value }, graph.linkCount(own) - shown.count
    )
  }
}

/// Finds conflicts: claims on the same entity with compatible predicates whose values cannot
/// both hold at their precision.
///
/// What "compatible" means depends on the kind of entity:
/// - an agreement is signed once: `dated` and `signed` (and `founded`) compare with each other;
/// - an organisation exists over time: only the same event compares (`founded` with
///   `founded`), a year it is merely mentioned in does not contradict another;
/// - a war or revolution spans time: `began` with `began`, `ended` with `ended`, and a year
///   it is `dated` to must fall inside a range given for it; `began` and `ended` must match a
///   range's ends.
/// Values agree at their shared precision: 1674 and 19 February 1674 agree; 1651 and 1674 do
/// not; a point agrees with a range that contains it.
public struct ConflictDetector: Sendable {
  /// Entities of one name the references tell apart: dates that fit two of them do not
  /// conflict.
  var known = KnownEntities()
  /// What `conflicts(in:)` found to be such pairs, or pairs the documents' contexts tell apart.
  private(set) var splits: [SplitSuggestion] = []
  /// Possible splits not kept, by group (entity key and group key, see ``splitGroup``): a
  /// treaty dated a different way in each of a thousand documents would keep a million pairs.
  /// Each group keeps a few; the notes count the rest.
  private(set) var splitsLeftOut: [String: Int] = [:]
  private var splitsKept: [String: Int] = [:]
  /// Splits kept for one group: one more than the notes a place shows, so the count is due.
  public static let splitsKeptPerGroup = 4
  /// Dates that differ only by calendar: one day written Old Style and New Style.
  private(set) var calendarPairs: [CalendarPair] = []

  public init() {}

  init(known: KnownEntities) { self.known = known }

  mutating func conflicts(in claims: [ResolvedClaim]) -> [Conflict] {
    var byEntity: [String: [ResolvedClaim]] = [:]
    for claim in claims { byEntity[claim.entity.key, default: []].append(claim) }
    let contexts = DocumentContexts(claims)
    var conflicts: [Conflict] = []
    for key in byEntity.keys.sorted() {
      let members = byEntity[key]!
      guard members.count > 1 else { continue }
      conflicts.append(contentsOf: entityConflicts(members, contexts: contexts))
    }
    return conflicts.sorted {
      ($0.claims[0].document, $0.claims[0].claim.location, $0.id)
        < ($1.claims[0].document, $1.claims[0].claim.location, $1.id)
    }
  }

  /// Conflicts of one entity: connected groups of claims linked by contradiction.
  ///
  /// Claims are first grouped by (predicate, value), and the groups of one class (see
  /// ``Comparison``) contradict each other unless an exception says otherwise, so the work
  /// grows with the groups and their exceptions, not with the pairs of groups: a treaty given
  /// four thousand different days costs four thousand groups, not eight million comparisons.
  /// The exceptions: values consistent with each other (found by sorting them as intervals of
  /// days), dates of one statement, one day in two calendars, and years the references or the
  /// documents tell apart as two entities — decided once per pair of years (blocks), since
  /// both judgements read only a date's year.
  private mutating func entityConflicts(_ all: [ResolvedClaim], contexts: DocumentContexts)
    -> [Conflict]
  {
    let entity = all[0].entity
    // One date, however often given, cannot conflict: the sentences are read only for an
    // entity dated two ways.
    let firstValue = all[0].claim.value
    guard all.contains(where: { $0.claim.value != firstValue }) else { return [] }
    // "the second Treaty of Versailles", "the prior Treaty of Brest-Litovsk": another entity
    // of the name, which the text itself sets apart.
    let members = all.filter {
      !OtherOfName.isMarked($0.claim.subject.text, in: $0.claim.sentence)
    }.sorted { ($0.document, $0.claim.location) < ($1.document, $1.claim.location) }
    var index: [String: Int] = [:]
    var found: [(value: TemporalValue, claims: [ResolvedClaim])] = []
    for member in members {
      guard let value = member.claim.value.temporal else { continue }
      let groupKey = Conflict.groupKey(member.claim)
      if let existing = index[groupKey] {
        found[existing].claims.append(member)
      } else {
        index[groupKey] = found.count
        found.append((value, [member]))
      }
    }
    guard found.count > 1 else { return [] }
    let groups = found.map { value, claims in
      DateGroup(
        predicate: claims[0].claim.predicate, value: value, key: Conflict.groupKey(claims[0].claim),
        claims: claims)
    }
    var plan = LinkPlan(groups: groups, kind: entity.kind)
    plan.findConsistent()
    plan.findOneStatements()
    for (first, second) in plan.findCalendarPairs() {
      if let pair = CalendarPair(
        entity: entity, groups[first].value, groups[first].claims, groups[second].value,
        groups[second].claims)
      {
        calendarPairs.append(pair)
      }
    }
    // Years told apart as two entities: every pair of the class's blocks with a link between
    // them, judged as the old pairwise rule judged two groups.
    let blocks = plan.members.indices.map(plan.merged)
    for (x, y) in plan.blockPairsWithLinks() {
      let first = blocks[x]
      let second = blocks[y]
      guard
        let split = referenceSplit(entity, first, second)
          ?? contextSplit(entity, first, second, contexts)
      else { continue }
      keep(split, entity, first: plan.blockKey(x), second: plan.blockKey(y))
      plan.separate(x, y)
    }
    // Spans given for a war, against every other group, pair by pair.
    for (a, b) in plan.pairwiseCandidates() {
      let first = groups[a]
      let second = groups[b]
      guard
        contradicts(
          (first.predicate, first.value), (second.predicate, second.value), kind: entity.kind),
        !Self.oneStatement(first.claims, second.claims)
      else { continue }
      if let split = referenceSplit(entity, first, second)
        ?? contextSplit(entity, first, second, contexts)
      {
        keep(split, entity, first: first.key, second: second.key)
        continue
      }
      plan.link(a, b)
    }
    let graph = plan.graph()
    return plan.components(of: graph).map { members in
      let identity = [entity.key] + members.map { groups[$0].key }.sorted()
      return Conflict(
        id: "K-" + hexDigest(Data(identity.joined(separator: "\u{0}").utf8)).prefix(12),
        entity: entity, graph: graph, groups: members)
    }
  }

  /// The key of a group of an entity's claims, as ``splitsLeftOut`` counts them.
  static func splitGroup(entity: String, _ claim: Claim) -> String {
    entity + "\u{0}" + Conflict.groupKey(claim)
  }

  /// Keeps a possible split while either side (a group, or a block of groups of one year)
  /// has fewer than ``splitsKeptPerGroup``; else counts it for every group of both sides.
  private mutating func keep(
    _ split: SplitSuggestion, _ entity: Entity, first: String, second: String
  ) {
    let a = entity.key + "\u{0}" + first
    let b = entity.key + "\u{0}" + second
    if splitsKept[a, default: 0] < Self.splitsKeptPerGroup
      || splitsKept[b, default: 0] < Self.splitsKeptPerGroup
    {
      splits.append(split)
      splitsKept[a, default: 0] += 1
      splitsKept[b, default: 0] += 1
    } else {
      for key in Set(split.claims.map { Conflict.groupKey($0.claim) }) {
        splitsLeftOut[entity.key + "\u{0}" + key, default: 0] += 1
      }
    }
  }

  /// Two groups whose dates fit two different entities of this name that the references know.
  private func referenceSplit(_ entity: Entity, _ first: DateGroup, _ second: DateGroup)
    -> SplitSuggestion?
  {
    let firstFits = known.fitting(entity.key, first.value)
    let secondFits = known.fitting(entity.key, second.value)
    guard !firstFits.isEmpty && !secondFits.isEmpty,
      Set(firstFits.map(\.edtf)).isDisjoint(with: secondFits.map(\.edtf))
    else { return nil }
    let names = known.shown[entity.key] ?? [:]
    let fits = (firstFits + secondFits).map { names[$0.edtf] ?? $0.display }
    return SplitSuggestion(
      entity: entity, claims: Self.ordered(first.claims + second.claims),
      known: Array(Set(fits)).sorted())
  }

  /// Two groups from different documents, each document dating the entity one way only and
  /// setting it among other dated things nearer its own date than the other's: the documents
  /// are probably about two entities of one name. Kept a conflict when a document gives both
  /// dates, when a document has nothing else dated, or when the contexts agree.
  private func contextSplit(
    _ entity: Entity, _ first: DateGroup, _ second: DateGroup, _ contexts: DocumentContexts
  ) -> SplitSuggestion? {
    guard let firstYear = ContextYear(first.value), let secondYear = ContextYear(second.value),
      abs(firstYear.middle - secondYear.middle) >= DocumentContexts.apartYears
    else { return nil }
    let firstDocuments = first.documents
    let secondDocuments = second.documents
    guard firstDocuments.isDisjoint(with: secondDocuments) else { return nil }
    let groups = [
      (firstDocuments, first.places, firstYear, secondYear),
      (secondDocuments, second.places, secondYear, firstYear),
    ]
    // Counting first, on every pair of dates; the words of the note only for a split.
    for (documents, places, own, other) in groups {
      for document in documents {
        guard contexts.isAnchored(document, at: places, own, other) else { return nil }
      }
    }
    let described = groups.map { documents, places, own, other in
      let near = documents.flatMap { contexts.near($0, at: places, own, other) }
      return Array(Set(near)).sorted().prefix(3).joined(separator: ", ")
    }
    let sides = [(firstYear, first.value, described[0]), (secondYear, second.value, described[1])]
      .sorted { $0.0.low < $1.0.low }
    return SplitSuggestion(
      entity: entity, claims: Self.ordered(first.claims + second.claims), known: [],
      contexts: sides.map { SplitSuggestion.Context(value: $0.1.display, near: $0.2) })
  }

  /// Whether every claim of one group stands in one sentence with every claim of the other:
  /// "The Little Entente was formed by treaties in 1920 and 1921" gives two dates of one
  /// statement, a list or a span, not a text at odds with itself.
  private static func oneStatement(_ first: [ResolvedClaim], _ second: [ResolvedClaim]) -> Bool {
    guard let sentence = first.first.map({ ($0.document, $0.claim.sentence) }) else { return false }
    func inIt(_ claim: ResolvedClaim) -> Bool { (claim.document, claim.claim.sentence) == sentence }
    return first.allSatisfy(inIt) && second.allSatisfy(inIt)
  }

  private static func ordered(_ claims: [ResolvedClaim]) -> [ResolvedClaim] {
    claims.sorted { ($0.document, $0.claim.location) < ($1.document, $1.claim.location) }
  }

  public func contradicts(
    _ a: (ClaimPredicate, TemporalValue), _ b: (ClaimPredicate, TemporalValue), kind: EntityKind
  ) -> Bool {
    // Other events in a subject's life (a member withdrew, it was renewed) date nothing.
    if a.0 == .other || b.0 == .other { return false }
    switch kind {
    case .agreement:
      let signing: Set<ClaimPredicate> = [.dated, .signed, .founded]
      if signing.contains(a.0) && signing.contains(b.0) || a.0 == b.0 {
        return !Self.consistent(a.1, b.1)
      }
      return false
    case .organization, .other:
      guard a.0 == b.0, a.0 != .dated else { return false }
      return !Self.consistent(a.1, b.1)
    case .event:
      return eventContradicts(a, b) || eventContradicts(b, a)
    }
  }

  private func eventContradicts(
    _ a: (ClaimPredicate, TemporalValue), _ b: (ClaimPredicate, TemporalValue)
  ) -> Bool {
    switch (a.0, b.0) {
    case (.began, .began), (.ended, .ended):
      return !Self.consistent(a.1, b.1)
    case (.dated, .dated):
      // Two years in a war are both true; two spans given for it must match.
      if case .range = a.1, case .range = b.1 { return !Self.sameRange(a.1, b.1) }
      if case .range = a.1 { return !Self.consistent(a.1, b.1) }
      return false
    // A span given for a war is usually its fighting, and a war "ended" is as often dated by
    // its armistice as by its treaty: "(April–August 1898)" and "the treaty of 10 December
    // 1898 ended the war" are both true. The ends of a span contradict only another year.
    case (.began, .dated):
      if case .range(let start, _) = b.1 { return !Self.sameYear(a.1, start) }
      return false
    case (.ended, .dated):
      if case .range(_, let end) = b.1 { return !Self.sameYear(a.1, end) }
      return false
    default:
      return false
    }
  }

  /// Whether two values can both be true: equal at their shared precision, or one inside the
  /// other when one is a range.
  public static func consistent(_ a: TemporalValue, _ b: TemporalValue) -> Bool {
    switch (a, b) {
    case (.point(let x), .point(let y)):
      return x.agrees(with: y)
    case (.range, .range):
      return sameRange(a, b)
    case (.range(let start, let end), .point(let date)),
      (.point(let date), .range(let start, let end)):
      return within(date, start, end)
    default:
      return true
    }
  }

  private static func sameYear(_ value: TemporalValue, _ date: CalendarDate) -> Bool {
    consistent(value, .point(CalendarDate(year: date.year)))
  }

  private static func sameRange(_ a: TemporalValue, _ b: TemporalValue) -> Bool {
    guard case .range(let s1, let e1) = a, case .range(let s2, let e2) = b else { return false }
    return s1.agrees(with: s2) && e1.agrees(with: e2)
  }

  private static func within(_ date: CalendarDate, _ start: CalendarDate, _ end: CalendarDate)
    -> Bool
  {
    if date.agrees(with: start) || date.agrees(with: end) { return true }
    return start < date && date < end
  }
}

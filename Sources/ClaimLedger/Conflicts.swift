import ClaimExtraction
import DateConflicts
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
  /// The entity's groups with their claims, numbered as in the graph.
  let entityGroups: EntityGroups
  /// The conflict's groups in the graph, ascending (their order of first appearance).
  let groups: [Int]

  init(id: String, entity: Entity, graph: ContradictionGraph, groups: [Int], of all: EntityGroups) {
    self.id = id
    self.entity = entity
    self.graph = graph
    self.entityGroups = all
    self.groups = groups
    self.claims = groups.flatMap { all.groups[$0].claims }.sorted {
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
    guard let (own, member) = entityGroups.byID[claimID] else { return [] }
    var nearest: [ResolvedClaim] = []
    for (group, claim) in (entityGroups.byDocument[member.document] ?? []).prefix(256)
    where graph.isLinked(own, group) {
      nearest.append(claim)
      if nearest.count == limit { return nearest }
    }
    // Then one claim from each of the first contradicting groups, outside the own document.
    for group in graph.firstLinked(own, limit: limit) {
      guard
        let claim = entityGroups.groups[group].claims.first(where: {
          $0.document != member.document
        })
      else { continue }
      nearest.append(claim)
      if nearest.count == limit { break }
    }
    return nearest
  }

  /// The values that contradict a claim's (given by id), the first `limit` of them in order of
  /// first appearance, and how many more there are.
  public func contradictingValues(_ claimID: String, limit: Int) -> (
    shown: [ClaimValue], more: Int
  ) {
    guard let own = entityGroups.byID[claimID]?.group else { return ([], 0) }
    let shown = graph.firstLinked(own, limit: limit)
    return (
      shown.map { entityGroups.groups[$0].claims[0].claim.value },
      graph.linkCount(own) - shown.count
    )
  }
}

/// Finds conflicts: claims on the same entity with compatible predicates whose values cannot
/// both hold at their precision (``DateRules``), less those the references or the documents
/// explain as two entities of one name, and one day written in two calendars.
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
    var plan = LinkPlan(groups: groups.map(\.facts), kind: entity.kind)
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
    let blocks = plan.members.indices.map { merged($0, plan, groups) }
    func blockKey(_ number: Int) -> String {
      plan.members[number].count == 1
        ? groups[plan.members[number][0]].key : plan.name(ofBlock: number)
    }
    for (x, y) in plan.blockPairsWithLinks() {
      let first = blocks[x]
      let second = blocks[y]
      guard
        let split = referenceSplit(entity, first, second)
          ?? contextSplit(entity, first, second, contexts)
      else { continue }
      keep(split, entity, first: blockKey(x), second: blockKey(y))
      plan.separate(x, y)
    }
    // Spans given for a war, against every other group, pair by pair.
    for (a, b) in plan.pairwiseCandidates() {
      let first = groups[a]
      let second = groups[b]
      guard
        DateRules.contradicts(
          (first.predicate, first.value), (second.predicate, second.value), kind: entity.kind),
        !Self.oneStatement(first, second)
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
    let all = EntityGroups(groups)
    return plan.components(of: graph).map { members in
      let identity = [entity.key] + members.map { groups[$0].key }.sorted()
      return Conflict(
        id: "K-" + hexDigest(Data(identity.joined(separator: "\u{0}").utf8)).prefix(12),
        entity: entity, graph: graph, groups: members, of: all)
    }
  }

  /// A block of the plan as one group, for the split rules: its claims, and its own value when
  /// it has one group, else its years.
  private func merged(_ number: Int, _ plan: LinkPlan, _ groups: [DateGroup]) -> DateGroup {
    let first = groups[plan.members[number][0]]
    guard plan.members[number].count > 1 else { return first }
    let years = plan.years(ofBlock: number)
    let value: TemporalValue =
      years.low == years.high
      ? .point(CalendarDate(year: years.low))
      : .range(CalendarDate(year: years.low), CalendarDate(year: years.high))
    return DateGroup(
      predicate: first.predicate, value: value, key: plan.name(ofBlock: number),
      claims: plan.members[number].flatMap { groups[$0].claims })
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

  /// Whether both groups stand in one sentence: "The Little Entente was formed by treaties in
  /// 1920 and 1921" gives two dates of one statement, a list or a span, not a text at odds
  /// with itself.
  private static func oneStatement(_ first: DateGroup, _ second: DateGroup) -> Bool {
    first.facts.statement != nil && first.facts.statement == second.facts.statement
  }

  private static func ordered(_ claims: [ResolvedClaim]) -> [ResolvedClaim] {
    claims.sorted { ($0.document, $0.claim.location) < ($1.document, $1.claim.location) }
  }
}

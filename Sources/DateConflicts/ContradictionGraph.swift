import ClaimExtraction

/// One predicate and value given for a subject, as the graph compares it: an entity named in
/// ten thousand documents with three dates is three groups.
public struct DatedGroup: Sendable {
  public var predicate: ClaimPredicate
  public var value: TemporalValue
  /// The one sentence every claim of the group stands in, when there is one (any string that
  /// names the document and the sentence): two groups of one sentence are one statement, "formed
  /// by treaties in 1920 and 1921", not a text at odds with itself.
  public var statement: String?
  /// How many of the group's claims each document holds.
  public var claimsPerDocument: [String: Int]

  public init(
    predicate: ClaimPredicate, value: TemporalValue, statement: String?,
    claimsPerDocument: [String: Int]
  ) {
    self.predicate = predicate
    self.value = value
    self.statement = statement
    self.claimsPerDocument = claimsPerDocument
  }
}

/// How a group of claims compares with the others of its entity.
public enum Comparison: Hashable, Sendable {
  /// Never contradicts anything by itself (a year a war is merely dated to, a decade).
  case never
  /// Contradicts every group of the same class whose value it is not consistent with: all
  /// the dates of a treaty's signing, all the years an organisation was founded in.
  case byConsistency(String)
  /// Decided pair by pair: the span given for a war, which its other dates must fit.
  case pairwise

  public static func of(_ predicate: ClaimPredicate, _ value: TemporalValue, kind: EntityKind)
    -> Comparison
  {
    // Other events in a subject's life (a member withdrew, it was renewed) date nothing, and
    // a decade or a century is consistent with every date.
    if predicate == .other { return .never }
    if case .decade = value { return .never }
    if case .centuries = value { return .never }
    switch kind {
    case .agreement:
      let signing: Set<ClaimPredicate> = [.dated, .signed, .founded]
      return .byConsistency(signing.contains(predicate) ? "signing" : predicate.rawValue)
    case .organization, .other:
      return predicate == .dated ? .never : .byConsistency(predicate.rawValue)
    case .event:
      switch predicate {
      case .began, .ended: return .byConsistency(predicate.rawValue)
      case .dated:
        if case .range = value { return .pairwise }
        return .never
      default: return .never
      }
    }
  }
}

/// Which groups of an entity's claims contradict which, answered on demand.
///
/// Links are not stored pair by pair: a treaty given four thousand different days has eight
/// million contradicting pairs, and a warning names three of them. Groups of one class (see
/// ``Comparison``) contradict each other by default, so the graph keeps the exceptions, which
/// are few: the groups consistent with a group (a year and its days), dates of one statement,
/// one day in two calendars, and whole years told apart as two entities (separated blocks).
/// What a pairwise rule decides — a war's span against its other dates — is kept as explicit
/// links.
public final class ContradictionGraph: Sendable {
  /// The entity's groups in order of first appearance (document, then position).
  public let groups: [DatedGroup]
  /// The block of each group — its class and years — or nil for groups outside every class.
  let block: [Int?]
  /// Each block's groups, ascending.
  let members: [[Int]]
  /// The blocks each block's groups contradict (its own included), ascending: those of its
  /// class not separated from it.
  let comparable: [[Int]]
  private let comparableSets: [Set<Int>]
  private let comparableSizes: [Int]
  /// Groups of the same class that a group does not contradict.
  let compatible: [Set<Int>]
  /// Links a pairwise rule decided.
  let explicit: [Set<Int>]

  init(
    groups: [DatedGroup], block: [Int?], members: [[Int]], comparable: [[Int]],
    compatible: [Set<Int>], explicit: [Set<Int>]
  ) {
    self.groups = groups
    self.block = block
    self.members = members
    self.comparable = comparable
    self.comparableSets = comparable.map(Set.init)
    self.comparableSizes = comparable.map { $0.reduce(0) { $0 + members[$1].count } }
    self.compatible = compatible
    self.explicit = explicit
  }

  /// Whether two groups contradict each other.
  public func isLinked(_ a: Int, _ b: Int) -> Bool {
    guard a != b else { return false }
    if explicit[a].contains(b) { return true }
    guard let x = block[a], let y = block[b], comparableSets[x].contains(y) else { return false }
    return !compatible[a].contains(b)
  }

  /// The groups of the same class that `a` does not contradict although it compares with them.
  private func exceptions(_ a: Int) -> [Int] {
    guard let x = block[a] else { return [] }
    return compatible[a].filter { block[$0].map { comparableSets[x].contains($0) } ?? false }
  }

  /// How many groups contradict `a`.
  public func linkCount(_ a: Int) -> Int {
    var count = explicit[a].count
    if let x = block[a] { count += comparableSizes[x] - 1 - exceptions(a).count }
    return count
  }

  /// The first `limit` groups that contradict `a`, in order of first appearance.
  ///
  /// Blocks are numbered in the order of their first group, so the walk stops at the first
  /// block that starts after the `limit` groups found so far.
  public func firstLinked(_ a: Int, limit: Int) -> [Int] {
    guard limit > 0 else { return [] }
    var found = Array(explicit[a].sorted().prefix(limit))
    if let x = block[a] {
      for other in comparable[x] {
        if found.count == limit, members[other][0] > found[limit - 1] { break }
        var taken = 0
        for group in members[other] where group != a && !compatible[a].contains(group) {
          found.append(group)
          taken += 1
          if taken == limit { break }
        }
        found.sort()
        if found.count > limit { found.removeLast(found.count - limit) }
      }
    }
    return found
  }

  /// How many documents hold a claim of a group that contradicts `a`, `shown` left out.
  ///
  /// Counted by subtraction: the claims per document of every group `a` compares with, less
  /// those of `a`, `shown` and the few it is consistent with. `cache` keeps the first term per
  /// set of blocks compared with (one set for all, unless years were told apart), so each
  /// warning costs its exceptions, not the conflict's size.
  public func documentsOfLinked(
    _ a: Int, except shown: [Int], cache: inout [[Int]: [String: Int]]
  )
    -> Int
  {
    guard let x = block[a], explicit[a].isEmpty else {
      // Explicit links are few (a war's spans): count them directly.
      let linked = (0..<groups.count).filter { isLinked(a, $0) && !shown.contains($0) }
      return Set(linked.flatMap { groups[$0].claimsPerDocument.keys }).count
    }
    let reach: [String: Int]
    if let cached = cache[comparable[x]] {
      reach = cached
    } else {
      var counts: [String: Int] = [:]
      for other in comparable[x] {
        for group in members[other] {
          for (document, count) in groups[group].claimsPerDocument {
            counts[document, default: 0] += count
          }
        }
      }
      cache[comparable[x]] = counts
      reach = counts
    }
    var removed: [String: Int] = [:]
    for group in Set([a] + shown + exceptions(a)) {
      for (document, count) in groups[group].claimsPerDocument {
        removed[document, default: 0] += count
      }
    }
    let emptied = removed.filter { document, count in reach[document] == count }.count
    return reach.count - emptied
  }
}

/// What ``ConflictDetector`` learns of one entity's groups before it builds their
/// ``ContradictionGraph``: classes, blocks, exceptions and explicit links.
public struct LinkPlan {
  let groups: [DatedGroup]
  /// Each group's block (class and years), nil outside every class.
  private(set) var block: [Int?]
  /// Each block's groups, ascending.
  public private(set) var members: [[Int]] = []
  private var blockClass: [Int] = []
  private var blockYears: [ContextYear] = []
  /// Groups decided pair by pair (a war's spans).
  private var pairwise: [Int] = []
  private(set) var compatible: [Set<Int>]
  private var explicit: [Set<Int>]
  /// Pairs of blocks told apart as two entities, smaller first.
  private var separated = Set<[Int]>()

  public init(groups: [DatedGroup], kind: EntityKind) {
    self.groups = groups
    block = Array(repeating: nil, count: groups.count)
    compatible = Array(repeating: [], count: groups.count)
    explicit = Array(repeating: [], count: groups.count)
    var classes: [String: Int] = [:]
    var blocks: [String: Int] = [:]
    for (number, group) in groups.enumerated() {
      switch Comparison.of(group.predicate, group.value, kind: kind) {
      case .never: continue
      case .pairwise: pairwise.append(number)
      case .byConsistency(let name):
        guard let years = ContextYear(group.value) else { continue }
        let classNumber = classes[name] ?? classes.count
        classes[name] = classNumber
        let key = "\(classNumber) \(years.low) \(years.high)"
        if let existing = blocks[key] {
          members[existing].append(number)
          block[number] = existing
        } else {
          blocks[key] = members.count
          block[number] = members.count
          members.append([number])
          blockClass.append(classNumber)
          blockYears.append(years)
        }
      }
    }
  }

  private mutating func makeCompatible(_ a: Int, _ b: Int) {
    compatible[a].insert(b)
    compatible[b].insert(a)
  }

  private func sameClass(_ a: Int, _ b: Int) -> Bool {
    guard let x = block[a], let y = block[b] else { return false }
    return blockClass[x] == blockClass[y]
  }

  /// Groups of one class whose values can both be true. Consistent values overlap as spans of
  /// days (a year holds its days), so after sorting by first day each group meets only the
  /// groups that start before it ends: its own days, not every other date.
  public mutating func findConsistent() {
    var byClass: [Int: [(first: Int, last: Int, group: Int)]] = [:]
    for (number, group) in groups.enumerated() {
      guard let x = block[number], let days = DaySpan(group.value) else { continue }
      byClass[blockClass[x], default: []].append((days.first, days.last, number))
    }
    for spans in byClass.values {
      let sorted = spans.sorted { ($0.first, $0.group) < ($1.first, $1.group) }
      for (position, span) in sorted.enumerated() {
        for other in sorted[(position + 1)...] {
          guard other.first <= span.last else { break }
          if DateRules.consistent(groups[span.group].value, groups[other.group].value) {
            makeCompatible(span.group, other.group)
          }
        }
      }
    }
  }

  /// Groups whose claims all stand in one sentence with each other: "formed by treaties in
  /// 1920 and 1921" gives two dates of one statement, a list or a span.
  public mutating func findOneStatements() {
    var bySentence: [String: [Int]] = [:]
    for (number, group) in groups.enumerated() where block[number] != nil {
      guard let statement = group.statement else { continue }
      bySentence[statement, default: []].append(number)
    }
    for together in bySentence.values where together.count > 1 {
      for (position, a) in together.enumerated() {
        for b in together[(position + 1)...] where sameClass(a, b) { makeCompatible(a, b) }
      }
    }
  }

  /// Pairs of groups (smaller first) giving one day in the Julian and the Gregorian calendar,
  /// made compatible: a note, not a conflict.
  public mutating func findCalendarPairs() -> [(Int, Int)] {
    var byGregorianDay: [Int: [Int]] = [:]
    for (number, group) in groups.enumerated() where block[number] != nil {
      guard case .point(let date) = group.value,
        let day = OldStyle.julianDay(date, gregorian: true)
      else { continue }
      byGregorianDay[day, default: []].append(number)
    }
    var pairs = Set<[Int]>()
    for (number, group) in groups.enumerated() where block[number] != nil {
      guard case .point(let date) = group.value,
        let day = OldStyle.julianDay(date, gregorian: false)
      else { continue }
      for other in byGregorianDay[day] ?? []
      where other != number && sameClass(number, other) && !compatible[number].contains(other) {
        pairs.insert([min(number, other), max(number, other)])
      }
    }
    let ordered = pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
    for pair in ordered { makeCompatible(pair[0], pair[1]) }
    return ordered.map { ($0[0], $0[1]) }
  }

  /// Pairs of blocks of one class (smaller first) with at least one contradicting pair of
  /// groups between them: the pairs a split could explain.
  public func blockPairsWithLinks() -> [(Int, Int)] {
    var crossExceptions: [[Int]: Int] = [:]
    for (number, others) in compatible.enumerated() {
      guard let x = block[number] else { continue }
      for other in others where other > number {
        guard let y = block[other], x != y else { continue }
        crossExceptions[[min(x, y), max(x, y)], default: 0] += 1
      }
    }
    var byClass: [Int: [Int]] = [:]
    for number in members.indices { byClass[blockClass[number], default: []].append(number) }
    var pairs: [(Int, Int)] = []
    for blocks in byClass.values.sorted(by: { $0[0] < $1[0] }) {
      for (position, x) in blocks.enumerated() {
        for y in blocks[(position + 1)...]
        where crossExceptions[[x, y], default: 0] < members[x].count * members[y].count {
          pairs.append((x, y))
        }
      }
    }
    return pairs
  }

  /// The years of a block's dates.
  public func years(ofBlock number: Int) -> ContextYear { blockYears[number] }

  /// A block's name where splits are counted, when it holds more than one group.
  public func name(ofBlock number: Int) -> String {
    "years \(blockYears[number].low)-\(blockYears[number].high) of class \(blockClass[number])"
  }

  public mutating func separate(_ x: Int, _ y: Int) { separated.insert([min(x, y), max(x, y)]) }

  /// Pairs the pairwise rule must judge: each span with every other group, once.
  public func pairwiseCandidates() -> [(Int, Int)] {
    let spans = Set(pairwise)
    var pairs: [(Int, Int)] = []
    for span in pairwise {
      for other in groups.indices where other != span && !(spans.contains(other) && other < span) {
        pairs.append((span, other))
      }
    }
    return pairs
  }

  public mutating func link(_ a: Int, _ b: Int) {
    explicit[a].insert(b)
    explicit[b].insert(a)
  }

  public func graph() -> ContradictionGraph {
    var byClass: [Int: [Int]] = [:]
    for number in members.indices { byClass[blockClass[number], default: []].append(number) }
    let comparable = members.indices.map { x in
      (byClass[blockClass[x]] ?? []).filter { !separated.contains([min(x, $0), max(x, $0)]) }
    }
    return ContradictionGraph(
      groups: groups, block: block, members: members, comparable: comparable,
      compatible: compatible, explicit: explicit)
  }

  /// The graph's connected components of two groups or more, each ascending, in order of
  /// their first group.
  ///
  /// A search over the complement of the exceptions: a group reached takes every unvisited
  /// group of the blocks it compares with, except those it is consistent with, so each
  /// exception is passed over at most once per group and the whole costs groups × blocks plus
  /// exceptions.
  public func components(of graph: ContradictionGraph) -> [[Int]] {
    var parent = Array(groups.indices)
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    func union(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }
    for (number, links) in explicit.enumerated() {
      for other in links { union(number, other) }
    }
    var unvisited = members
    var visited = [Bool](repeating: false, count: groups.count)
    for start in groups.indices where !visited[start] && block[start] != nil {
      visited[start] = true
      var queue = [start]
      while let group = queue.popLast() {
        for other in graph.comparable[block[group]!] {
          var kept: [Int] = []
          for candidate in unvisited[other] where !visited[candidate] {
            if compatible[group].contains(candidate) {
              kept.append(candidate)
            } else {
              visited[candidate] = true
              union(group, candidate)
              queue.append(candidate)
            }
          }
          unvisited[other] = kept
        }
      }
    }
    var components: [Int: [Int]] = [:]
    for number in groups.indices where graph.linkCount(number) > 0 {
      components[root(number), default: []].append(number)
    }
    return components.values.sorted { $0[0] < $1[0] }
  }
}

/// A value as the span of days it may mean, for finding the values that overlap it: a year
/// covers all its days. Days are counted on a calendar of 31-day months, which keeps order
/// and nesting, all the sweep needs.
struct DaySpan {
  var first: Int
  var last: Int

  init?(_ value: TemporalValue) {
    switch value {
    case .point(let date):
      (first, last) = (Self.first(date), Self.last(date))
    case .range(let start, let end):
      // An inverted span still holds its ends: take the widest.
      first = min(Self.first(start), Self.first(end))
      last = max(Self.last(start), Self.last(end))
    case .decade, .centuries:
      return nil
    }
  }

  private static func first(_ date: CalendarDate) -> Int {
    date.year * 372 + ((date.month ?? 1) - 1) * 31 + (date.day ?? 1) - 1
  }

  private static func last(_ date: CalendarDate) -> Int {
    date.year * 372 + ((date.month ?? 12) - 1) * 31 + (date.day ?? 31) - 1
  }
}

import ClaimExtraction
import DateConflicts
import Testing

/// The graph against the rule it stands for: a pair of groups contradicts when ``DateRules``
/// says so, unless the two are one statement, one day in two calendars, or in years told apart.
@Suite("The contradiction graph answers as comparing every pair would")
struct ContradictionGraphTests {
  struct Seeded {
    var state: UInt64
    init(_ seed: Int) { state = UInt64(seed) &* 2_862_933_555_777_941_757 &+ 3_037_000_493 }
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static func date(_ random: inout Seeded, years: ClosedRange<Int>) -> CalendarDate {
    let year = years.lowerBound + random.next(years.count)
    switch random.next(3) {
    case 0: return CalendarDate(year: year)
    case 1: return CalendarDate(year: year, month: 1 + random.next(12))
    // Days crowd into a few months, so that some are one day in two calendars.
    default: return CalendarDate(year: year, month: 1 + random.next(3), day: 1 + random.next(28))
    }
  }

  static func value(_ random: inout Seeded, years: ClosedRange<Int>) -> TemporalValue {
    switch random.next(8) {
    case 0:
      let start = years.lowerBound + random.next(years.count)
      return .range(CalendarDate(year: start), CalendarDate(year: start + 1 + random.next(3)))
    case 1: return .decade(years.lowerBound / 10 * 10)
    default: return .point(date(&random, years: years))
    }
  }

  static func isCalendarPair(_ a: TemporalValue, _ b: TemporalValue) -> Bool {
    guard case .point(let x) = a, case .point(let y) = b else { return false }
    func day(_ date: CalendarDate, _ gregorian: Bool) -> Int? {
      OldStyle.julianDay(date, gregorian: gregorian)
    }
    return (day(x, false) != nil && day(x, false) == day(y, true))
      || (day(y, false) != nil && day(y, false) == day(x, true))
  }

  @Test(
    "random dates of a treaty, a war and an organisation: links, counts, first links, components",
    arguments: 0..<40)
  func agreesWithEveryPair(seed: Int) {
    var random = Seeded(seed)
    let kind = [EntityKind.agreement, .event, .organization][seed % 3]
    let predicates: [ClaimPredicate] = [.dated, .signed, .began, .ended, .founded, .other]
    // One day written in both calendars: 1 January 1801 Old Style is 13 January New Style.
    var groups = [1, 13].map { (day: Int) in
      DatedGroup(
        predicate: .signed, value: .point(CalendarDate(year: 1801, month: 1, day: day)),
        statement: nil, claimsPerDocument: ["d\(day)": 1])
    }
    var seen = Set(groups.map { "\($0.predicate) \($0.value)" })
    // Narrow years so that values overlap, nest and fall on Old Style days.
    while groups.count < 10 + random.next(50) {
      let predicate = predicates[random.next(predicates.count)]
      let value = Self.value(&random, years: 1800...1802)
      guard seen.insert("\(predicate) \(value)").inserted else { continue }
      let statement = random.next(6) == 0 ? "sentence \(random.next(3))" : nil
      groups.append(
        DatedGroup(
          predicate: predicate, value: value, statement: statement,
          claimsPerDocument: ["d\(random.next(4))": 1 + random.next(3)]))
    }
    var plan = LinkPlan(groups: groups, kind: kind)
    plan.findConsistent()
    plan.findOneStatements()
    let calendar = Set(plan.findCalendarPairs().map { [$0.0, $0.1] })
    // Years told apart: the first pair of blocks with a link, when there is one.
    let separated = plan.blockPairsWithLinks().first.map { [$0.0, $0.1] }
    if let separated { plan.separate(separated[0], separated[1]) }
    func oneStatement(_ a: Int, _ b: Int) -> Bool {
      groups[a].statement != nil && groups[a].statement == groups[b].statement
    }
    for (a, b) in plan.pairwiseCandidates()
    where DateRules.contradicts(
      (groups[a].predicate, groups[a].value), (groups[b].predicate, groups[b].value), kind: kind)
      && !oneStatement(a, b)
    {
      plan.link(a, b)
    }
    let graph = plan.graph()
    // The block of each group, as the plan numbered them.
    var blockOf: [Int: Int] = [:]
    for (number, members) in plan.members.enumerated() {
      for group in members { blockOf[group] = number }
    }
    func expected(_ a: Int, _ b: Int) -> Bool {
      guard a != b,
        DateRules.contradicts(
          (groups[a].predicate, groups[a].value), (groups[b].predicate, groups[b].value),
          kind: kind), !oneStatement(a, b)
      else { return false }
      if calendar.contains([min(a, b), max(a, b)]) {
        #expect(Self.isCalendarPair(groups[a].value, groups[b].value))
        return false
      }
      if let separated, let x = blockOf[a], let y = blockOf[b],
        [min(x, y), max(x, y)] == separated
      {
        return false
      }
      return true
    }
    var linkedPairs = 0
    for a in groups.indices {
      let linked = groups.indices.filter { expected(a, $0) }
      linkedPairs += linked.count
      for b in groups.indices {
        #expect(graph.isLinked(a, b) == expected(a, b), "\(groups[a]) / \(groups[b])")
      }
      #expect(graph.linkCount(a) == linked.count)
      #expect(graph.firstLinked(a, limit: 3) == Array(linked.prefix(3)))
      let rest = linked.dropFirst(3)
      var cache: [[Int]: [String: Int]] = [:]
      #expect(
        graph.documentsOfLinked(a, except: Array(linked.prefix(3)), cache: &cache)
          == Set(rest.flatMap { groups[$0].claimsPerDocument.keys }).count)
    }
    // Components: groups joined by links, two or more.
    var parent = Array(groups.indices)
    func root(_ i: Int) -> Int { parent[i] == i ? i : root(parent[i]) }
    for a in groups.indices {
      for b in groups.indices where expected(a, b) && root(a) != root(b) {
        parent[root(a)] = root(b)
      }
    }
    let linkedGroups = groups.indices.filter { a in groups.indices.contains { expected(a, $0) } }
    let components = Set(Dictionary(grouping: linkedGroups, by: root).values.map(Set.init))
    #expect(Set(plan.components(of: graph).map(Set.init)) == components)
    #expect(linkedPairs > 0 || kind != .agreement)
    if kind == .agreement { #expect(calendar.contains([0, 1])) }
  }

  @Test("one class of 20,000 different days: a few links each are found without every pair")
  func manyDays() {
    var groups: [DatedGroup] = []
    for number in 0..<20_000 {
      let date = CalendarDate(
        year: 1500 + number / 336, month: (number / 28) % 12 + 1, day: number % 28 + 1)
      groups.append(
        DatedGroup(
          predicate: .signed, value: .point(date), statement: nil,
          claimsPerDocument: ["d\(number / 100)": 1]))
    }
    // And the years themselves, each consistent with its own 336 days.
    for year in 1500..<1560 {
      groups.append(
        DatedGroup(
          predicate: .signed, value: .point(CalendarDate(year: year)), statement: nil,
          claimsPerDocument: ["years": 1]))
    }
    var plan = LinkPlan(groups: groups, kind: .agreement)
    plan.findConsistent()
    let graph = plan.graph()
    let components = plan.components(of: graph)
    #expect(components.count == 1)
    #expect(components[0].count == groups.count)
    // A day contradicts every other group but its own year.
    #expect(graph.linkCount(0) == groups.count - 2)
    #expect(graph.firstLinked(0, limit: 3) == [1, 2, 3])
    // A year contradicts every group but its days.
    #expect(graph.linkCount(20_000) == groups.count - 1 - 336)
    #expect(graph.firstLinked(20_000, limit: 3) == [336, 337, 338])
  }
}

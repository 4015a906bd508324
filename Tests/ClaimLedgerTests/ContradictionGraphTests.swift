import DateConflicts
import Foundation
import Testing

@testable import ClaimLedger

/// The conflict detector keeps no pairwise links; these tests hold it to the pairwise rule it
/// replaced, and to its output bounds at a size the pairwise rule could not reach.
@Suite("Conflicts from the contradiction graph")
struct ContradictionGraphTests {
  /// A small linear congruential generator: the same documents on every run.
  struct Seeded {
    var state: UInt64
    init(_ seed: Int) { state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1 }
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// A date of `years` at year, month or day precision.
  static func date(_ random: inout Seeded, _ years: ClosedRange<Int>, on: Bool) -> String {
    let year = years.lowerBound + random.next(years.count)
    switch random.next(3) {
    case 0: return "in \(year)"
    case 1: return "in \(months[random.next(12)]) \(year)"
    default: return "\(on ? "on" : "in") \(1 + random.next(28)) \(months[random.next(12)]) \(year)"
    }
  }

  /// One sentence about a treaty or a war, drawn from the shapes the extractor reads.
  static func sentence(_ random: inout Seeded) -> String {
    switch random.next(10) {
    case 0, 1:
      return "The Treaty of Ghent was signed \(date(&random, 1813...1816, on: true))."
    case 2:
      return "The Treaty of Ghent was signed in \(1813 + random.next(4)) and ratified in"
        + " \(1814 + random.next(3))."
    case 3:
      return "The Treaty of Ghent was concluded \(date(&random, 1814...1815, on: true))."
    case 4: return "The Crimean War began \(date(&random, 1852...1854, on: true))."
    case 5: return "The Crimean War ended \(date(&random, 1855...1857, on: true))."
    case 6:
      let start = 1852 + random.next(3)
      return "The Crimean War lasted from \(start) to \(start + 2 + random.next(2))."
    case 7: return "The Crimean War was fought in \(1852 + random.next(6))."
    case 8:
      // Two dates of one statement, in years no other sentence uses.
      let year = 1830 + random.next(12)
      return "The Crimean War began in \(year) and \(year + 1)."
    default:
      let start = 1853 + random.next(2)
      return "The Crimean War (\(start)–\(start + 3)) changed Europe."
    }
  }

  /// Whether every claim of two groups stands in one sentence: one statement, no conflict.
  static func oneStatement(_ first: [ResolvedClaim], _ second: [ResolvedClaim]) -> Bool {
    let all = first + second
    return all.allSatisfy {
      $0.document == all[0].document && $0.claim.sentence == all[0].claim.sentence
    }
  }

  @Test(
    "random treaties and wars: each pair of dates linked exactly as the pairwise rule says",
    arguments: 0..<12)
  func agreesWithPairwiseRule(seed: Int) throws {
    var random = Seeded(seed)
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    let sentences = (0..<48).map { _ in Self.sentence(&random) }
    try workspace.write("docs/a.md", sentences.joined(separator: "\n\n") + "\n")
    let ledger = try workspace.scan().ledger
    var expected: [Set<String>] = []
    var checkedPairs = 0
    for (_, claims) in Dictionary(grouping: ledger.claims, by: \.entity.key) {
      let members = claims.filter {
        !OtherOfName.isMarked($0.claim.subject.text, in: $0.claim.sentence)
          && $0.claim.value.temporal != nil
      }
      let groups = Dictionary(grouping: members) { Conflict.groupKey($0.claim) }
      let keys = groups.keys.sorted()
      guard keys.count > 1 else { continue }
      func linked(_ a: String, _ b: String) -> Bool {
        let first = groups[a]!
        let second = groups[b]!
        let x = first[0].claim
        let y = second[0].claim
        return DateRules.contradicts(
          (x.predicate, x.value.temporal!), (y.predicate, y.value.temporal!),
          kind: first[0].entity.kind)
          && !Self.oneStatement(first, second)
          && CalendarPair(
            entity: first[0].entity, x.value.temporal!, first, y.value.temporal!, second) == nil
      }
      // What the graph says of each pair, against the rule.
      let conflict = ledger.conflicts.first { $0.entity.key == claims[0].entity.key }
      for a in keys {
        for b in keys where a < b {
          let rule = linked(a, b)
          if let conflict, let i = conflict.entityGroups.index[a],
            let j = conflict.entityGroups.index[b]
          {
            let graph = conflict.graph
            #expect(graph.isLinked(i, j) == rule, "\(a) / \(b)")
            #expect(graph.isLinked(j, i) == rule, "\(b) / \(a)")
            checkedPairs += 1
          } else {
            #expect(!rule, "\(a) / \(b) contradict, but no conflict holds them")
          }
        }
      }
      // Components of the rule's links, as claim ids.
      var component: [String: Int] = [:]
      for (number, key) in keys.enumerated() { component[key] = number }
      func root(_ key: String) -> Int {
        var at = component[key]!
        while component[keys[at]]! != at { at = component[keys[at]]! }
        return at
      }
      var linkedKeys = Set<String>()
      for a in keys {
        for b in keys where a < b && linked(a, b) {
          component[keys[root(a)]] = root(b)
          linkedKeys.formUnion([a, b])
        }
      }
      let byRoot = Dictionary(grouping: linkedKeys, by: root)
      for members in byRoot.values {
        expected.append(Set(members.flatMap { groups[$0]!.map(\.claim.id) }))
      }
      if let conflict {
        for a in keys {
          guard let i = conflict.entityGroups.index[a] else { continue }
          let graph = conflict.graph
          let count = keys.filter { $0 != a && linked(a, $0) }.count
          #expect(graph.linkCount(i) == count, "\(a)")
        }
      }
    }
    let found = ledger.conflicts.map { Set($0.claims.map(\.claim.id)) }
    #expect(Set(found) == Set(expected))
    #expect(found.count == expected.count)
    #expect(checkedPairs > 0)
  }

  @Test("5,000 different days of one treaty: one conflict, every warning names three values")
  func thousandsOfDates() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    for file in 0..<50 {
      var lines: [String] = []
      for number in file * 100..<(file + 1) * 100 {
        lines.append(
          "The Treaty of Ghent was signed on \(number % 28 + 1)"
            + " \(Self.months[(number / 28) % 12]) \(1800 + number / 336).")
      }
      try workspace.write("docs/d\(file).md", lines.joined(separator: "\n") + "\n")
    }
    let report = try workspace.scan()
    #expect(report.ledger.claims.count == 5000)
    #expect(report.ledger.conflicts.count == 1)
    let conflict = try #require(report.ledger.conflicts.first)
    #expect(conflict.values.count == 5000)
    let diagnostics = conflict.diagnostics
    #expect(diagnostics.count == 5000)
    for diagnostic in diagnostics {
      let named = diagnostic.message.components(separatedBy: " at docs/").count - 1
      #expect(named == Conflict.valuesShown, "\(diagnostic.message)")
      // Every other day contradicts it, less the one or two written in the other calendar.
      #expect(diagnostic.message.contains(" other values in 50 documents"), "\(diagnostic.message)")
    }
    #expect(diagnostics.allSatisfy { $0.message.utf8.count < 400 })
    // What the HTML report says at a claim: three values and a count.
    let values = conflict.contradictingValues(conflict.claims[17].claim.id, limit: 3)
    #expect(values.shown.count == 3)
    #expect(values.more > 4900 && values.more < 4997)
    let related = conflict.contradicting(conflict.claims[4321].claim.id, limit: 3)
    #expect(related.count == 3)
    #expect(related.allSatisfy { $0.document == conflict.claims[4321].document })
  }

  @Test(
    "two years of one name, each given at two precisions in documents of their own time: one split")
  func splitBetweenYears() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write(
      "docs/a1.md",
      "The Treaty of Turin was signed on 29 August 1696. The Nine Years War ended in 1697.\n")
    try workspace.write(
      "docs/a2.md",
      "The Treaty of Turin was signed in 1696. The Peace of Ryswick was signed in 1697.\n")
    try workspace.write(
      "docs/b1.md",
      "The Treaty of Turin was signed on 24 March 1860. The Second Italian War began in 1859.\n")
    try workspace.write(
      "docs/b2.md",
      "The Treaty of Turin was signed in March 1860. The Second Italian War ended in 1859.\n")
    let ledger = try workspace.scan().ledger
    #expect(ledger.conflicts.isEmpty)
    // One suggestion for the pair of years, at each of its four claims.
    #expect(ledger.splitSuggestions.count == 1)
    let notes = ledger.splitSuggestions.flatMap(\.diagnostics)
    #expect(notes.map(\.path).sorted() == ["docs/a1.md", "docs/a2.md", "docs/b1.md", "docs/b2.md"])
    #expect(
      notes.allSatisfy { $0.message.contains("1696 beside") && $0.message.contains("1860 beside") })
    // A document of the later year with nothing else dated cannot tell: all four conflict.
    try workspace.write("docs/b2.md", "The Treaty of Turin was signed in March 1860.\n")
    let kept = try workspace.scan().ledger
    #expect(kept.conflicts.count == 1)
    #expect(kept.conflicts.first?.claims.count == 4)
    #expect(kept.splitSuggestions.isEmpty)
  }

  @Test("a treaty's own other dates of one year do not vouch for a split: one conflict, no note")
  func ownDatesDoNotVouch() throws {
    // Two documents give days of 1800, two give days of 1810, and nothing else is dated: judged
    // two days at a time, each document's other days of its own year looked like a context.
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    for (file, year) in [(0, 1800), (1, 1800), (2, 1810), (3, 1810)] {
      let lines = (0..<50).map { number in
        "The Treaty of Ghent was signed on \(number % 28 + 1)"
          + " \(Self.months[number / 28 + 2 * file]) \(year)."
      }
      try workspace.write("docs/d\(file).md", lines.joined(separator: "\n") + "\n")
    }
    let ledger = try workspace.scan().ledger
    #expect(ledger.splitSuggestions.isEmpty)
    #expect(ledger.conflicts.count == 1)
    #expect(ledger.conflicts.first?.claims.count == 200)
  }
}

import ClaimLedger
import Foundation
import Testing

/// A conflict's warnings grow with its claims, not with the square of its values.
@Suite("Conflict warnings are bounded")
struct BoundedConflictOutputTests {
  @Test("each place names at most three other values and counts the rest")
  func manyValues() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    var sentences: [String] = []
    for year in 1810..<1830 { sentences.append("The Treaty of Ghent was signed in \(year).") }
    try workspace.write("docs/a.md", sentences.joined(separator: "\n\n"))
    let report = try workspace.scan()
    let conflict = try #require(report.ledger.conflicts.first)
    #expect(conflict.values.count == 20)
    let diagnostics = conflict.diagnostics
    #expect(diagnostics.count == 20)
    for diagnostic in diagnostics {
      let named = diagnostic.message.components(separatedBy: " at docs/a.md:").count - 1
      #expect(named <= Conflict.valuesShown, "\(diagnostic.message)")
      #expect(
        diagnostic.message.hasSuffix(
          "; and 16 other values in 1 document ('claimledger conflicts --format json' lists all)"),
        "\(diagnostic.message)")
    }
    // The first warning names the first values met, nearest first.
    #expect(
      diagnostics[0].message.hasPrefix(
        "\"Treaty of Ghent\" signed 1810 here but 1811 at docs/a.md:3:35; 1812 at docs/a.md:5:35;"
          + " 1813 at docs/a.md:7:35;"))
  }
}

@Suite("Notes beside conflicts are bounded")
struct BoundedNoteOutputTests {
  @Test(
    "a treaty dated one way in each of twenty documents: at most three notes and a count per place")
  func manyDocuments() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    for index in 0..<20 {
      let year = 1700 + 10 * index
      try workspace.write(
        "docs/d\(index).md",
        "The Treaty of Ghent was signed in \(year). The Peace of Nothing was signed in \(year + 1)."
          + "\n\nThe Treaty of Ghent, signed in \(year), was soon forgotten.\n")
    }
    let report = try workspace.scan()
    let notes = report.ledger.noteDiagnostics
    #expect(!notes.isEmpty)
    let perPlace = Dictionary(grouping: notes, by: \.place)
    for (place, here) in perPlace {
      #expect(here.count <= Ledger.notesPerPlace + 1, "\(place): \(here.count) notes")
      if here.count == Ledger.notesPerPlace + 1 {
        #expect(here.last!.message.hasPrefix("and "), "\(here.last!.message)")
      }
    }
    #expect(perPlace.values.contains { $0.count == Ledger.notesPerPlace + 1 })
  }
}

@Suite("Possible splits kept are bounded")
struct BoundedSplitTests {
  @Test(
    "a treaty dated one way in each of thirty documents keeps a few splits per date and counts the rest"
  )
  func splitsPerGroup() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    for index in 0..<30 {
      let year = 1600 + 10 * index
      try workspace.write(
        "docs/d\(index).md",
        "The Treaty of Ghent was signed in \(year). The Peace of Nothing was signed in \(year + 1)."
          + "\n\nThe Treaty of Ghent, signed in \(year), was soon forgotten.\n")
    }
    let ledger = try workspace.scan().ledger
    // 30 documents, each dating the treaty one way (in up to two groups: "was signed in",
    // "signed in"): hundreds of pairs; each group keeps at most four.
    #expect(ledger.splitSuggestions.count <= 2 * 30 * ConflictDetector.splitsKeptPerGroup)
    #expect(!ledger.splitSuggestions.isEmpty)
    let counted = ledger.noteDiagnostics.filter { $0.message.hasPrefix("and ") }
    #expect(!counted.isEmpty)
    // What a place shows and counts covers at least one split with each other document.
    let first = try #require(ledger.claims.first { $0.document == "docs/d0.md" })
    let place = "docs/d0.md:\(first.claim.location.line):\(first.claim.location.column)"
    let here = ledger.noteDiagnostics.filter { $0.place == place }
    let shown = here.filter { !$0.message.hasPrefix("and ") }.count
    let more = here.first { $0.message.hasPrefix("and ") }.flatMap {
      Int($0.message.split(separator: " ")[1])
    }
    #expect(shown <= Ledger.notesPerPlace)
    #expect(shown + (more ?? 0) >= 29, "\(here.map(\.message))")
  }
}

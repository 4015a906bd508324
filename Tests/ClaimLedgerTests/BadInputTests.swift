import ClaimExtraction
import ClaimLedger
import Foundation
import Testing

/// Bad input never crashes a scan, never leaves a partial file, and never changes the claims
/// of other documents.
@Suite("Bad input")
struct BadInputTests {
  /// A workspace with one good document scanned, to check it survives each bad input.
  func workspaceWithGoodDocument() throws -> (TemporaryWorkspace, Data) {
    let workspace = try TemporaryWorkspace()
    try workspace.write(
      "good.md", "The Treaty of Westminster in 1674 and the Warsaw Pact in 1955.\n")
    try workspace.scan()
    let ledger = try Data(
      contentsOf: URL(fileURLWithPath: workspace.root + "/Claims/ledger/good.md.json"))
    return (workspace, ledger)
  }

  func expectUndamaged(_ workspace: TemporaryWorkspace, _ good: Data) throws {
    let now = try Data(
      contentsOf: URL(fileURLWithPath: workspace.root + "/Claims/ledger/good.md.json"))
    #expect(now == good)
    let leftovers = try workspace.claimsSnapshot().keys.filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
  }

  @Test("invalid UTF-8 is read with replacement and warned about once")
  func invalidUTF8() throws {
    let (workspace, good) = try workspaceWithGoodDocument()
    var bytes = Data("Bad \u{FF} bytes here.\n".utf8)
    bytes.replaceSubrange(4..<6, with: [0xFF, 0xFE])
    bytes.append(Data("More \u{0} later".utf8).prefix(5))
    bytes.append(contentsOf: [0xC3, 0x28])
    bytes.append(Data(" and the Warsaw Pact in 1955.\n".utf8))
    try workspace.write("broken.md", bytes)
    let report = try workspace.scan()
    let notices = report.diagnostics.filter { $0.path == "broken.md" }
    #expect(notices.count == 1)
    #expect(notices.first?.code == "invalid-utf8")
    #expect(notices.first?.message == "invalid UTF-8 (3 bytes); read with replacement characters")
    #expect(notices.first?.line == 1 && notices.first?.column == 5)
    let claim = try #require(report.claims(in: "broken.md").first)
    #expect(claim.entity.name == "Warsaw Pact")
    #expect(claim.claim.location.line == 2)
    try expectUndamaged(workspace, good)
  }

  @Test("a binary file is skipped with a message")
  func binary() throws {
    let (workspace, good) = try workspaceWithGoodDocument()
    try workspace.write("image.md", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]))
    let report = try workspace.scan()
    #expect(
      report.problems.map(\.formatted) == ["image.md: note: skipped: binary file, not text"])
    #expect(!report.hasErrors)
    #expect(
      !FileManager.default.fileExists(atPath: workspace.root + "/Claims/ledger/image.md.json"))
    try expectUndamaged(workspace, good)
  }

  @Test("an empty file has a ledger with no claims")
  func empty() throws {
    let (workspace, good) = try workspaceWithGoodDocument()
    try workspace.write("empty.txt", "")
    let report = try workspace.scan()
    #expect(report.claims(in: "empty.txt").isEmpty)
    #expect(report.ledger.documents.contains { $0.document == "empty.txt" && $0.claims.isEmpty })
    try expectUndamaged(workspace, good)
  }

  @Test("a 20 MB file with no line breaks")
  func hugeLine() throws {
    let (workspace, good) = try workspaceWithGoodDocument()
    let filler = String(repeating: "and then 1,000 troops marched along the river ", count: 20)
    let sentence = "Some say the Treaty of Dover in 1670 mattered \(filler)for years. "
    let copies = 20_000_000 / sentence.utf8.count + 1
    try workspace.write("huge.txt", String(repeating: sentence, count: copies))
    let report = try workspace.scan(["huge.txt"])
    let claims = report.claims(in: "huge.txt")
    #expect(claims.count == copies)
    #expect(claims.allSatisfy { $0.claim.location.line == 1 })
    #expect(claims.last?.claim.location.column == (copies - 1) * sentence.count + 33)
    #expect(report.ledger.conflicts.isEmpty)
    try expectUndamaged(workspace, good)
  }

  @Test("a missing path is an error and nothing is written")
  func missingPath() throws {
    let (workspace, good) = try workspaceWithGoodDocument()
    try workspace.write("new.md", "The Treaty of Dover in 1670.\n")
    #expect(throws: LedgerError.missingPath(workspace.root + "/nope.md")) {
      try workspace.scan(["new.md", "nope.md"])
    }
    #expect(!FileManager.default.fileExists(atPath: workspace.root + "/Claims/ledger/new.md.json"))
    try expectUndamaged(workspace, good)
  }

  @Test(
    "a malformed aliases.yaml is an error naming the file and line",
    arguments: [
      ("schema: 1\nsame:\n  - [NATO, North Atlantic\n", 4),
      ("schema: 1\nsame:\n  - NATO\n", 3),
      (
        "schema: 1\ndistinct:\n  - name: Treaty of Paris\n    entities:\n      - name: A\n        years: [nineteen]\n      - name: B\n        years: [1783]\n",
        6
      ),
      ("schema: 2\n", 1),
      ("schema: 1\nsmae: []\n", 2),
    ])
  func malformedAliases(text: String, line: Int) throws {
    let (workspace, good) = try workspaceWithGoodDocument()
    try workspace.write("Claims/aliases.yaml", text)
    try workspace.write("good.md", "Now the Treaty of Westminster in 1654.\n")
    do {
      try workspace.scan()
      Issue.record("the scan should have failed")
    } catch let error as LedgerError {
      guard case .malformedFile(let path, let reported, _, _) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(path == "Claims/aliases.yaml")
      #expect(reported == line)
      #expect(error.localizedDescription.hasPrefix("Claims/aliases.yaml:\(line):"))
    }
    // The changed document was not re-extracted: its old claims stand.
    try expectUndamaged(workspace, good)
  }
}

@Suite("Bad input: the report section of config.yaml")
struct ReportSettingsTests {
  @Test("report settings are read; a bad date or an empty author is an error at its line")
  func settings() throws {
    let workspace = try TemporaryWorkspace(
      config: """
        schema: 1
        documents:
          include: [docs]
        report:
          title: "Our claims"
          author: "Example Fact Desk"
          url: "https://factdesk.example/claims/"
          datePublished: 2026-11-22
        """)
    let report = try WorkspaceConfig.load(workspace.workspace).report
    #expect(report.title == "Our claims" && report.author == "Example Fact Desk")
    #expect(report.url == "https://factdesk.example/claims/")
    #expect(report.datePublished == "2026-11-22" && report.documentsURL == nil)

    try workspace.write(
      "Claims/config.yaml", "schema: 1\nreport:\n  author: X\n  datePublished: \"22/11/2026\"\n")
    #expect(
      throws: LedgerError.malformedFile(
        path: "Claims/config.yaml", line: 4, column: 18,
        message: "'report.datePublished' must be a date, YYYY-MM-DD")
    ) { try WorkspaceConfig.load(workspace.workspace) }
    try workspace.write("Claims/config.yaml", "schema: 1\nreport:\n  author: \"\"\n")
    #expect(throws: LedgerError.self) { try WorkspaceConfig.load(workspace.workspace) }
    try workspace.write("Claims/config.yaml", "schema: 1\nreport: [a, b]\n")
    #expect(throws: LedgerError.self) { try WorkspaceConfig.load(workspace.workspace) }
  }
}

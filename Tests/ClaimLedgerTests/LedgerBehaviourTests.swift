import ClaimExtraction
import ClaimLedger
import Foundation
import Testing

@Suite("Ledger files and conflicts")
struct LedgerBehaviourTests {
  let essay = """
    # Early treaties

    Notable examples include the Treaty of Westminster in 1674, which ended a war.

    The formation of the North Atlantic Treaty Organization (NATO) in 1949 followed.

    Later writers date the Treaty of Westminster in 1651 instead.

    """

  @Test("a second scan of an unchanged workspace leaves every file byte-identical")
  func deterministic() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("articles/a.md", essay)
    try workspace.write("articles/b.txt", "The Warsaw Pact was dissolved in 1991.\n")
    let first = try workspace.scan()
    #expect(first.extracted == ["articles/a.md", "articles/b.txt"])
    let before = try workspace.claimsSnapshot()
    #expect(before.keys.contains("ledger/articles/a.md.json"))
    let second = try workspace.scan()
    #expect(second.extracted.isEmpty)
    #expect(try workspace.claimsSnapshot() == before)
    // Re-extracting (as after deleting a ledger file) writes the very same bytes.
    try FileManager.default.removeItem(atPath: workspace.root + "/Claims/ledger/articles/a.md.json")
    try workspace.scan()
    #expect(try workspace.claimsSnapshot() == before)
  }

  @Test("ledger files are sorted-key JSON with a schema version")
  func ledgerFormat() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", essay)
    try workspace.scan()
    let text = try String(
      contentsOfFile: workspace.root + "/Claims/ledger/a.md.json", encoding: .utf8)
    #expect(text.hasPrefix("{\n  \"acronyms\" : [\n"))
    #expect(text.contains("\"schema\" : 1"))
    #expect(text.hasSuffix("}\n"))
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    #expect((object["claims"] as! [Any]).count == 3)
    #expect(object["document"] as? String == "a.md")
  }

  @Test("inserting a paragraph at the top keeps the ids of the other claims")
  func stableIds() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", essay)
    let before = try workspace.scan().ledger.claims
    try workspace.write(
      "a.md", "The Treaty of Dover in 1670 came first.\n\nAnother paragraph.\n\n" + essay)
    let after = try workspace.scan().ledger.claims
    #expect(after.count == before.count + 1)
    let beforeIds = before.map(\.claim.id)
    #expect(Array(after.map(\.claim.id).dropFirst()) == beforeIds)
    #expect(
      after.dropFirst().map(\.claim.location.line) == before.map { $0.claim.location.line + 4 })
  }

  @Test("conflicts within a document and across documents, precision-aware")
  func conflicts() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "The Treaty of Westminster was signed on 19 February 1674.\n")
    try workspace.write("b.md", "It recalls the Treaty of Westminster in 1674 and little else.\n")
    #expect(try workspace.scan().ledger.conflicts.isEmpty)
    try workspace.write("c.md", "Some say the Treaty of Westminster in 1651 came first.\n")
    let conflicts = try workspace.scan().ledger.conflicts
    #expect(conflicts.count == 1)
    #expect(conflicts[0].claims.map(\.document) == ["a.md", "b.md", "c.md"])
    #expect(conflicts[0].values.map(\.edtf) == ["1674-02-19", "1674", "1651"])
    // The first claim's warning names only the value that contradicts it.
    let message = conflicts[0].diagnostics[0].message
    #expect(
      message == "\"Treaty of Westminster\" signed 19 February 1674 here but 1651 at c.md:1:39")
  }

  @Test("the id of a conflict stays while the same values disagree")
  func conflictId() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "the Treaty of Dover in 1670.\n")
    try workspace.write("b.md", "the Treaty of Dover in 1672.\n")
    let id = try workspace.scan().ledger.conflicts.first?.id
    try workspace.write("c.md", "Again, the Treaty of Dover in 1672.\n")
    #expect(try workspace.scan().ledger.conflicts.map(\.id) == [id!])
  }

  @Test("a distinct split in aliases.yaml removes the conflict and keeps both claims")
  func distinctSplit() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "It ended with the Treaty of Paris in 1763.\n")
    try workspace.write("b.md", "Independence came with the Treaty of Paris in 1783.\n")
    #expect(try workspace.scan().ledger.conflicts.count == 1)
    try workspace.write(
      "Claims/aliases.yaml",
      """
      schema: 1
      distinct:
        - name: Treaty of Paris
          entities:
            - name: Treaty of Paris (1763)
              years: [1763]
            - name: Treaty of Paris (1783)
              years: ["1782-1784"]

      """)
    let ledger = try workspace.scan().ledger
    #expect(ledger.conflicts.isEmpty)
    #expect(
      ledger.claims.map(\.entity.name) == ["Treaty of Paris (1763)", "Treaty of Paris (1783)"])
  }

  @Test("acronyms defined in one document resolve claims in another")
  func acronymsAcrossDocuments() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "Members of the North Atlantic Treaty Organization (NATO) met.\n")
    try workspace.write("b.md", "NATO was founded in 1950.\n")
    try workspace.write("c.md", "The North Atlantic Treaty Organization was founded in 1949.\n")
    let ledger = try workspace.scan().ledger
    #expect(Set(ledger.claims.map(\.entity.key)) == ["north atlantic treaty organization"])
    #expect(ledger.conflicts.count == 1)
    #expect(ledger.conflicts.first?.entity.name == "North Atlantic Treaty Organization")
  }

  @Test("same groups in aliases.yaml join names")
  func sameGroups() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write(
      "Claims/aliases.yaml", "schema: 1\nsame:\n  - [Peace of Westphalia, Treaty of Westphalia]\n")
    try workspace.write("a.md", "The Treaty of Westphalia (1648) ended it.\n")
    try workspace.write("b.md", "The Peace of Westphalia in 1658 ended it.\n")
    let ledger = try workspace.scan().ledger
    #expect(ledger.conflicts.count == 1)
    #expect(ledger.conflicts.first?.entity.name == "Peace of Westphalia")
  }

  @Test("wars span time: a year inside the war is no contradiction, a wrong end is")
  func events() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "The Thirty Years' War (1618–1648) devastated Germany.\n")
    try workspace.write("b.md", "The Thirty Years' War ended in 1648.\n")
    try workspace.write("c.md", "Much of the Thirty Years' War in 1630 was fought in Saxony.\n")
    #expect(try workspace.scan().ledger.conflicts.isEmpty)
    try workspace.write("d.md", "The Thirty Years' War ended in 1650.\n")
    let conflicts = try workspace.scan().ledger.conflicts
    #expect(conflicts.count == 1)
    #expect(conflicts.first?.claims.map(\.document) == ["a.md", "b.md", "d.md"])
  }

  @Test("organisations exist over time: only the same event can conflict")
  func organizations() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "NATO in 1949 had twelve members; NATO in 1999 had nineteen.\n")
    #expect(try workspace.scan().ledger.conflicts.isEmpty)
    try workspace.write("b.md", "NATO was founded in 1949. Others say NATO was founded in 1950.\n")
    #expect(try workspace.scan().ledger.conflicts.count == 1)
  }

  @Test("removing a document removes its ledger file on a full scan")
  func removal() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", essay)
    try workspace.write("b.md", "The Warsaw Pact was dissolved in 1991.\n")
    try workspace.scan()
    try FileManager.default.removeItem(atPath: workspace.root + "/b.md")
    let report = try workspace.scan()
    #expect(report.removed == ["b.md"])
    #expect(!FileManager.default.fileExists(atPath: workspace.root + "/Claims/ledger/b.md.json"))
  }

  @Test("the workspace is found by walking up, as git finds .git")
  func discovery() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("deep/er/a.md", essay)
    let found = try Workspace.discover(from: workspace.root + "/deep/er")
    #expect(found.root == workspace.workspace.root)
    #expect(throws: LedgerError.noWorkspace(searchedFrom: "/")) {
      try Workspace.discover(from: "/")
    }
  }
}

@Suite("Conflicts between compatible events only")
struct EventConflictTests {
  @Test("a member's withdrawal is no contradiction of the signing; another signing year is")
  func withdrawal() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write(
      "a.md",
      "The Baghdad Pact was signed in 1955.\n\nIraq withdrew from the Baghdad Pact in 1959.\n")
    let ledger = try workspace.scan().ledger
    #expect(ledger.claims.map(\.claim.predicate) == [.signed, .other])
    #expect(ledger.conflicts.isEmpty)
    try workspace.write("b.md", "The Baghdad Pact was signed in 1959.\n")
    #expect(try workspace.scan().ledger.conflicts.count == 1)
  }

  @Test("a ledger written by another extractor version is extracted again")
  func reExtraction() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.write("a.md", "The Treaty of Karlowitz 1699 marked a turning point.\n")
    _ = try workspace.scan()
    let path = workspace.root + "/Claims/ledger/a.md.json"
    let current = try String(contentsOfFile: path, encoding: .utf8)
    #expect(current.contains("\"extractor\" : \"\(Extractor.version)\""))
    // As an older version wrote it: no claims, another version.
    let old = current.replacingOccurrences(
      of: "\"extractor\" : \"\(Extractor.version)\"", with: "\"extractor\" : \"1\"")
    try old.write(toFile: path, atomically: true, encoding: .utf8)
    let report = try workspace.scan()
    #expect(report.extracted == ["a.md"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == current)
  }
}

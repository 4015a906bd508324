import ClaimLedger
import Foundation
import Testing

@Suite("Sources registry")
struct SourceRegistryTests {
  @Test("a registered source reads back the same, written or hand-edited")
  func roundTrip() throws {
    let workspace = try TemporaryWorkspace()
    let registry = SourceRegistry(workspace: workspace.workspace)
    let source = Source(
      id: "westminster", url: "https://example.org/wiki/Treaty_of_Westminster_(1674)",
      title: "Treaty of \"Westminster\" — 1674", publisher: "Example", kind: .encyclopedia,
      reliability: .high, covers: ["Treaty of Westminster", "Third Anglo-Dutch War"])
    try registry.add(source)
    #expect(try registry.read("westminster") == source)
    // The same source written by hand, with comments and plain scalars, goes through YAML.
    try workspace.write(
      "Sources-Registry/by-hand.yaml",
      """
      # added by a reviewer
      schema: 1
      id: by-hand
      url: https://example.org/wiki/Treaty_of_Westminster_(1674)
      title: 'Treaty of "Westminster" — 1674'
      publisher: Example
      kind: encyclopedia
      reliability: high
      covers:
        - Treaty of Westminster
        - Third Anglo-Dutch War

      """)
    var expected = source
    expected.id = "by-hand"
    #expect(try registry.read("by-hand") == expected)
    #expect(try registry.list().map(\.id) == ["by-hand", "westminster"])
  }

  @Test("ids are slugs; a bad kind in a hand-edited file names the file and line")
  func validation() throws {
    let workspace = try TemporaryWorkspace()
    let registry = SourceRegistry(workspace: workspace.workspace)
    #expect(
      SourceRegistry.slug(for: "https://www.Example.org/wiki/Peace_of_Westphalia?x=1")
        == "example-org-wiki-peace-of-westphalia-x-1")
    for bad in ["../evil", "a/b", "UPPER", ".hidden", ""] where !bad.isEmpty {
      #expect(throws: LedgerError.self) {
        try registry.add(Source(id: bad, url: "https://example.org/"))
      }
    }
    let generated = try registry.add(Source(id: "", url: "https://example.org/a"))
    let second = try registry.add(Source(id: "", url: "https://example.org/a"))
    #expect(generated.id == "example-org-a" && second.id == "example-org-a-2")
    try workspace.write(
      "Sources-Registry/odd.yaml", "schema: 1\nid: odd\nurl: https://example.org/\nkind: blog\n")
    do {
      _ = try registry.read("odd")
      Issue.record("reading should have failed")
    } catch let error as LedgerError {
      #expect(error.localizedDescription.hasPrefix("Sources-Registry/odd.yaml:4:"))
      #expect(error.localizedDescription.contains("unknown kind 'blog'"))
    }
  }
}

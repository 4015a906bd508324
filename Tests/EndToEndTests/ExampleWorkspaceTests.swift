import Foundation
import TestServers
import Testing

/// Issue 17: the example workspace is whole, and a report's summary says what the evidence
/// suggests.
@Suite("The example workspace and what a newcomer sees first", .serialized)
struct ExampleWorkspaceTests {
  @Test("the repository's registry holds an encyclopedia article for every subject it claims")
  func registry() throws {
    let listing = try run(["sources", "list", "--format", "json"], in: repositoryRoot)
    #expect(listing.status == 0, "\(listing.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as! [String: Any]
    let sources = object["sources"] as! [[String: Any]]
    #expect(sources.count >= 10)
    var covered = Set<String>()
    for source in sources {
      let url = source["url"] as! String
      #expect(url.hasPrefix("https://en.wikipedia.org/wiki/"), "\(url)")
      #expect(source["kind"] as? String == "encyclopedia")
      #expect((source["title"] as? String)?.isEmpty == false)
      for name in source["covers"] as? [String] ?? [] { covered.insert(name) }
    }
    // Every subject the example articles date has a reference a reviewer would trust.
    let claims = try run(["claims", "--format", "json"], in: repositoryRoot)
    let claimed = try JSONSerialization.jsonObject(with: Data(claims.stdout.utf8)) as! [String: Any]
    let subjects = Set(
      (claimed["claims"] as! [[String: Any]]).map {
        ($0["entity"] as! [String: Any])["name"] as! String
      })
    #expect(!subjects.isEmpty)
    #expect(subjects.subtracting(covered).isEmpty, "not covered: \(subjects.subtracting(covered))")
    // What fetch writes stays out of git.
    let ignore = try String(contentsOfFile: repositoryRoot + "/.gitignore", encoding: .utf8)
    #expect(ignore.contains("/Sources-Registry/snapshots/"))
    #expect(ignore.contains("/Sources-Registry/fetch-log.jsonl"))
  }

  /// A workspace with one claim the reference supports, one it contradicts and one both.
  func verifiedWorkspace() throws -> (String, Nginx) {
    let nginx = try Nginx(files: [
      "dover.html": Array("<p>The Treaty of Dover was signed in 1670.</p>".utf8),
      "ghent.html": Array("<p>The Treaty of Ghent was signed on 24 December 1814.</p>".utf8),
    ])
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder + "/docs", withIntermediateDirectories: true)
    #expect(try run(["init"], in: folder).status == 0)
    try Data(
      """
      The Treaty of Dover was signed in 1670.

      The Treaty of Ghent was signed in 1815.

      """.utf8
    ).write(to: URL(fileURLWithPath: folder + "/docs/a.md"))
    #expect(try run(["scan"], in: folder).status == 0)
    for (id, covers) in [("dover", "Treaty of Dover"), ("ghent", "Treaty of Ghent")] {
      let added = try run(
        ["sources", "add", nginx.base + "/\(id).html", "--id", id, "--covers", covers], in: folder)
      #expect(added.status == 0)
    }
    #expect(try run(["fetch"], in: folder).status == 0)
    #expect(try run(["verify"], in: folder).status == 0)
    return (folder, nginx)
  }

  @Test("every report summary counts what the evidence suggests and links the claims to read first")
  func suggestionSummary() throws {
    let (folder, nginx) = try verifiedWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let markdown = try run(["report", "--format", "markdown"], in: folder).stdout
    #expect(markdown.contains("| Evidence suggests (no verdict yet) | Claims |"))
    #expect(
      markdown.contains(
        "| [`contradicted`](#read-first-evidence-suggests-contradicted-1) | 1 |"))
    #expect(markdown.contains("| `supported` | 1 |"))
    #expect(markdown.contains("## Read first: evidence suggests contradicted (1)"))
    #expect(markdown.contains("Treaty of Ghent signed 1815"))

    let html = try run(["report", "--format", "html"], in: folder).stdout
    #expect(html.contains("<a href=\"#suggests-contradicted\">"))
    #expect(html.contains("<section class=\"read-first\" id=\"suggests-contradicted\">"))

    let json = try run(["report", "--format", "json"], in: folder).stdout
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let suggestions = (object["summary"] as! [String: Any])["suggestions"] as! [String: Int]
    #expect(suggestions == ["contradicted": 1, "mixed": 0, "supported": 1, "mentioned": 0])

    // A verdict moves a claim out of the suggestion counts: it is decided.
    let id = try claimId(in: folder, year: "1815")
    #expect(try run(["verdict", id, "refuted", "--reviewer", "Ann"], in: folder).status == 0)
    let after = try run(["report", "--format", "json"], in: folder).stdout
    let decided = try JSONSerialization.jsonObject(with: Data(after.utf8)) as! [String: Any]
    #expect(
      ((decided["summary"] as! [String: Any])["suggestions"] as! [String: Int])["contradicted"]
        == 0)
    withExtendedLifetime(nginx) {}
  }

  @Test("claims --suggests lists the claims the evidence contradicts")
  func suggestsFilter() throws {
    let (folder, nginx) = try verifiedWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let contradicted = try run(["claims", "--suggests", "contradicted"], in: folder)
    #expect(contradicted.status == 0)
    let lines = contradicted.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.contains("Treaty of Ghent: signed 1815") == true)
    let supported = try run(["claims", "--suggests", "supported"], in: folder).stdout
    #expect(supported.contains("Treaty of Dover: signed 1670"))
    #expect(!supported.contains("Ghent"))
    #expect(try run(["claims", "--suggests", "maybe"], in: folder).status == 64)
    withExtendedLifetime(nginx) {}
  }
}

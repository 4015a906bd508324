import ClaimLedger
import ClaimReports
import ClaimVerification
import Foundation
import TestServers
import Testing

/// A reviewed workspace: two documents (one hostile), two references served by nginx and
/// fetched, evidence, and verdicts on claims and on a conflict.
final class ReviewedWorkspace {
  let root: String
  let workspace: Workspace
  let nginx: Nginx

  static let hostileSentence =
    #"The Treaty of Dover was signed in 1672 <script>alert(1)</script> "><img src=x onerror=alert(1)> </script> and then forgotten."#

  init() throws {
    nginx = try Nginx(files: [
      "dover.html": Array(
        "<p>The Treaty of Dover was signed on 1 June 1670.</p><p>The Peace of Westphalia was signed in 1648.</p>"
          .utf8),
      "versailles.html": Array("<p>The Treaty of Versailles was signed on 28 June 1919.</p>".utf8),
    ])
    root = FileManager.default.temporaryDirectory.path + "/claimledger-report-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: root + "/docs", withIntermediateDirectories: true)
    workspace = try Workspace.initialize(at: root).0
    try write(
      "Claims/config.yaml",
      """
      schema: 1
      documents:
        include: [docs]
      report:
        title: "Claims in <our> articles"
        author: "Example Fact Desk"
        authorURL: "https://factdesk.example"
        url: "https://factdesk.example/claims/"
        documentsURL: "https://factdesk.example/articles/"
        datePublished: "2026-11-22"
      """)
    try write(
      "docs/early.md",
      """
      The Treaty of Dover was signed in 1670.

      The Peace of Westphalia was signed in 1648.

      \(Self.hostileSentence)
      """)
    try write(
      "docs/later.md",
      """
      The North Atlantic Treaty Organization was founded in 1949.

      The Treaty of Versailles was signed in 1920.
      """)
    _ = try Scan(workspace: workspace).perform(paths: [])
    let registry = SourceRegistry(workspace: workspace)
    try registry.add(
      Source(
        id: "dover", url: nginx.base + "/dover.html",
        title: #"Dover <script>alert("title")</script> & "friends""#, kind: .encyclopedia))
    try registry.add(Source(id: "versailles", url: nginx.base + "/versailles.html"))
    _ = try FetchReferences(workspace: workspace).perform()
    try Verifier(workspace: workspace).perform()
    let ledger = try Ledger.load(workspace)
    let recorder = VerdictRecorder(workspace: workspace)
    func claim(_ year: String) -> ResolvedClaim {
      ledger.claims.first { $0.claim.value.edtf == year }!
    }
    try recorder.record(
      on: .claim(claim("1672")), status: .refuted, reviewer: "Ann <ann@example.org>",
      note: "1670, says the reference", evidence: "dover", quote: "signed on 1 June 1670")
    try recorder.record(on: .claim(claim("1648")), status: .unverifiable, reviewer: "Bob")
    try recorder.record(on: .claim(claim("1648")), status: .supported, reviewer: "Ann")
    try recorder.record(on: .claim(claim("1949")), status: .mixed, reviewer: "Ann")
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  func write(_ relative: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
  }

  func render(_ format: ReportFormat) throws -> Data {
    try ReportInput.load(workspace).render(format, version: "0.1.0")
  }
}

func jsonObject(_ data: Data) throws -> Any {
  try JSONSerialization.jsonObject(with: data)
}

@Suite("Reports", .serialized)
struct ReportTests {
  @Test("HTML: self-contained, conflicts with every place, claims with badges, evidence, history")
  func html() throws {
    let fixture = try ReviewedWorkspace()
    let data = try fixture.render(.html)
    let page = HTMLInspector(data)
    // No external assets: no stylesheet links, images, frames or scripts with a source.
    #expect(page.all("link").isEmpty && page.all("img").isEmpty && page.all("iframe").isEmpty)
    #expect(!page.elements.contains { $0.attributes["src"] != nil })
    #expect(page.all("style").count == 1)
    #expect(page.all("h1").first?.text == "Claims in <our> articles")
    // The conflict: the Treaty of Dover, each value with its place.
    let conflict = try #require(page.elements.first { $0.attributes["class"] == "conflict" })
    #expect(conflict.text.contains("Treaty of Dover\u{201D} is given 1670 and 1672"))
    #expect(conflict.text.contains("docs/early.md:1:35"))
    #expect(conflict.text.contains("docs/early.md:5:"))
    // Every claim has a block with its status badge; the refuted one its evidence and history.
    let claims = page.elements.filter { $0.attributes["class"] == "claim" }
    #expect(claims.count == 5)
    let refuted = try #require(
      claims.first { $0.text.contains("refuted") && $0.text.contains("1672") })
    #expect(refuted.text.contains("by Ann <ann@example.org>: 1670, says the reference"))
    #expect(refuted.text.contains("contradicts"))
    let links = page.all("a").compactMap { $0.attributes["href"] }
    #expect(links.contains(fixture.nginx.base + "/dover.html"))
    let snapshot = try #require(
      try Ledger.load(fixture.workspace).review.currentSnapshots["dover"])
    #expect(page.all("code").contains { $0.attributes["title"] == snapshot })
    // History oldest first: unverifiable, then supported.
    let westphalia = try #require(claims.first { $0.text.contains("Peace of Westphalia") })
    let unverifiable = try #require(westphalia.text.range(of: "unverifiable by Bob"))
    let supported = try #require(westphalia.text.range(of: "supported by Ann"))
    #expect(unverifiable.lowerBound < supported.lowerBound)
    // Printing: a print style sheet is part of the page.
    #expect(String(decoding: data, as: UTF8.self).contains("@media print"))
  }

  @Test("HTML and JSON-LD: hostile text appears only escaped; nothing can run")
  func safety() throws {
    let fixture = try ReviewedWorkspace()
    let data = try fixture.render(.html)
    let page = HTMLInspector(data)
    // The only script element is the report's own ClaimReview JSON-LD.
    let scripts = page.all("script")
    #expect(scripts.count == 1)
    #expect(scripts.first?.attributes == ["type": "application/ld+json"])
    #expect(page.eventHandlers.isEmpty)
    #expect(page.all("img").isEmpty)
    // The JSON-LD is exactly the claimreview report, intact: no text closed the element.
    let embedded = try #require(scripts.first?.text)
    let standalone = try fixture.render(.claimreview)
    #expect(
      try JSONSerialization.data(
        withJSONObject: jsonObject(Data(embedded.utf8)), options: .sortedKeys)
        == JSONSerialization.data(withJSONObject: jsonObject(standalone), options: .sortedKeys))
    #expect(!embedded.contains("<"))
    // The hostile sentence and source title are there as text.
    #expect(
      page.elements.contains {
        $0.name == "blockquote" && $0.text == ReviewedWorkspace.hostileSentence
      })
    #expect(
      page.all("a").contains { $0.text == #"Dover <script>alert("title")</script> & "friends""# })
    let text = String(decoding: data, as: UTF8.self)
    #expect(!text.contains("<script>alert"))
    #expect(!text.contains("<img"))
    #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // Markdown escapes it too: no raw tag survives for a renderer that allows HTML.
    let markdown = String(decoding: try fixture.render(.markdown), as: UTF8.self)
    #expect(!markdown.contains("<script") && !markdown.contains("<img"))
    #expect(markdown.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"))
  }

  @Test("ClaimReview: one per claim with a standing verdict, mapped ratings, short claimReviewed")
  func claimReview() throws {
    let fixture = try ReviewedWorkspace()
    let reviews = try #require(try jsonObject(try fixture.render(.claimreview)) as? [[String: Any]])
    #expect(reviews.count == 3)  // refuted 1672, supported 1648, mixed 1949
    for review in reviews {
      #expect(review["@context"] as? String == "https://schema.org")
      #expect(review["@type"] as? String == "ClaimReview")
      #expect((review["claimReviewed"] as! String).count < 75)
      #expect(review["datePublished"] as? String == "2026-11-22")
      let author = review["author"] as! [String: Any]
      #expect(author["name"] as? String == "Example Fact Desk")
      #expect(author["url"] as? String == "https://factdesk.example")
      let item = review["itemReviewed"] as! [String: Any]
      #expect(item["@type"] as? String == "Claim")
      let appearance = item["appearance"] as! [String: Any]
      #expect((appearance["url"] as! String).hasPrefix("https://factdesk.example/articles/docs/"))
      #expect((review["url"] as! String).hasPrefix("https://factdesk.example/claims/#C-"))
    }
    let ratings = Dictionary(
      uniqueKeysWithValues: reviews.map {
        let rating = $0["reviewRating"] as! [String: Any]
        return (rating["alternateName"] as! String, rating["ratingValue"] as! Int)
      })
    #expect(ratings == ["False": 1, "True": 5, "Mixed": 3])
    let first = reviews.first { ($0["claimReviewed"] as! String).contains("Westphalia") }!
    #expect(first["claimReviewed"] as? String == "Peace of Westphalia was signed in 1648")
    // Without an author and a URL in the configuration, ClaimReview is refused with a reason.
    try fixture.write("Claims/config.yaml", "schema: 1\ndocuments:\n  include: [docs]\n")
    #expect(throws: LedgerError.self) { try fixture.render(.claimreview) }
  }

  @Test("SARIF validates against the 2.1.0 schema; one rule per kind; results at line and column")
  func sarif() throws {
    let fixture = try ReviewedWorkspace()
    let data = try fixture.render(.sarif)
    let file = FileManager.default.temporaryDirectory.path + "/report-\(UUID().uuidString).sarif"
    try data.write(to: URL(fileURLWithPath: file))
    defer { try? FileManager.default.removeItem(atPath: file) }
    let schema = repositoryRoot + "/../shared/schemas/sarif-schema-2.1.0.json"
    let validation = try validateWithPython(instance: file, schema: schema)
    #expect(validation.status == 0, "\(validation.output)")
    let sarif = try #require(try jsonObject(data) as? [String: Any])
    let run = (sarif["runs"] as! [[String: Any]])[0]
    let rules =
      ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
    #expect(
      rules.map { $0["id"] as! String } == [
        "conflict", "refuted", "contradicted", "unverified", "needs-review",
      ])
    let results = run["results"] as! [[String: Any]]
    func located(_ result: [String: Any]) -> String {
      let location =
        (result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
      let uri = (location["artifactLocation"] as! [String: Any])["uri"] as! String
      let region = location["region"] as! [String: Any]
      return "\(result["ruleId"]!) \(uri):\(region["startLine"]!):\(region["startColumn"]!)"
    }
    let places = Set(results.map(located))
    #expect(places.contains("conflict docs/early.md:1:35"))
    // A conflict's result points to the other value's place, and to no more than three.
    let conflict = try #require(
      results.first { ($0["ruleId"] as? String) == "conflict" && located($0).hasSuffix(":1:35") })
    let related = try #require(conflict["relatedLocations"] as? [[String: Any]])
    #expect((1...3).contains(related.count))
    let message = (related[0]["message"] as? [String: Any])?["text"] as? String
    #expect(message?.contains("1672") == true)
    #expect(places.contains("refuted docs/early.md:5:\(fixtureColumn(fixture))"))
    #expect(places.contains("contradicted docs/later.md:3:40"))
  }

  @Test("JSON and CSV: every claim, with status, latest verdict, reviewer and evidence count")
  func jsonAndCSV() throws {
    let fixture = try ReviewedWorkspace()
    let json = try #require(try jsonObject(try fixture.render(.json)) as? [String: Any])
    #expect(json["schema"] as? Int == 1)
    let summary = json["summary"] as! [String: Any]
    #expect(summary["claims"] as? Int == 5)
    #expect((summary["statuses"] as! [String: Int])["refuted"] == 1)
    let documents = json["documents"] as! [[String: Any]]
    #expect(documents.map { $0["document"] as! String } == ["docs/early.md", "docs/later.md"])
    let claims = documents.flatMap { $0["claims"] as! [[String: Any]] }
    let westphalia = claims.first { ($0["subject"] as! String) == "Peace of Westphalia" }!
    #expect(
      (westphalia["verdicts"] as! [[String: Any]]).map { $0["status"] as! String } == [
        "unverifiable", "supported",
      ])
    #expect((json["conflicts"] as! [[String: Any]]).count == 1)

    let csv = String(decoding: try fixture.render(.csv), as: UTF8.self)
    let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(
      rows[0] == "id,document,line,column,subject,predicate,value,status,verdict,reviewer,evidence")
    #expect(rows.count == 6)
    let refuted = try #require(rows.first { $0.contains(",refuted,") })
    #expect(refuted.hasSuffix(",1672,refuted,refuted,Ann <ann@example.org>,1"))
  }

  @Test("HTML and Markdown list the notes beside the conflicts: what is not a conflict, and why")
  func notes() throws {
    let root =
      FileManager.default.temporaryDirectory.path + "/claimledger-report-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/docs", withIntermediateDirectories: true)
    let workspace = try Workspace.initialize(at: root).0
    try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8).write(
      to: URL(fileURLWithPath: root + "/Claims/config.yaml"))
    try Data("The Treaty of Stolbovo was signed on 27 February 1617.\n".utf8).write(
      to: URL(fileURLWithPath: root + "/docs/a.md"))
    try Data("The Treaty of Stolbovo was signed on 9 March 1617.\n".utf8).write(
      to: URL(fileURLWithPath: root + "/docs/b.md"))
    _ = try Scan(workspace: workspace).perform(paths: [])
    let input = try ReportInput.load(workspace)
    let markdown = String(decoding: try input.render(.markdown, version: "0.1.0"), as: UTF8.self)
    #expect(markdown.contains("## Conflicts (0)"))
    #expect(markdown.contains("### Not conflicts (2)"))
    #expect(
      markdown.contains("- `docs/a.md:1:38` \"Treaty of Stolbovo\" signed 27 February 1617"))
    let html = String(decoding: try input.render(.html, version: "0.1.0"), as: UTF8.self)
    #expect(html.contains("<h3>Not conflicts (2)</h3>"))
    #expect(html.contains("one day in two calendars"))
  }

  @Test("reports are deterministic: the same workspace gives the same bytes")
  func deterministic() throws {
    let fixture = try ReviewedWorkspace()
    for format in ReportFormat.allCases {
      #expect(try fixture.render(format) == fixture.render(format), "\(format)")
    }
  }
}

/// The column of the 1672 in the hostile sentence (characters before it, plus one).
func fixtureColumn(_ fixture: ReviewedWorkspace) -> Int {
  let sentence = ReviewedWorkspace.hostileSentence
  return sentence.unicodeScalars.distance(
    from: sentence.unicodeScalars.startIndex, to: sentence.range(of: "1672")!.lowerBound) + 1
}

let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

/// Validates a JSON file against a JSON Schema with Python's jsonschema package: the python3
/// on PATH if it has the package, else Debian's (python3-jsonschema, which setup installs).
func validateWithPython(instance: String, schema: String) throws -> (status: Int32, output: String)
{
  let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[2]))
    jsonschema.validators.validator_for(schema)(schema).validate(json.load(open(sys.argv[1])))
    print("valid")
    """
  var last: (Int32, String) = (127, "no python3 with jsonschema found")
  for python in ["/usr/bin/env", "/usr/bin/python3"] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments =
      (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", script, instance, schema]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    guard (try? process.run()) != nil else { continue }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    last = (process.terminationStatus, output)
    if process.terminationStatus == 0 || !output.contains("No module named") { return last }
  }
  return last
}

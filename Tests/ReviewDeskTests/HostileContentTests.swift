import ClaimLedger
import ClaimReports
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ReviewDesk

@Suite("desk: hostile content stays inert")
struct HostileContentTests {
  static let hostileDocument = """
    # Hostile

    The Treaty of Westphalia was signed in 1648 <script>alert("doc")</script> by \u{1B}[31mmany\u{1B}[0m states.

    """

  @Test(
    "documents, notes and reviewer names holding markup, scripts or terminal escapes are shown as text"
  )
  func escaped() async throws {
    let folder = try DeskWorkspace(extraDocuments: ["articles/hostile.md": Self.hostileDocument])
    let ledger = try folder.ledger()
    let claim = try #require(ledger.claims.first { $0.document == "articles/hostile.md" })
    try VerdictRecorder(workspace: folder.workspace).record(
      on: .claim(claim), status: .mixed, reviewer: "<b onmouseover=alert(1)>Eve</b>",
      note: "<img src=x onerror=alert(2)> javascript:alert(3) \u{1B}]0;title\u{07}")
    try await folder.desk().test { client in
      for uri in [
        "/", "/claims/" + claim.claim.id, "/claims",
        "/subjects/" + HTML.urlComponent(claim.entity.key),
      ] {
        let page = try await client.execute(uri: uri, method: .get)
        #expect(page.status == .ok, "\(uri)")
        let text = page.text
        #expect(!text.contains("<script>alert"), "\(uri)")
        #expect(!text.contains("<img src=x"), "\(uri)")
        #expect(!text.contains("<b onmouseover"), "\(uri)")
        #expect(!text.contains("\u{1B}"), "\(uri)")
        #expect(!text.contains("href=\"javascript:"), "\(uri)")
        // The only script is the desk's own file.
        #expect(text.components(separatedBy: "<script").count == 2, "\(uri)")
      }
      let page = try await client.execute(uri: "/claims/" + claim.claim.id, method: .get).text
      #expect(page.contains("&lt;script&gt;alert(&quot;doc&quot;)&lt;/script&gt;"))
      #expect(page.contains("\u{241B}[31mmany"))
      #expect(page.contains("&lt;b onmouseover=alert(1)&gt;Eve&lt;/b&gt;"))
      #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }
  }

  @Test(
    "evidence from fetched pages: quotes escaped, javascript: URLs never links, the snapshot's text shown as text; the reference's year on the timeline"
  )
  func evidence() async throws {
    let folder = try DeskWorkspace()
    let claim = try #require(
      try folder.ledger().claims.first { $0.entity.name == "Treaty of Dover" })
    let hostile = String(repeating: "a", count: 64)
    let fine = String(repeating: "b", count: 64)
    let items = [
      Evidence(
        source: "evil", snapshot: hostile, url: "javascript:alert(1)", stance: .contradicts,
        quote: "<script>alert('quote')</script> The treaty was signed in 1672.", line: 3,
        column: 1, predicate: .signed, value: ClaimValue(.point(.init(year: 1672)))),
      Evidence(
        source: "wiki", snapshot: fine, url: "https://en.wikipedia.org/wiki/Treaty_of_Dover",
        stance: .supports, quote: "Signed in 1670.", line: 1, column: 1, predicate: .signed,
        value: ClaimValue(.point(.init(year: 1670)))),
    ]
    let file = EvidenceFile(
      snapshots: [
        .init(source: "evil", sha256: hostile, url: "javascript:alert(1)"),
        .init(source: "wiki", sha256: fine, url: "https://en.wikipedia.org/wiki/Treaty_of_Dover"),
      ],
      claims: [.init(claim: claim.claim.id, evidence: items)])
    try file.encoded().write(to: URL(fileURLWithPath: folder.workspace.evidenceFile))
    let text = SnapshotStore(workspace: folder.workspace).textPath(hostile)
    try FileManager.default.createDirectory(
      atPath: (text as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data("line one\n<img src=x onerror=alert(4)>\nsigned in 1672\n".utf8).write(
      to: URL(fileURLWithPath: text))

    try await folder.desk().test { client in
      let page = try await client.execute(uri: "/claims/" + claim.claim.id, method: .get).text
      #expect(page.contains("<span class=\"stance contradicts\">contradicts</span>"))
      #expect(page.contains("&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;"))
      #expect(!page.contains("href=\"javascript:"))
      #expect(page.contains("evil (javascript:alert(1))"))
      #expect(
        page.contains(
          "<a href=\"https://en.wikipedia.org/wiki/Treaty_of_Dover\" rel=\"noopener noreferrer\">wiki</a>"
        ))
      #expect(page.contains("<a href=\"/snapshots/\(hostile)#line-3\">snapshot</a>"))
      let snapshot = try await client.execute(uri: "/snapshots/" + hostile, method: .get)
      #expect(snapshot.status == .ok)
      #expect(snapshot.text.contains("<li id=\"line-2\">&lt;img src=x onerror=alert(4)&gt;</li>"))
      let missing = try await client.execute(uri: "/snapshots/" + fine, method: .get)
      #expect(missing.status == .notFound)
      let subject = try await client.execute(
        uri: "/subjects/" + HTML.urlComponent(claim.entity.key), method: .get
      ).text
      #expect(subject.contains("<g class=\"item reference conflict\">"))
      #expect(subject.contains(">1672</text>") && subject.contains("evil"))
      #expect(subject.contains("<g class=\"item reference\">"))
    }
  }

  @Test("escaping and links: only http(s) URLs become links")
  func escaping() {
    #expect(HTML.escape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
    #expect(HTML.escape("a\u{1B}b\u{0}c\u{7F}") == "a\u{241B}b\u{2400}c\u{2421}")
    #expect(HTML.safeURL("javascript:alert(1)") == nil)
    #expect(HTML.safeURL("JavaScript:alert(1)") == nil)
    #expect(HTML.safeURL("data:text/html,<script>") == nil)
    #expect(HTML.safeURL("//evil.example/") == nil)
    #expect(
      HTML.safeURL("https://en.wikipedia.org/wiki/Treaty") == "https://en.wikipedia.org/wiki/Treaty"
    )
    #expect(HTML.urlComponent("treaty of dover/../x") == "treaty%20of%20dover%2F..%2Fx")
    #expect(PageRoutes.localPath("//evil.example") == nil)
    #expect(PageRoutes.localPath("/\\evil.example") == nil)
    #expect(PageRoutes.localPath("https://evil.example") == nil)
    #expect(PageRoutes.localPath("/queue?at=3") == "/queue?at=3")
  }

  @Test("the timeline escapes its labels and holds no script")
  func timeline() {
    let svg = TimelineSVG.render(
      [
        .init(label: "<script>alert(1)</script>", year: 1651, kind: .document, conflict: true),
        .init(label: "ref", year: -490, kind: .reference),
      ], title: "</title><script>")
    #expect(!svg.contains("<script"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(svg.contains("490 BC"))
  }
}

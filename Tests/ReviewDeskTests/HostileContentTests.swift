import ClaimLedger
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
    #expect(svg.contains(">1651 &lt;script&gt;"))
    #expect(svg.contains("490 BC"))
  }
}

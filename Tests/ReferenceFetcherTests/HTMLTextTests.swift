import Testing

@testable import ReferenceFetcher

@Suite("HTML to text")
struct HTMLTextTests {
  @Test("script, style and navigation are dropped; entities decoded; blocks become lines")
  func structure() {
    let html = Array(
      """
      <html><head><title>x</title><style>p{}</style></head><body>
      <div role="navigation">Skip me</div><nav>Menu</nav>
      <h2>Peace&nbsp;of   Westphalia</h2><p>Signed in 1648 &mdash; at M&uuml;nster &amp; Osnabr&#252;ck.<br>New line</p>
      <script>document.write("no")</script><table><tr><td>a</td><td>b</td></tr></table>
      </body></html>
      """.utf8)
    #expect(
      HTMLText.text(html: html, contentType: "text/html")
        == "Peace of Westphalia\nSigned in 1648 — at Münster & Osnabrück.\nNew line\na\nb\n")
  }

  @Test("the charset comes from the header, else from <meta charset>")
  func charsets() {
    let latin: [UInt8] = Array("<p>Caf".utf8) + [0xE9] + Array("</p>".utf8)
    #expect(HTMLText.text(html: latin, contentType: "text/html; charset=ISO-8859-1") == "Café\n")
    #expect(
      HTMLText.text(html: latin, contentType: "text/html; charset=\"windows-1252\"") == "Café\n")
    let meta: [UInt8] =
      Array("<html><head><meta charset=\"windows-1252\"></head><body><p>".utf8) + [0x93]
      + Array("quoted".utf8) + [0x94] + Array("</p></body></html>".utf8)
    #expect(HTMLText.text(html: meta, contentType: "text/html") == "“quoted”\n")
    let utf8 = Array("<meta charset=utf-8><p>Ðức</p>".utf8)
    #expect(HTMLText.text(html: utf8, contentType: nil) == "Ðức\n")
  }

  @Test("only http and https URLs pass")
  func urls() throws {
    try URLRule.check("https://example.org/a")
    try URLRule.check("HTTP://127.0.0.1:8080/")
    for bad in [
      "file:///etc/passwd", "gopher://x/1", "ftp://x/", "http://", "http:// space",
      "javascript:alert(1)",
    ] {
      #expect(throws: FetchFailure.unsupportedURL(bad)) { try URLRule.check(bad) }
    }
  }
}

@Suite("HTML nested deeper than libxml2's default limit")
struct DeepHTMLTests {
  func nested(_ depth: Int, tag: String = "div") -> [UInt8] {
    Array(
      ("<html><body><h1>Top</h1>" + String(repeating: "<\(tag)>", count: depth)
        + "<p>Text at the bottom, 1670.</p>" + String(repeating: "</\(tag)>", count: depth)
        + "<p>After.</p></body></html>").utf8)
  }

  @Test(
    "1,000, 10,000 and 100,000 levels deep: the text at the bottom is kept",
    arguments: [
      1_000, 10_000, 100_000,
    ])
  func deep(depth: Int) {
    #expect(
      HTMLText.text(html: nested(depth), contentType: "text/html")
        == "Top\nText at the bottom, 1670.\nAfter.\n")
  }

  @Test("inline elements nested 10,000 deep keep their text on one line")
  func deepInline() {
    #expect(
      HTMLText.text(html: nested(10_000, tag: "span"), contentType: "text/html")
        == "Top\nText at the bottom, 1670.\nAfter.\n")
  }
}

@Suite("HTML read flat when libxml2 stops part-way")
struct FlatHTMLTests {
  @Test("a libxml2 that stops 256 deep: the text below is kept, read flat, with a warning")
  func fallback() {
    let html = Array(
      ("<html><head><meta charset=\"utf-8\"><title>A title</title><style>p { x: '<b>' }</style></head><body>"
        + "<h1>Top</h1><!-- <p>hidden</p> -->" + String(repeating: "<div><span>", count: 600)
        + "<p>Caf\u{E9} &amp; more, 1670.</p><script>if (a < b) { x('<p>no</p>') }</script>"
        + String(repeating: "</span></div>", count: 600) + "<p>After 3 < 4.</p></body></html>")
        .utf8)
    let page = HTMLText.read(html: html, contentType: "text/html", liftDepthLimit: false)
    #expect(page.text == "Top\nCafé & more, 1670.\nAfter 3 < 4.\n")
    #expect(page.warning?.contains("deeper than the HTML parser follows") == true)
    let lifted = HTMLText.read(html: html, contentType: "text/html")
    #expect(lifted.text == "Top\nCafé & more, 1670.\nAfter 3 < 4.\n")
    #expect(lifted.warning == nil)
  }
}

@Suite("HTML without a charset")
struct UnlabelledHTMLTests {
  @Test("no charset named anywhere: UTF-8 is recognised from the bytes")
  func guessedUTF8() {
    #expect(
      HTMLText.text(html: Array("<p>War (1618–1648)</p>".utf8), contentType: "text/html")
        == "War (1618–1648)\n")
  }
}

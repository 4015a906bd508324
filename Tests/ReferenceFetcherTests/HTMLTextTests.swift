import ReferenceFetcher
import Testing

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

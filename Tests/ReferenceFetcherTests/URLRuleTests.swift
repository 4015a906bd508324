import ReferenceFetcher
import Testing

@Suite("URLs: what may be fetched, and how they are shown")
struct URLRuleTests {
  @Test("control characters, spaces and invisible format characters are refused")
  func forbiddenCharacters() throws {
    try URLRule.check("https://u:p@example.org/a?b=c#d")
    for bad in [
      "http://example.org/a\u{0}b", "http://example.org/\u{1B}[2J", "http://example.org/a\tb",
      "http://example.org/a\u{7F}", "http://example.org/a\u{85}", "http://example.org/\u{202E}x",
      "http://example.org/\u{200B}", "http://example.org/a\u{A0}b",
    ] {
      #expect(throws: FetchFailure.unsupportedURL(bad)) { try URLRule.check(bad) }
    }
  }

  @Test("passwords are redacted; a userinfo without one is redacted whole")
  func redaction() {
    #expect(URLRule.redacted("http://u:s3cret@host/") == "http://u:***@host/")
    #expect(
      URLRule.redacted("https://u:s3:cr@et@host:8080/p?q=a@b") == "https://u:***@host:8080/p?q=a@b")
    #expect(URLRule.redacted("https://token@host/x") == "https://***@host/x")
    #expect(URLRule.redacted("https://host/a@b") == "https://host/a@b")
    #expect(URLRule.redacted("https://host?x=@y") == "https://host?x=@y")
    #expect(URLRule.redacted("no scheme") == "no scheme")
    #expect(URLRule.printable("ftp://u:s3cret@h/\u{1B}[2J") == "ftp://u:***@h/\\u{1B}[2J")
    #expect(
      FetchFailure.redirectRefused("ftp://u:s3cret@h/x").localizedDescription
        == "redirect to a URL that is not http or https refused: ftp://u:***@h/x")
  }
}

import Foundation
import TestServers
import Testing

/// `claimledger discover` and `fetch` against a real MediaWiki: Debian's package (1.39),
/// installed by scripts/setup.sh, set up afresh with SQLite by ``MediaWiki``. Nothing is
/// skipped: without PHP or MediaWiki the suite fails, saying to run scripts/setup.sh.
@Suite("discover against Debian's MediaWiki", .serialized)
struct MediaWikiIntegrationTests {
  /// Treaties with qualified titles, a disambiguation page marked the way wikis without the
  /// Disambiguator extension mark it (a template putting it in "Disambiguation pages"),
  /// redirects, a page of another kind with the same words, and a non-ASCII title.
  static let pages: [(title: String, text: String)] = [
    (
      "Template:Disambiguation",
      "''This disambiguation page lists articles associated with the same title.''"
        + "<includeonly>[[Category:Disambiguation pages]]</includeonly>"
    ),
    (
      "Treaty of Westminster (1654)",
      "The '''Treaty of Westminster''' of 1654 ended the First Anglo-Dutch War."
    ),
    (
      "Treaty of Westminster (1674)",
      "The '''Treaty of Westminster''' was signed in 1674 and ended the Third Anglo-Dutch War."
    ),
    (
      "Treaty of Westminster",
      """
      '''Treaty of Westminster''' may refer to:
      * [[Treaty of Westminster (1654)]], which ended the First Anglo-Dutch War
      * [[Treaty of Westminster (1674)]], which ended the Third Anglo-Dutch War, signed in 1651
      * [[Westminster Abbey]]
      {{Disambiguation}}
      """
    ),
    (
      "Westminster Abbey",
      "'''Westminster Abbey''' is a church; the Treaty of Westminster was not signed there."
    ),
    ("Treaty of Nanking", "The '''Treaty of Nanking''' was signed in 1842."),
    ("Treaty of Nanjing", "#REDIRECT [[Treaty of Nanking]]"),
    (
      "North Atlantic Treaty Organization",
      "The '''North Atlantic Treaty Organization''' was founded in 1949."
    ),
    ("NATO", "#REDIRECT [[North Atlantic Treaty Organization]]"),
    ("Frieden von Münster", "Der '''Frieden von Münster''' wurde 1648 geschlossen."),
  ]

  /// A workspace whose documents make claims about the treaties and NATO, set to ask `wiki`.
  static func workspace(wiki: String) throws -> String {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-mediawiki-ws-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let initialised = try run(["init"], in: folder)
    guard initialised.status == 0 else { throw ServerError("init failed: \(initialised.stderr)") }
    try Data(
      """
      schema: 1
      documents:
        include: [docs]
      discover:
        wiki: "\(wiki)"
        contact: "qa@example.org"

      """.utf8
    ).write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    try FileManager.default.createDirectory(
      atPath: folder + "/docs", withIntermediateDirectories: true)
    try Data(
      """
      The Treaty of Westminster was signed in 1674.

      The Treaty of Nanjing was signed in 1842.

      NATO was founded in 1949.

      """.utf8
    ).write(to: URL(fileURLWithPath: folder + "/docs/a.md"))
    let scanned = try run(["scan"], in: folder)
    guard scanned.status == 0 else { throw ServerError("scan failed: \(scanned.stderr)") }
    return folder
  }

  static func registered(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/Sources-Registry")) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
  }

  @Test("redirects, disambiguation, other pages, non-ASCII titles, idempotence, fetch")
  func discoverAndFetch() throws {
    let wiki = try MediaWiki(pages: Self.pages)
    #expect(wiki.version.hasPrefix("1.39"))
    let folder = try Self.workspace(wiki: wiki.base)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let articles = wiki.base + "/w/index.php/"  // the installer's article path, from siteinfo

    let first = try run(["discover"], in: folder)
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    let out = first.stdout
    // Both treaties of Westminster, through the disambiguation page and the search.
    #expect(out.contains("(\(articles)Treaty_of_Westminster_(1654))"))
    #expect(out.contains("(\(articles)Treaty_of_Westminster_(1674))"))
    // Neither the disambiguation page nor the abbey.
    #expect(!out.contains("(\(articles)Treaty_of_Westminster)"))
    #expect(!out.contains("Westminster_Abbey"))
    // Redirects: the canonical articles, once, and their names recorded as aliases.
    #expect(out.contains("registered \"Treaty of Nanking\" for Treaty of Nanjing"))
    #expect(out.contains("(\(articles)North_Atlantic_Treaty_Organization)"))
    #expect(!out.contains("index.php/NATO") && !out.contains("index.php/Treaty_of_Nanjing"))
    #expect(
      out.contains("Treaty of Nanjing: recorded Treaty of Nanjing as an alias of Treaty of Nanking")
    )
    #expect(out.contains("NATO: recorded NATO as an alias of North Atlantic Treaty Organization"))
    #expect(Self.registered(folder).count == 4)
    let aliases = try String(contentsOfFile: folder + "/Claims/aliases.yaml", encoding: .utf8)
    #expect(aliases.contains("  - [\"Treaty of Nanking\", \"Treaty of Nanjing\"]"))

    // A second run changes nothing.
    let second = try run(["discover", "Treaty of Westminster", "Treaty of Nanking"], in: folder)
    #expect(second.status == 0)
    #expect(second.stderr.contains("0 sources registered"))
    #expect(try String(contentsOfFile: folder + "/Claims/aliases.yaml", encoding: .utf8) == aliases)

    // The api.php URL itself is the same wiki, not a site whose articles live under it.
    let byAPI = try run(["discover", "NATO", "--wiki", wiki.base + "/w/api.php"], in: folder)
    #expect(byAPI.status == 0)
    #expect(byAPI.stdout.contains("\"North Atlantic Treaty Organization\" is registered already"))

    // A non-ASCII title: percent-encoded as MediaWiki writes it, and fetchable.
    let nonASCII = try run(["discover", "Frieden von Münster"], in: folder)
    #expect(nonASCII.status == 0)
    #expect(nonASCII.stdout.contains("(\(articles)Frieden_von_M%C3%BCnster)"))

    let fetched = try run(["fetch"], in: folder)
    #expect(fetched.status == 0, "\(fetched.stdout)\(fetched.stderr)")
    #expect(fetched.stderr.contains("fetched 5, unchanged 0, failed 0"))
  }

  @Test("what is not the API is refused; readapidenied, maxlag, 503 and a slow wiki")
  func faults() throws {
    let wiki = try MediaWiki(pages: Array(Self.pages.prefix(3)))
    let folder = try Self.workspace(wiki: wiki.base)
    defer { try? FileManager.default.removeItem(atPath: folder) }

    // index.php answers HTML: not a MediaWiki API, exit 1, nothing registered.
    let wrong = try run(["discover", "--wiki", wiki.base + "/w/index.php"], in: folder)
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("/w/index.php: not a MediaWiki site"))
    #expect(Self.registered(folder).isEmpty)

    // A read-protected wiki: MediaWiki's readapidenied, exit 1, nothing registered.
    try wiki.setFlag("read-denied", "1")
    let denied = try run(["discover"], in: folder)
    #expect(denied.status == 1)
    #expect(denied.stderr.contains("readapidenied"))
    #expect(Self.registered(folder).isEmpty)
    try wiki.setFlag("read-denied", nil)

    // One maxlag answer (MediaWiki's own, Retry-After: 5): waited out, at least 5 s.
    try wiki.setFlag("lagged", "1")
    var started = Date()
    let lagged = try run(["discover", "Treaty of Westminster"], in: folder)
    #expect(lagged.status == 0, "\(lagged.stdout)\(lagged.stderr)")
    #expect(Date().timeIntervalSince(started) >= 4.9)
    #expect(Self.registered(folder).count == 2)

    // One 503 with Retry-After: 1: asked again, the run succeeds.
    try wiki.setFlag("unavailable", "1")
    started = Date()
    let unavailable = try run(["discover", "Treaty of Westminster"], in: folder)
    #expect(unavailable.status == 0, "\(unavailable.stdout)\(unavailable.stderr)")
    #expect(Date().timeIntervalSince(started) >= 0.9)

    // A wiki taking 3 s an answer: --timeout 1 --retries 0 gives up at once, exit 1.
    try wiki.setFlag("slow", "3")
    started = Date()
    let slow = try run(
      ["discover", "Treaty of Westminster", "--timeout", "1", "--retries", "0"], in: folder)
    #expect(slow.status == 1)
    #expect(slow.stdout.contains("Treaty of Westminster: error: timed out after 1 s"))
    #expect(Date().timeIntervalSince(started) < 30)
  }

  @Test("--timeout and --retries are checked as fetch checks them")
  func options() throws {
    let folder = try Self.workspace(wiki: "http://127.0.0.1:9")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for bad in [
      ["--timeout", "0"], ["--timeout", "nan"], ["--timeout", "inf"], ["--timeout", "86401"],
      ["--retries", "-1"], ["--retries", "101"],
    ] {
      let result = try run(["discover"] + bad, in: folder)
      #expect(result.status == 64, "\(bad): \(result.stderr)")
    }
  }

  @Test("fetch sends discover's User-Agent, contact included")
  func fetchUserAgent() throws {
    let server = try FaultServer { target, _, _ in
      target == "/page"
        ? .init(body: "<p>The treaty was signed in 1674.</p>", contentType: "text/html") : nil
    }
    let folder = try Self.workspace(wiki: "http://127.0.0.1:9")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(try run(["sources", "add", server.base + "/page"], in: folder).status == 0)
    let fetched = try run(["fetch"], in: folder)
    #expect(fetched.status == 0, "\(fetched.stderr)")
    let head = try #require(server.requests.first?.head)
    #expect(head.contains("User-Agent: ClaimLedger/0.1.0 (qa@example.org)\r\n"))
  }
}

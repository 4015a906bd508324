import ClaimLedger
import Foundation
import ReferenceDiscovery
import TestServers
import Testing

/// `discover` against a local server that answers `list=search` the way the MediaWiki Action
/// API does (`formatversion=2`): a replay in the documented wire format, since the real service
/// is on the internet.
@Suite("Discovering references on a MediaWiki site", .serialized)
struct DiscoveryTests {
  /// A search answer with these titles.
  static func answer(_ titles: [String]) -> String {
    let items = titles.enumerated().map { index, title in
      #"{"ns":0,"title":"\#(title)","pageid":\#(1000 + index),"size":5000,"wordcount":800,"snippet":"…","timestamp":"2026-01-01T00:00:00Z"}"#
    }
    return #"{"batchcomplete":true,"query":{"searchinfo":{"totalhits":\#(titles.count)},"search":["#
      + items.joined(separator: ",") + "]}}"
  }

  /// The value of a parameter in a request target, decoded.
  static func parameter(_ name: String, in target: String) -> String? {
    guard let query = target.split(separator: "?", maxSplits: 1).last else { return nil }
    for pair in query.split(separator: "&") where pair.hasPrefix(name + "=") {
      return String(pair.dropFirst(name.count + 1)).removingPercentEncoding
    }
    return nil
  }

  /// The value of `srsearch` in a request target, decoded.
  static func searched(_ target: String) -> String? { parameter("srsearch", in: target) }

  /// What the replayed wiki holds beyond its search answers: pages, redirects between them,
  /// and disambiguation pages with their links (`pageprops` `disambiguation`, as the
  /// Disambiguator extension marks them).
  struct Pages {
    var articles: Set<String> = [
      "Treaty of Westminster (1674)", "Treaty of Westminster (1654)",
      "Treaty of Westminster (1756)",
      "Westminster Abbey", "Treaty of Paris (1783)", "Dover Castle", "Port of Dover",
      "Treaty of Nanking", "North Atlantic Treaty Organization", "Treaty of London (1518)",
      "Treaty of London (1839)", "London Bridge",
    ]
    var redirects = [
      "Treaty of Nanjing": "Treaty of Nanking", "NATO": "North Atlantic Treaty Organization",
    ]
    var disambiguations = [
      "Treaty of London": ["Treaty of London (1518)", "Treaty of London (1839)", "London Bridge"]
    ]
  }

  /// The answer to `meta=siteinfo`: the server as the request's Host names it, articles at
  /// `articlePath`.
  static func siteinfo(_ head: String, articlePath: String = "/wiki/$1") -> FaultServer.Reply {
    let host =
      head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("host:") }
      .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? "localhost"
    return .init(
      body:
        #"{"batchcomplete":true,"query":{"general":{"mainpage":"Main Page","sitename":"Replay","generator":"MediaWiki 1.39.17","server":"http://\#(host)","scriptpath":"/w","articlepath":"\#(articlePath)"}}}"#
    )
  }

  /// The answer to `titles=…&redirects=1&prop=pageprops|categories` or `prop=links`.
  static func pagesAnswer(_ target: String, _ pages: Pages) -> FaultServer.Reply? {
    guard let titles = parameter("titles", in: target)?.split(separator: "|").map(String.init)
    else { return nil }
    func json(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    if parameter("prop", in: target) == "links" {
      let items = titles.map { title in
        let links = (pages.disambiguations[title] ?? []).map { #"{"ns":0,"title":\#(json($0))}"# }
        return #"{"ns":0,"title":\#(json(title)),"links":[\#(links.joined(separator: ","))]}"#
      }
      return .init(body: #"{"query":{"pages":["# + items.joined(separator: ",") + "]}}")
    }
    var redirects: [String] = []
    var items: [String] = []
    var seen = Set<String>()
    for title in titles {
      var page = title
      if let target = pages.redirects[title] {
        redirects.append(#"{"from":\#(json(title)),"to":\#(json(target))}"#)
        page = target
      }
      guard seen.insert(page).inserted else { continue }
      if pages.disambiguations[page] != nil {
        items.append(
          #"{"pageid":7,"ns":0,"title":\#(json(page)),"pageprops":{"disambiguation":""}}"#)
      } else if pages.articles.contains(page) {
        items.append(#"{"pageid":8,"ns":0,"title":\#(json(page))}"#)
      } else {
        items.append(#"{"ns":0,"title":\#(json(page)),"missing":true}"#)
      }
    }
    return .init(
      body: #"{"batchcomplete":true,"query":{"redirects":["# + redirects.joined(separator: ",")
        + #"],"pages":["# + items.joined(separator: ",") + "]}}")
  }

  /// A wiki that knows both Treaties of Westminster, nothing about Dover, fails for Utrecht,
  /// rate-limits the first question about Paris, knows the Treaty of Nanking and NATO by
  /// their redirects, and has a disambiguation page for the Treaty of London.
  static func wiki(_ pages: Pages = Pages()) throws -> FaultServer {
    try FaultServer { target, head, count in
      guard target.hasPrefix("/w/api.php?") else { return nil }
      if parameter("meta", in: target) == "siteinfo" { return siteinfo(head) }
      guard let subject = searched(target) else { return pagesAnswer(target, pages) }
      switch subject {
      case "Treaty of Westminster":
        return .init(
          body: answer([
            "Treaty of Westminster (1674)", "Treaty of Westminster (1654)",
            "Westminster Abbey", "Treaty of Westminster (1756)",
          ]))
      case "Treaty of Dover":
        return .init(body: answer(["Dover Castle", "Port of Dover"]))
      case "Treaty of Utrecht":
        return .init(
          body:
            #"{"error":{"code":"internal_api_error_DBQueryError","info":"A database query error has occurred.","*":"See the API help."}}"#
        )
      case "Treaty of Paris":
        if count == 1 {
          return .init(
            status: "429 Too Many Requests", body: "slow down", contentType: "text/plain",
            headers: "Retry-After: 1\r\n")
        }
        return .init(body: answer(["Treaty of Paris (1783)"]))
      // As Wikipedia's search does: the canonical article, not the redirect typed.
      case "Treaty of Nanjing": return .init(body: answer(["Treaty of Nanking"]))
      // As a search that matches the redirect's title does: the redirect itself.
      case "NATO": return .init(body: answer(["NATO", "North Atlantic Treaty Organization"]))
      case "Treaty of London": return .init(body: answer(["Treaty of London", "London Bridge"]))
      default:
        return .init(body: answer([]))
      }
    }
  }

  func workspace() throws -> TemporaryWorkspace {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write(
      "docs/a.md",
      """
      The Treaty of Westminster was signed in 1674.

      The Treaty of Dover was signed in 1670.

      The Treaty of Paris was signed in 1783.

      The Treaty of Utrecht was signed in 1713.
      """)
    try workspace.scan()
    return workspace
  }

  func settings(_ server: FaultServer) -> Discovery.Settings {
    var settings = Discovery.Settings(
      wiki: server.base, contact: "factdesk@example.org", toolVersion: "9.9.9")
    settings.requestsPerSecond = 20
    settings.fetchPolicy.backoff = 0.1
    return settings
  }

  @Test("a hit registers every year-qualified article that names the subject, and only those")
  func hit() throws {
    let server = try Self.wiki()
    let workspace = try workspace()
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Westminster"])
    guard case .found(let registered, let already) = outcomes[0].result else {
      Issue.record("expected a hit, got \(outcomes)")
      return
    }
    #expect(already.isEmpty)
    #expect(
      registered.map(\.title) == [
        "Treaty of Westminster (1674)", "Treaty of Westminster (1654)",
        "Treaty of Westminster (1756)",
      ])
    let sources = try SourceRegistry(workspace: workspace.workspace).list()
    let first = try #require(sources.first { $0.title == "Treaty of Westminster (1674)" })
    #expect(first.url == server.base + "/wiki/Treaty_of_Westminster_(1674)")
    #expect(first.kind == .encyclopedia && first.discovered)
    #expect(first.covers == ["Treaty of Westminster"])
    // The request is the documented one, with a User-Agent naming the tool and a contact.
    let head = try #require(server.requests.first { $0.head.contains("list=search") }?.head)
    #expect(head.contains("action=query&list=search&srsearch=Treaty%20of%20Westminster"))
    #expect(head.contains("format=json&formatversion=2&maxlag=5"))
    #expect(head.contains("User-Agent: ClaimLedger/9.9.9 (factdesk@example.org)"))
    // The titles now tell the two treaties apart in scans too.
    let known = try Ledger.load(workspace.workspace)
    #expect(known.conflicts.isEmpty)

    // Idempotent: a second run registers nothing and says what was there.
    let again = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Westminster"])
    #expect(
      again[0].result
        == .found(
          registered: [],
          alreadyRegistered: [
            "Treaty of Westminster (1674)", "Treaty of Westminster (1654)",
            "Treaty of Westminster (1756)",
          ]))
    #expect(try SourceRegistry(workspace: workspace.workspace).list().count == 3)
  }

  @Test("a miss registers nothing; an API error fails that subject only, naming the error")
  func missAndError() throws {
    let server = try Self.wiki()
    let workspace = try workspace()
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Dover", "Treaty of Utrecht", "Treaty of Westminster"])
    #expect(outcomes[0].result == .noMatch)
    #expect(
      outcomes[1].result
        == .failed(
          "the wiki's API answered error 'internal_api_error_DBQueryError': A database query error has occurred."
        ))
    guard case .found(let registered, _) = outcomes[2].result else {
      Issue.record("expected a hit after the error")
      return
    }
    #expect(registered.count == 3)
  }

  @Test("a 429 with Retry-After is waited out and asked again")
  func rateLimited() throws {
    let server = try Self.wiki()
    let workspace = try workspace()
    let started = Date()
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Paris"])
    guard case .found(let registered, _) = outcomes[0].result else {
      Issue.record("expected a hit after the 429, got \(outcomes)")
      return
    }
    #expect(registered.map(\.title) == ["Treaty of Paris (1783)"])
    #expect(server.requests.filter { $0.head.contains("srsearch=") }.count == 2)
    #expect(Date().timeIntervalSince(started) >= 0.9)
  }

  @Test("requests are spaced by the rate limit")
  func spacing() throws {
    let server = try Self.wiki()
    let workspace = try workspace()
    var settings = settings(server)
    settings.requestsPerSecond = 4
    _ = try Discovery(workspace: workspace.workspace, settings: settings)
      .perform(subjects: ["Treaty of Dover", "Treaty of Westminster", "Treaty of Dover"])
    let times = server.requests.map(\.time)
    // siteinfo once, then a search and a look-up of the titles per subject.
    #expect(times.count == 7)
    for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= 0.2) }
  }

  @Test("point 3: after a 503 and its Retry-After, the next request waits from the last attempt")
  func pacingAfterRetry() throws {
    let server = try FaultServer { target, head, count in
      guard target.hasPrefix("/w/api.php?") else { return nil }
      if Self.parameter("meta", in: target) == "siteinfo" { return Self.siteinfo(head) }
      if Self.searched(target) == "Treaty of Dover" && count == 1 {
        return .init(
          status: "503 Service Unavailable", body: "busy", contentType: "text/plain",
          headers: "Retry-After: 1\r\n")
      }
      return Self.searched(target) == nil
        ? Self.pagesAnswer(target, Pages()) : .init(body: Self.answer([]))
    }
    let workspace = try workspace()
    var settings = settings(server)
    settings.requestsPerSecond = 2
    _ = try Discovery(workspace: workspace.workspace, settings: settings)
      .perform(subjects: ["Treaty of Dover", "Treaty of Paris"])
    let times = server.requests.map(\.time)
    #expect(times.count == 6)  // siteinfo, 503, search again, titles; search, titles
    for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= 0.45) }
  }

  /// A wiki whose replicas lag for the Treaty of Kiel: MediaWiki's maxlag error, a 200 with
  /// `Retry-After` (MediaWiki sends max(maxlag, 5); this one asks 2 s).
  static func laggedWiki() throws -> FaultServer {
    try FaultServer { target, head, _ in
      guard target.hasPrefix("/w/api.php?") else { return nil }
      if Self.parameter("meta", in: target) == "siteinfo" { return Self.siteinfo(head) }
      if Self.searched(target) == "Treaty of Kiel" {
        return .init(
          body:
            #"{"error":{"code":"maxlag","info":"Waiting for 127.0.0.1: 7 seconds lagged.","host":"127.0.0.1","lag":7,"type":"db"}}"#,
          headers: "Retry-After: 2\r\nX-Database-Lag: 7\r\n")
      }
      return Self.searched(target) == nil
        ? Self.pagesAnswer(target, Pages()) : .init(body: Self.answer([]))
    }
  }

  @Test("point 4: maxlag waits what Retry-After asks, and the next subject waits too")
  func maxlag() throws {
    #expect(Discovery.Settings(wiki: "x", contact: "y", toolVersion: "1").minimumLagWait == 5)
    let server = try Self.laggedWiki()
    let workspace = try workspace()
    var settings = settings(server)
    settings.minimumLagWait = 0.5  // below the server's 2 s: the server's wish wins
    settings.lagRetries = 1
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings)
      .perform(subjects: ["Treaty of Kiel", "Treaty of Dover"])
    #expect(outcomes[0].result == .failed("the wiki stayed lagged (maxlag) after 1 waits"))
    #expect(outcomes[1].result == .noMatch)
    let times = server.requests.map(\.time)
    #expect(times.count == 5)  // siteinfo, Kiel twice, Dover's search and titles
    guard times.count == 5 else { return }
    #expect(times[2] - times[1] >= 1.9)
    // Still lagged when Kiel gave up: Dover's first request waits as long.
    #expect(times[3] - times[2] >= 1.9)
  }

  @Test("point 4: the 5 s floor of Wikimedia's maxlag manual holds when the server asks less")
  func maxlagFloor() throws {
    let server = try FaultServer { target, head, count in
      guard target.hasPrefix("/w/api.php?") else { return nil }
      if Self.parameter("meta", in: target) == "siteinfo" { return Self.siteinfo(head) }
      if Self.searched(target) != nil && count == 1 {
        return .init(
          body: #"{"error":{"code":"maxlag","info":"lagged","host":"db","lag":1,"type":"db"}}"#,
          headers: "Retry-After: 1\r\n")
      }
      return Self.searched(target) == nil
        ? Self.pagesAnswer(target, Pages()) : .init(body: Self.answer([]))
    }
    let workspace = try workspace()
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Dover"])
    #expect(outcomes[0].result == .noMatch)
    let times = server.requests.map(\.time)
    #expect(times.count == 4)
    guard times.count == 4 else { return }
    #expect(times[2] - times[1] >= 4.9)
  }

  @Test("point 1: a redirect registers the canonical article once and records the alias")
  func redirects() throws {
    let server = try Self.wiki()
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write(
      "docs/a.md",
      """
      The Treaty of Nanjing was signed in 1842.

      The Treaty of Nanking was signed in 1843.

      NATO was founded in 1949.
      """)
    try workspace.scan()
    let before = try Ledger.load(workspace.workspace)
    #expect(
      before.entityKey(forName: "Treaty of Nanjing")
        != before.entityKey(forName: "Treaty of Nanking"))
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Nanjing", "NATO", "Treaty of Nanking"])
    guard case .found(let nanking, _) = outcomes[0].result,
      case .found(let nato, _) = outcomes[1].result
    else {
      Issue.record("expected hits through the redirects, got \(outcomes)")
      return
    }
    #expect(nanking.map(\.url) == [server.base + "/wiki/Treaty_of_Nanking"])
    #expect(nato.map(\.url) == [server.base + "/wiki/North_Atlantic_Treaty_Organization"])
    #expect(outcomes[0].aliases == [["Treaty of Nanking", "Treaty of Nanjing"]])
    #expect(outcomes[1].aliases == [["North Atlantic Treaty Organization", "NATO"]])
    // The article is registered once: the canonical spelling finds it registered.
    #expect(outcomes[2].result == .found(registered: [], alreadyRegistered: ["Treaty of Nanking"]))
    #expect(outcomes[2].aliases.isEmpty)
    #expect(try SourceRegistry(workspace: workspace.workspace).list().count == 2)
    // Verify and conflicts now see one treaty, signed in 1842 and in 1843.
    let after = try Ledger.load(workspace.workspace)
    #expect(
      after.entityKey(forName: "Treaty of Nanjing")
        == after.entityKey(forName: "Treaty of Nanking"))
    #expect(after.conflicts.count == before.conflicts.count + 1)
    let aliases = try String(contentsOfFile: workspace.workspace.aliasesFile, encoding: .utf8)
    #expect(aliases.hasPrefix("# ClaimLedger aliases"))
    #expect(aliases.contains("discovered:\n  - [\"Treaty of Nanking\", \"Treaty of Nanjing\"]\n"))
  }

  @Test("point 2: a disambiguation page is not registered; its links lead to the articles")
  func disambiguation() throws {
    let server = try Self.wiki()
    let workspace = try workspace()
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of London"])
    guard case .found(let registered, _) = outcomes[0].result else {
      Issue.record("expected the linked articles, got \(outcomes)")
      return
    }
    #expect(registered.map(\.title) == ["Treaty of London (1518)", "Treaty of London (1839)"])
    #expect(try SourceRegistry(workspace: workspace.workspace).list().count == 2)
  }

  @Test("point 5: an api.php URL is the API, and articles go where siteinfo says")
  func apiURL() throws {
    let server = try FaultServer { target, head, _ in
      guard target.hasPrefix("/mw/api.php?") else { return nil }
      if Self.parameter("meta", in: target) == "siteinfo" {
        return Self.siteinfo(head, articlePath: "/mw/index.php/$1")
      }
      if Self.searched(target) == "Warsaw Pact" { return .init(body: Self.answer(["Warsaw Pact"])) }
      var pages = Pages()
      pages.articles.insert("Warsaw Pact")
      return Self.pagesAnswer(target, pages)
    }
    let workspace = try workspace()
    let settings = Discovery.Settings(
      wiki: server.base + "/mw/api.php", contact: "qa@example.org", toolVersion: "9.9.9")
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings)
      .perform(subjects: ["Warsaw Pact"])
    guard case .found(let registered, _) = outcomes[0].result else {
      Issue.record("expected a hit, got \(outcomes)")
      return
    }
    #expect(registered.map(\.url) == [server.base + "/mw/index.php/Warsaw_Pact"])
  }

  @Test("point 5: what is not a MediaWiki API is refused before anything is registered")
  func notMediaWiki() throws {
    let server = try FaultServer { _, _, _ in
      .init(body: "<html><body>Welcome</body></html>", contentType: "text/html")
    }
    let workspace = try workspace()
    #expect {
      try Discovery(workspace: workspace.workspace, settings: settings(server))
        .perform(subjects: ["Treaty of Dover"])
    } throws: { error in
      "\(error.localizedDescription)".contains("\(server.base): not a MediaWiki site")
    }
    #expect(try SourceRegistry(workspace: workspace.workspace).list().isEmpty)
  }

  @Test("point 6: a registered …_%281674%29 and a discovered …_(1674) are one source")
  func percentEncodedIdentity() throws {
    #expect(
      SourceRegistry.identity(
        ofURL: "https://EN.wikipedia.org/wiki/Treaty_of_Westminster_%281674%29")
        == SourceRegistry.identity(
          ofURL: "https://en.wikipedia.org/wiki/Treaty_of_Westminster_(1674)"))
    #expect(
      SourceRegistry.identity(ofURL: "https://de.wikipedia.org/wiki/M%c3%bcnchen")
        == SourceRegistry.identity(ofURL: "https://de.wikipedia.org/wiki/München"))
    #expect(
      SourceRegistry.identity(ofURL: "https://x.org/a%2Fb")
        != SourceRegistry.identity(ofURL: "https://x.org/a/b"))
    let server = try Self.wiki()
    let workspace = try workspace()
    try workspace.write(
      "Sources-Registry/ours.yaml",
      """
      schema: 1
      id: ours
      url: "\(server.base)/wiki/Treaty_of_Westminster_%281674%29"
      kind: encyclopedia
      reliability: high
      covers: ["Treaty of Westminster"]

      """)
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Westminster"])
    guard case .found(let registered, let already) = outcomes[0].result else {
      Issue.record("expected a hit, got \(outcomes)")
      return
    }
    #expect(already == ["Treaty of Westminster (1674)"])
    #expect(registered.count == 2)
  }

  @Test("a source a person wrote is left alone, and subjects it covers are not asked about")
  func personEdited() throws {
    let server = try Self.wiki()
    let workspace = try workspace()
    let handWritten = """
      # Our own reference, with a comment the tool must keep.
      schema: 1
      id: westminster-1674
      url: "\(server.base)/wiki/Treaty_of_Westminster_(1674)"
      title: "Our page on the 1674 treaty"
      kind: primary
      reliability: high
      covers: ["Treaty of Westminster"]

      """
    try workspace.write("Sources-Registry/westminster-1674.yaml", handWritten)
    let registry = SourceRegistry(workspace: workspace.workspace)
    let ledger = try Ledger.load(workspace.workspace)
    // Covered by hand: not among the subjects asked about by default.
    #expect(
      Discovery.subjects(in: ledger, sources: try registry.list(), named: [])
        == ["Treaty of Dover", "Treaty of Paris", "Treaty of Utrecht"])
    // Named explicitly, it is asked about; the hand-written file stays byte for byte.
    let outcomes = try Discovery(workspace: workspace.workspace, settings: settings(server))
      .perform(subjects: ["Treaty of Westminster"])
    #expect(
      outcomes[0].result
        == .found(
          registered: try registry.list().filter(\.discovered),
          alreadyRegistered: ["Treaty of Westminster (1674)"]))
    let kept = try String(
      contentsOfFile: workspace.root + "/Sources-Registry/westminster-1674.yaml", encoding: .utf8)
    #expect(kept == handWritten)
    #expect(try registry.read("westminster-1674").discovered == false)
  }
}

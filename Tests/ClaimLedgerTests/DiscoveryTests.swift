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

  /// The value of `srsearch` in a request target, decoded.
  static func searched(_ target: String) -> String? {
    guard let query = target.split(separator: "?", maxSplits: 1).last else { return nil }
    for pair in query.split(separator: "&") where pair.hasPrefix("srsearch=") {
      return String(pair.dropFirst(9)).removingPercentEncoding
    }
    return nil
  }

  /// A wiki that knows both Treaties of Westminster, nothing about Dover, fails for Utrecht,
  /// and rate-limits the first question about Paris.
  static func wiki() throws -> FaultServer {
    try FaultServer { target, _, count in
      guard target.hasPrefix("/w/api.php?"), let subject = searched(target) else { return nil }
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
    let head = try #require(server.requests.first?.head)
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
    #expect(server.requests.count == 2)
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
    #expect(times.count == 3)
    for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= 0.2) }
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

import ClaimExtraction
import ClaimLedger
import Foundation
import ReferenceFetcher

/// Finds encyclopedia articles for the subjects of a workspace's claims on a MediaWiki site and
/// registers them as sources, so a reviewer need not look up a URL for every subject.
///
/// For each subject it asks the site's Action API (`list=search`, `formatversion=2`, with
/// `maxlag=5`), keeps the articles whose titles name the subject (every year-qualified
/// variant: "Treaty of Westminster (1654)" and "(1674)"), and registers each as
/// `<wiki>/wiki/<Title>`, kind `encyclopedia`, covering the subject, `origin: discovered`.
/// It never edits a registered file: an article whose URL is registered already is left as
/// it is. Requests go one at a time through the libcurl fetcher, at most `requestsPerSecond`,
/// with a User-Agent that names the tool, its version and a contact.
public struct Discovery: Sendable {
  public struct Settings: Sendable {
    public var wiki: String
    public var contact: String
    /// Search results asked for per subject.
    public var limit = 10
    public var requestsPerSecond = 3.0
    /// How often a `maxlag` answer is waited out before the subject fails.
    public var lagRetries = 3
    /// The longest wait for a lagged server, whatever it asks.
    public var maxLagWait = 30.0
    public var toolVersion: String
    public var fetchPolicy = FetchPolicy()

    public init(wiki: String, contact: String, toolVersion: String) {
      self.wiki = wiki.hasSuffix("/") ? String(wiki.dropLast()) : wiki
      self.contact = contact
      self.toolVersion = toolVersion
    }

    /// "ClaimLedger/0.1.0 (factdesk@example.org)", as Wikimedia's User-Agent policy asks.
    public var userAgent: String { "ClaimLedger/\(toolVersion) (\(contact))" }
  }

  /// What became of one subject.
  public struct Outcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
      /// Articles naming the subject, registered now (and any already registered).
      case found(registered: [Source], alreadyRegistered: [String])
      /// The search returned no article whose title names the subject.
      case noMatch
      case failed(String)
    }
    public var subject: String
    public var result: Result
  }

  public let workspace: Workspace
  public let settings: Settings

  public init(workspace: Workspace, settings: Settings) {
    self.workspace = workspace
    self.settings = settings
  }

  /// The subjects to ask about: those named (as typed), else every subject of a claim that no
  /// registered source covers. Unnamed events ("Napoleon invaded Russia") have no article.
  public static func subjects(in ledger: Ledger, sources: [Source], named: [String]) -> [String] {
    if !named.isEmpty { return named }
    let covered = Set(sources.flatMap(\.covers).map(ledger.entityKey(forName:)))
    var seen = Set<String>()
    var subjects: [String] = []
    for claim in ledger.claims where claim.claim.rule != .event {
      let key = ledger.entityKey(forKey: claim.claim.subject.key)
      guard claim.entity.kind != .other, !covered.contains(key), seen.insert(key).inserted else {
        continue
      }
      subjects.append(claim.entity.name)
    }
    return subjects.sorted()
  }

  public func perform(
    subjects: [String], progress: ((_ subject: String, _ outcome: Outcome) -> Void)? = nil
  ) throws -> [Outcome] {
    let ledger = try Ledger.load(workspace, withReview: false)
    let registry = SourceRegistry(workspace: workspace)
    var registeredURLs = Set(try registry.list().map(\.url))
    var outcomes: [Outcome] = []
    var lastRequest = 0.0
    for subject in subjects {
      let outcome: Outcome
      do {
        let titles = try search(subject, after: &lastRequest)
        let key = ledger.entityKey(forName: subject)
        let naming = titles.filter { Self.names($0, key: key, ledger: ledger) }
        if naming.isEmpty {
          outcome = Outcome(subject: subject, result: .noMatch)
        } else {
          var registered: [Source] = []
          var already: [String] = []
          for title in naming {
            let url = articleURL(title)
            if registeredURLs.contains(url) {
              already.append(title)
              continue
            }
            let source = try registry.add(
              Source(
                id: "", url: url, title: title, kind: .encyclopedia, covers: [subject],
                discovered: true))
            registeredURLs.insert(url)
            registered.append(source)
          }
          outcome = Outcome(
            subject: subject, result: .found(registered: registered, alreadyRegistered: already))
        }
      } catch let failure as DiscoveryFailure {
        outcome = Outcome(subject: subject, result: .failed(failure.message))
      }
      outcomes.append(outcome)
      progress?(subject, outcome)
    }
    return outcomes
  }

  /// Whether an article's title names the subject: the title, without a trailing qualifier
  /// ("(1674)", "(treaty)"), is the subject's name or an alias of it.
  static func names(_ title: String, key: String, ledger: Ledger) -> Bool {
    var name = Substring(title)
    if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
      name = name[..<open]
    }
    return ledger.entityKey(forName: name.trimmingCharacters(in: .whitespaces)) == key
  }

  /// `<wiki>/wiki/Treaty_of_Westminster_(1674)`: spaces as underscores, the rest
  /// percent-encoded as MediaWiki writes its article paths.
  func articleURL(_ title: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "_()-.,'!~*:")
    let path =
      title.replacingOccurrences(of: " ", with: "_")
      .addingPercentEncoding(withAllowedCharacters: allowed) ?? title
    return settings.wiki + "/wiki/" + path
  }

  /// The Action API search for one subject; the result titles in the site's order.
  func search(_ subject: String, after lastRequest: inout Double) throws(DiscoveryFailure)
    -> [String]
  {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let query = subject.addingPercentEncoding(withAllowedCharacters: allowed) ?? subject
    let url =
      settings.wiki + "/w/api.php?action=query&list=search&srsearch=" + query
      + "&srlimit=\(settings.limit)&srnamespace=0&format=json&formatversion=2&maxlag=5"
    var lagged = 0
    while true {
      let body = try get(url, after: &lastRequest)
      let answer = try SearchAnswer(body)
      switch answer {
      case .titles(let titles): return titles
      case .lagged(let seconds):
        // The site asks bots to wait while its replicas lag; we wait, a few times.
        lagged += 1
        guard lagged <= settings.lagRetries else {
          throw DiscoveryFailure("the wiki stayed lagged (maxlag) after \(lagged - 1) waits")
        }
        Thread.sleep(forTimeInterval: min(max(seconds, 1), settings.maxLagWait))
      case .error(let code, let info):
        throw DiscoveryFailure("the wiki's API answered error '\(code)': \(info)")
      }
    }
  }

  /// One GET through the libcurl fetcher, no sooner than the rate limit allows.
  private func get(_ url: String, after lastRequest: inout Double) throws(DiscoveryFailure)
    -> [UInt8]
  {
    let interval = 1 / settings.requestsPerSecond
    let wait = lastRequest + interval - Date().timeIntervalSince1970
    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    lastRequest = Date().timeIntervalSince1970
    var policy = settings.fetchPolicy
    policy.userAgent = settings.userAgent
    policy.concurrency = 1
    let incoming =
      FileManager.default.temporaryDirectory.path + "/claimledger-discover-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: incoming) }
    let outcome: FetchOutcome
    do {
      outcome = try Fetcher(policy: policy, incomingFolder: incoming)
        .fetch([FetchRequest(id: "search", url: url)])[0]
    } catch {
      throw DiscoveryFailure("cannot fetch: \(error)")
    }
    switch outcome.result {
    case .fetched:
      guard let file = outcome.bodyFile,
        let data = FileManager.default.contents(atPath: file)
      else { throw DiscoveryFailure("the wiki's answer could not be read") }
      return [UInt8](data)
    case .notModified:
      throw DiscoveryFailure("unexpected 304 from the wiki")
    case .failed(let failure):
      throw DiscoveryFailure(failure.localizedDescription + " (\(url))")
    }
  }
}

/// Why one subject could not be looked up.
struct DiscoveryFailure: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// An Action API answer to `list=search` in `formatversion=2`:
/// `{"query": {"search": [{"ns": 0, "title": "…", "pageid": …}, …]}}`, or
/// `{"error": {"code": "maxlag", "info": "…", "lag": 7}}`.
enum SearchAnswer {
  case titles([String])
  case lagged(seconds: Double)
  case error(code: String, info: String)

  init(_ body: [UInt8]) throws(DiscoveryFailure) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    else { throw DiscoveryFailure("the wiki's answer is not JSON") }
    if let error = object["error"] as? [String: Any] {
      let code = error["code"] as? String ?? "unknown"
      if code == "maxlag" {
        self = .lagged(seconds: (error["lag"] as? Double) ?? 5)
      } else {
        self = .error(code: code, info: error["info"] as? String ?? "")
      }
      return
    }
    guard let query = object["query"] as? [String: Any],
      let search = query["search"] as? [[String: Any]]
    else { throw DiscoveryFailure("the wiki's answer has no query.search list") }
    self = .titles(search.compactMap { $0["title"] as? String })
  }
}

import ClaimLedger
import Foundation
import ReferenceFetcher

/// Asks one MediaWiki Action API, one request at a time, as Wikimedia's API etiquette asks:
/// `maxlag=5` on every request, a User-Agent with a contact, at most `requestsPerSecond`.
///
/// Pacing counts from the end of the last attempt (the fetcher's own retries after a 503 or a
/// 429 included), not from when a request was first sent. After a `maxlag` answer every
/// request — the next subject's too — waits at least what the server asked (its `Retry-After`,
/// at least `minimumLagWait`), until the wiki answers without lag.
final class WikiClient {
  let settings: Discovery.Settings
  /// When the last attempt ended (seconds since 1970).
  private var lastEnd = -Double.infinity
  /// No request before this: set while the wiki reports replication lag.
  private var laggedUntil = -Double.infinity

  init(settings: Discovery.Settings) {
    self.settings = settings
  }

  /// One API request (`format=json&formatversion=2&maxlag=5` added); the decoded answer.
  /// A `maxlag` error is waited out up to `lagRetries` times; any other error code fails.
  func api(_ endpoint: String, _ parameters: [(String, String)]) throws(DiscoveryFailure)
    -> [String: Any]
  {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let query = (parameters + [("format", "json"), ("formatversion", "2"), ("maxlag", "5")])
      .map { name, value in
        name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
      }
      .joined(separator: "&")
    let url = endpoint + "?" + query
    var lagged = 0
    while true {
      let (body, retryAfter) = try get(url)
      guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
      else { throw DiscoveryFailure("the wiki's answer is not JSON (\(endpoint))") }
      guard let error = object["error"] as? [String: Any] else {
        laggedUntil = -Double.infinity
        return object
      }
      let code = error["code"] as? String ?? "unknown"
      guard code == "maxlag" else {
        throw DiscoveryFailure(
          "the wiki's API answered error '\(code)': \(error["info"] as? String ?? "")",
          apiError: code)
      }
      // The server says how long to wait (Retry-After, 5 s from MediaWiki); never less than
      // the manual's five seconds, never more than maxLagWait.
      let wait = min(max(retryAfter ?? 0, settings.minimumLagWait), settings.maxLagWait)
      laggedUntil = lastEnd + wait
      lagged += 1
      guard lagged <= settings.lagRetries else {
        throw DiscoveryFailure("the wiki stayed lagged (maxlag) after \(lagged - 1) waits")
      }
    }
  }

  /// One GET through the libcurl fetcher, no sooner than pacing and lag allow; the body and
  /// the response's `Retry-After`.
  private func get(_ url: String) throws(DiscoveryFailure) -> ([UInt8], Double?) {
    let earliest = max(lastEnd + 1 / settings.requestsPerSecond, laggedUntil)
    let wait = earliest - Date().timeIntervalSince1970
    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    defer { lastEnd = Date().timeIntervalSince1970 }
    var policy = settings.fetchPolicy
    policy.userAgent = settings.userAgent
    policy.concurrency = 1
    let incoming =
      FileManager.default.temporaryDirectory.path + "/claimledger-discover-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: incoming) }
    let outcome: FetchOutcome
    do {
      outcome = try Fetcher(policy: policy, incomingFolder: incoming)
        .fetch([FetchRequest(id: "api", url: url)])[0]
    } catch {
      throw DiscoveryFailure("cannot fetch: \(error)")
    }
    switch outcome.result {
    case .fetched:
      guard let file = outcome.bodyFile,
        let data = FileManager.default.contents(atPath: file)
      else { throw DiscoveryFailure("the wiki's answer could not be read") }
      return ([UInt8](data), outcome.retryAfter)
    case .notModified:
      throw DiscoveryFailure("unexpected 304 from the wiki")
    case .failed(let failure):
      var reason = DiscoveryFailure(failure.localizedDescription + " (\(url))")
      switch failure {
      case .connectionFailed, .timedOut, .interrupted, .transfer: reason.unreachable = true
      case .httpStatus(let status): reason.unreachable = status == 429 || status >= 500
      default: break
      }
      throw reason
    }
  }
}

/// Where a MediaWiki site keeps its Action API and its articles, as the site itself says
/// (`meta=siteinfo`: `server`, `scriptpath`, `articlepath`), so a wiki at any script path
/// works and an api.php URL is not mistaken for the site.
struct WikiSite {
  /// The Action API endpoint that answered.
  var api: String
  /// "https://en.wikipedia.org" (a protocol-relative `//host` gets the API's scheme).
  var server: String
  /// "/wiki/$1", "/w/index.php/$1", "/index.php?title=$1".
  var articlePath: String

  /// Finds the API of `wiki`: an api.php URL as given, else a site root's `<root>/w/api.php`
  /// (Wikimedia's layout) or `<root>/api.php` (a wiki installed at its root). Refuses what is
  /// not a MediaWiki API, and a MediaWiki API that refuses to answer (`readapidenied`).
  ///
  /// A wiki that cannot be reached (no connection, timeouts, 5xx after the retries) is not
  /// refused: the failure is returned, and each subject fails with it, as any lookup would.
  static func locate(_ wiki: String, client: WikiClient) throws -> Result<
    WikiSite, DiscoveryFailure
  > {
    var base = wiki
    if let cut = base.firstIndex(where: { $0 == "?" || $0 == "#" }) { base = String(base[..<cut]) }
    while base.hasSuffix("/") { base.removeLast() }
    let candidates = base.hasSuffix("/api.php") ? [base] : [base + "/w/api.php", base + "/api.php"]
    var reasons: [String] = []
    for candidate in candidates {
      switch siteinfo(at: candidate, client: client) {
      case .success(let site): return .success(site)
      case .failure(let failure) where failure.unreachable: return .failure(failure)
      case .failure(let failure):
        // A MediaWiki API that answers with an error (`readapidenied`) is the wiki, refusing.
        if failure.apiError != nil {
          throw LedgerError.invalidArgument("\(wiki): \(failure.message)")
        }
        reasons.append(failure.message)
      }
    }
    throw LedgerError.invalidArgument(
      "\(wiki): not a MediaWiki site: no Action API answered siteinfo ("
        + reasons.joined(separator: "; ") + ")")
  }

  /// One candidate API's `meta=siteinfo` answer as a site.
  private static func siteinfo(at candidate: String, client: WikiClient) -> Result<
    WikiSite, DiscoveryFailure
  > {
    let answer: [String: Any]
    do {
      answer = try client.api(
        candidate, [("action", "query"), ("meta", "siteinfo"), ("siprop", "general")])
    } catch {
      return .failure(error)
    }
    guard let general = (answer["query"] as? [String: Any])?["general"] as? [String: Any],
      var server = general["server"] as? String,
      let articlePath = general["articlepath"] as? String, articlePath.contains("$1")
    else {
      return .failure(
        DiscoveryFailure(
          "\(candidate): the answer has no query.general with server and articlepath"))
    }
    if server.hasPrefix("//") {
      server = (candidate.hasPrefix("https:") ? "https:" : "http:") + server
    }
    while server.hasSuffix("/") { server.removeLast() }
    return .success(WikiSite(api: candidate, server: server, articlePath: articlePath))
  }

  /// The article's URL: the title with spaces as underscores, percent-encoded as MediaWiki
  /// writes its links, in the site's article path.
  func articleURL(_ title: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "_()-.,'!~*:/")
    // `alphanumerics` holds letters of every script; MediaWiki escapes all non-ASCII bytes.
    allowed = allowed.intersection(
      CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    let path =
      title.replacingOccurrences(of: " ", with: "_")
      .addingPercentEncoding(withAllowedCharacters: allowed) ?? title
    return server + articlePath.replacingOccurrences(of: "$1", with: path)
  }
}

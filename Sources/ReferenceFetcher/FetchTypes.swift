import Foundation

/// One reference to fetch.
public struct FetchRequest: Sendable, Hashable {
  /// The caller's name for it (a source id); results carry it back.
  public var id: String
  public var url: String
  /// Validators of the snapshot already held, for a conditional request.
  public var etag: String?
  public var lastModified: String?

  public init(id: String, url: String, etag: String? = nil, lastModified: String? = nil) {
    self.id = id
    self.url = url
    self.etag = etag
    self.lastModified = lastModified
  }
}

/// Limits for a fetch run.
public struct FetchPolicy: Sendable {
  /// Transfers (and connections) at once.
  public var concurrency = 8
  /// Connections to one host at once.
  public var perHost = 4
  public var connectTimeout: Double = 10
  /// Limit for one attempt, from connect to last byte.
  public var timeout: Double = 30
  /// Largest body kept, enforced on the declared length and on the bytes received.
  public var maxSize = 20_000_000
  public var maxRedirects = 10
  /// Further attempts after a timeout, a 429 or a 5xx.
  public var retries = 3
  /// First wait before a retry; doubles each time; a valid `Retry-After` wins when the server
  /// sends one (see ``RetryAfter``).
  public var backoff: Double = 0.5
  /// The longest wait before a retry. No wait is longer than `timeout` either: a server that
  /// asks for an hour gets its retries at the pace the user allowed.
  public var maxBackoff: Double = 30
  /// Wikimedia's User-Agent policy asks every client, page fetches included, to name itself,
  /// its version and a contact: `fetch` and `discover` send the same one (see ``userAgent(version:contact:)``).
  public var userAgent = FetchPolicy.userAgent(version: FetchPolicy.toolVersion, contact: nil)

  public init() {}

  /// The version the tool reports in its User-Agent (and `--version`).
  public static let toolVersion = "0.1.0"

  /// "ClaimLedger/0.1.0 (factdesk@example.org)"; without a contact (none configured) the
  /// project's name stands in its place, so the version is still the tool's own.
  /// A control character in the configured contact would end the header line, so each
  /// becomes a space.
  public static func userAgent(version: String, contact: String?) -> String {
    let about = contact ?? "reference fetcher; set discover.contact in Claims/config.yaml"
    let printable = String(
      about.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    return "ClaimLedger/\(version) (\(printable))"
  }
}

/// What became of one request.
public struct FetchOutcome: Sendable {
  public enum Result: Sendable, Equatable {
    /// A 2xx body, stored in `bodyFile`.
    case fetched
    /// A 304: the snapshot held is still current.
    case notModified
    case failed(FetchFailure)
  }

  public var request: FetchRequest
  public var result: Result
  /// The URL after redirects.
  public var finalURL: String?
  public var status: Int?
  public var contentType: String?
  public var etag: String?
  public var lastModified: String?
  public var bytes = 0
  /// SHA-256 of the body, hex.
  public var sha256: String?
  /// A temporary file holding the body; the caller moves or removes it.
  public var bodyFile: String?
  public var duration: Double = 0
  public var attempts = 0
  /// The last response's valid `Retry-After`, in seconds: a MediaWiki `maxlag` error comes as a
  /// 200 carrying one, and the caller waits at least that long.
  public var retryAfter: Double?
}

/// Why a fetch failed. Each case is one thing a reviewer can act on.
public enum FetchFailure: Error, LocalizedError, Sendable, Equatable {
  /// Not an http or https URL (`file://`, `gopher://`, …), refused before any request.
  case unsupportedURL(String)
  /// The server answered with an error status (404, 410, or 5xx after the retries).
  case httpStatus(Int)
  /// No complete answer within the time limit.
  case timedOut(seconds: Double)
  /// The body is larger than the limit (declared or received).
  case tooLarge(limit: Int)
  /// More redirects than the limit, such as a loop.
  case tooManyRedirects(limit: Int)
  /// A redirect to a scheme other than http or https.
  case redirectRefused(String)
  /// The connection could not be made (refused, unknown host).
  case connectionFailed(String)
  /// The connection broke off before the body was complete.
  case interrupted(String)
  /// A 304 to a request that sent no validators: the server claims a copy we do not hold.
  case notModifiedWithoutValidators
  /// Anything else libcurl reported.
  case transfer(String)

  public var errorDescription: String? {
    switch self {
    case .unsupportedURL(let url): return "not an http or https URL: \(URLRule.printable(url))"
    case .httpStatus(let status): return "HTTP \(status)"
    case .timedOut(let seconds): return "timed out after \(formatSeconds(seconds))"
    case .tooLarge(let limit): return "body larger than \(limit) bytes"
    case .tooManyRedirects(let limit): return "more than \(limit) redirects"
    case .redirectRefused(let url):
      return "redirect to a URL that is not http or https refused: \(URLRule.printable(url))"
    case .connectionFailed(let reason): return "cannot connect: \(reason)"
    case .interrupted(let reason): return "connection broke off: \(reason)"
    case .notModifiedWithoutValidators:
      return "HTTP 304 (not modified) to a request that sent no validators"
    case .transfer(let reason): return reason
    }
  }

  /// Whether trying again later may succeed: timeouts, 429 and 5xx, as DESIGN.md and the
  /// README say. A connection broken mid-body is reported, not retried.
  var isRetryable: Bool {
    switch self {
    case .timedOut: return true
    case .httpStatus(let status): return status == 429 || (500...599).contains(status)
    default: return false
    }
  }
}

func formatSeconds(_ seconds: Double) -> String {
  seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
}

/// Only http and https, checked before any request (and by libcurl on every redirect), and
/// only URLs without spaces or control characters: a NUL or an escape sequence in a registered
/// URL would be printed into terminals and reports, and cut the URL short where C reads it.
public enum URLRule {
  public static func check(_ url: String) throws(FetchFailure) {
    let lower = url.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
      throw .unsupportedURL(url)
    }
    let rest = lower.drop(while: { $0 != "/" }).dropFirst(2)
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard !host.isEmpty, !hasForbiddenCharacters(url) else {
      throw .unsupportedURL(url)
    }
  }

  /// Spaces, control characters (C0, DEL, C1) and invisible format characters (bidi
  /// overrides, zero-width spaces), none of which a URL holds unencoded.
  public static func hasForbiddenCharacters(_ url: String) -> Bool {
    url.unicodeScalars.contains { scalar in
      scalar.value < 0x21 || (0x7F...0x9F).contains(scalar.value)
        || scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }
  }

  /// The URL with the password in its userinfo replaced by `***` (`http://u:***@host/`); a
  /// userinfo without a colon, often a token, is replaced whole. The credentials are needed to
  /// fetch, and are kept in the registry file the user wrote; everywhere else (listings, the
  /// fetch log, evidence, reports, error messages) shows this form.
  public static func redacted(_ url: String) -> String {
    guard let scheme = url.range(of: "://") else { return url }
    let start = scheme.upperBound
    let end = url[start...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
    guard let at = url[start..<end].lastIndex(of: "@") else { return url }
    let userinfo = url[start..<at]
    let shown = userinfo.firstIndex(of: ":").map { userinfo[..<$0] + ":***" } ?? "***"
    return String(url[..<start]) + shown + String(url[at...])
  }

  /// A URL as it may be printed: redacted, control characters escaped (`\u{1B}`).
  public static func printable(_ url: String) -> String {
    var text = ""
    for scalar in redacted(url).unicodeScalars {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        || scalar.properties.generalCategory == .format
      {
        text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return text
  }
}

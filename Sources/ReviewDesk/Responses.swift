import ClaimLedger
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The responses the desk sends: HTML pages, JSON, redirects, errors.
enum Reply {
  static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
  }

  static func text(_ body: String, status: HTTPResponse.Status = .ok, type: String = "text/plain")
    -> Response
  {
    Response(
      status: status, headers: [.contentType: type + "; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
  }

  /// JSON in the CLI's canonical form (sorted keys, indented), so the API and
  /// `claimledger … --format json` give the same bytes for the same data.
  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    let body = (try? Listing.json(value)) ?? "{}\n"
    return text(body, status: status, type: "application/json")
  }

  struct ErrorBody: Encodable {
    var error: String
    var status: Int
  }

  /// `{"error": "...", "status": N}`: what is wrong, for a program and a person.
  static func jsonError(_ status: HTTPResponse.Status, _ message: String) -> Response {
    var response = json(ErrorBody(error: message, status: status.code), status: status)
    if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
    return response
  }

  /// 303 See Other: after a form post the browser gets the next page with GET.
  static func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }

  /// A page for an error, in the desk's layout but without the navigation.
  static func errorPage(_ status: HTTPResponse.Status, _ message: String) -> Response {
    html(
      Pages.bare(
        title: "\(status.code) \(status.reasonPhrase)",
        body: "<h1>\(status.code) \(HTML.escape(status.reasonPhrase))</h1>\n<p class=\"error\">"
          + HTML.escape(message) + "</p>\n<p><a href=\"/\">Overview</a></p>"),
      status: status)
  }

  /// The status and message for an error of the ledger: an unknown id is 404, a refused
  /// argument 422, anything else (an unreadable or corrupt file) 500 with its message.
  static func status(for error: Error) -> (HTTPResponse.Status, String) {
    if let ledger = error as? LedgerError {
      let message = ledger.errorDescription ?? "\(ledger)"
      switch ledger {
      case .unknownId: return (.notFound, message)
      case .invalidArgument: return (.unprocessableContent, message)
      default: return (.internalServerError, message)
      }
    }
    if let http = error as? HTTPError {
      return (http.status, http.body ?? http.status.reasonPhrase)
    }
    if error is NIOTooManyBytesError {
      return (.contentTooLarge, "the request body is over \(DeskContext.bodyLimit) bytes")
    }
    return (.internalServerError, "\(error)")
  }
}

/// Headers on every answer, errors and unknown routes included, and the last line of
/// defence: whatever a route throws becomes an answer, never a crash.
struct SecurityMiddleware: RouterMiddleware {
  typealias Context = DeskContext

  static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none';"
    + " base-uri 'none'; frame-ancestors 'none'"

  let desk: Desk

  func handle(
    _ request: Request, context: DeskContext,
    next: (Request, DeskContext) async throws -> Response
  ) async throws -> Response {
    var response: Response
    if let refusal = hostRefusal(request) {
      response = refusal
    } else {
      do {
        response = try await next(request, context)
      } catch {
        let (status, message) = Reply.status(for: error)
        response =
          request.uri.path.hasPrefix("/api/")
          ? Reply.jsonError(status, message) : Reply.errorPage(status, message)
      }
    }
    response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
    return response
  }

  /// In local mode anyone who can connect is the reviewer: a page elsewhere on the web could
  /// reach 127.0.0.1 through a name it controls (DNS rebinding). The browser then sends that
  /// name as Host, so only loopback names are answered.
  private func hostRefusal(_ request: Request) -> Response? {
    guard desk.boundToLoopback, let authority = request.head.authority,
      !authority.isEmpty
    else {
      return nil
    }
    var host = Substring(authority)
    if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
      host = host[host.index(after: host.startIndex)..<end]
    } else if let colon = host.lastIndex(of: ":") {
      host = host[..<colon]
    }
    if Desk.isLoopback(String(host)) { return nil }
    return Reply.text(
      "the desk serves loopback host names only (Host: \(authority))\n", status: .misdirectedRequest
    )
  }
}

import Foundation
import Hummingbird

/// Fields of an `application/x-www-form-urlencoded` body or a query string.
struct FormFields: Sendable {
  private var values: [String: String] = [:]

  init(_ encoded: String) {
    for pair in encoded.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]) else { continue }
      let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
      // The first of a repeated field counts: a later one cannot override a hidden input.
      if values[name] == nil { values[name] = value }
    }
  }

  subscript(_ name: String) -> String? { values[name] }

  /// A value with surrounding white space removed, nil when empty.
  func nonEmpty(_ name: String) -> String? {
    guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines),
      !value.isEmpty
    else { return nil }
    return value
  }

  private static func decode(_ text: Substring) -> String? {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  /// The form of a request's body, read up to the desk's body limit (413 past it).
  static func body(of request: Request) async throws -> FormFields {
    let buffer = try await request.body.collect(upTo: DeskContext.bodyLimit)
    return FormFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
  }

  static func query(of request: Request) -> FormFields {
    FormFields(request.uri.query ?? "")
  }
}

extension Request {
  /// The session cookie's value.
  var sessionCookie: String? { cookies[SessionStore.cookieName]?.value }
}

extension Response {
  /// Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
  /// page sends it), for the whole desk.
  mutating func setSession(_ session: DeskSession) {
    setCookie(
      Cookie(
        name: SessionStore.cookieName, value: session.id, path: "/", httpOnly: true,
        sameSite: .strict))
  }
}

import ClaimLedger
import Foundation
import Hummingbird

/// Who a request is from: a session for pages, a token for the API.
extension Desk {
  enum PageAccess {
    /// The visitor, and a session to set in a cookie when one was just made.
    case allowed(Visitor, newSession: DeskSession?)
    /// Not logged in: the login page.
    case login
    case refused(String)
  }

  /// The visitor of a page. Local mode needs no login: a session is made on the first page,
  /// for the CSRF token its forms carry.
  func pageAccess(_ request: Request) throws -> PageAccess {
    let found = request.sessionCookie.flatMap { sessions.find($0) }
    switch try mode() {
    case .closed:
      return .refused(
        "every account was removed while the desk serves a non-loopback address;"
          + " add one with 'claimledger reviewers add' or restart on 127.0.0.1")
    case .local:
      if let found, found.holder == .local {
        return .allowed(localVisitor(found), newSession: nil)
      }
      let session = sessions.create(.local)
      return .allowed(localVisitor(session), newSession: session)
    case .accounts(let snapshot):
      guard let found, case .account(let name) = found.holder,
        let account = snapshot.accounts.first(where: { $0.name == name })
      else { return .login }
      return .allowed(
        Visitor(
          session: found, account: account,
          reviewer: account.role == .reviewer ? account.reviewer : nil,
          shownName: account.name + (account.role == .reader ? " (reader)" : "")),
        newSession: nil)
    }
  }

  private func localVisitor(_ session: DeskSession) -> Visitor {
    Visitor(
      session: session, account: nil, reviewer: configuration.localReviewer,
      shownName: (configuration.localReviewer ?? "no reviewer set: read only") + " (local mode)")
  }

  enum APIAccess {
    case allowed(Visitor)
    case refused(HTTPResponse.Status, String)
  }

  /// The caller of the API: anyone in local mode, the holder of a valid `Bearer` token once
  /// accounts exist.
  func apiAccess(_ request: Request) throws -> APIAccess {
    switch try mode() {
    case .closed:
      return .refused(.unauthorized, "no accounts: the desk serves nobody on this address")
    case .local:
      return .allowed(
        Visitor(
          session: nil, account: nil, reviewer: configuration.localReviewer,
          shownName: configuration.localReviewer ?? "local"))
    case .accounts(let snapshot):
      guard let header = request.headers[.authorization] else {
        return .refused(.unauthorized, "an API token is needed: Authorization: Bearer TOKEN")
      }
      let parts = header.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].lowercased() == "bearer",
        let account = snapshot.account(
          forToken: String(parts[1]).trimmingCharacters(in: .whitespaces))
      else {
        return .refused(.unauthorized, "the API token is not valid (revoked, or never issued)")
      }
      return .allowed(
        Visitor(
          session: nil, account: account,
          reviewer: account.role == .reviewer ? account.reviewer : nil, shownName: account.name))
    }
  }
}

import Foundation
import Hummingbird
import NIOPosix

/// Logging in and out. The login form has a CSRF token too (a session is made for it before
/// anyone logs in), failed attempts are limited per name, and a successful login gets a new
/// session id so that an id planted before the login is worth nothing after it.
struct LoginRoutes {
  let desk: Desk

  func add(to router: Router<DeskContext>) {
    router.get("/login") { request, _ in try loginPage(request) }
    router.post("/login") { request, _ in try await login(request) }
    router.post("/logout") { request, _ in try await logout(request) }
  }

  private func loginPage(_ request: Request) throws -> Response {
    guard case .accounts = try desk.mode() else { return Reply.redirect("/") }
    if let id = request.sessionCookie, let session = desk.sessions.find(id) {
      if case .account = session.holder { return Reply.redirect("/") }
      return Reply.html(Pages.login(csrf: session.csrf, error: nil))
    }
    let session = desk.sessions.create(.visitor)
    var response = Reply.html(Pages.login(csrf: session.csrf, error: nil))
    response.setSession(session)
    return response
  }

  private func login(_ request: Request) async throws -> Response {
    let form = try await FormFields.body(of: request)
    guard case .accounts(let snapshot) = try desk.mode() else { return Reply.redirect("/") }
    guard let id = request.sessionCookie, let session = desk.sessions.find(id),
      let token = form["csrf"], ConstantTime.equal(token, session.csrf)
    else {
      return Reply.errorPage(.forbidden, "the form's CSRF token is missing or not this session's")
    }
    let name = form["username"] ?? ""
    let password = form["password"] ?? ""
    if let wait = desk.limiter.wait(for: name) {
      return Reply.html(
        Pages.login(
          csrf: session.csrf,
          error: "Too many failed attempts for this name: try again in \(wait) seconds.",
          name: name),
        status: .tooManyRequests)
    }
    let accounts = desk.accounts
    // bcrypt is slow on purpose: it runs on the thread pool, not on the server's tasks.
    let account = try await NIOThreadPool.singleton.runIfActive {
      accounts.authenticate(name: name, password: password, in: snapshot)
    }
    guard let account else {
      desk.limiter.failed(name)
      return Reply.html(
        Pages.login(csrf: session.csrf, error: "Wrong name or password.", name: name),
        status: .unauthorized)
    }
    desk.limiter.succeeded(name)
    desk.sessions.end(session.id)
    let fresh = desk.sessions.create(.account(account.name))
    var response = Reply.redirect("/")
    response.setSession(fresh)
    return response
  }

  private func logout(_ request: Request) async throws -> Response {
    let form = try await FormFields.body(of: request)
    guard let id = request.sessionCookie, let session = desk.sessions.find(id),
      let token = form["csrf"], ConstantTime.equal(token, session.csrf)
    else {
      return Reply.errorPage(.forbidden, "the form's CSRF token is missing or not this session's")
    }
    desk.sessions.end(session.id)
    return Reply.redirect("/login")
  }
}

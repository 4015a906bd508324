import ClaimExtraction
import ClaimLedger
import Foundation
import Hummingbird

/// The HTML pages and the verdict form's target.
struct PageRoutes {
  let desk: Desk

  func add(to router: Router<DeskContext>) {
    router.get("/") { request, _ in
      try page(request) { visitor, ledger in
        Pages.overview(ledger, visitor: visitor)
      }
    }
    router.get("/queue") { request, _ in try queue(request) }
    router.get("/claims") { request, _ in try claims(request) }
    router.get("/claims/{id}") { request, context in
      try target(request, id: context.parameters.get("id") ?? "", kind: "C-")
    }
    router.get("/conflicts/{id}") { request, context in
      try target(request, id: context.parameters.get("id") ?? "", kind: "K-")
    }
    router.get("/subjects/{key}") { request, context in
      try subject(request, key: context.parameters.get("key") ?? "")
    }
    router.post("/verdicts") { request, _ in try await verdict(request) }
    router.get("/snapshots/{sha}") { request, context in
      try snapshot(request, sha: context.parameters.get("sha") ?? "")
    }
  }

  /// A page for an identified visitor, with the ledger read fresh: the files are the truth,
  /// and the CLI or another desk may have written since the last request.
  private func page(_ request: Request, render: (Visitor, Ledger) throws -> String) throws
    -> Response
  {
    switch try desk.pageAccess(request) {
    case .login: return Reply.redirect("/login")
    case .refused(let message): return Reply.errorPage(.forbidden, message)
    case .allowed(let visitor, let newSession):
      var response = Reply.html(try render(visitor, try desk.ledger()))
      if let newSession { response.setSession(newSession) }
      return response
    }
  }

  private func queue(_ request: Request) throws -> Response {
    let query = FormFields.query(of: request)
    let filter = query.nonEmpty("subject")
    let at = query["at"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
    return try page(request) { visitor, ledger in
      var items = ReviewQueue.items(ledger)
      if let filter {
        let wanted = filter.lowercased()
        items = items.filter { item in
          switch item {
          case .claim(let claim):
            return claim.entity.name.lowercased().contains(wanted)
              || claim.document.lowercased().contains(wanted)
          case .conflict(let conflict):
            return conflict.entity.name.lowercased().contains(wanted)
              || conflict.claims.contains { $0.document.lowercased().contains(wanted) }
          }
        }
      }
      return Pages.queue(
        items, at: min(at, max(items.count - 1, 0)), filter: filter, ledger: ledger,
        visitor: visitor, context: ClaimContext(workspace: desk.workspace))
    }
  }

  private func claims(_ request: Request) throws -> Response {
    let query = FormFields.query(of: request)
    var filters = Pages.ClaimFilters()
    if let status = query.nonEmpty("status") {
      guard let parsed = ClaimStatus(rawValue: status) else {
        return Reply.errorPage(
          .unprocessableContent,
          "'\(status)' is not a status; use one of "
            + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", "))
      }
      filters.status = parsed
    }
    filters.subject = query.nonEmpty("subject")
    filters.document = query.nonEmpty("document")
    filters.reviewer = query.nonEmpty("reviewer")
    return try page(request) { visitor, ledger in
      var claims = ClaimFilter(
        status: filters.status, subject: filters.subject, document: filters.document
      ).apply(ledger)
      if let reviewer = filters.reviewer?.lowercased() {
        let reviewed = Set(
          ledger.review.verdicts.filter { $0.reviewer.lowercased().contains(reviewer) }.map(
            \.target))
        claims = claims.filter { reviewed.contains($0.claim.id) }
      }
      return Pages.claims(claims, filters: filters, ledger: ledger, visitor: visitor)
    }
  }

  private func target(_ request: Request, id: String, kind: String) throws -> Response {
    guard TargetId.isValid(id), id.uppercased().hasPrefix(kind) else {
      return Reply.errorPage(.notFound, "no claim or conflict has this id")
    }
    return try page(request) { visitor, ledger in
      let target = try ledger.target(id)
      return Pages.target(
        target, ledger: ledger, visitor: visitor, context: ClaimContext(workspace: desk.workspace))
    }
  }

  private func subject(_ request: Request, key: String) throws -> Response {
    let key = key.removingPercentEncoding ?? key
    return try page(request) { visitor, ledger in
      let claims = ledger.claims.filter { $0.entity.key == key }
      guard let entity = claims.first?.entity else {
        throw LedgerError.unknownId(key, candidates: [])
      }
      return Pages.subject(
        entity, claims: claims, ledger: ledger, visitor: visitor,
        context: ClaimContext(workspace: desk.workspace))
    }
  }

  /// A snapshot's text, as plain text with numbered lines the evidence links point into.
  private func snapshot(_ request: Request, sha: String) throws -> Response {
    guard Snapshot.isHash(sha) else { return Reply.errorPage(.notFound, "no such snapshot") }
    switch try desk.pageAccess(request) {
    case .login: return Reply.redirect("/login")
    case .refused(let message): return Reply.errorPage(.forbidden, message)
    case .allowed(let visitor, _):
      let path = SnapshotStore(workspace: desk.workspace).textPath(sha)
      guard let data = FileManager.default.contents(atPath: path) else {
        return Reply.errorPage(.notFound, "no text for snapshot \(sha)")
      }
      let lines = String(decoding: data, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      var body = "<h1>Snapshot \(sha.prefix(12))</h1>\n<ol class=\"snapshot\">\n"
      for (index, line) in lines.enumerated() {
        body += "<li id=\"line-\(index + 1)\">" + HTML.escape(String(line)) + "</li>\n"
      }
      body += "</ol>\n"
      return Reply.html(Pages.layout(title: "Snapshot", visitor: visitor, body: body))
    }
  }

  /// The verdict form: CSRF token first (403 without a valid one, nothing written), then
  /// the role, then the verdict itself; 303 to where the form came from (the queue's next
  /// item: this one has left the queue).
  private func verdict(_ request: Request) async throws -> Response {
    let form = try await FormFields.body(of: request)
    guard let id = request.sessionCookie, let session = desk.sessions.find(id),
      let token = form["csrf"], ConstantTime.equal(token, session.csrf)
    else {
      return Reply.errorPage(.forbidden, "the form's CSRF token is missing or not this session's")
    }
    let visitor: Visitor
    switch try desk.pageAccess(request) {
    case .login: return Reply.redirect("/login")
    case .refused(let message): return Reply.errorPage(.forbidden, message)
    case .allowed(let found, _): visitor = found
    }
    guard let reviewer = visitor.reviewer else {
      return Reply.errorPage(.forbidden, "a reader records no verdicts")
    }
    let outcome = VerdictRequest(
      target: form.nonEmpty("target"), status: form.nonEmpty("status"), note: form["note"]
    ).record(in: desk, reviewer: reviewer)
    switch outcome {
    case .recorded:
      return Reply.redirect(Self.localPath(form["return"]) ?? "/queue")
    case .refused(let status, let message):
      return Reply.errorPage(status, message)
    }
  }

  /// A path on this site to return to: one `/`, never `//host` or a scheme, which would
  /// make the desk redirect elsewhere.
  static func localPath(_ text: String?) -> String? {
    guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"),
      !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
    else { return nil }
    return text
  }
}

/// Ids in URLs: `C-` or `K-` and hex digits. Anything else (a path, `..`) is no id and never
/// reaches the ledger.
enum TargetId {
  static func isValid(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard bytes.count >= 4, bytes.count <= 66, bytes[1] == UInt8(ascii: "-"),
      [UInt8(ascii: "C"), UInt8(ascii: "K"), UInt8(ascii: "c"), UInt8(ascii: "k")].contains(
        bytes[0])
    else { return false }
    return bytes[2...].allSatisfy {
      (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0)
    }
  }
}

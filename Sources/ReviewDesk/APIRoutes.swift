import ClaimLedger
import Foundation
import Hummingbird

/// The JSON API: the same data as the CLI's `--format json`, in the same canonical form.
struct APIRoutes {
  let desk: Desk

  func add(to router: Router<DeskContext>) {
    router.get("/api/claims") { request, _ in try claims(request) }
    router.get("/api/claims/{id}") { request, context in
      try claim(request, id: context.parameters.get("id") ?? "")
    }
    router.get("/api/conflicts") { request, _ in try conflicts(request) }
    router.post("/api/verdicts") { request, _ in try await verdict(request) }
  }

  /// The caller, or the answer that refuses them.
  private func caller(_ request: Request) throws -> Result<Visitor, ReplyRefusal> {
    switch try desk.apiAccess(request) {
    case .allowed(let visitor): return .success(visitor)
    case .refused(let status, let message): return .failure(ReplyRefusal(status, message))
    }
  }

  private func claims(_ request: Request) throws -> Response {
    if case .failure(let refusal) = try caller(request) { return refusal.json }
    let query = FormFields.query(of: request)
    var filter = ClaimFilter()
    if let status = query.nonEmpty("status") {
      guard let parsed = ClaimStatus(rawValue: status) else {
        return Reply.jsonError(
          .unprocessableContent,
          "'\(status)' is not a status; use one of "
            + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", "))
      }
      filter.status = parsed
    }
    filter.subject = query.nonEmpty("subject")
    filter.document = query.nonEmpty("document")
    if filter.status == nil && filter.subject == nil && filter.document == nil {
      return Reply.text(try desk.cache.allClaimsJSON(), type: "application/json")
    }
    return Reply.json(Listing.Claims(filter.apply(try desk.ledger())))
  }

  struct ClaimDetail: Encodable {
    var schema = 1
    var claim: Listing.ClaimEntry
    var evidence: [Evidence]
    var verdicts: [Listing.VerdictEntry]
  }

  private func claim(_ request: Request, id: String) throws -> Response {
    if case .failure(let refusal) = try caller(request) { return refusal.json }
    guard TargetId.isValid(id), id.uppercased().hasPrefix("C-") else {
      return Reply.jsonError(.notFound, "\(id): no claim has this id")
    }
    let ledger = try desk.ledger()
    guard case .claim(let found) = try ledger.target(id) else {
      return Reply.jsonError(.notFound, "\(id): no claim has this id")
    }
    return Reply.json(
      ClaimDetail(
        claim: Listing.ClaimEntry(found),
        evidence: ledger.review.evidence[found.claim.id] ?? [],
        verdicts: ledger.history(of: found.claim.id).map(Listing.VerdictEntry.init)))
  }

  private func conflicts(_ request: Request) throws -> Response {
    if case .failure(let refusal) = try caller(request) { return refusal.json }
    return Reply.json(Listing.Conflicts(try desk.ledger().conflicts))
  }

  struct VerdictBody: Decodable {
    var target: String?
    var status: String?
    var note: String?
  }

  /// 201 with the verdict as recorded; 401 without a valid token, 403 for a reader, 413 past
  /// the body limit, 400 for a body that is not JSON, 415 for one not sent as JSON (a form
  /// of another site cannot send that without the browser asking first), 422 for a bad
  /// status or note, 404 for an unknown id.
  private func verdict(_ request: Request) async throws -> Response {
    let visitor: Visitor
    switch try caller(request) {
    case .failure(let refusal): return refusal.json
    case .success(let found): visitor = found
    }
    guard let reviewer = visitor.reviewer else {
      return Reply.jsonError(
        .forbidden,
        visitor.account == nil
          ? "no reviewer is set for local mode (set CLAIMLEDGER_REVIEWER or git's user.name)"
          : "\(visitor.shownName) is a reader: readers record no verdicts")
    }
    let type = request.headers[.contentType]?.lowercased() ?? ""
    guard type.hasPrefix("application/json") else {
      return Reply.jsonError(.unsupportedMediaType, "send the verdict as application/json")
    }
    let buffer = try await request.body.collect(upTo: DeskContext.bodyLimit)
    let body: VerdictBody
    do {
      body = try JSONDecoder().decode(VerdictBody.self, from: Data(buffer.readableBytesView))
    } catch {
      return Reply.jsonError(
        .badRequest,
        "the body is not a JSON object with \"target\", \"status\" and \"note\" strings")
    }
    switch VerdictRequest(target: body.target, status: body.status, note: body.note).record(
      in: desk, reviewer: reviewer)
    {
    case .recorded(let record):
      return Reply.json(Listing.VerdictEntry(record), status: .created)
    case .refused(let status, let message):
      return Reply.jsonError(status, message)
    }
  }
}

struct ReplyRefusal: Error {
  let status: HTTPResponse.Status
  let message: String
  init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    self.message = message
  }
  var json: Response { Reply.jsonError(status, message) }
}

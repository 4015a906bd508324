import ClaimLedger
import Foundation
import Hummingbird

/// A verdict asked for by a form or the API, checked and recorded with the CLI's
/// ``VerdictRecorder``: the same checks, the same hash chain, the same lock on
/// `Claims/verdicts.jsonl`, so verdicts from desks and the CLI interleave safely.
struct VerdictRequest {
  var target: String?
  var status: String?
  var note: String?

  enum Outcome {
    case recorded(VerdictRecord)
    case refused(HTTPResponse.Status, String)
  }

  func record(in desk: Desk, reviewer: String) -> Outcome {
    guard let target, !target.isEmpty else {
      return .refused(
        .unprocessableContent, "'target' is missing: the claim (C-…) or conflict (K-…) id")
    }
    guard let statusText = status, !statusText.isEmpty else {
      return .refused(
        .unprocessableContent,
        "'status' is missing: one of "
          + VerdictStatus.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard let status = VerdictStatus(rawValue: statusText) else {
      return .refused(
        .unprocessableContent,
        "'\(statusText)' is not a verdict; use one of "
          + VerdictStatus.allCases.map(\.rawValue).joined(separator: ", "))
    }
    if let note, note.count > Desk.noteLimit {
      return .refused(
        .unprocessableContent,
        "the note has \(note.count) characters; at most \(Desk.noteLimit) are kept")
    }
    guard TargetId.isValid(target) else {
      return .refused(.notFound, "\(target): no claim or conflict has this id")
    }
    do {
      // Conflicts depend on verdicts (a not-a-claim takes a claim out of them): a conflict id
      // is looked up in the files as they are now.
      let ledger =
        target.uppercased().hasPrefix("C-") ? try desk.cache.ledgerForClaims() : try desk.ledger()
      let found = try ledger.target(target)
      let record = try VerdictRecorder(workspace: desk.workspace).record(
        on: found, status: status, reviewer: reviewer, note: note)
      return .recorded(record)
    } catch {
      let (status, message) = Reply.status(for: error)
      return .refused(status, message)
    }
  }
}

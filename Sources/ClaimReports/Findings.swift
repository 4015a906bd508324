import ClaimLedger
import Foundation

/// The kinds of finding a CI gate can fail on, and SARIF names as rules.
public enum FindingKind: String, CaseIterable, Sendable, Codable {
  /// Claims in the ledger contradict each other.
  case conflict
  /// A reviewer judged the claim false.
  case refuted
  /// References contradict the claim and no reviewer has judged it yet.
  case contradicted
  /// No evidence and no verdict yet.
  case unverified
  /// A verdict no longer applies: the sentence changed, or the cited snapshot was replaced.
  case needsReview = "needs-review"

  /// What `check` fails on when `--fail-on` is not given: everything but `unverified`, which
  /// a workspace starts with and a gate would fail on from its first run.
  public static let failingByDefault: [FindingKind] = [
    .conflict, .refuted, .contradicted, .needsReview,
  ]

  public var summary: String {
    switch self {
    case .conflict: return "Claims contradict each other"
    case .refuted: return "A reviewer judged the claim false"
    case .contradicted: return "References contradict the claim"
    case .unverified: return "The claim has no evidence or verdict yet"
    case .needsReview: return "The claim's verdict no longer applies"
    }
  }

  public var severity: Diagnostic.Severity {
    switch self {
    case .refuted: return .error
    case .conflict, .contradicted, .needsReview: return .warning
    case .unverified: return .note
    }
  }
}

/// One finding at one claim: what `check` prints and SARIF reports.
public struct Finding: Sendable {
  public var kind: FindingKind
  /// The claim's id (not the claim: copying 100,000 claims into findings was a cost of its own).
  public var claimID: String
  public var diagnostic: Diagnostic
}

extension Ledger {
  /// Every finding, in file order: one per claim in a reported conflict, and one per claim
  /// that is refuted, contradicted, in need of review or unverified.
  public var findings: [Finding] {
    // Claims are in file order already; each claim's findings are made in place, so the
    // list needs no sort (sorting 100,000 findings cost a fifth of a SARIF report).
    var conflictDiagnostic: [String: Diagnostic] = [:]
    for conflict in conflicts {
      for (claim, diagnostic) in zip(conflict.claims, conflict.diagnostics) {
        conflictDiagnostic[claim.claim.id] = diagnostic
      }
    }
    var latest: [String: VerdictRecord] = [:]
    for verdict in review.verdicts { latest[verdict.target] = verdict }
    var findings: [Finding] = []
    findings.reserveCapacity(claims.count + conflictDiagnostic.count)
    for claim in claims {
      let id = claim.claim.id
      if let diagnostic = conflictDiagnostic[id] {
        findings.append(Finding(kind: .conflict, claimID: id, diagnostic: diagnostic))
      }
      let what =
        "\"\(claim.entity.name)\" \(claim.claim.predicate.rawValue) \(claim.claim.value.display)"
      func finding(_ kind: FindingKind, _ message: String) -> Finding {
        Finding(
          kind: kind, claimID: id,
          diagnostic: Diagnostic(
            path: claim.document, line: claim.claim.location.line,
            column: claim.claim.location.column, severity: kind.severity, message: message,
            code: "\(kind.rawValue) \(id)"))
      }
      switch claim.status {
      case .refuted:
        let verdict = latest[id]
        let note = verdict?.note.map { ": \($0)" } ?? ""
        findings.append(
          finding(
            .refuted,
            "\(what) was refuted by \(verdict?.reviewer ?? "a reviewer")"
              + " (\(verdict?.time.prefix(10) ?? ""))\(note)"))
      case .evidenceFound:
        let against = (review.evidence[id] ?? []).filter { $0.stance == .contradicts }
        if !against.isEmpty {
          findings.append(
            Finding(
              kind: .contradicted, claimID: id,
              diagnostic: Diagnostic.contradicted(claim, by: against)))
        }
      case .needsReview:
        let reason: String
        if let verdict = latest[id], let cited = verdict.evidence {
          reason =
            "its verdict (\(verdict.status.rawValue), \(verdict.id)) cites \(cited.source),"
            + " whose snapshot was replaced by a re-fetch with other content"
        } else {
          reason = "its sentence changed since its verdict"
        }
        findings.append(finding(.needsReview, "\(what) needs review: \(reason)"))
      case .unverified:
        findings.append(finding(.unverified, "\(what) is unverified: no evidence or verdict yet"))
      case .supported, .mixed, .unverifiable, .notAClaim:
        break
      }
    }
    return findings
  }
}

import ClaimExtraction
import ClaimLedger
import Foundation

/// The formats `claimledger report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
  case html, markdown, json, csv, claimreview, sarif
}

/// Everything a report shows, gathered once: the ledger with its statuses, evidence and
/// verdicts, the registered sources, and the workspace's report settings.
public struct ReportInput: Sendable {
  public let ledger: Ledger
  public let sources: [String: Source]
  public let settings: WorkspaceConfig.ReportSettings
  /// Verdicts by target id, oldest first.
  public let verdicts: [String: [VerdictRecord]]
  /// The conflict a claim takes part in, by claim id.
  public let conflictOf: [String: Conflict]
  /// Claims of each document, in document order.
  public let documents: [(path: String, claims: [ResolvedClaim])]

  public init(ledger: Ledger, sources: [Source], settings: WorkspaceConfig.ReportSettings) {
    self.ledger = ledger
    self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    self.settings = settings
    var verdicts: [String: [VerdictRecord]] = [:]
    for verdict in ledger.review.verdicts { verdicts[verdict.target, default: []].append(verdict) }
    self.verdicts = verdicts
    var conflictOf: [String: Conflict] = [:]
    for conflict in ledger.conflicts {
      for claim in conflict.claims { conflictOf[claim.claim.id] = conflict }
    }
    self.conflictOf = conflictOf
    var documents: [(path: String, claims: [ResolvedClaim])] = []
    for claim in ledger.claims {
      if documents.last?.path == claim.document {
        documents[documents.count - 1].claims.append(claim)
      } else {
        documents.append((claim.document, [claim]))
      }
    }
    // Documents without claims are listed too: "nothing to check" is worth saying.
    let withClaims = Set(documents.map(\.path))
    for document in ledger.documents where !withClaims.contains(document.document) {
      documents.append((document.document, []))
    }
    self.documents = documents.sorted { $0.path < $1.path }
  }

  public static func load(_ workspace: Workspace) throws -> ReportInput {
    ReportInput(
      ledger: try Ledger.load(workspace),
      sources: try SourceRegistry(workspace: workspace).list(),
      settings: try WorkspaceConfig.load(workspace).report)
  }

  public var title: String { settings.title ?? "Verification report" }

  /// The notes beside the conflicts (calendar pairs, possible splits): the first place of each,
  /// with its message, in file order.
  var notes: [Diagnostic] {
    var seen = Set<String>()
    return Diagnostic.inFileOrder(ledger.noteDiagnostics).filter {
      seen.insert($0.message).inserted
    }
  }

  /// "16 claims in 3 documents; 2 conflicts; 1 verdict; 2 sources."
  public var lede: String {
    func count(_ number: Int, _ word: String) -> String {
      "\(number) \(word)\(number == 1 ? "" : "s")"
    }
    return count(ledger.claims.count, "claim") + " in " + count(documents.count, "document")
      + "; " + count(ledger.conflicts.count, "conflict") + "; "
      + count(ledger.review.verdicts.count, "verdict") + "; " + count(sources.count, "source")
      + "."
  }

  /// Claims by status, in the order statuses are listed.
  public var statusCounts: [(status: ClaimStatus, count: Int)] {
    var counts: [ClaimStatus: Int] = [:]
    for claim in ledger.claims { counts[claim.status, default: 0] += 1 }
    return ClaimStatus.allCases.map { ($0, counts[$0] ?? 0) }
  }

  /// What the evidence suggests for the claims no reviewer has decided yet, most urgent first:
  /// the counts a reviewer wants at the top of a report, before the statuses.
  public var suggestionCounts: [(suggestion: Suggestion, count: Int)] {
    ReportInput.suggestionOrder.map { suggestion in
      (suggestion, suggested(suggestion).count)
    }
  }

  /// Contradicted and mixed first: those are the claims to read first.
  public static let suggestionOrder: [Suggestion] = [.contradicted, .mixed, .supported, .mentioned]

  /// The undecided claims whose evidence suggests `suggestion`, in document order.
  public func suggested(_ suggestion: Suggestion) -> [ResolvedClaim] {
    documents.flatMap(\.claims).filter {
      $0.status == .evidenceFound && $0.suggestion == suggestion
    }
  }

  /// The latest verdict on each settled conflict.
  public var settledConflicts: [(conflict: Conflict, verdict: VerdictRecord?)] {
    ledger.settledConflicts.map { ($0, verdicts[$0.id]?.last) }
  }

  /// A source's URL when it is one a report may link to (http or https only: a registry file
  /// edited by hand could hold a `javascript:` URL).
  public static func linkable(_ url: String) -> String? {
    let lower = url.lowercased()
    return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
  }

  /// "1674 at a.md:11:310, a.md:30:4" groups: each value of a conflict with every place.
  public static func places(of conflict: Conflict) -> [(value: ClaimValue, claims: [ResolvedClaim])]
  {
    var groups: [(value: ClaimValue, claims: [ResolvedClaim])] = []
    var index: [String: Int] = [:]
    for claim in conflict.claims {
      if let existing = index[claim.claim.value.edtf] {
        groups[existing].claims.append(claim)
      } else {
        index[claim.claim.value.edtf] = groups.count
        groups.append((claim.claim.value, [claim]))
      }
    }
    return groups
  }
}

extension ResolvedClaim {
  /// "Treaty of Westminster signed 1651": the claim in a few words.
  public var summary: String {
    "\(entity.name) \(claim.predicate.rawValue) \(claim.value.display)"
  }

  /// `path:line:col`.
  public var place: String {
    "\(document):\(claim.location.line):\(claim.location.column)"
  }
}

import Foundation

/// What claim statuses are derived from, besides the claims themselves: the evidence of the
/// last `verify`, the verdict log, and the snapshot each source has now.
public struct ReviewRecords: Sendable {
  /// Evidence by claim id.
  public var evidence: [String: [Evidence]] = [:]
  /// Every verdict, oldest first.
  public var verdicts: [VerdictRecord] = []
  /// Source id → SHA-256 of its current snapshot.
  public var currentSnapshots: [String: String] = [:]

  public init(
    evidence: [String: [Evidence]] = [:], verdicts: [VerdictRecord] = [],
    currentSnapshots: [String: String] = [:]
  ) {
    self.evidence = evidence
    self.verdicts = verdicts
    self.currentSnapshots = currentSnapshots
  }

  public static func load(_ workspace: Workspace) throws -> ReviewRecords {
    ReviewRecords(
      evidence: try EvidenceFile.load(workspace)?.byClaim ?? [:],
      verdicts: try VerdictLog(workspace: workspace).records(),
      currentSnapshots: try FetchLog(workspace: workspace).currentSnapshots().compactMapValues(
        \.sha256))
  }
}

extension ClaimStatus {
  init(_ verdict: VerdictStatus) {
    switch verdict {
    case .supported: self = .supported
    case .refuted: self = .refuted
    case .mixed: self = .mixed
    case .unverifiable: self = .unverifiable
    case .notAClaim: self = .notAClaim
    // Conflict verdicts are never recorded on claims; a hand-edited log may still hold one.
    case .distinctEntities, .resolved: self = .needsReview
    }
  }
}

/// Derives each claim's status, as DESIGN.md lays it out: the latest verdict wins; a claim
/// whose sentence changed since its verdict, or whose cited snapshot was replaced by a
/// re-fetch with other content, needs review; else evidence found; else unverified.
struct StatusDeriver {
  let records: ReviewRecords
  private var latest: [String: VerdictRecord] = [:]
  private var byForm: [String: VerdictRecord] = [:]

  init(records: ReviewRecords) {
    self.records = records
    for verdict in records.verdicts {
      latest[verdict.target] = verdict
      if let form = verdict.claim {
        byForm[Self.formKey(form.document, form.subject, form.predicate, form.value)] = verdict
      }
    }
  }

  static func formKey(_ document: String, _ subject: String, _ predicate: String, _ value: String)
    -> String
  {
    [document, subject, predicate, value].joined(separator: "\u{0}")
  }

  func apply(to claims: inout [ResolvedClaim]) {
    let ids = Set(claims.map(\.claim.id))
    for index in claims.indices {
      let claim = claims[index].claim
      let evidence = records.evidence[claim.id] ?? []
      claims[index].suggestion = Suggestion(evidence)
      if let verdict = latest[claim.id] {
        claims[index].status = ClaimStatus(verdict.status)
        if let cited = verdict.evidence, let snapshot = cited.snapshot,
          let now = records.currentSnapshots[cited.source], now != snapshot
        {
          claims[index].status = .needsReview
        }
      } else if let earlier = byForm[
        Self.formKey(
          claims[index].document, claim.subject.key, claim.predicate.rawValue, claim.value.edtf)],
        !ids.contains(earlier.target)
      {
        // The verdict was on this claim in a sentence since edited.
        claims[index].status = .needsReview
      } else if !evidence.isEmpty {
        claims[index].status = .evidenceFound
      } else {
        claims[index].status = .unverified
      }
    }
  }

  /// The latest verdict on a claim or conflict id.
  func latestVerdict(on id: String) -> VerdictRecord? { latest[id] }
}

import Foundation
/// What a reviewer sees after `scan` and `verify`, judged against gold claims: the flags they
/// must examine (each conflict, and each contradicted or mixed claim outside a conflict), how
/// many of them point at a wrong date, and what became of the right and wrong dates.
///
/// A flag is right when one of its claims stands for a gold row judged wrong (`correct=no`);
/// one whose claims stand only for rows judged `unsure` is counted apart and left out of the
/// precision. A false conflict is a conflict none of whose claims stands for a wrong or unsure
/// row. Notes (calendar pairs, possible splits) are shown to the reviewer but are not flags.
public struct FlagScore: Sendable {
  /// A claim as the ledger holds it after verification, in the terms gold rows are matched in.
  public struct ReviewedClaim: Sendable {
    public var id: String
    /// The document's file name, as gold rows name it ("05.txt").
    public var file: String
    public var line: Int
    /// The subject as written and the entity's canonical name.
    public var names: [String]
    public var years: [Int]
    public var summary: String
    /// What the evidence suggests: contradicted or mixed.
    public var against: Bool
    public var supported: Bool

    public init(
      id: String, file: String, line: Int, names: [String], years: [Int], summary: String,
      against: Bool, supported: Bool
    ) {
      (self.id, self.file, self.line, self.names, self.years) = (id, file, line, names, years)
      (self.summary, self.against, self.supported) = (summary, against, supported)
    }

    func matches(_ row: GoldClaim) -> Bool {
      file == row.file && line == row.line && years.contains(row.year) && row.isNamed(by: names)
    }
  }

  public var flags = 0
  public var rightFlags = 0
  public var unsureFlags = 0
  public var conflicts = 0
  public var falseConflicts = 0
  public var wrong = 0
  public var wrongFlagged = 0
  public var right = 0
  public var rightFlagged = 0
  public var rightSupported = 0
  /// One line per false flag, false conflict, wrong date missed, right date flagged.
  public var notes: [String] = []
  /// One line per right date no reference supports.
  public var unsupported: [String] = []

  /// Of the flags not about unsure dates, the share at a wrong date (1 when there are none).
  public var flagPrecision: Double {
    let judged = flags - unsureFlags
    return judged == 0 ? 1 : Double(rightFlags) / Double(judged)
  }

  public init() {}

  /// Scores the claims and conflicts (each a list of claim ids) against the gold rows.
  public static func score(
    claims: [ReviewedClaim], conflicts: [[String]], gold: [GoldClaim]
  ) -> FlagScore {
    var score = FlagScore()
    let byID = Dictionary(claims.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let inConflict = Set(conflicts.joined())
    for row in gold where row.correct == "yes" || row.correct == "no" {
      let found = claims.filter { $0.matches(row) }
      let shown =
        "\(row.file):\(row.line): \(row.entity) \(row.written) — "
        + (found.isEmpty ? "no claim" : found.map(\.summary).joined(separator: ", "))
      let against = found.contains(where: \.against)
      if row.correct == "no" {
        score.wrong += 1
        if against || found.contains(where: { inConflict.contains($0.id) }) {
          score.wrongFlagged += 1
        } else {
          score.notes.append("wrong date missed: " + shown)
        }
      } else {
        score.right += 1
        if against {
          score.rightFlagged += 1
          score.notes.append("right date contradicted: " + shown)
        }
        if found.contains(where: \.supported) {
          score.rightSupported += 1
        } else if !against {
          score.unsupported.append("right date not supported: " + shown)
        }
      }
    }
    enum Judgement { case wrongDate, unsure, noWrongDate }
    func judge(_ members: [ReviewedClaim]) -> Judgement {
      let rows = gold.filter { row in members.contains { $0.matches(row) } }
      if rows.contains(where: { $0.correct == "no" }) { return .wrongDate }
      if rows.contains(where: { $0.correct == "unsure" }) { return .unsure }
      return .noWrongDate
    }
    func describe(_ claim: ReviewedClaim) -> String {
      "\(claim.file):\(claim.line) \(claim.summary)"
    }
    for conflict in conflicts {
      let members = conflict.compactMap { byID[$0] }
      score.flags += 1
      score.conflicts += 1
      switch judge(members) {
      case .wrongDate: score.rightFlags += 1
      case .unsure: score.unsureFlags += 1
      case .noWrongDate:
        score.falseConflicts += 1
        score.notes.append("false conflict: " + members.map(describe).joined(separator: " / "))
      }
    }
    for claim in claims where claim.against && !inConflict.contains(claim.id) {
      score.flags += 1
      switch judge([claim]) {
      case .wrongDate: score.rightFlags += 1
      case .unsure: score.unsureFlags += 1
      case .noWrongDate: score.notes.append("false flag: " + describe(claim))
      }
    }
    return score
  }

  /// The figures, one a line.
  public var report: [String] {
    func share(_ count: Int, _ total: Int) -> String {
      let percent = total == 0 ? 0 : Double(count) / Double(total) * 100
      return "\(count)/\(total) (" + String(format: "%.1f", percent) + " %)"
    }
    return [
      "flag precision (flags at a wrong date, of the flags not about unsure dates): "
        + "\(rightFlags)/\(flags - unsureFlags) (" + String(format: "%.4f", flagPrecision) + ")",
      "flags: \(flags) (\(conflicts) conflicts, \(flags - conflicts) contradicted or mixed claims"
        + " outside them; \(unsureFlags) about unsure dates)",
      "false conflicts (every claim right): \(falseConflicts)/\(conflicts)",
      "wrong dates flagged (contradicted, mixed or in a conflict): \(share(wrongFlagged, wrong))",
      "right dates flagged as contradicted (or mixed): \(share(rightFlagged, right))",
      "right dates supported: \(share(rightSupported, right))",
    ]
  }
}

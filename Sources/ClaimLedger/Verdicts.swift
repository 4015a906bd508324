import Foundation

/// What a verdict is about: a claim or a conflict of the current ledger.
public enum VerdictTarget: Sendable {
  case claim(ResolvedClaim)
  case conflict(Conflict)

  public var id: String {
    switch self {
    case .claim(let claim): return claim.claim.id
    case .conflict(let conflict): return conflict.id
    }
  }
}

extension Ledger {
  /// The claim or conflict with this id, or the only one whose id starts with it (as git
  /// takes a commit's prefix). Settled conflicts count: a reviewer may revisit them.
  public func target(_ id: String) throws -> VerdictTarget {
    let wanted =
      id.uppercased().hasPrefix("C-") || id.uppercased().hasPrefix("K-")
      ? id.prefix(2).uppercased() + id.dropFirst(2).lowercased() : id
    guard wanted.count >= 4 else {
      throw LedgerError.invalidArgument(
        "\(id): too short to name a claim or conflict; give at least two characters after"
          + " 'C-' or 'K-'")
    }
    var matches: [VerdictTarget] = []
    for claim in claims where claim.claim.id.hasPrefix(wanted) {
      if claim.claim.id == wanted { return .claim(claim) }
      matches.append(.claim(claim))
    }
    for conflict in conflicts + settledConflicts where conflict.id.hasPrefix(wanted) {
      if conflict.id == wanted { return .conflict(conflict) }
      matches.append(.conflict(conflict))
    }
    guard matches.count == 1 else {
      throw LedgerError.unknownId(id, candidates: matches.count > 1 ? matches.map(\.id) : [])
    }
    return matches[0]
  }

  /// Every verdict on an id, oldest first.
  public func history(of id: String) -> [VerdictRecord] {
    review.verdicts.filter { $0.target == id }
  }
}

/// Records reviewers' verdicts in the log, after checking them against the ledger.
public struct VerdictRecorder: Sendable {
  public let workspace: Workspace

  public init(workspace: Workspace) { self.workspace = workspace }

  /// Checks and appends one verdict; returns it as written. Nothing is written when any check
  /// fails.
  @discardableResult
  public func record(
    on target: VerdictTarget, status: VerdictStatus, reviewer: String, note: String? = nil,
    evidence source: String? = nil, quote: String? = nil, at time: Date = Date()
  ) throws -> VerdictRecord {
    let reviewer = reviewer.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reviewer.isEmpty else { throw LedgerError.invalidArgument("the reviewer is empty") }
    // A name is shown on one line of `history` and `check`: a control character in it could
    // forge a line or drive the terminal, and no person's name needs one.
    guard !reviewer.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else {
      throw LedgerError.invalidArgument(
        "the reviewer \"\(reviewer.terminalSafe)\" contains a control character")
    }
    let allowed: [VerdictStatus]
    switch target {
    case .claim: allowed = VerdictStatus.forClaims
    case .conflict: allowed = VerdictStatus.forConflicts
    }
    guard allowed.contains(status) else {
      throw LedgerError.invalidArgument(
        "'\(status.rawValue)' is a verdict on conflicts; a claim takes one of "
          + allowed.map(\.rawValue).joined(separator: ", "))
    }
    var citation: VerdictRecord.Citation?
    if let source {
      _ = try SourceRegistry(workspace: workspace).read(source)
      let snapshot = try FetchLog(workspace: workspace).currentSnapshots()[source]?.sha256
      citation = VerdictRecord.Citation(source: source, snapshot: snapshot, quote: quote)
    } else if quote != nil {
      throw LedgerError.invalidArgument("--quote needs --evidence SOURCE-ID: whose words are they?")
    }
    let note = note.flatMap {
      $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0
    }
    var record: VerdictRecord
    switch target {
    case .claim(let resolved):
      let claim = resolved.claim
      record = VerdictRecord(
        time: Self.timestamp(time), target: claim.id, kind: .claim, status: status,
        reviewer: reviewer, note: note, evidence: citation,
        claim: VerdictRecord.ClaimForm(
          document: resolved.document, subject: claim.subject.key,
          predicate: claim.predicate.rawValue, value: claim.value.edtf, sentence: claim.sentence))
    case .conflict(let conflict):
      record = VerdictRecord(
        time: Self.timestamp(time), target: conflict.id, kind: .conflict, status: status,
        reviewer: reviewer, note: note, evidence: citation,
        conflict: VerdictRecord.ConflictForm(
          entity: conflict.entity.key, values: conflict.values.map(\.edtf)))
    }
    return try VerdictLog(workspace: workspace).append(record)
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}

/// Who is recording a verdict: `--reviewer`, else `CLAIMLEDGER_REVIEWER`, else git's
/// `user.name` and `user.email` ("Name <email>"), as a commit's author is found.
public enum Reviewer {
  public static func resolve(
    explicit: String?, environment: [String: String], workspace: Workspace
  ) throws -> String {
    if let explicit {
      let trimmed = explicit.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { throw LedgerError.invalidArgument("--reviewer is empty") }
      return trimmed
    }
    if let variable = environment["CLAIMLEDGER_REVIEWER"] {
      let trimmed = variable.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else {
        throw LedgerError.invalidArgument("CLAIMLEDGER_REVIEWER is set but empty")
      }
      return trimmed
    }
    let name = gitConfig("user.name", in: workspace.root)
    let email = gitConfig("user.email", in: workspace.root)
    switch (name, email) {
    case (let name?, let email?): return "\(name) <\(email)>"
    case (let name?, nil): return name
    case (nil, let email?): return "<\(email)>"
    case (nil, nil):
      throw LedgerError.invalidArgument(
        "who is the reviewer? pass --reviewer NAME, set CLAIMLEDGER_REVIEWER, or set git's"
          + " user.name")
    }
  }

  private static func gitConfig(_ key: String, in folder: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "config", "--get", key]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let value = String(decoding: data, as: UTF8.self).trimmingCharacters(
      in: .whitespacesAndNewlines)
    return value.isEmpty ? nil : value
  }
}

/// The order of the interactive review: conflicts first, then claims with contradicting
/// evidence, then every other claim still waiting for a verdict.
public enum ReviewQueue {
  public static func items(_ ledger: Ledger) -> [VerdictTarget] {
    let waiting = ledger.claims.filter {
      [.unverified, .evidenceFound, .needsReview].contains($0.status)
    }
    let contradicted = waiting.filter {
      $0.suggestion == .contradicted || $0.suggestion == .mixed
    }
    let contradictedIds = Set(contradicted.map(\.claim.id))
    return ledger.conflicts.map(VerdictTarget.conflict)
      + contradicted.map(VerdictTarget.claim)
      + waiting.filter { !contradictedIds.contains($0.claim.id) }.map(VerdictTarget.claim)
  }
}

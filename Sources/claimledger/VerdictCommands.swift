import ArgumentParser
import ClaimLedger
import Foundation

struct VerdictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verdict",
    abstract: "Record a reviewer's verdict on a claim or a conflict in Claims/verdicts.jsonl.",
    discussion: """
      Claims take supported, refuted, mixed, unverifiable or not-a-claim; conflicts also take \
      distinct-entities (stops the conflict being reported) and resolved. An id may be \
      shortened to any prefix that fits one claim or conflict. The reviewer is --reviewer, else \
      $CLAIMLEDGER_REVIEWER, else git's user.name and user.email. The verdict is on disk \
      (flushed) when the command says it is recorded; verdicts are never edited, a new one \
      supersedes the old.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  @Argument(help: "The claim (C-…) or conflict (K-…) id.")
  var id: String

  @Argument(
    help: ArgumentHelp(
      "The verdict.", valueName: VerdictStatus.allCases.map(\.rawValue).joined(separator: "|")))
  var status: String

  @Option(help: "The registered source the verdict rests on (its current snapshot is cited).")
  var evidence: String?

  @Option(help: "The words of the source the verdict rests on.")
  var quote: String?

  @Option(help: "Why: shown in history and reports.")
  var note: String?

  @OptionGroup var reviewerOptions: ReviewerOptions

  func validate() throws {
    guard VerdictStatus(rawValue: status) != nil else {
      throw ValidationError(
        "'\(status)' is not a verdict; use one of "
          + VerdictStatus.allCases.map(\.rawValue).joined(separator: ", "))
    }
  }

  func run() throws {
    try reportingErrors {
      let workspace = try workspaceOptions.locate()
      let who = try reviewerOptions.resolve(in: workspace)
      let target = try Ledger.load(workspace).target(id)
      let record = try VerdictRecorder(workspace: workspace).record(
        on: target, status: VerdictStatus(rawValue: status)!, reviewer: who, note: note,
        evidence: evidence, quote: quote)
      switch formatOptions.format {
      case .json:
        print(try Listing.json(Listing.VerdictEntry(record)), terminator: "")
      case .text:
        print(
          "recorded \(record.id): \(record.target) \(record.status.rawValue) (\(record.reviewer))"
            .lineSafe)
      }
    }
  }
}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Show every verdict on a claim or conflict, oldest first.")

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  @Argument(help: "The claim (C-…) or conflict (K-…) id, or a prefix of it.")
  var id: String

  func run() throws {
    try reportingErrors {
      let ledger = try Ledger.load(try workspaceOptions.locate())
      let target: VerdictTarget?
      let targetId: String
      do {
        let found = try ledger.target(id)
        target = found
        targetId = found.id
      } catch LedgerError.unknownId(let given, let candidates) where candidates.isEmpty {
        // A claim since edited away still has its history.
        guard ledger.review.verdicts.contains(where: { $0.target == given }) else {
          throw LedgerError.unknownId(given, candidates: [])
        }
        target = nil
        targetId = given
      }
      let verdicts = ledger.history(of: targetId)
      switch formatOptions.format {
      case .json:
        print(
          try Listing.json(Listing.History(target: targetId, verdicts: verdicts)), terminator: "")
      case .text:
        switch target {
        case .claim(let claim)?:
          print(
            "\(targetId): \"\(claim.entity.name)\" \(claim.claim.predicate.rawValue)"
              + " \(claim.claim.value.display) at \(claim.document):\(claim.claim.location.line):"
              + "\(claim.claim.location.column); status \(claim.status.rawValue)".lineSafe)
        case .conflict(let conflict)?:
          print(
            "\(targetId): \"\(conflict.entity.name)\" given "
              + conflict.values.map(\.display).joined(separator: ", ").lineSafe)
        case nil:
          print("\(targetId): no longer in the ledger (its document changed)".lineSafe)
        }
        if verdicts.isEmpty { print("  no verdicts yet") }
        for verdict in verdicts {
          print(
            "  \(verdict.time)  \(verdict.status.rawValue)  \(verdict.reviewer)  \(verdict.id)"
              .lineSafe)
          if let note = verdict.note { print("      note: \(note)".lineSafe) }
          if let cited = verdict.evidence {
            let snapshot = cited.snapshot.map { " (snapshot \($0.prefix(12)))" } ?? ""
            let quote = cited.quote.map { ": \"\($0)\"" } ?? ""
            print("      evidence: \(cited.source)\(snapshot)\(quote)".lineSafe)
          }
        }
      }
    }
  }
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Check the hash chain of Claims/verdicts.jsonl.",
    discussion: """
      Reports the first line that was edited, removed, reordered or torn, and exits 1. \
      --repair removes an incomplete last line (a write interrupted by a crash) after saying \
      so, and nothing else: any other damage is for version control to undo.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions

  @Flag(help: "Remove an incomplete last line, and only that.")
  var repair = false

  func run() throws {
    try reportingErrors {
      let log = VerdictLog(workspace: try workspaceOptions.locate())
      if repair {
        let before = try log.audit()
        let removed = try log.repairTornTail()
        if removed > 0, let problem = before.problem {
          print(
            "\(before.path):\(problem.line): note: removed the incomplete last line"
              + " (\(removed) bytes)")
        }
      }
      let report = try log.audit()
      if let problem = report.problem {
        print(
          Terminal.line(
            for: Diagnostic(
              path: report.path, line: problem.line, severity: .error, message: problem.message,
              code: "audit \(problem.kind.rawValue)")))
        throw ExitCode.failure
      }
      let count = report.lines == 1 ? "1 verdict" : "\(report.lines) verdicts"
      print("\(report.path): \(count), hash chain intact")
    }
  }
}

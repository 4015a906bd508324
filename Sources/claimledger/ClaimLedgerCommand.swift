import ArgumentParser

/// `claimledger`: checks the dated claims in prose before it is published.
@main
struct ClaimLedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "claimledger",
    abstract: "Extract dated claims from documents, keep them in a ledger, flag contradictions.",
    discussion: """
      A workspace is a folder holding Claims/ (found by walking up from the current folder). \
      Exit status: 0 success, 1 an operation failed (or, for check, a finding it fails on), \
      64 usage error.
      """,
    version: "0.1.0",
    subcommands: [
      Init.self, ScanCommand.self, ClaimsCommand.self, ConflictsCommand.self,
      MentionsCommand.self, SourcesCommand.self, DiscoverCommand.self, FetchCommand.self,
      VerifyCommand.self,
      VerdictCommand.self, ReviewCommand.self, HistoryCommand.self, AuditCommand.self,
      ReportCommand.self, CheckCommand.self,
    ]
  )
}

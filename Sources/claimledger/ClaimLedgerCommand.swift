import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

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
      ReportCommand.self, CheckCommand.self, ServeCommand.self, ReviewersCommand.self,
    ]
  )

  /// ArgumentParser's main, plus two things it leaves to the program: a reader that goes away
  /// ends the output quietly (SIGPIPE ignored, EPIPE not reported), and an output that could
  /// not be written (a full disk) is an error, exit 1, whatever the command did.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    let status: Int32
    do {
      var command = try parseAsRoot()
      try command.run()
      status = 0
    } catch {
      // Help, version, usage errors and ExitCode come here too: help and version on
      // standard output, errors on standard error, as ArgumentParser prints them.
      let code = exitCode(for: error).rawValue
      let message = fullMessage(for: error)
      if !message.isEmpty {
        if code == 0 {
          StandardStreams.write(message + "\n")
        } else {
          StandardStreams.writeError(message + "\n")
        }
      }
      status = code
    }
    let written = StandardStreams.finish()
    Foundation.exit(written ? status : max(status, 1))
  }
}

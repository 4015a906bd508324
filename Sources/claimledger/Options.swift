import ArgumentParser
import ClaimLedger
import Foundation

/// Where the workspace is: the folder given, or the one found above the current folder.
struct WorkspaceOptions: ParsableArguments {
  @Option(
    name: [.customShort("C"), .long], help: "Run as if started in this folder.",
    completion: .directory)
  var workspace: String?

  func locate() throws -> Workspace {
    try Workspace.discover(from: workspace ?? FileManager.default.currentDirectoryPath)
  }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

struct FormatOptions: ParsableArguments {
  @Option(help: "Output format: text (compiler-style lines) or json.")
  var format: OutputFormat = .text
}

/// Who records verdicts: `--reviewer`, else `$CLAIMLEDGER_REVIEWER`, else git's identity.
struct ReviewerOptions: ParsableArguments {
  @Option(help: "Who decides (default: $CLAIMLEDGER_REVIEWER, else git's user.name/email).")
  var reviewer: String?

  func resolve(in workspace: Workspace) throws -> String {
    try Reviewer.resolve(
      explicit: reviewer, environment: ProcessInfo.processInfo.environment,
      workspace: workspace)
  }
}

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

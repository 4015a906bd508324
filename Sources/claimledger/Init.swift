import ArgumentParser
import ClaimLedger
import Foundation

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create Claims/ and Sources-Registry/ in a folder (the current one by default).")

  @Argument(help: "The folder to make a workspace.", completion: .directory)
  var folder: String = "."

  func run() throws {
    try reportingErrors {
      let (workspace, created) = try Workspace.initialize(at: folder)
      if created.isEmpty {
        print("\(workspace.root) is already a ClaimLedger workspace".lineSafe)
      } else {
        print("initialised ClaimLedger workspace in \(workspace.root)".lineSafe)
        for path in created { print("  created \(path)".lineSafe) }
      }
    }
  }
}

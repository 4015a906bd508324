import ArgumentParser
import ClaimLedger
import Foundation

struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Extract claims, update Claims/ledger/, and print conflicts and document problems.",
    discussion: """
      Without paths, scans the folders listed under documents.include in Claims/config.yaml. \
      Unchanged documents are not extracted again. Exits 1 only when a file could not be read: \
      conflicts are findings, reported as warnings (use 'check' to gate on them).
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  @Argument(help: "Files or folders to scan.", completion: .file())
  var paths: [String] = []

  func run() throws {
    try reportingErrors {
      let workspace = try workspaceOptions.locate()
      let current = FileManager.default.currentDirectoryPath
      let absolute = paths.map { $0.hasPrefix("/") ? $0 : current + "/" + $0 }
      // Name a missing path as the user typed it, before anything is read.
      for (typed, path) in zip(paths, absolute) where !FileManager.default.fileExists(atPath: path)
      {
        throw LedgerError.missingPath(typed)
      }
      let report = try Scan(workspace: workspace).perform(
        paths: absolute, progress: Terminal.progress(label: "scanning"))
      let diagnostics = report.diagnostics
      // A ledger file written anew is the tool mending its own file: said on stderr.
      for repair in report.repaired { Terminal.printError(repair.formatted) }
      switch formatOptions.format {
      case .json:
        print(
          try Listing.json(Listing.ScanResult(report, diagnostics: diagnostics)), terminator: "")
      case .text:
        for diagnostic in diagnostics { print(Terminal.line(for: diagnostic)) }
        let conflicts = report.ledger.conflicts.count
        Terminal.printError(
          "scanned \(report.documents.count) document\(report.documents.count == 1 ? "" : "s")"
            + " (\(report.extracted.count) extracted), \(report.ledger.claims.count) claims,"
            + " \(conflicts) conflict\(conflicts == 1 ? "" : "s")")
      }
      if report.hasErrors { throw ExitCode.failure }
    }
  }
}

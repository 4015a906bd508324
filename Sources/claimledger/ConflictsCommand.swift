import ArgumentParser
import ClaimLedger

struct ConflictsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conflicts",
    abstract:
      "List claims that contradict each other, one warning per place, with the notes beside them.")

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  func run() throws {
    try reportingErrors {
      let ledger = try Ledger.load(try workspaceOptions.locate())
      switch formatOptions.format {
      case .json:
        print(try Listing.json(Listing.Conflicts(ledger.conflicts)), terminator: "")
      case .text:
        // The notes beside them too: a calendar pair or a possible split explains why two
        // dates of one name are not listed as a conflict.
        let diagnostics = Diagnostic.inFileOrder(
          ledger.conflicts.flatMap(\.diagnostics) + ledger.noteDiagnostics)
        for diagnostic in diagnostics { print(Terminal.line(for: diagnostic)) }
      }
    }
  }
}

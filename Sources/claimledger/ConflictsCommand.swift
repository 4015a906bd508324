import ArgumentParser
import ClaimLedger

struct ConflictsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conflicts",
    abstract: "List claims that contradict each other, one warning per place.")

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  func run() throws {
    try reportingErrors {
      let ledger = try Ledger.load(try workspaceOptions.locate())
      switch formatOptions.format {
      case .json:
        print(try Listing.json(Listing.Conflicts(ledger.conflicts)), terminator: "")
      case .text:
        let diagnostics = Diagnostic.inFileOrder(ledger.conflicts.flatMap(\.diagnostics))
        for diagnostic in diagnostics { print(Terminal.line(for: diagnostic)) }
      }
    }
  }
}

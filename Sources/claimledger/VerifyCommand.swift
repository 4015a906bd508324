import ArgumentParser
import ClaimLedger
import ClaimVerification

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Match claims against the text of fetched references; write Claims/evidence.json.",
    discussion: """
      Each claim is looked for in the current snapshot of every source that covers its subject \
      (of every source, when none does). Evidence supports, contradicts or only mentions it; \
      claims with evidence become 'evidence-found' until a reviewer's verdict. Prints a warning \
      for each claim the references contradict. Exits 0 unless something could not be read.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  func run() throws {
    try reportingErrors {
      let report = try Verifier(workspace: try workspaceOptions.locate()).perform()
      let diagnostics = report.diagnostics
      switch formatOptions.format {
      case .json:
        print(try Listing.json(Listing.VerifyResult(report)), terminator: "")
      case .text:
        for diagnostic in diagnostics { print(Terminal.line(for: diagnostic)) }
      }
      let counts = Suggestion.allCases.compactMap { suggestion in
        report.suggestions[suggestion].map { "\($0) \(suggestion.rawValue)" }
      }
      let found = report.suggestions.values.reduce(0, +)
      Terminal.printError(
        "searched \(report.snapshots) snapshots of \(report.sources) sources for"
          + " \(report.claims) claims: \(found) with evidence"
          + (counts.isEmpty ? "" : " (" + counts.joined(separator: ", ") + ")")
          + (report.passagesLeftOut == 0
            ? ""
            : "; \(report.passagesLeftOut) more passages left out (at most five of a stance from"
              + " one page for one claim)")
          + (report.changed ? "" : "; Claims/evidence.json unchanged"))
    }
  }
}

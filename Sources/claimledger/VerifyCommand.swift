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
          + leftOut(report)
          + (report.changed ? "" : "; Claims/evidence.json unchanged"))
    }
  }

  /// "; 352 more passages left out (100 supporting, 60 contradicting, 192 mentions; …)".
  private func leftOut(_ report: VerifyReport) -> String {
    guard report.passagesLeftOut > 0 else { return "" }
    let kinds: [(Stance, String)] = [
      (.supports, "supporting"), (.contradicts, "contradicting"), (.mentions, "mentions"),
    ]
    let counts = kinds.compactMap { stance, name in
      report.passagesLeftOutByStance[stance].map { "\($0) \(name)" }
    }
    return "; \(report.passagesLeftOut) more passages left out (" + counts.joined(separator: ", ")
      + "; a claim keeps at most \(EvidenceCap.dated) supporting, \(EvidenceCap.dated)"
      + " contradicting and \(EvidenceCap.mentions) mentions from one source)"
  }
}

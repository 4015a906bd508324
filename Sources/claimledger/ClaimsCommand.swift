import ArgumentParser
import ClaimExtraction
import ClaimLedger

struct ClaimsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "claims", abstract: "List the claims in the ledger.")

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  @Option(help: "Only claims about this entity (any of its names or aliases).")
  var subject: String?

  @Option(
    help: ArgumentHelp(
      "Only claims with this status.",
      valueName: ClaimStatus.allCases.map(\.rawValue).joined(separator: "|")))
  var status: ClaimStatus?

  @Option(
    help: ArgumentHelp(
      "Only claims whose evidence (from the last verify) suggests this; with --status"
        + " evidence-found, only those no reviewer has decided.",
      valueName: Suggestion.allCases.map(\.rawValue).joined(separator: "|")))
  var suggests: Suggestion?

  @Option(help: "Only claims in this document (path relative to the workspace root).")
  var document: String?

  func run() throws {
    try reportingErrors {
      let ledger = try Ledger.load(try workspaceOptions.locate())
      let claims = ClaimFilter(
        status: status, subject: subject, document: document, suggests: suggests
      ).apply(ledger)
      switch formatOptions.format {
      case .json:
        print(try Listing.json(Listing.Claims(claims)), terminator: "")
      case .text:
        for item in claims {
          let claim = item.claim
          print(
            ("\(item.document):\(claim.location.line):\(claim.location.column):"
              + " \(item.entity.name): \(claim.predicate.rawValue) \(claim.value.display)"
              + " [\(claim.id), \(item.status.rawValue)"
              // What the evidence suggests, until a reviewer decides: "evidence-found: supported".
              + (item.status == .evidenceFound
                ? item.suggestion.map { ": " + $0.rawValue } ?? "" : "")
              + "]").lineSafe)
        }
      }
    }
  }
}

extension ClaimStatus: ExpressibleByArgument {}
extension Suggestion: ExpressibleByArgument {}

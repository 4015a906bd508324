import ArgumentParser
import ClaimLedger
import Foundation
import ReferenceDiscovery

struct DiscoverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "discover",
    abstract:
      "Find encyclopedia articles for the claims' subjects on a MediaWiki site and register them.",
    discussion: """
      Asks the site's Action API for every subject no registered source covers (or for the \
      subjects named), keeps the articles whose titles name the subject, year-qualified \
      variants included ("Treaty of Westminster (1654)", "(1674)"), and registers each as a \
      source of kind encyclopedia with 'origin: discovered'. A source already registered is \
      never changed. Requests go one at a time, at most three a second, with maxlag=5 and a \
      User-Agent that names ClaimLedger, its version and your contact (discover.contact in \
      Claims/config.yaml, or --contact), as Wikimedia's policy asks. Exits 1 when a lookup \
      failed.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions

  @Argument(help: "Subjects to look up (default: every subject without a registered source).")
  var subjects: [String] = []

  @Option(
    help:
      "The MediaWiki site (default: discover.wiki in config.yaml, else https://en.wikipedia.org).")
  var wiki: String?

  @Option(help: "Search results to consider per subject.")
  var limit = 10

  @Option(help: "Where the wiki's operators can reach you: an e-mail address or a URL.")
  var contact: String?

  func validate() throws {
    guard (1...50).contains(limit) else { throw ValidationError("--limit must be 1 to 50") }
  }

  func run() throws {
    try reportingErrors {
      let workspace = try workspaceOptions.locate()
      let config = try WorkspaceConfig.load(workspace)
      guard let contact = contact ?? config.discover.contact else {
        throw LedgerError.invalidArgument(
          "discover needs a contact for its User-Agent, as Wikimedia's policy asks: set"
            + " discover.contact in Claims/config.yaml or pass --contact")
      }
      let site = wiki ?? config.discover.wiki
      guard site.hasPrefix("http://") || site.hasPrefix("https://") else {
        throw LedgerError.invalidArgument("\(site): the wiki must be an http or https URL")
      }
      var settings = Discovery.Settings(
        wiki: site, contact: contact,
        toolVersion: ClaimLedgerCommand.configuration.version)
      settings.limit = limit
      let discovery = Discovery(workspace: workspace, settings: settings)
      let ledger = try Ledger.load(workspace, withReview: false)
      let asked = Discovery.subjects(
        in: ledger, sources: try SourceRegistry(workspace: workspace).list(), named: subjects)
      var registered = 0
      var unmatched = 0
      var failed = 0
      _ = try discovery.perform(subjects: asked) { subject, outcome in
        switch outcome.result {
        case .found(let sources, let already):
          for source in sources {
            print(
              "\(source.id): registered \"\(source.title ?? "")\" for \(subject) (\(source.url))"
                .lineSafe)
          }
          for title in already { print("\(subject): \"\(title)\" is registered already".lineSafe) }
          registered += sources.count
        case .noMatch:
          print("\(subject): no article named so".lineSafe)
          unmatched += 1
        case .failed(let message):
          print("\(subject): error: \(message)".lineSafe)
          failed += 1
        }
      }
      Terminal.printError(
        "asked \(site) about \(asked.count) subject\(asked.count == 1 ? "" : "s"):"
          + " \(registered) source\(registered == 1 ? "" : "s") registered,"
          + " \(unmatched) without a match, \(failed) failed")
      if failed > 0 { throw ExitCode.failure }
    }
  }
}

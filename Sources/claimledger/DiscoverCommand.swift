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
      never changed. --wiki is a site root or its api.php URL: the API and the article path \
      are read from the site (meta=siteinfo), and what is not a MediaWiki API is refused. \
      Redirects are resolved: the article is registered once and the redirect names are \
      recorded as aliases (the 'discovered' section of Claims/aliases.yaml). Disambiguation \
      pages are not registered; their links lead to the articles. Requests go one at a time, \
      at most three a second counted from the end of the last attempt, with maxlag=5 (a lagged \
      wiki is waited out, at least 5 s and what its Retry-After asks) and a User-Agent that \
      names ClaimLedger, its version and your contact (discover.contact in \
      Claims/config.yaml, or --contact), as Wikimedia's policy asks. Exits 1 when a lookup \
      failed or the wiki is not a MediaWiki API.
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

  @Option(help: "Seconds one request to the wiki may take (at most a day).")
  var timeout: Double = 30

  @Option(help: "Further attempts after a timeout, a 429 or a 5xx.")
  var retries = 3

  func validate() throws {
    guard (1...50).contains(limit) else { throw ValidationError("--limit must be 1 to 50") }
    // As fetch: seconds become whole milliseconds for libcurl, so nan, inf and 1e300 do not
    // convert, and no single request needs more than a day.
    guard timeout > 0, timeout.isFinite, timeout <= FetchCommand.longestTimeout else {
      throw ValidationError(
        "--timeout must be a positive number of seconds up to \(Int(FetchCommand.longestTimeout))")
    }
    guard (0...100).contains(retries) else {
      throw ValidationError("--retries must be 0 to 100")
    }
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
      settings.fetchPolicy.timeout = timeout
      settings.fetchPolicy.retries = retries
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
          for group in outcome.aliases {
            print(
              "\(subject): recorded \(group.dropFirst().joined(separator: ", ")) as"
                + " \(group.count == 2 ? "an alias" : "aliases") of \(group[0])".lineSafe)
          }
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

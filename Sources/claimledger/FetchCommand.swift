import ArgumentParser
import ClaimLedger
import Foundation
import ReferenceFetcher

struct FetchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Fetch registered references through libcurl into Sources-Registry/snapshots/.",
    discussion: """
      Every attempt is logged in Sources-Registry/fetch-log.jsonl. A source fetched before is \
      asked for conditionally and a 304 reuses its snapshot. Exits 1 when any source failed.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions

  @Argument(help: "Ids of the sources to fetch (default: all).")
  var ids: [String] = []

  @Option(help: "Transfers at once.")
  var concurrency = 8

  @Option(help: "Connections to one host at once.")
  var perHost = 4

  @Option(help: "Seconds one attempt may take (at most a day).")
  var timeout: Double = 30

  static let longestTimeout: Double = 86_400

  @Option(help: "Largest body kept, in bytes.")
  var maxSize = 20_000_000

  @Option(help: "Further attempts after a timeout, a 429 or a 5xx.")
  var retries = 3

  func validate() throws {
    guard concurrency >= 1, perHost >= 1 else {
      throw ValidationError("connections must be at least 1")
    }
    guard timeout > 0, maxSize > 0, retries >= 0 else {
      throw ValidationError("--timeout and --max-size must be positive, --retries not negative")
    }
    // Seconds become whole milliseconds for libcurl: nan, inf and 1e300 do not convert, and
    // no single attempt needs more than a day.
    guard timeout.isFinite, timeout <= Self.longestTimeout else {
      throw ValidationError(
        "--timeout must be a number of seconds up to \(Int(Self.longestTimeout))")
    }
    guard concurrency <= 256, perHost <= 256, retries <= 100 else {
      throw ValidationError("--concurrency and --per-host are at most 256, --retries at most 100")
    }
  }

  func run() throws {
    try reportingErrors {
      var policy = FetchPolicy()
      policy.concurrency = concurrency
      policy.perHost = perHost
      policy.timeout = timeout
      policy.maxSize = maxSize
      policy.retries = retries
      let workspace = try workspaceOptions.locate()
      // The pages come from the wikis discover asked: the same User-Agent, contact included.
      policy.userAgent = FetchPolicy.userAgent(
        version: ClaimLedgerCommand.configuration.version,
        contact: try WorkspaceConfig.load(workspace).discover.contact)
      let report = try FetchReferences(workspace: workspace, policy: policy)
        .perform(ids: ids, progress: Terminal.progress(label: "fetching"))
      for warning in report.warnings {
        Terminal.printError("\(warning.source): warning: \(warning.message)".lineSafe)
      }
      for entry in report.failed {
        print("\(entry.source): error: \(entry.error ?? "failed") (\(entry.url))".lineSafe)
      }
      Terminal.printError(
        "fetched \(report.fetched.count), unchanged \(report.unchanged.count),"
          + " failed \(report.failed.count)")
      if !report.failed.isEmpty { throw ExitCode.failure }
    }
  }
}

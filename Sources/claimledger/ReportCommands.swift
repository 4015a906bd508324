import ArgumentParser
import ClaimLedger
import ClaimReports
import Foundation

extension ReportFormat: ExpressibleByArgument {}
extension FindingKind: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a verification report: html, markdown, json, csv, claimreview or sarif.",
    discussion: """
      Formats:
        html         one page, self-contained, no JavaScript, printable
        markdown     the same, for a pull request or a wiki
        json         everything a report shows (schema 1)
        csv          one row per claim
        claimreview  schema.org ClaimReview JSON-LD for claims with a verdict (needs
                     report.author and report.url in Claims/config.yaml)
        sarif        SARIF 2.1.0 for code scanning
      Reads the ledger as the last scan, verify and verdicts left it.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions

  @Option(
    help: ArgumentHelp(
      "The report's format.", valueName: "html|markdown|json|csv|claimreview|sarif"))
  var format: ReportFormat

  @Option(
    help: """
      Write the report to this file (atomically) instead of standard output; never one of \
      the workspace's own files.
      """)
  var output: String?

  func run() throws {
    try reportingErrors {
      let workspace = try workspaceOptions.locate()
      let input = try ReportInput.load(workspace)
      // Where it goes is settled before the report is rendered: a refused path costs nothing.
      let destination = try output.map {
        try ReportDestination.resolve(
          $0, in: workspace, documents: input.ledger.documents.map(\.document))
      }
      let data = try input.render(
        format, version: ClaimLedgerCommand.configuration.version)
      if let output, let destination {
        try destination.write(data)
        Terminal.printError("wrote \(output) (\(format.rawValue), \(data.count) bytes)".lineSafe)
      } else {
        StandardStreams.write(data)
      }
    }
  }
}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Scan, print findings as compiler diagnostics, and exit 1 on the kinds named: a CI gate.",
    discussion: """
      Kinds: conflict, refuted, contradicted, unverified, needs-review. The default fails on \
      conflict, refuted, contradicted and needs-review; 'unverified' is opt-in, since every \
      claim starts unverified. Unverified claims are printed (as notes) only when named. \
      Exits 1 also when a document could not be read.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions
  @OptionGroup var formatOptions: FormatOptions

  @Option(
    name: .customLong("fail-on"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Finding kinds that fail the check, comma-separated.",
      valueName: FindingKind.allCases.map(\.rawValue).joined(separator: ",")),
    transform: { text in
      try text.split(separator: ",").map { part in
        let name = part.trimmingCharacters(in: .whitespaces)
        guard let kind = FindingKind(rawValue: name) else {
          throw ValidationError(
            "'\(name)' is not a finding kind; use "
              + FindingKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
      }
    })
  var failOn: [[FindingKind]] = []

  func run() throws {
    try reportingErrors {
      let failing = Set(failOn.isEmpty ? FindingKind.failingByDefault : failOn.flatMap { $0 })
      let scan = try Scan(workspace: try workspaceOptions.locate()).perform(
        paths: [], progress: Terminal.progress(label: "scanning"))
      let findings = scan.ledger.findings.filter {
        $0.kind != .unverified || failing.contains(.unverified)
      }
      // Document problems (unreadable files, encoding) come from the scan; conflicts are
      // findings and are not printed twice.
      let problems = scan.diagnostics.filter { !($0.code?.hasPrefix("conflict ") ?? false) }
      let diagnostics = Diagnostic.inFileOrder(problems + findings.map(\.diagnostic))
      var counts: [FindingKind: Int] = [:]
      for finding in scan.ledger.findings { counts[finding.kind, default: 0] += 1 }
      let failed =
        FindingKind.allCases.filter { failing.contains($0) && (counts[$0] ?? 0) > 0 }
      let passed = failed.isEmpty && !scan.hasErrors
      switch formatOptions.format {
      case .json:
        print(
          try Listing.json(
            CheckResult(
              failOn: FindingKind.allCases.filter(failing.contains), passed: passed,
              counts: Dictionary(
                uniqueKeysWithValues: FindingKind.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
              diagnostics: diagnostics)),
          terminator: "")
      case .text:
        for diagnostic in diagnostics { print(Terminal.line(for: diagnostic)) }
        let tally = FindingKind.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }
          .joined(separator: ", ")
        let verdict =
          passed
          ? "passed"
          : "failed on "
            + (failed.map(\.rawValue) + (scan.hasErrors ? ["unreadable files"] : []))
            .joined(separator: ", ")
        Terminal.printError("check: \(tally); \(verdict)")
      }
      if !passed { throw ExitCode.failure }
    }
  }

  struct CheckResult: Encodable {
    var schema = 1
    var failOn: [FindingKind]
    var passed: Bool
    var counts: [String: Int]
    var diagnostics: [Diagnostic]
  }
}

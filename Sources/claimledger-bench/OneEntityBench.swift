import ArgumentParser
import ClaimExtraction
import Foundation

/// Issue 19's worst case for conflict output: one treaty given thousands of different days.
struct OneEntity: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "one-entity",
    abstract: "Time scan and report --format sarif on N claims of one treaty, each with a"
      + " different day, at each N given.",
    discussion: """
      Files of PER-FILE sentences "The Treaty of Ghent was signed on D Month Y." (claim n: day \
      n % 28 + 1, month (n / 28) % 12, year 1800 + n / 336). Each size gets its own workspace, \
      FOLDER/one-entity-N. A step that passes --timeout is killed and reported as "> T"; larger \
      sizes are then skipped. Prints Markdown tables and the growth from each size to the next.
      """)

  @OptionGroup var common: ScaleBenchOptions
  var binary: String { common.binary }
  var folder: String { common.folder }
  var runs: Int { common.runs }

  @Option(
    parsing: .upToNextOption,
    help: "Claim counts, e.g. --claims 1000 4000 16000 50000.")
  var claims: [Int] = [1000, 4000]

  @Option(help: "Sentences (claims) to a file.")
  var perFile = 100

  @Option(help: "Seconds after which a step is killed and reported as taking longer.")
  var timeout = 300.0

  func validate() throws {
    guard !claims.isEmpty, claims.allSatisfy({ $0 > 0 }), perFile > 0, runs > 0 else {
      throw ValidationError("--claims, --per-file and --runs must be positive")
    }
  }

  func run() throws {
    let steps = ScaleSteps(binary: binary, limit: timeout)
    var attic = try LedgerAttic(folder: folder + "/attic-\(getpid())")
    defer { attic.empty() }
    var rows: [(claims: Int, scan: StepFigures, sarif: StepFigures)] = []
    var stoppedAt: Int?
    for size in claims.sorted() {
      var scan = StepFigures(step: "scan")
      var sarif = StepFigures(step: "report --format sarif")
      if let stoppedAt {
        scan.skipped = "skipped (\(grouped(stoppedAt)) timed out)"
        sarif.skipped = scan.skipped
        rows.append((size, scan, sarif))
        continue
      }
      let workspace = folder + "/one-entity-\(size)"
      let outputs = workspace + "-out"
      try write(claims: size, to: workspace)
      try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
      for _ in 1...runs {
        try attic.clear(workspace: workspace)
        let (run, stdout, stderr) = try steps.run(
          ["scan"], in: workspace, outputs: outputs, name: "scan")
        scan.runs.append(run)
        scan.outputBytes = fileSize(stdout)
        if !run.timedOut {
          let summary = summaryLine(stderr, startingWith: "scanned ") ?? ""
          let found = count(before: "claims", in: summary) ?? 0
          guard found > 0 else {
            throw ValidationError(
              "the scan of \(workspace) found no claims (summary: \"\(summary)\")")
          }
          let conflicts = count(before: "conflict", in: summary) ?? 0
          scan.counts =
            "\(grouped(found)) claims, \(grouped(conflicts)) conflict\(conflicts == 1 ? "" : "s")"
        }
        let report = outputs + "/report.sarif"
        let (reportRun, _, _) = try steps.run(
          ["report", "--format", "sarif", "--output", report], in: workspace, outputs: outputs,
          name: "report")
        sarif.runs.append(reportRun)
        sarif.outputBytes = fileSize(report)
      }
      printNow(
        "\(grouped(size)) claims: scan " + steps.cells(scan).joined(separator: " | ")
          + (scan.counts.isEmpty ? "" : " (\(scan.counts))") + "; sarif "
          + steps.cells(sarif).joined(separator: " | "))
      rows.append((size, scan, sarif))
      if scan.timedOut || sarif.timedOut { stoppedAt = size }
    }
    print()
    print(
      markdownTable(
        [
          "claims", "scan (s)", "scan CPU (s)", "scan peak (MiB)", "scan stdout (MB)",
          "SARIF (s)", "SARIF CPU (s)", "SARIF peak (MiB)", "SARIF (MB)", "counts",
        ],
        rows.map {
          [grouped($0.claims)] + steps.cells($0.scan) + steps.cells($0.sarif) + [$0.scan.counts]
        },
        wordColumns: [9]))
    guard rows.count > 1 else { return }
    print()
    print("Growth from each size to the next (target: 4× the claims at most 6× the time):")
    print()
    print(
      markdownTable(
        [
          "claims", "scan time ×", "scan CPU ×", "scan peak ×", "SARIF time ×", "SARIF CPU ×",
          "SARIF peak ×",
        ],
        zip(rows, rows.dropFirst()).map { small, large in
          let scan = steps.growth(from: small.scan, to: large.scan)
          let sarif = steps.growth(from: small.sarif, to: large.sarif)
          return ["\(grouped(large.claims)) / \(grouped(small.claims))"] + scan.prefix(3)
            + sarif.prefix(3)
        }))
  }

  /// Writes the workspace anew (it is small: 50,000 claims are 2.3 MB).
  private func write(claims total: Int, to workspace: String) throws {
    let manager = FileManager.default
    if manager.fileExists(atPath: workspace + "/docs") {
      try? manager.removeItem(atPath: workspace + "/docs")
    }
    try manager.createDirectory(atPath: workspace + "/docs", withIntermediateDirectories: true)
    try manager.createDirectory(atPath: workspace + "/Claims", withIntermediateDirectories: true)
    try writeWhole(
      Array("schema: 1\ndocuments:\n  include: [docs]\n".utf8),
      to: workspace + "/Claims/config.yaml")
    var file: [UInt8] = []
    for start in stride(from: 0, to: total, by: perFile) {
      file.removeAll(keepingCapacity: true)
      for n in start..<min(total, start + perFile) {
        file.append(
          contentsOf:
            "The Treaty of Ghent was signed on \(n % 28 + 1) \(CalendarDate.monthNames[(n / 28) % 12])"
            .utf8)
        file.append(contentsOf: " \(1800 + n / 336).\n".utf8)
      }
      try writeWhole(file, to: workspace + "/docs/ghent-\(start / perFile).md")
    }
  }
}

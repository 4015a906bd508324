import ArgumentParser
import Foundation

/// Issue 19's newsroom archive: every command a desk runs over a large archive, at two or more
/// sizes, and how each grows.
struct ArchiveScale: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "archive-scale",
    abstract: "Generate a newsroom archive and time scan (first and second), conflicts,"
      + " report --format sarif and verify on it, at each size given.",
    discussion: """
      Each size gets its own workspace, FOLDER/archive-N, kept between invocations and written \
      anew only when the generator or the sizes change (the old ledger and evidence are moved \
      aside and deleted at the end). Outputs go to FOLDER/archive-N-out. Prints the figures as \
      Markdown tables, with the growth of every step from the smallest size to each larger one.
      """)

  @OptionGroup var common: ScaleBenchOptions
  var binary: String { common.binary }
  var folder: String { common.folder }
  var runs: Int { common.runs }

  @Option(
    parsing: .upToNextOption,
    help: "Archive sizes in documents (about 3.2 kB each), e.g. --documents 10000 100000.")
  var documents: [Int] = [10_000, 100_000]

  @Option(help: "Registered references with a fetched snapshot each (five entities each).")
  var references = 1000

  @Option(help: "Seconds after which a step is killed and reported as taking longer.")
  var timeout = 1800.0

  func validate() throws {
    guard !documents.isEmpty, documents.allSatisfy({ $0 > 0 }), references > 0, runs > 0 else {
      throw ValidationError("--documents, --references and --runs must be positive")
    }
  }

  func run() throws {
    let sizes = documents.sorted()
    let steps = ScaleSteps(binary: binary, limit: timeout)
    var attic = try LedgerAttic(folder: folder + "/attic-\(getpid())")
    defer { attic.empty() }
    var table: [(size: Int, megabytes: Double, figures: [StepFigures])] = []
    for size in sizes {
      let archive = NewsroomArchive(documents: size, references: references)
      let (bytes, stated) = try prepare(archive, at: folder + "/archive-\(size)")
      printNow(
        "archive of \(grouped(size)) documents: \(format(Double(bytes) / 1e6, 1)) MB,"
          + " \(grouped(stated)) claims stated, \(grouped(references)) references")
      let figures = ["first scan", "second scan", "conflicts", "report --format sarif", "verify"]
        .map(StepFigures.init(step:))
      table.append((size, Double(bytes) / 1e6, figures))
    }
    // The sizes take turns, run after run, so that a build starting or ending on this shared
    // machine weighs on both and not on the growth between them.
    for run in 1...runs {
      for index in table.indices {
        let workspace = folder + "/archive-\(table[index].size)"
        let outputs = workspace + "-out"
        try FileManager.default.createDirectory(
          atPath: outputs, withIntermediateDirectories: true)
        try attic.clear(workspace: workspace)
        try timeRun(steps, workspace: workspace, outputs: outputs, into: &table[index].figures)
        printNow("run \(run), \(grouped(table[index].size)) documents:")
        for step in table[index].figures {
          let last = step.runs.last.map {
            "\(format($0.seconds, 2)) s, CPU \(format($0.cpuSeconds, 2)) s"
          }
          printNow(
            "  \(step.step): \(last ?? "—")\(step.runs.last?.timedOut == true ? " (stopped)" : "")")
        }
      }
    }
    print()
    print(
      markdownTable(
        ["documents", "step", "wall (s)", "CPU (s)", "peak (MiB)", "output (MB)", "counts"],
        table.flatMap { entry in
          entry.figures.map { step in
            ["\(grouped(entry.size)) (\(format(entry.megabytes, 0)) MB)", step.step]
              + steps.cells(step) + [step.counts]
          }
        }, wordColumns: [1, 6]))
    guard let smallest = table.first, table.count > 1 else { return }
    for larger in table.dropFirst() {
      print()
      print("Growth from \(grouped(smallest.size)) to \(grouped(larger.size)) documents:")
      print()
      print(
        markdownTable(
          ["step", "wall ×", "CPU ×", "peak memory ×", "output ×"],
          zip(smallest.figures, larger.figures).map { small, large in
            [small.step] + steps.growth(from: small, to: large)
          }))
    }
  }

  /// Writes the archive unless the same one (sizes and generator version) is there already.
  private func prepare(_ archive: NewsroomArchive, at workspace: String) throws -> (Int, Int) {
    let stamp = workspace + "/generated.txt"
    let signature =
      "newsroom archive version \(NewsroomArchive.version): \(archive.documents) documents,"
      + " \(archive.references) references\n"
    if let kept = FileManager.default.contents(atPath: stamp),
      let text = String(data: kept, encoding: .utf8), text.hasPrefix(signature),
      let numbers = text.split(separator: "\n").last?.split(separator: " "), numbers.count == 2,
      let bytes = Int(numbers[0]), let stated = Int(numbers[1])
    {
      printNow("reusing \(workspace) (same generator and sizes)")
      return (bytes, stated)
    }
    if FileManager.default.fileExists(atPath: workspace) {
      // A different archive: moved out of the way now, deleted at the very end (see
      // LedgerAttic: deleting right before writing would slow the writes down).
      try FileManager.default.moveItem(
        atPath: workspace, toPath: folder + "/attic-\(getpid())/old-archive-\(archive.documents)")
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let (bytes, stated) = try archive.write(to: workspace)
    printNow(
      "generated \(workspace) in"
        + " \(format(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1)) s")
    try writeWhole(Array((signature + "\(bytes) \(stated)\n").utf8), to: stamp)
    return (bytes, stated)
  }

  /// One run of every step, in the order a desk would run them, from an empty ledger.
  private func timeRun(
    _ steps: ScaleSteps, workspace: String, outputs: String, into figures: inout [StepFigures]
  ) throws {
    for (index, name) in ["scan-first", "scan-second"].enumerated() {
      let (run, stdout, stderr) = try steps.run(
        ["scan"], in: workspace, outputs: outputs, name: name)
      figures[index].runs.append(run)
      figures[index].outputBytes = fileSize(stdout)
      guard !run.timedOut else { continue }
      let summary = summaryLine(stderr, startingWith: "scanned ") ?? ""
      let claims = count(before: "claims", in: summary) ?? 0
      let conflicts = count(before: "conflict", in: summary) ?? 0
      // The benchmark means nothing if the generator's sentences stopped being claims, or if
      // none of its wrong years makes a conflict: say so rather than print fast figures.
      guard claims > 0, conflicts > 0 else {
        throw ValidationError(
          "the scan of \(workspace) found \(claims) claims and \(conflicts) conflicts"
            + " (summary: \"\(summary)\"); the archive must give both")
      }
      figures[index].counts =
        "\(grouped(claims)) claims, \(grouped(conflicts)) conflict\(conflicts == 1 ? "" : "s")"
    }
    let (conflictsRun, conflictsOut, _) = try steps.run(
      ["conflicts"], in: workspace, outputs: outputs, name: "conflicts")
    figures[2].runs.append(conflictsRun)
    figures[2].outputBytes = fileSize(conflictsOut)
    figures[2].counts = conflictsRun.timedOut ? "" : "\(grouped(lineCount(conflictsOut))) lines"

    let sarif = outputs + "/report.sarif"
    let (reportRun, _, _) = try steps.run(
      ["report", "--format", "sarif", "--output", sarif], in: workspace, outputs: outputs,
      name: "report")
    figures[3].runs.append(reportRun)
    figures[3].outputBytes = fileSize(sarif)

    let (verifyRun, _, verifyErr) = try steps.run(
      ["verify"], in: workspace, outputs: outputs, name: "verify")
    figures[4].runs.append(verifyRun)
    figures[4].outputBytes = fileSize(workspace + "/Claims/evidence.json")
    if !verifyRun.timedOut, let summary = summaryLine(verifyErr, startingWith: "searched ") {
      let found = count(before: "with evidence", in: summary) ?? 0
      figures[4].counts = "\(grouped(found)) claims with evidence (output: evidence.json)"
    }
  }
}

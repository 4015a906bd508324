import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One command of a scale benchmark (first scan, report, …) at one size, over its runs.
struct StepFigures {
  let step: String
  var runs: [ChildRun] = []
  /// What the command wrote that the step is judged by: standard output, a report file, or
  /// evidence.json (from the last run).
  var outputBytes = 0
  /// What the command counted (claims, conflicts, lines), for the table.
  var counts = ""
  /// Why the step was not run, when it was not.
  var skipped: String?

  init(step: String) { self.step = step }

  var timedOut: Bool { runs.contains { $0.timedOut } }
  var seconds: Double { median(runs.map(\.seconds)) }
  var cpuSeconds: Double { median(runs.map(\.cpuSeconds)) }
  var peakMiB: Double { runs.map(\.peakMiB).max() ?? 0 }
}

/// Runs the steps of a scale benchmark with one time limit each, and prints their tables.
struct ScaleSteps {
  let binary: String
  /// Seconds after which a step is killed and reported as "> limit".
  let limit: Double

  /// Runs `claimledger ARGUMENTS` in `workspace`, its standard output and error kept in
  /// `outputs/NAME.out` and `.err`.
  func run(
    _ arguments: [String], in workspace: String, outputs: String, name: String
  ) throws -> (ChildRun, stdout: String, stderr: String) {
    let stdout = outputs + "/" + name + ".out"
    let stderr = outputs + "/" + name + ".err"
    let run = try runChild(
      binary, arguments, in: workspace,
      output: ChildOutput(standardOutput: stdout, standardError: stderr), limit: limit)
    return (run, stdout, stderr)
  }

  func seconds(_ figures: StepFigures) -> String {
    if let skipped = figures.skipped { return skipped }
    return figures.timedOut ? "> \(format(limit, 0))" : format(figures.seconds, 2)
  }

  /// Wall time, processor time, peak memory and output size, or what stopped the step.
  func cells(_ figures: StepFigures) -> [String] {
    if figures.skipped != nil || figures.timedOut {
      return [seconds(figures), "—", "—", "—"]
    }
    return [
      seconds(figures), format(figures.cpuSeconds, 2), format(figures.peakMiB, 0),
      format(Double(figures.outputBytes) / 1e6, 1),
    ]
  }

  /// How much a step grew from a smaller size to a larger one: time, processor time, memory
  /// and output, each larger / smaller; a lower bound when the larger one timed out.
  func growth(from small: StepFigures, to large: StepFigures) -> [String] {
    guard small.skipped == nil, !small.timedOut, small.seconds > 0 else {
      return ["—", "—", "—", "—"]
    }
    guard large.skipped == nil, !large.timedOut else {
      return large.skipped == nil
        ? ["> \(format(limit / small.seconds, 1))", "—", "—", "—"]
        : ["—", "—", "—", "—"]
    }
    func ratio(_ large: Double, _ small: Double) -> String {
      small > 0 ? format(large / small, 1) : "—"
    }
    return [
      ratio(large.seconds, small.seconds), ratio(large.cpuSeconds, small.cpuSeconds),
      ratio(large.peakMiB, small.peakMiB),
      ratio(Double(large.outputBytes), Double(small.outputBytes)),
    ]
  }
}

/// Prints a line of progress at once, also when the output goes to a file (which C buffers).
func printNow(_ line: String) {
  print(line)
  fflush(nil)
}

/// A Markdown table, ready to paste into BENCHMARKS.md.
/// Columns of words (the first, and those listed) are aligned left, figures right.
func markdownTable(_ header: [String], _ rows: [[String]], wordColumns: Set<Int> = []) -> String {
  func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
  let rule: [String] = header.indices.map {
    $0 == 0 || wordColumns.contains($0) ? "---" : "---:"
  }
  var lines: [String] = [line(header), "|" + rule.joined(separator: "|") + "|"]
  lines += rows.map(line)
  return lines.joined(separator: "\n")
}

/// 10000 → "10,000".
func grouped(_ number: Int) -> String {
  let digits = Array(String(number))
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
    result.append(digit)
  }
  return result
}

/// The integer just before `word` in a summary line: "6 claims" → 6 for "claims".
func count(before word: String, in line: String) -> Int? {
  guard let range = line.range(of: " " + word) else { return nil }
  let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber }
  return Int(String(digits.reversed()))
}

/// The last line of a command's standard error that starts with `prefix` (its summary).
func summaryLine(_ path: String, startingWith prefix: String) -> String? {
  guard let data = FileManager.default.contents(atPath: path) else { return nil }
  return String(decoding: data, as: UTF8.self).split(separator: "\n")
    .last { $0.hasPrefix(prefix) }.map(String.init)
}

/// Newlines in a file, read in blocks (outputs can be hundreds of megabytes).
func lineCount(_ path: String) -> Int {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { return 0 }
  defer { close(descriptor) }
  var buffer = [UInt8](repeating: 0, count: 1 << 20)
  var lines = 0
  while true {
    let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    if read <= 0 { break }
    for byte in buffer[0..<read] where byte == 0x0A { lines += 1 }
  }
  return lines
}

/// Writes a file in one call, without Foundation's per-file overhead (the archive writes
/// 100,000 of them).
func writeWhole(_ bytes: [UInt8], to path: String) throws {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  guard descriptor >= 0 else {
    throw ValidationError("cannot create \(path): \(String(cString: strerror(errno)))")
  }
  defer { close(descriptor) }
  let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  guard written == bytes.count else {
    throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))")
  }
}

/// Moves a workspace's ledger and evidence aside before a first scan. Deleting ten thousand
/// files right before a scan makes this machine's file system (ext4 mounted with `discard`)
/// ten times slower at creating the new ones (BENCHMARKS.md 4), which would time the clean-up,
/// not the scan; the attic is deleted once every step has been timed.
struct LedgerAttic {
  let folder: String
  private var moved = 0

  init(folder: String) throws {
    self.folder = folder
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  mutating func clear(workspace: String) throws {
    for name in ["Claims/ledger", "Claims/evidence.json"]
    where FileManager.default.fileExists(atPath: workspace + "/" + name) {
      moved += 1
      try FileManager.default.moveItem(
        atPath: workspace + "/" + name, toPath: folder + "/\(moved)")
    }
  }

  /// Deletes what was moved aside: slow after a large archive, so the tables printed before
  /// are flushed first.
  func empty() {
    fflush(nil)
    try? FileManager.default.removeItem(atPath: folder)
  }
}

/// What the scale benches share: the binary timed, where they write, how many runs.
struct ScaleBenchOptions: ParsableArguments {
  @Option(help: "The claimledger binary to time.")
  var binary: String

  @Option(help: "Folder for the generated workspaces and outputs.")
  var folder: String

  @Option(help: "How many timed runs of each step; the median is reported.")
  var runs = 1
}

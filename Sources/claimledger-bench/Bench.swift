import ArgumentParser
import ClaimExtraction
import ExtractionEvaluation
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Measurements behind BENCHMARKS.md: date quality against TIMEX2 gold, extraction
/// throughput, and scans of a generated workspace. Run through `scripts/benchmark.sh`.
@main
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "claimledger-bench",
    abstract: "Measure ClaimLedger: date quality, extraction speed, scan speed.",
    subcommands: [ScoreDates.self, Throughput.self, Sample.self, ScanSpeed.self])
}

/// Median of measured values (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Peak resident memory of this process (or of its finished children), in MiB.
func peakMemoryMiB(children: Bool = false) -> Double {
  var usage = rusage()
  getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

func readFile(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The corpus of the throughput benchmark: the files given, repeated in order until the total
/// reaches `bytes`. Each copy of a file is one document, as in a real workspace.
func corpus(_ paths: [String], bytes: Int) throws -> [[UInt8]] {
  let files = try paths.map(readFile)
  guard files.contains(where: { !$0.isEmpty }) else { throw ValidationError("no input text") }
  var documents: [[UInt8]] = []
  var total = 0
  while total < bytes {
    for file in files where total < bytes {
      documents.append(file)
      total += file.count
    }
  }
  return documents
}

struct ScoreDates: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score-dates",
    abstract: "Precision and recall of date mentions against inline TIMEX2 gold.")

  @Argument(help: "A folder of *.key.xml files with inline TIMEX2 annotations.")
  var folder: String

  @Flag(help: "List every miss and every false positive.")
  var verbose = false

  func run() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".xml") }.sorted()
    var scores: [DateScore] = []
    print("document                      gold  found  recall  mentions  right  unjudged  precision")
    for name in names {
      let score = try DateScore.score(document: name, annotated: try readFile(folder + "/" + name))
      scores.append(score)
      print(row(score))
      if verbose {
        for miss in score.misses { print("    missed: \(miss)") }
        for wrong in score.falsePositives { print("    wrong:  \(wrong)") }
      }
    }
    print(row(DateScore.total(scores)))
  }

  private func row(_ score: DateScore) -> String {
    func pad(_ text: String, _ width: Int) -> String {
      text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
    let name = score.document.replacingOccurrences(of: ".key.xml", with: "")
    return name.padding(toLength: 28, withPad: " ", startingAt: 0)
      + pad("\(score.goldWithYear)", 6) + pad("\(score.goldFound)", 7)
      + pad(format(score.recall, 4), 8) + pad("\(score.mentions)", 10)
      + pad("\(score.mentionsCorrect)", 7) + pad("\(score.mentionsUnjudged)", 10)
      + pad(format(score.precision, 4), 11)
  }
}

struct Throughput: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Extraction throughput, one thread, over the given files repeated to a size.")

  @Option(help: "Size of the corpus in megabytes (10^6 bytes).")
  var megabytes = 100

  @Option(help: "How many timed runs; the median is reported.")
  var runs = 5

  @Argument(help: "Text files to repeat.")
  var files: [String]

  func run() throws {
    let documents = try corpus(files, bytes: megabytes * 1_000_000)
    let bytes = documents.reduce(0) { $0 + $1.count }
    var rates: [Double] = []
    var claims = 0
    for run in 1...runs {
      let start = DispatchTime.now().uptimeNanoseconds
      claims = 0
      for document in documents { claims += Extractor().extract(document).claims.count }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      rates.append(Double(bytes) / 1e6 / seconds)
      print("run \(run): \(format(seconds, 3)) s, \(format(rates.last!, 1)) MB/s")
    }
    print(
      "extraction: \(documents.count) documents, \(format(Double(bytes) / 1e6, 1)) MB,"
        + " \(claims) claims; median \(format(median(rates), 1)) MB/s over \(runs) runs;"
        + " peak memory \(format(peakMemoryMiB(), 0)) MiB")
  }
}

struct Sample: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the first N bytes of the repeated corpus (cut at a line end) to stdout,"
      + " and time our extractor on exactly that text.")

  @Option(help: "Size of the sample in bytes.")
  var bytes = 1_000_000

  @Option(help: "Where to write the sample.")
  var output: String

  @Option(help: "How many timed runs; the median is reported.")
  var runs = 5

  @Argument(help: "Text files to repeat.")
  var files: [String]

  func run() throws {
    var text = Array(
      try corpus(files, bytes: bytes).joined(separator: Array("\n\n".utf8)).prefix(bytes))
    if let lastBreak = text.lastIndex(of: 0x0A) { text = Array(text[...lastBreak]) }
    try Data(text).write(to: URL(fileURLWithPath: output))
    var seconds: [Double] = []
    var dates = 0
    for _ in 1...runs {
      let start = DispatchTime.now().uptimeNanoseconds
      dates = Extractor().extract(text).dates.count
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let time = median(seconds)
    print(
      "sample: \(text.count) bytes, \(dates) date mentions; median \(format(time * 1000, 1)) ms,"
        + " \(format(Double(text.count) / 1e6 / time, 1)) MB/s")
  }
}

struct ScanSpeed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan-speed",
    abstract: "Generate a workspace of many documents and time 'claimledger scan' on it:"
      + " a first scan (empty ledger) and a second one (nothing changed).")

  @Option(help: "The claimledger binary to time.")
  var binary: String

  @Option(help: "Folder to generate the workspace in (emptied first).")
  var folder: String

  @Option(help: "How many documents.")
  var documents = 10_000

  @Option(help: "How many timed runs of each kind; the median is reported.")
  var runs = 5

  @Argument(help: "Text files whose paragraphs the documents are made of.")
  var files: [String]

  func run() throws {
    try generate()
    var first: [Double] = []
    var second: [Double] = []
    // A first scan starts from an empty ledger. The previous run's ledger is moved aside, not
    // deleted: on this machine's file system (ext4 mounted with `discard`) creating files right
    // after deleting ten thousand costs ten times more, which measures the clean-up, not the
    // scan. The moved ledgers are deleted at the end.
    let attic = folder + ".previous-ledgers"
    try? FileManager.default.removeItem(atPath: attic)
    try FileManager.default.createDirectory(atPath: attic, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: attic) }
    for run in 1...runs {
      if FileManager.default.fileExists(atPath: folder + "/Claims/ledger") {
        try FileManager.default.moveItem(
          atPath: folder + "/Claims/ledger", toPath: attic + "/run-\(run)")
      }
      first.append(try time(["scan"]))
      second.append(try time(["scan"]))
      print(
        "run \(run): first scan \(format(first.last!, 2)) s, second \(format(second.last!, 2)) s")
    }
    print(
      "scan of \(documents) documents: first median \(format(median(first), 2)) s,"
        + " second median \(format(median(second), 2)) s over \(runs) runs;"
        + " peak memory \(format(peakMemoryMiB(children: true), 0)) MiB")
  }

  /// Documents of four to eight paragraphs drawn from the inputs by a fixed-seed generator,
  /// so every run of the benchmark scans the same workspace.
  private func generate() throws {
    let manager = FileManager.default
    try? manager.removeItem(atPath: folder)
    try manager.createDirectory(atPath: folder + "/Claims", withIntermediateDirectories: true)
    try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8)
      .write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    var paragraphs: [String] = []
    for file in files {
      let text = String(decoding: try readFile(file), as: UTF8.self)
      paragraphs += text.components(separatedBy: "\n").filter { $0.count > 80 }
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(Int.max))
    }
    for number in 0..<documents {
      let folderName = folder + "/docs/\(number / 1000)"
      if number % 1000 == 0 {
        try manager.createDirectory(atPath: folderName, withIntermediateDirectories: true)
      }
      let count = 4 + next() % 5
      let body = (0..<count).map { _ in paragraphs[next() % paragraphs.count] }
        .joined(separator: "\n\n")
      try Data("# Document \(number)\n\n\(body)\n".utf8)
        .write(to: URL(fileURLWithPath: folderName + "/doc-\(number).md"))
    }
  }

  private func time(_ arguments: [String]) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard process.terminationStatus == 0 else {
      throw ValidationError("claimledger scan exited \(process.terminationStatus)")
    }
    return seconds
  }
}

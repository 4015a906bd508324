import ArgumentParser
import ClaimExtraction
import ClaimLedger
import ExtractionEvaluation
import Foundation
import ReferenceFetcher
import TestServers

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
    subcommands: [
      ScoreDates.self, ScoreClaims.self, VerifyQuality.self, Throughput.self, Sample.self,
      ScanSpeed.self,
      FetchSpeed.self,
      AuditSpeed.self, VerifySpeed.self, ReportSpeed.self,
      ArchiveScale.self, OneEntity.self,
    ])
}

/// What every benchmark of the built command takes: the binary, a folder to work in, and how
/// many timed runs (the median is reported).
struct TimingOptions: ParsableArguments {
  @Option(help: "The claimledger binary to time.")
  var binary: String

  @Option(help: "Folder for the generated workspace and outputs (emptied first).")
  var folder: String

  @Option(help: "How many timed runs; the median is reported.")
  var runs = 5
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

/// Wall-clock seconds of one run of a program, which must exit 0.
func time(_ program: String, _ arguments: [String], in folder: String) throws -> Double {
  try measure(program, arguments, in: folder).seconds
}

/// Wall-clock seconds, processor seconds (user + system, all threads) and peak memory of one
/// run of a program, which must exit 0 (see `runChild`).
func measure(_ program: String, _ arguments: [String], in folder: String) throws -> (
  seconds: Double, cpuSeconds: Double, peakMiB: Double
) {
  let run = try runChild(program, arguments, in: folder)
  return (run.seconds, run.cpuSeconds, run.peakMiB)
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
    let total = DateScore.total(scores)
    print(row(total))
    print(
      "dates without a written year, year from context: \(total.inferred),"
        + " of which agree with the gold: \(total.inferredCorrect)")
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

struct ScoreClaims: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score-claims",
    abstract: "Recall and precision of dated claims against a gold.tsv of hand-annotated claims.",
    discussion: """
      FOLDER holds gold.tsv and docs/ (the layout of shared/eval/genre-dev); more folders of the \
      same layout may follow and are scored together.
      """)

  @Argument(help: "Folders with gold.tsv and docs/.")
  var folders: [String]

  @Flag(help: "List every missed gold claim and every false claim.")
  var verbose = false

  func run() throws {
    var scores: [ClaimScore] = []
    for folder in folders {
      let goldText = String(decoding: try readFile(folder + "/gold.tsv"), as: UTF8.self)
      let gold = try GoldClaimReader.parse(goldText)
      let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/docs")
        .filter { !$0.hasPrefix(".") }.sorted()
      for name in names {
        let text = try readFile(folder + "/docs/" + name)
        scores.append(
          ClaimScore.score(file: name, text: text, gold: gold.filter { $0.file == name }))
      }
    }
    let total = ClaimScore.total(scores)
    if verbose {
      for miss in total.misses { print("missed: \(miss)") }
      for wrong in total.falseClaims { print("false:  \(wrong)") }
    }
    print(
      "claims: recall \(format(total.recall, 4)) (\(total.found)/\(total.gold)),"
        + " precision \(format(total.precision, 4)) (\(total.right)/\(total.claims))"
        + " over \(scores.count) documents")
    // What a reviewer sees after `scan` alone: its conflicts and notes, folder by folder.
    for folder in folders {
      let (conflicts, notes) = try scanned(folder)
      if verbose { for note in conflicts.notes where note.hasPrefix("false") { print(note) } }
      print(
        "scan of \(folder): \(conflicts.conflicts) conflicts, \(conflicts.falseConflicts) false"
          + " (every claim right), \(conflicts.unsureFlags) about unsure dates; \(notes) notes")
    }
  }

  /// Scans a copy of the folder's documents in a temporary workspace and judges its conflicts.
  private func scanned(_ folder: String) throws -> (FlagScore, notes: Int) {
    let manager = FileManager.default
    let root = manager.temporaryDirectory.path + "/claimledger-score-" + UUID().uuidString
    defer { try? manager.removeItem(atPath: root) }
    try manager.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
    let workspace = try Workspace.initialize(at: root).0
    for name in try manager.contentsOfDirectory(atPath: folder + "/docs") where !name.hasPrefix(".")
    {
      try manager.copyItem(atPath: folder + "/docs/" + name, toPath: root + "/docs/" + name)
    }
    let ledger = try Scan(workspace: workspace).perform(paths: [root + "/docs"]).ledger
    let gold = try GoldClaimReader.parse(
      String(decoding: try readFile(folder + "/gold.tsv"), as: UTF8.self))
    return (
      FlagScore.score(ledger, gold: gold),
      ledger.calendarNotes.count + ledger.splitSuggestions.count
    )
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

  @OptionGroup var timing: TimingOptions
  var binary: String { timing.binary }
  var folder: String { timing.folder }
  var runs: Int { timing.runs }

  @Option(help: "How many documents.")
  var documents = 10_000

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
      first.append(try time(binary, ["scan"], in: folder))
      second.append(try time(binary, ["scan"], in: folder))
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

}

struct FetchSpeed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch-speed",
    abstract: "Fetch 1,000 small pages and 50 pages of 1 MB from a local nginx with 'claimledger"
      + " fetch', and the same URL list with 'curl --parallel' (the same libcurl).")

  @OptionGroup var timing: TimingOptions
  var binary: String { timing.binary }
  var folder: String { timing.folder }
  var runs: Int { timing.runs }

  @Option(help: "Transfers at once, for both.")
  var concurrency = 8

  func run() throws {
    var files: [String: [UInt8]] = [:]
    var generator: UInt64 = 0x2545_F491_4F6C_DD1D
    func nextByte() -> UInt8 {
      generator ^= generator << 13
      generator ^= generator >> 7
      generator ^= generator << 17
      return UInt8(truncatingIfNeeded: generator)
    }
    for index in 0..<1000 {
      let paragraph = "<p>Page \(index): the Treaty of Westminster was signed in 1674.</p>\n"
      files["small/\(index).html"] = Array(
        ("<html><body>" + String(repeating: paragraph, count: 30) + "</body></html>").utf8)
    }
    for index in 0..<50 { files["big/\(index).bin"] = (0..<1_000_000).map { _ in nextByte() } }
    let totalBytes = files.values.reduce(0) { $0 + $1.count }
    let nginx = try Nginx(files: files)
    let urls =
      (0..<1000).map { "\(nginx.base)/small/\($0).html" }
      + (0..<50).map { "\(nginx.base)/big/\($0).bin" }

    let manager = FileManager.default
    try? manager.removeItem(atPath: folder)
    let workspace = folder + "/workspace"
    try manager.createDirectory(atPath: workspace + "/Claims", withIntermediateDirectories: true)
    try manager.createDirectory(
      atPath: workspace + "/Sources-Registry", withIntermediateDirectories: true)
    for (index, url) in urls.enumerated() {
      try Data("schema: 1\nid: s\(index)\nurl: \"\(url)\"\n".utf8)
        .write(to: URL(fileURLWithPath: workspace + "/Sources-Registry/s\(index).yaml"))
    }
    var curlConfig = ""
    for (index, url) in urls.enumerated() {
      curlConfig += "url = \"\(url)\"\noutput = \"out/\(index)\"\n"
    }
    try Data(curlConfig.utf8).write(to: URL(fileURLWithPath: folder + "/curl.config"))
    // Earlier runs' files are moved aside, not deleted (see scan-speed), and deleted at the end.
    let attic = folder + "/attic"
    try manager.createDirectory(atPath: attic, withIntermediateDirectories: true)

    // curl is given --compressed because claimledger asks for every encoding libcurl can decode
    // (Accept-Encoding), and nginx then gzips the HTML pages: without it, the two would not
    // fetch the same bytes, and nginx's compression would count against claimledger only.
    // Runs alternate between the three, so that all see the same state of the file system.
    var engine: [Double] = []
    var ours: [Double] = []
    var theirs: [Double] = []
    var ourCPU: [Double] = []
    var theirCPU: [Double] = []
    var policy = FetchPolicy()
    policy.concurrency = concurrency
    policy.perHost = concurrency
    let requests = urls.enumerated().map { FetchRequest(id: "s\($0.offset)", url: $0.element) }
    var ourMemory = 0.0
    for run in 1...runs {
      // The transfer engine alone, in this process: what curl --parallel does (bodies to
      // files), plus a SHA-256 of each body.
      let incoming = folder + "/engine-\(run)"
      // Each timed step starts with nothing left to write back: claimledger flushes the file
      // system before it logs, and would otherwise also wait for the previous step's files.
      sync()
      let start = DispatchTime.now().uptimeNanoseconds
      let outcomes = try Fetcher(policy: policy, incomingFolder: incoming).fetch(requests)
      engine.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      guard outcomes.allSatisfy({ $0.result == .fetched }) else {
        throw ValidationError("the engine failed to fetch some pages")
      }
      try manager.moveItem(atPath: incoming, toPath: attic + "/engine-\(run)")

      // The whole command: registry, transfers, snapshots with their text, the log.
      for name in ["snapshots", "fetch-log.jsonl"]
      where manager.fileExists(atPath: workspace + "/Sources-Registry/" + name) {
        try manager.moveItem(
          atPath: workspace + "/Sources-Registry/" + name, toPath: attic + "/ours-\(run)-\(name)")
      }
      sync()
      let ourRun = try measure(
        binary, ["fetch", "--concurrency", "\(concurrency)", "--per-host", "\(concurrency)"],
        in: workspace)
      ours.append(ourRun.seconds)
      ourCPU.append(ourRun.cpuSeconds)
      ourMemory = peakMemoryMiB(children: true)

      if manager.fileExists(atPath: folder + "/out") {
        try manager.moveItem(atPath: folder + "/out", toPath: attic + "/curl-\(run)")
      }
      try manager.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
      sync()
      let theirRun = try measure(
        "/usr/bin/curl",
        [
          "--silent", "--fail", "--compressed", "--parallel", "--parallel-max", "\(concurrency)",
          "--config", "curl.config",
        ],
        in: folder)
      theirs.append(theirRun.seconds)
      theirCPU.append(theirRun.cpuSeconds)
      print(
        "run \(run): engine \(format(engine.last!, 2)) s, claimledger fetch \(format(ours.last!, 2)) s,"
          + " curl --parallel \(format(theirs.last!, 2)) s")
    }
    try? manager.removeItem(atPath: attic)
    let megabytes = Double(totalBytes) / 1e6
    let ourRate = megabytes / median(ours)
    let theirRate = megabytes / median(theirs)
    let engineRate = megabytes / median(engine)
    print(
      "fetch engine (in process): median \(format(median(engine), 2)) s"
        + " (\(format(engineRate, 1)) MB/s); engine / curl = \(format(engineRate / theirRate, 2))")
    print(
      "fetch of \(urls.count) pages, \(format(megabytes, 1)) MB, \(concurrency) at once:"
        + " claimledger median \(format(median(ours), 2)) s (\(format(ourRate, 1)) MB/s),"
        + " curl median \(format(median(theirs), 2)) s (\(format(theirRate, 1)) MB/s);"
        + " ours / curl = \(format(ourRate / theirRate, 2)); claimledger peak memory"
        + " \(format(ourMemory, 0)) MiB")
    // On a machine where the server shares the processors, wall time follows processor time.
    print(
      "processor time (user + system), median: claimledger fetch \(format(median(ourCPU), 3)) s,"
        + " curl \(format(median(theirCPU), 3)) s")
  }

}

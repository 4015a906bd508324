import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Damaged files, outputs that cannot be written, careless `--output` paths, hostile names:
/// each ends in a clear message and an exit status, never in a trap or a destroyed file.
@Suite("Careless commands and damaged files, end to end", .serialized)
struct CarelessCommandsTests {
  private func ledgerFile(_ folder: String) -> String { folder + "/Claims/ledger/docs/a.md.json" }

  private func edit(_ path: String, _ change: (String) -> String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let changed = change(text)
    #expect(changed != text, "the edit did not apply")
    try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test(
    "a value out of range in a ledger file is an error at its line for every reader; scan re-extracts",
    arguments: [
      ("\"line\" : 1\n", "\"line\" : 99999999999999999999999\n"),
      ("\"line\" : 1\n", "\"line\" : -5\n"),
      ("\"confidence\" : 0.85", "\"confidence\" : 1e999"),
      ("\"byteStart\" : 34", "\"byteStart\" : 3400"),
    ])
  func damagedLedgerNumber(original: String, damaged: String) throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = ledgerFile(folder)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let range = try #require(text.range(of: original))
    let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    try Data(text.replacingCharacters(in: range, with: damaged).utf8).write(
      to: URL(fileURLWithPath: path))
    // (`check` scans first, so it reads the document again instead.)
    for command in [["claims"], ["conflicts"], ["report", "--format", "json"], ["history", "C-"]] {
      let result = try run(command, in: folder)
      #expect(result.status == 1, "\(command): \(result.stderr)")
      #expect(
        result.stderr.hasPrefix("Claims/ledger/docs/a.md.json:\(line):"),
        "\(command): \(result.stderr)")
      #expect(result.stderr.contains(": error: "))
      #expect(result.stderr.contains("out of range") || result.stderr.contains("after byteEnd"))
    }
    let scan = try run(["scan"], in: folder)
    #expect(scan.status == 0, "\(scan.stderr)")
    #expect(scan.stderr.contains("(1 extracted)"))
    #expect(try run(["claims"], in: folder).status == 0)
  }

  @Test("a huge number in the verdict log or in evidence.json is an error naming file and line")
  func damagedVerdictsAndEvidence() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    #expect(try run(["verdict", id, "supported", "--reviewer", "Ann"], in: folder).status == 0)
    try edit(folder + "/Claims/verdicts.jsonl") {
      $0.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":99999999999999999999999")
    }
    let history = try run(["history", id], in: folder)
    #expect(history.status == 1)
    #expect(history.stderr.hasPrefix("Claims/verdicts.jsonl:1: error:"), "\(history.stderr)")

    let evidence = folder + "/Claims/evidence.json"
    try Data(
      "{\n  \"claims\" : [],\n  \"schema\" : 99999999999999999999,\n  \"snapshots\" : []\n}\n".utf8
    )
    .write(to: URL(fileURLWithPath: evidence))
    try FileManager.default.removeItem(atPath: folder + "/Claims/verdicts.jsonl")
    let claims = try run(["claims"], in: folder)
    #expect(claims.status == 1)
    #expect(claims.stderr.hasPrefix("Claims/evidence.json:3:"), "\(claims.stderr)")
  }

  /// Runs the binary with standard output on `/dev/full`.
  private func runToFullDisk(_ arguments: [String], in folder: String) throws -> RunResult {
    try run(arguments, in: folder, prefix: ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"])
  }

  @Test("output to a full disk is an error with exit 1; to a reader that went away, a quiet end")
  func unwritableOutput() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    #expect(try run(["verdict", id, "supported", "--reviewer", "Ann"], in: folder).status == 0)
    try Data("The Treaty of Dover was signed in 1670.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/good.md"))
    #expect(
      try run(["sources", "add", "http://127.0.0.1:9/dover.html", "--id", "dover"], in: folder)
        .status == 0)
    let commands: [[String]] = [
      ["report", "--format", "html"], ["report", "--format", "csv"], ["claims"], ["conflicts"],
      ["history", id], ["mentions", "good.md"], ["sources", "list"], ["audit"], ["scan"],
    ]
    for command in commands {
      let result = try runToFullDisk(command, in: folder)
      #expect(result.status == 1, "\(command) exited \(result.status)")
      #expect(
        result.stderr.contains("cannot write to standard output: No space left on device"),
        "\(command): \(result.stderr)")
      #expect(!result.stderr.contains("Fatal error"))
    }
    // A pipe whose reader is gone before anything is written: EPIPE, no message, exit 0.
    for command in [["report", "--format", "html"], ["claims"]] {
      var ends: [Int32] = [0, 0]
      #expect(pipe(&ends) == 0)
      close(ends[0])
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = command
      process.currentDirectoryURL = URL(fileURLWithPath: folder)
      process.standardOutput = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      process.waitUntilExit()
      let stderr = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(process.terminationReason == .exit)
      #expect(process.terminationStatus == 0, "\(command)")
      #expect(stderr.isEmpty, "\(command): \(stderr)")
    }
  }

  @Test("report --output refuses the workspace's own files and writes through links and FIFOs")
  func carelessOutput() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    #expect(try run(["verdict", id, "supported", "--reviewer", "Ann"], in: folder).status == 0)
    let log = verdictLog(folder)
    let config = try Data(contentsOf: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    for target in [
      "Claims/verdicts.jsonl", "Claims/config.yaml", "docs/a.md", "Claims/ledger/docs/a.md.json",
      "Sources-Registry/report.csv", "Claims",
    ] {
      let result = try run(["report", "--format", "csv", "--output", target], in: folder)
      #expect(result.status == 1, "\(target)")
      #expect(result.stderr.contains(target), "\(result.stderr)")
    }
    // Through a symlink to the log, from elsewhere: refused as well.
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/innocent.csv", withDestinationPath: "Claims/verdicts.jsonl")
    #expect(
      try run(["report", "--format", "csv", "--output", "innocent.csv"], in: folder).status == 1)
    #expect(verdictLog(folder) == log)
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/Claims/config.yaml")) == config)
    #expect(try run(["audit"], in: folder).status == 0)

    // A symlink elsewhere is written through and stays a symlink.
    let outside = FileManager.default.temporaryDirectory.path + "/report-\(UUID().uuidString).csv"
    defer { try? FileManager.default.removeItem(atPath: outside) }
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/report.csv", withDestinationPath: outside)
    #expect(
      try run(["report", "--format", "csv", "--output", "report.csv"], in: folder).status == 0)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/report.csv") == outside)
    #expect(try String(contentsOfFile: outside, encoding: .utf8).hasPrefix("id,"))

    // A FIFO is written into, not replaced.
    let fifo = folder + "/report.fifo"
    #expect(mkfifo(fifo, 0o644) == 0)
    let received = ReceivedBytes()
    let reader = Thread {
      let descriptor = open(fifo, O_RDONLY)
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 4096)
      while descriptor >= 0 {
        let count = read(descriptor, &chunk, chunk.count)
        if count <= 0 { break }
        bytes += chunk[0..<count]
      }
      close(descriptor)
      received.set(Data(bytes))
    }
    reader.start()
    let result = try run(["report", "--format", "csv", "--output", "report.fifo"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    for _ in 0..<100 where received.get() == nil { usleep(20_000) }
    #expect(String(decoding: received.get() ?? Data(), as: UTF8.self).hasPrefix("id,"))
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test("names with newlines and escape sequences are printed escaped; such reviewers refused")
  func hostileNames() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let forged = "z.md\nx.md:1:1: error: forged.md"
    try Data("The Treaty of Dover was signed in 1671.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/docs/" + forged))
    try Data("The Peace of Nijmegen was signed in 1678.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/docs/::error file=x::b.md"))
    _ = try run(["scan"], in: folder)
    for command in [["scan"], ["conflicts"], ["check"], ["claims"]] {
      let result = try run(command, in: folder)
      let lines = (result.stdout + result.stderr).split(separator: "\n")
      #expect(!lines.contains { $0.hasPrefix("x.md:1:1: error:") }, "\(command)")
      #expect(!lines.contains { $0.hasPrefix("::") }, "\(command)")
      #expect(!result.stdout.contains("\u{1B}"))
    }
    #expect(
      try run(["claims"], in: folder).stdout.contains("docs/z.md\\nx.md:1:1: error: forged.md"))

    let id = try claimId(in: folder, year: "1648")
    let refused = try run(
      ["verdict", id, "supported", "--reviewer", "Ann\nx.md:1:1: error: forged"], in: folder)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("control character"))
    #expect(verdictLog(folder).isEmpty)
    let note = "fine\u{1B}]0;owned\u{07}\u{1B}[2J\nx.md:1:1: error: forged"
    #expect(
      try run(["verdict", id, "supported", "--reviewer", "Ann", "--note", note], in: folder)
        .status == 0)
    let history = try run(["history", id], in: folder)
    #expect(!history.stdout.contains("\u{1B}"))
    #expect(!history.stdout.split(separator: "\n").contains { $0.hasPrefix("x.md") })
    #expect(history.stdout.contains("note: fine\\x1B]0;owned\\x07\\x1B[2J\\nx.md:1:1"))

    // A document's sentence with escape sequences, in the review queue and a verdict's echo.
    try Data(
      "The Treaty of Utrecht was signed in 1713 \u{1B}[2J\u{1B}]8;;https://evil.example\u{07}.\n"
        .utf8
    )
    .write(to: URL(fileURLWithPath: folder + "/docs/u.md"))
    _ = try run(["scan"], in: folder)
    let review = try run(
      ["review", "--reviewer", "Ann"], in: folder, input: String(repeating: "k\n", count: 20))
    #expect(review.stdout.contains("Treaty of Utrecht"))
    #expect(!review.stdout.contains("\u{1B}"))
    #expect(review.stdout.contains("\\x1B[2J"))
  }

  @Test("mentions reports a file it cannot read and lists the others; exit 1")
  func mentionsGoesOn() throws {
    let folder = FileManager.default.temporaryDirectory.path + "/mentions-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Data("The Treaty of Dover was signed in 1670.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/good.md"))
    try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0, 1, 2, 3]).write(
      to: URL(fileURLWithPath: folder + "/bin.md"))
    let result = try run(["mentions", "bin.md", "good.md", "missing.md"], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.contains("good.md:1:35: date \"1670\""))
    #expect(result.stderr.contains("bin.md"))
    #expect(result.stderr.contains("missing.md"))
  }

  @Test("SARIF text is inert Markdown; CSV cells starting with tab or CR are neutralised")
  func reportInjection() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let link = "docs/[see](https:evil.example)"
    try FileManager.default.createDirectory(
      atPath: folder + "/" + link, withIntermediateDirectories: true)
    try Data("Later the Treaty of Dover was signed in 1675.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/" + link + "/a.md"))
    for name in ["\t=1+1", "\r=1+1"] {
      try FileManager.default.createDirectory(
        atPath: folder + "/" + name, withIntermediateDirectories: true)
      try Data("The Peace of Nijmegen was signed in 1678.\n".utf8).write(
        to: URL(fileURLWithPath: folder + "/" + name + "/n.md"))
    }
    try Data(
      "schema: 1\ndocuments:\n  include: [docs, \"\\t=1+1\", \"\\r=1+1\"]\n".utf8
    ).write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    #expect(try run(["scan"], in: folder).status == 0)

    let sarif = try run(["report", "--format", "sarif"], in: folder)
    let object = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as! [String: Any]
    let results = ((object["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
    let texts = results.map { ($0["message"] as! [String: Any])["text"] as! String }
    #expect(texts.contains { $0.contains("\\[see\\]\\(https:evil.example\\)") })
    #expect(!texts.contains { $0.contains("[see](") })

    let csv = try run(["report", "--format", "csv"], in: folder).stdout
    #expect(csv.contains("'\t=1+1/n.md"))
    #expect(csv.contains("'\r=1+1/n.md"))
  }
}

/// Bytes a reader thread hands to the test.
final class ReceivedBytes: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?
  func set(_ value: Data) { lock.withLock { data = value } }
  func get() -> Data? { lock.withLock { data } }
}

@Suite("Numeric options out of range")
struct NumericOptionTests {
  @Test(
    "fetch --timeout that is not a finite number of seconds up to a day is a usage error",
    arguments: ["1e300", "inf", "nan", "9223372036854775807", "-1", "0", "86401"])
  func timeout(value: String) throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try run(["fetch", "--timeout", value], in: folder)
    #expect(result.status == 64, "\(value): \(result.status) \(result.stderr)")
    #expect(result.stderr.contains("--timeout"))
    #expect(!result.stderr.contains("Fatal error"))
  }
}

@Suite("Reports written into the workspace")
struct ReportsInWorkspaceTests {
  @Test("an HTML or Markdown report beside the documents is not scanned, and can be written again")
  func reportsAreNotDocuments() throws {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(try run(["init"], in: folder).status == 0)
    try Data("The Treaty of Dover was signed in 1670. Later it was signed in 1672.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/a.md"))
    #expect(try run(["scan"], in: folder).status == 0)
    let claims = try run(["claims"], in: folder).stdout
    for (format, name) in [("html", "report.html"), ("markdown", "report.md")] {
      #expect(try run(["report", "--format", format, "--output", name], in: folder).status == 0)
    }
    let scan = try run(["scan"], in: folder)
    #expect(scan.stdout.contains("report.html: note: skipped: a report ClaimLedger wrote"))
    #expect(scan.stdout.contains("report.md: note: skipped: a report ClaimLedger wrote"))
    #expect(try run(["claims"], in: folder).stdout == claims)
    for (format, name) in [("html", "report.html"), ("markdown", "report.md")] {
      let again = try run(["report", "--format", format, "--output", name], in: folder)
      #expect(again.status == 0, "\(again.stderr)")
    }
  }
}

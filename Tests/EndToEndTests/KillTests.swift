import Foundation
import TestServers
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 15, item 12: every writer (scan, fetch, verify, verdict, report --output) is killed with
/// SIGKILL 50 times at random moments. Afterwards every file of the workspace parses, nothing
/// written before is lost, and one more normal run of each leaves no temporary file behind.
@Suite("Killed writers", .serialized)
struct KillTests {
  static let rounds = 50

  /// A small workspace with documents, one source on a local server whose page changes at every
  /// fetch (so each fetch stores a snapshot and each verify writes evidence), and one verdict.
  func workspace(server: FaultServer) throws -> (folder: String, claim: String) {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-kill-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder + "/docs", withIntermediateDirectories: true)
    #expect(try run(["init"], in: folder).status == 0)
    // Documents are docs/ only: the report written beside them is not one.
    try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    for index in 0..<12 {
      try Data(
        ("The Treaty of Dover was signed in \(1660 + index). The Warsaw Pact was founded in 1955."
          + " The Peace of Westphalia was signed in 1648.\n").utf8
      ).write(to: URL(fileURLWithPath: folder + "/docs/d\(index).md"))
    }
    #expect(try run(["scan"], in: folder).status == 0)
    let added = try run(
      ["sources", "add", server.base + "/dover", "--id", "dover", "--covers", "Treaty of Dover"],
      in: folder)
    #expect(added.status == 0)
    #expect(try run(["fetch"], in: folder).status == 0)
    #expect(try run(["verify"], in: folder).status == 0)
    let claims = try run(["claims", "--format", "json"], in: folder)
    let object = try JSONSerialization.jsonObject(with: Data(claims.stdout.utf8)) as? [String: Any]
    let first = (object?["claims"] as? [[String: Any]])?.first?["id"] as? String ?? "C-missing"
    #expect(try run(verdict(first, 0), in: folder).status == 0)
    return (folder, first)
  }

  func verdict(_ claim: String, _ round: Int) -> [String] {
    [
      "verdict", claim, round % 2 == 0 ? "supported" : "mixed", "--reviewer", "Ann", "--note",
      "round \(round)",
    ]
  }

  /// Starts the tool and kills it after `delay` microseconds (it may have ended by then).
  func kill(_ arguments: [String], in folder: String, after delay: UInt32) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(delay)
    Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Files of the workspace (documents aside), relative, hidden ones included.
  func files(_ folder: String) -> [String] {
    let all = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
    return all.filter { path in
      var isFolder: ObjCBool = false
      return !path.hasPrefix("docs/")
        && FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
        && !isFolder.boolValue
    }
  }

  func isTemporary(_ path: String) -> Bool {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return name.contains(".tmp-") || name.hasPrefix(".incoming-")
  }

  @Test("50 SIGKILLs of each writer: every file parses, nothing is lost, no leftover after a run")
  func killedWriters() throws {
    let server = try FaultServer { target, _, count in
      guard target == "/dover" else { return nil }
      return FaultServer.Reply(
        body: "<html><body><p>The Treaty of Dover was signed in 1670. Visit \(count).</p>"
          + String(repeating: "<p>Other words about other things.</p>", count: 200)
          + "</body></html>",
        contentType: "text/html")
    }
    defer { server.stop() }
    let (folder, claim) = try workspace(server: server)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let verdictsPath = folder + "/Claims/verdicts.jsonl"
    let before = try Data(contentsOf: URL(fileURLWithPath: verdictsPath))
    let filesBefore = files(folder)

    var generator = SystemRandomNumberGenerator()
    for round in 1...Self.rounds {
      // Changed documents give scan something to write each time.
      for offset in 0..<3 {
        let document = folder + "/docs/d\((round + offset * 4) % 12).md"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: document))
        handle.seekToEndOfFile()
        handle.write(Data("The Treaty of Nijmegen was signed in \(1600 + round).\n".utf8))
        try handle.close()
      }
      let writers: [[String]] = [
        ["scan"], ["fetch"], ["verify"], verdict(claim, round),
        ["report", "--format", "html", "--output", "report.html"],
      ]
      for arguments in writers {
        // Anywhere in the run: a command takes from 50 to 300 ms, most of it starting up and
        // flushing to disk.
        try kill(
          arguments, in: folder, after: UInt32.random(in: 1_000...150_000, using: &generator))
      }
    }

    // Every file parses; the verdict log kept all it had, and its chain is intact.
    func checkParses() throws {
      for path in files(folder) where !isTemporary(path) {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
        if path.hasSuffix(".json") {
          #expect(
            (try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) is not valid JSON")
        } else if path.hasSuffix(".jsonl") {
          for line in data.split(separator: 0x0A) {
            #expect(
              (try? JSONSerialization.jsonObject(with: Data(line))) != nil,
              "\(path) has a line that is not valid JSON")
          }
        }
      }
      // Nothing the workspace held before is gone, and every snapshot the fetch log names is
      // there whole (its body's name is its hash).
      let now = Set(files(folder))
      let lost = filesBefore.filter { !now.contains($0) }
      #expect(lost.isEmpty, "lost: \(lost.prefix(5))")
      let log = try Data(
        contentsOf: URL(fileURLWithPath: folder + "/Sources-Registry/fetch-log.jsonl"))
      for line in log.split(separator: 0x0A) {
        guard let entry = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
          let sha = entry["sha256"] as? String
        else { continue }
        let body = "Sources-Registry/snapshots/\(sha.prefix(2))/\(sha)"
        #expect(now.contains(body), "the fetch log names \(body), which is missing")
      }
      let after = try Data(contentsOf: URL(fileURLWithPath: verdictsPath))
      #expect(after.prefix(before.count) == before, "verdicts.jsonl lost lines")
      let audit = try run(["audit"], in: folder)
      #expect(audit.status == 0, "audit: \(audit.stdout)\(audit.stderr)")
      // YAML files and every ledger file are read by these.
      for command in [["sources", "list"], ["claims"], ["conflicts"]] {
        let result = try run(command, in: folder)
        #expect(result.status == 0, "\(command): \(result.stderr)")
      }
    }
    try checkParses()

    // One more normal run of each writer removes what the killed ones left.
    for arguments in [["scan"], ["fetch"], ["verify"], verdict(claim, 0)] {
      let result = try run(arguments, in: folder)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    let report = try run(["report", "--format", "html", "--output", "report.html"], in: folder)
    #expect(report.status == 0, "report: \(report.stderr)")
    try checkParses()
    let leftovers = files(folder).filter(isTemporary)
    #expect(leftovers.isEmpty, "left behind: \(leftovers.prefix(5))")
  }
}

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The review desk in a real browser: `claimledger serve` on a workspace with a hostile
/// document and a conflict, driven by Debian's headless chromium through Selenium
/// (Tests/Browser/desk_test.py says what it checks). scripts/setup.sh installs chromium,
/// chromium-driver and python3-selenium.
@Suite("claimledger serve in a real browser", .serialized)
struct DeskBrowserTests {
  static let password = "correct horse battery staple"

  @Test("Selenium drives Debian's headless chromium here, and sees an alert when one is raised")
  func browserWorks() throws {
    let python = try pythonWithSelenium()
    let result = try Self.runLimited(
      [python, repositoryRoot + "/Tests/Browser/smoke_test.py"], in: repositoryRoot, limit: 120)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
  }

  @Test(
    "log in, review three claims with s r m, hostile text inert, form without csrf refused, both conflicting years on the timeline, a screenshot of the queue"
  )
  func desk() throws {
    let desk = URL(fileURLWithPath: binary).deletingLastPathComponent().path + "/claimledger-desk"
    try #require(
      FileManager.default.isExecutableFile(atPath: desk),
      "no claimledger-desk beside \(binary): build it with swift build --product claimledger-desk")
    let python = try pythonWithSelenium()
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let add = try run(
      [
        "reviewers", "add", "ann", "--email", "ann@example.org", "--role", "reviewer",
        "--password-stdin",
      ], in: folder, input: Self.password + "\n")
    try #require(add.status == 0, "reviewers add: \(add.stderr)")

    let server = try DeskServer(in: folder)
    defer { server.stop() }
    // Kept beside the build (ignored by git) for the README's docs/desk-queue.png.
    let screenshot =
      ProcessInfo.processInfo.environment["CLAIMLEDGER_DESK_SCREENSHOT"]
      ?? URL(fileURLWithPath: binary).deletingLastPathComponent().path + "/desk-queue.png"
    try? FileManager.default.removeItem(atPath: screenshot)
    let result = try Self.runLimited(
      [
        python, repositoryRoot + "/Tests/Browser/desk_test.py", server.url, "ann", Self.password,
        folder, screenshot,
      ], in: repositoryRoot, limit: 300)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)\nserver: \(server.log)")

    let png = (try? Data(contentsOf: URL(fileURLWithPath: screenshot))) ?? Data()
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 5_000)
    // The server took all of it without falling over, and the verdicts chain audits clean.
    #expect(server.isRunning, "the desk stopped: \(server.log)")
    let audit = try run(["audit"], in: folder)
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
  }

  /// Two documents dating the Treaty of Westminster 1654 and 1674 (a conflict), and one whose
  /// heading and sentence hold a script.
  static func workspace() throws -> String {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-desk-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder + "/docs", withIntermediateDirectories: true)
    let documents = [
      "a.md": """
      The Treaty of Westminster was signed in 1654.

      The Peace of Westphalia was signed in 1648.

      The Treaty of Dover was signed in 1670.

      """,
      "b.md": """
      Historians agree the Treaty of Westminster was signed in 1674.

      The Treaty of Nijmegen was signed in 1678.

      """,
      "xss.md": """
      # <script>alert(1)</script>

      The Treaty of Utrecht <script>alert(1)</script> was signed in 1713.

      """,
    ]
    for (name, text) in documents {
      try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/docs/" + name))
    }
    #expect(try run(["init"], in: folder).status == 0)
    try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    let scan = try run(["scan"], in: folder)
    try #require(scan.stderr.contains("1 conflict"), "scan: \(scan.stdout)\(scan.stderr)")
    return folder
  }

  /// Runs a command, killing it if it is still running after `limit` seconds (a hung browser
  /// must fail the test, not hang the suite).
  static func runLimited(_ command: [String], in folder: String, limit: Double) throws
    -> RunResult
  {
    let output = FileManager.default.temporaryDirectory.path + "/desk-test-" + UUID().uuidString
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.standardInput = FileHandle.nullDevice
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardOutput = log
    process.standardError = log
    try process.run()
    let deadline = Date().addingTimeInterval(limit)
    while process.isRunning && Date() < deadline { usleep(100_000) }
    let timedOut = process.isRunning
    if timedOut { Glibc.kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    return RunResult(
      status: process.terminationStatus, stdout: text,
      stderr: timedOut ? "\nkilled after \(Int(limit)) s" : "")
  }
}

/// A python3 that has Selenium: Debian's (python3-selenium), else one on PATH that has it.
func pythonWithSelenium() throws -> String {
  for python in ["/usr/bin/python3"]
    + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map({
      $0 + "/python3"
    })
  where FileManager.default.isExecutableFile(atPath: python) {
    let probe = try DeskBrowserTests.runLimited(
      [python, "-c", "import selenium"], in: "/", limit: 30)
    if probe.status == 0 { return python }
  }
  throw DeskTestFailure("no python3 with Selenium: run scripts/setup.sh (python3-selenium)")
}

/// What keeps the browser test from running at all, said plainly.
struct DeskTestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// `claimledger serve --port 0` in a workspace, with the URL from its one line on stderr.
final class DeskServer {
  let process = Process()
  let url: String
  private let output: String

  init(in folder: String) throws {
    output = FileManager.default.temporaryDirectory.path + "/desk-serve-" + UUID().uuidString
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    try process.run()
    // Generous: two cores shared with a test run.
    let deadline = Date().addingTimeInterval(60)
    var found: String?
    while found == nil && process.isRunning && Date() < deadline {
      usleep(50_000)
      let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("serving ") }),
        let start = line.range(of: " at http://")
      {
        found = "http://" + line[start.upperBound...].trimmingCharacters(in: .whitespaces)
      }
    }
    guard let found else {
      let log = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
      if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      try? FileManager.default.removeItem(atPath: output)
      throw DeskTestFailure("claimledger serve printed no 'serving ... at URL' line: \(log)")
    }
    url = found
  }

  var isRunning: Bool { process.isRunning }

  var log: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

  /// SIGTERM, then SIGKILL if it has not ended within ten seconds.
  func stop() {
    if process.isRunning {
      process.terminate()
      let deadline = Date().addingTimeInterval(10)
      while process.isRunning && Date() < deadline { usleep(50_000) }
      if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }
    process.waitUntilExit()
    try? FileManager.default.removeItem(atPath: output)
  }
}

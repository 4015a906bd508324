import ClaimLedger
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The built binaries, found beside this test binary.
let buildFolder: String = {
  var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    .deletingLastPathComponent()
  while !FileManager.default.fileExists(atPath: folder.path + "/claimledger-desk")
    && folder.path != "/"
  {
    folder = folder.deletingLastPathComponent()
  }
  return folder.path
}()

struct Finished {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to its end, with files (not pipes) for its output.
func runProgram(
  _ program: String, _ arguments: [String], in folder: String, input: String? = nil,
  environment extra: [String: String] = [:]
) throws -> Finished {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: folder)
  process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
  let base = FileManager.default.temporaryDirectory.path + "/desk-run-" + UUID().uuidString
  for suffix in [".out", ".err", ".in"] {
    _ = FileManager.default.createFile(atPath: base + suffix, contents: nil)
  }
  defer {
    for suffix in [".out", ".err", ".in"] {
      try? FileManager.default.removeItem(atPath: base + suffix)
    }
  }
  if let input { try Data(input.utf8).write(to: URL(fileURLWithPath: base + ".in")) }
  process.standardInput = FileHandle(forReadingAtPath: base + ".in")
  process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
  process.standardError = FileHandle(forWritingAtPath: base + ".err")
  try process.run()
  process.waitUntilExit()
  return Finished(
    status: process.terminationStatus,
    stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
    stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
}

/// A `claimledger serve --port 0` process; stopped when the value goes away.
final class ServingDesk: @unchecked Sendable {
  let process = Process()
  let base: URL
  private let errors: Pipe

  init(folder: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: buildFolder + "/claimledger")
    process.arguments = ["serve", "--port", "0"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // The one line it prints once listening: "serving WORKSPACE at http://HOST:PORT/".
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = errors.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard let range = text.range(of: " at http://"), text.hasPrefix("serving ") else {
      throw LedgerError.invalidArgument("the desk did not start: \(text)")
    }
    base = URL(
      string: "http://" + text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))!
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
  }

  func request(_ path: String, method: String = "GET", json: String? = nil) async throws -> (
    Int, String
  ) {
    var request = URLRequest(url: URL(string: path, relativeTo: base)!)
    request.httpMethod = method
    if let json {
      request.httpBody = Data(json.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }
}

@Suite("claimledger serve and reviewers, as processes", .serialized)
struct DeskProcessTests {
  @Test(
    "two desk processes and the CLI record verdicts at once: every verdict lands once, the chain audits clean"
  )
  func interleaved() async throws {
    let folder = try DeskWorkspace()
    let environment = ["CLAIMLEDGER_REVIEWER": "Desk Tester"]
    let first = try ServingDesk(folder: folder.root, environment: environment)
    let second = try ServingDesk(folder: folder.root, environment: environment)
    #expect(first.base.absoluteString.hasPrefix("http://127.0.0.1:"))
    let ids = try folder.ledger().claims.map(\.claim.id)
    let statuses = ["supported", "refuted", "mixed", "unverifiable"]
    let created = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<40 {
        let desk = index % 2 == 0 ? first : second
        let body =
          "{\"target\":\"\(ids[index % ids.count])\",\"status\":\"\(statuses[index % 4])\",\"note\":\"n\(index)\"}"
        group.addTask { try await desk.request("/api/verdicts", method: "POST", json: body).0 }
      }
      group.addTask {
        var recorded = 0
        for index in 0..<6 {
          let result = try runProgram(
            buildFolder + "/claimledger",
            ["verdict", ids[index], "supported", "--reviewer", "CLI"],
            in: folder.root)
          if result.status == 0 { recorded += 1 }
        }
        return recorded == 6 ? 201 : 0
      }
      var statuses: [Int] = []
      for try await status in group { statuses.append(status) }
      return statuses
    }
    #expect(created.allSatisfy { $0 == 201 })
    let lines = folder.verdictLines()
    #expect(lines.count == 46)
    for index in 0..<40 {
      #expect(lines.filter { $0.contains("\"note\":\"n\(index)\"") }.count == 1)
    }
    #expect(try VerdictLog(workspace: folder.workspace).audit().problem == nil)
    let audit = try runProgram(buildFolder + "/claimledger", ["audit"], in: folder.root)
    #expect(audit.status == 0)
  }

  @Test(
    "local mode answers only loopback host names: a page reaching it through a rebound DNS name is refused"
  )
  func dnsRebinding() throws {
    let folder = try DeskWorkspace()
    let desk = try ServingDesk(folder: folder.root)
    let url = desk.base.absoluteString + "api/claims"
    let port = desk.base.port ?? 0
    func status(_ host: String) throws -> String {
      try runProgram(
        "/usr/bin/curl",
        ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: " + host, url],
        in: folder.root
      ).stdout
    }
    #expect(try status("attacker.example:\(port)") == "421")
    #expect(try status("127.0.0.1:\(port)") == "200")
    #expect(try status("localhost:\(port)") == "200")
  }

  @Test(
    "claimledger reviewers forwards to the desk binary; serve refuses a public address in local mode"
  )
  func forwarding() throws {
    let folder = try DeskWorkspace()
    let cli = buildFolder + "/claimledger"
    let refused = try runProgram(
      cli, ["serve", "--host", "0.0.0.0", "--port", "0"], in: folder.root)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("not a loopback address"))
    #expect(refused.stderr.contains("local mode"))

    let added = try runProgram(
      cli, ["reviewers", "add", "ada", "--email", "ada@example.org", "--password-stdin"],
      in: folder.root, input: "correct horse\n")
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout == "added ada (reviewer) to Claims/reviewers.yaml\n")
    let noStdin = try runProgram(
      cli, ["reviewers", "add", "bo", "--email", "bo@example.org"], in: folder.root)
    #expect(noStdin.status == 64)
    #expect(noStdin.stderr.contains("--password-stdin is required"))
    let short = try runProgram(
      cli,
      [
        "reviewers", "add", "bo", "--email", "bo@example.org", "--role", "reader",
        "--password-stdin",
      ],
      in: folder.root, input: "short\n")
    #expect(short.status == 1)
    #expect(short.stderr.contains("too short"))
    let list = try runProgram(cli, ["reviewers", "list"], in: folder.root)
    #expect(list.stdout == "ada\tada@example.org\treviewer\n")
    let token = try runProgram(cli, ["reviewers", "token", "ada"], in: folder.root)
    #expect(token.status == 0 && token.stdout.hasPrefix("cld_") && token.stdout.count == 69)
    let revoke = try runProgram(cli, ["reviewers", "revoke", "ada"], in: folder.root)
    #expect(revoke.stdout == "revoked 1 token of ada\n")
    let remove = try runProgram(cli, ["reviewers", "remove", "nobody"], in: folder.root)
    #expect(remove.status == 1)
    #expect(remove.stderr.contains("nobody: no such reviewer"))
  }

  @Test("without claimledger-desk beside it, serve says how to build it")
  func missingDesk() throws {
    let lonely = FileManager.default.temporaryDirectory.path + "/desk-lonely-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: lonely, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: lonely) }
    try FileManager.default.copyItem(
      atPath: buildFolder + "/claimledger", toPath: lonely + "/claimledger")
    let result = try runProgram(lonely + "/claimledger", ["serve"], in: lonely)
    #expect(result.status == 1)
    #expect(result.stderr.contains("swift build --product claimledger-desk"))
  }
}

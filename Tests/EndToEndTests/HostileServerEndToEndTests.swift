import Foundation
import TestServers
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `fetch`, `sources` and `report` against hostile servers and hand-edited files (issue 15,
/// items 7, 17 and 21), through the built binary.
@Suite("claimledger against hostile servers, end to end", .serialized)
struct HostileServerEndToEndTests {
  /// A fresh workspace with no documents.
  func emptyWorkspace() throws -> String {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(try run(["init"], in: folder).status == 0)
    return folder
  }

  /// Runs the binary, killed after `limit` seconds (so that a hang fails the test instead of
  /// stopping the suite); returns the result and the seconds it took.
  func runBounded(_ arguments: [String], in folder: String, limit: Int = 40) throws -> (
    RunResult, Double
  ) {
    let start = Date()
    let result = try run(
      arguments, in: folder, prefix: ["/usr/bin/timeout", "-s", "KILL", String(limit)])
    return (result, Date().timeIntervalSince(start))
  }

  @Test(
    "Retry-After: nan, inf, 1e400, negative, garbage, huge or far off: fetch ends promptly, exit 1"
  )
  func hostileRetryAfter() throws {
    let values = [
      "nan", "inf", "1e400", "-5", "soon", "99999999999999999999999", "3600",
      "Fri, 31 Dec 9999 23:59:59 GMT", "0x10", "+3",
    ]
    let server = try FaultServer { target, _, _ in
      let parts = target.split(separator: "/")
      guard parts.count == 3, parts[0] == "wait", let index = Int(parts[2]) else { return nil }
      let status = parts[1] == "429" ? "429 Too Many Requests" : "503 Service Unavailable"
      return .init(
        status: status, body: "later", contentType: "text/plain",
        headers: "Retry-After: \(values[index])\r\n")
    }
    let folder = try emptyWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var expected: [String] = []
    for index in values.indices {
      for code in ["429", "503"] {
        let id = "w\(code)-\(index)"
        let url = "\(server.base)/wait/\(code)/\(index)"
        // Written as `sources add` writes them: twenty runs of the binary would be slow.
        try Data("schema: 1\nid: \(id)\nurl: \"\(url)\"\n".utf8).write(
          to: URL(fileURLWithPath: folder + "/Sources-Registry/\(id).yaml"))
        expected.append("\(id): error: HTTP \(code) (\(url))")
      }
    }
    let (fetch, seconds) = try runBounded(
      ["fetch", "--timeout", "2", "--retries", "2"], in: folder)
    #expect(fetch.status == 1)
    #expect(seconds < 10, "fetch took \(seconds) s")
    #expect(fetch.stdout.split(separator: "\n").map(String.init).sorted() == expected.sorted())
    #expect(fetch.stderr.hasSuffix("fetched 0, unchanged 0, failed \(expected.count)\n"))
    for index in values.indices {
      #expect(server.hits("/wait/429/\(index)") == 3, "Retry-After: \(values[index])")
    }
  }

  @Test("a 304 to a first request (no validators sent) is a server error: exit 1, no snapshot")
  func notModifiedOnFirstFetch() throws {
    let server = try FaultServer { target, _, _ in
      target == "/stale" ? .init(status: "304 Not Modified", body: "") : nil
    }
    let folder = try emptyWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let url = server.base + "/stale"
    #expect(try run(["sources", "add", url, "--id", "stale"], in: folder).status == 0)
    for _ in 0..<2 {
      let (fetch, _) = try runBounded(["fetch"], in: folder)
      #expect(fetch.status == 1)
      #expect(
        fetch.stdout
          == "stale: error: HTTP 304 (not modified) to a request that sent no validators (\(url))\n"
      )
      #expect(fetch.stderr == "fetched 0, unchanged 0, failed 1\n")
    }
    let snapshots = folder + "/Sources-Registry/snapshots"
    let stored = (FileManager.default.enumerator(atPath: snapshots)?.allObjects as? [String]) ?? []
    #expect(stored.filter { !$0.hasPrefix(".incoming") }.isEmpty)
    let log = try String(
      contentsOfFile: folder + "/Sources-Registry/fetch-log.jsonl", encoding: .utf8)
    #expect(log.split(separator: "\n").allSatisfy { $0.contains("\"outcome\":\"failed\"") })
    #expect(!log.contains("\"sha256\""))
  }

  @Test("a source URL's password is used to fetch but never printed or written elsewhere")
  func credentialsStayInTheRegistry() throws {
    let secret = "s3cret"
    let server = try FaultServer { target, head, _ in
      switch target {
      case "/dover":
        guard head.contains("Authorization: Basic dTpzM2NyZXQ=") else {
          return .init(status: "401 Unauthorized", body: "who?", contentType: "text/plain")
        }
        return .init(
          body: "<p>The Treaty of Dover was signed in 1670.</p>", contentType: "text/html")
      case "/bounce":
        return .init(
          status: "302 Found", body: "", contentType: "text/plain",
          headers: "Location: ftp://u:\(secret)@127.0.0.1/x\r\n")
      default: return nil
      }
    }
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Data(
      """
      schema: 1
      documents:
        include: [docs]
      report:
        author: "Fact Desk"
        authorURL: "https://factdesk.example"
        url: "https://factdesk.example/claims/"

      """.utf8
    ).write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    let withSecret = "http://u:\(secret)@127.0.0.1:\(server.port)"
    let shown = "http://u:***@127.0.0.1:\(server.port)"
    var outputs: [(String, RunResult)] = []
    func step(_ arguments: [String]) throws -> RunResult {
      let result = try run(arguments, in: folder)
      outputs.append((arguments.joined(separator: " "), result))
      return result
    }
    #expect(
      try step([
        "sources", "add", withSecret + "/dover", "--id", "dover", "--covers", "Treaty of Dover",
      ])
      .status == 0)
    #expect(try step(["sources", "add", withSecret + "/gone", "--id", "gone"]).status == 0)
    #expect(try step(["sources", "add", withSecret + "/bounce", "--id", "bounce"]).status == 0)
    #expect(try step(["sources", "add", withSecret + "/gone", "--id", "gone"]).status == 1)
    let list = try step(["sources", "list"])
    #expect(list.stdout.contains("dover: \(shown)/dover [other, medium]\n"))
    _ = try step(["sources", "list", "--format", "json"])
    let fetch = try step(["fetch"])
    #expect(fetch.status == 1)
    #expect(fetch.stdout.contains("gone: error: HTTP 404 (\(shown)/gone)\n"))
    #expect(fetch.stdout.contains("bounce: error: redirect to a URL that is not http or https"))
    #expect(fetch.stderr == "fetched 1, unchanged 0, failed 2\n")
    // The password was sent: the page came with it.
    #expect(server.requests.contains { $0.head.contains("Authorization: Basic dTpzM2NyZXQ=") })
    #expect(try step(["fetch", "dover"]).status == 0)
    #expect(try step(["verify"]).status == 0)
    let id = try claimId(in: folder, year: "1670")
    #expect(
      try step(["verdict", id, "supported", "--reviewer", "Ann", "--evidence", "dover"]).status == 0
    )
    for format in ["html", "markdown", "json", "csv", "claimreview", "sarif"] {
      let report = try step(["report", "--format", format])
      #expect(report.status == 0, "\(format): \(report.stderr)")
    }
    _ = try step(["history", id])
    _ = try step(["claims", "--format", "json"])
    for (command, result) in outputs {
      #expect(!result.stdout.contains(secret), "\(command) printed the password")
      #expect(!result.stderr.contains(secret), "\(command) printed the password")
    }
    // Every file the tool wrote, except the registry files the user wrote.
    let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
    var checked = 0
    for file in files {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder + "/" + file, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
      if file.hasPrefix("Sources-Registry/") && file.hasSuffix(".yaml") {
        #expect(bytes.range(of: Data(secret.utf8)) != nil, "\(file) lost the credentials")
        continue
      }
      checked += 1
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the password")
    }
    #expect(checked >= 6)
    let log = try String(
      contentsOfFile: folder + "/Sources-Registry/fetch-log.jsonl", encoding: .utf8)
    #expect(log.contains("\"url\":\"\(shown)/dover\""))
  }

  @Test("registry URLs: only http(s) without control characters; hand-edited ones named by line")
  func registryURLs() throws {
    let folder = try emptyWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for url in ["javascript:alert(1)", "http://127.0.0.1/a\u{1B}[2Jb", "http://127.0.0.1/a\tb"] {
      let add = try run(["sources", "add", url, "--id", "bad"], in: folder)
      #expect(add.status == 1, "\(url.debugDescription) was registered")
      #expect(!add.stderr.contains("\u{1B}"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/Sources-Registry/bad.yaml"))
    let cases: [(name: String, yaml: String, line: Int)] = [
      ("nul", "schema: 1\nid: nul\nurl: \"http://127.0.0.1/a\\u0000b\"\n", 3),
      ("esc", "schema: 1\nid: esc\nurl: \"http://127.0.0.1/\\u001b[2J\"\nkind: other\n", 3),
      ("js", "# hand-written\nschema: 1\nid: js\nurl: javascript:alert(1)\n", 4),
      ("data", "schema: 1\nid: data\ntitle: x\nurl: 'data:text/html,<b>hi</b>'\n", 4),
    ]
    for item in cases {
      let path = folder + "/Sources-Registry/\(item.name).yaml"
      try Data(item.yaml.utf8).write(to: URL(fileURLWithPath: path))
      defer { try? FileManager.default.removeItem(atPath: path) }
      for command in [["sources", "list"], ["fetch", item.name]] {
        let result = try run(command, in: folder)
        #expect(result.status == 1, "\(item.name): \(command)")
        #expect(
          result.stderr.hasPrefix("Sources-Registry/\(item.name).yaml:\(item.line):"),
          "\(item.name): \(result.stderr)")
        #expect(result.stderr.contains("http or https"), "\(item.name): \(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{0}"))
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{0}"))
      }
    }
  }

  @Test("config.yaml: javascript: URLs for ClaimReview are refused at load, naming the line")
  func configURLs() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (key, line) in [("authorURL", 6), ("url", 7), ("documentsURL", 8)] {
      var settings = [
        "authorURL": "https://factdesk.example", "url": "https://factdesk.example/claims/",
        "documentsURL": "https://factdesk.example/docs/",
      ]
      settings[key] = "javascript:alert(document.cookie)//"
      try Data(
        """
        schema: 1
        documents:
          include: [docs]
        report:
          author: "Fact Desk"
          authorURL: "\(settings["authorURL"]!)"
          url: "\(settings["url"]!)"
          documentsURL: "\(settings["documentsURL"]!)"

        """.utf8
      ).write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
      for format in ["claimreview", "html"] {
        let report = try run(["report", "--format", format], in: folder)
        #expect(report.status == 1, "\(key), \(format)")
        #expect(report.stderr.hasPrefix("Claims/config.yaml:\(line):"), "\(report.stderr)")
        #expect(report.stderr.contains("'report.\(key)' must be an http or https URL"))
        #expect(!report.stdout.contains("javascript:"))
      }
    }
  }
}

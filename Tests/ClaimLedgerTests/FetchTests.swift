import ClaimLedger
import Foundation
import ReferenceFetcher
import TestServers
import Testing

#if canImport(Glibc)
  import Glibc
#endif

let page = Array(
  """
  <!doctype html><html><head><title>Westminster</title><script>var hidden = 1;</script>
  <style>p { color: red }</style></head>
  <body><nav><a href="/">Home</a> | Menu</nav><h1>Treaty of Westminster</h1>
  <p>The Treaty of Westminster was signed on 19 February 1674 &amp; ended the war.</p>
  <ul><li>One</li><li>Two</li></ul></body></html>
  """.utf8)

/// "Café “quoted” naïve" in Windows-1252 bytes, served as ISO-8859-1.
let latin1Page: [UInt8] =
  Array("<html><body><p>Caf".utf8) + [0xE9, 0x20, 0x93] + Array("quoted".utf8) + [0x94, 0x20]
  + Array("na".utf8) + [0xEF] + Array("ve</p></body></html>".utf8)

let plainText = Array(
  String(repeating: "The Peace of Westphalia was signed in 1648. ", count: 400).utf8)

@Suite("Fetching references", .serialized)
struct FetchTests {
  func policy(timeout: Double = 5, retries: Int = 2) -> FetchPolicy {
    var policy = FetchPolicy()
    policy.timeout = timeout
    policy.connectTimeout = 2
    policy.retries = retries
    policy.backoff = 0.1
    policy.maxRedirects = 5
    return policy
  }

  func register(_ workspace: TemporaryWorkspace, _ sources: [(String, String)]) throws {
    let registry = SourceRegistry(workspace: workspace.workspace)
    for (id, url) in sources { try registry.add(Source(id: id, url: url)) }
  }

  func snapshotFiles(_ workspace: TemporaryWorkspace) -> [String] {
    let folder = workspace.root + "/Sources-Registry/snapshots"
    let all = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
    return all.filter { !$0.hasSuffix("/") && $0.split(separator: "/").count == 2 }.sorted()
  }

  func entry(_ report: FetchReport, _ id: String) -> FetchLogEntry {
    report.entries.first { $0.source == id }!
  }

  @Test("200 with HTML: snapshot stored and text extracted; a Latin-1 page decoded")
  func html() throws {
    let nginx = try Nginx(files: ["page.html": page, "latin1.html": latin1Page])
    let workspace = try TemporaryWorkspace()
    try register(
      workspace, [("page", nginx.base + "/page.html"), ("latin", nginx.base + "/latin1.html")])
    let report = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    #expect(report.fetched.count == 2)
    let store = SnapshotStore(workspace: workspace.workspace)
    let fetched = entry(report, "page")
    #expect(fetched.status == 200 && fetched.bytes == page.count)
    let body = try Data(contentsOf: URL(fileURLWithPath: store.bodyPath(fetched.sha256!)))
    #expect(Array(body) == page)
    let text = try String(contentsOfFile: store.textPath(fetched.sha256!), encoding: .utf8)
    #expect(
      text
        == "Treaty of Westminster\nThe Treaty of Westminster was signed on 19 February 1674 & ended the war.\nOne\nTwo\n"
    )
    let latin = try String(
      contentsOfFile: store.textPath(entry(report, "latin").sha256!), encoding: .utf8)
    #expect(latin == "Café “quoted” naïve\n")
  }

  @Test("the same body for two sources, and again in a later run, is stored once")
  func sameBody() throws {
    let nginx = try Nginx(files: ["a.html": page, "b.html": page, "c.html": page])
    let workspace = try TemporaryWorkspace()
    try register(workspace, [("a", nginx.base + "/a.html"), ("b", nginx.base + "/b.html")])
    let first = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    #expect(first.fetched.count == 2)
    #expect(entry(first, "a").sha256 == entry(first, "b").sha256)
    #expect(snapshotFiles(workspace).count == 2)  // one body, one text
    try register(workspace, [("c", nginx.base + "/c.html")])
    let second = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform(
      ids: ["c"])
    #expect(entry(second, "c").sha256 == entry(first, "a").sha256)
    #expect(snapshotFiles(workspace).count == 2)
    // Bodies and texts prepared while the run went on leave nothing in the incoming folder.
    let incoming = try FileManager.default.contentsOfDirectory(
      atPath: workspace.root + "/Sources-Registry/snapshots/.incoming")
    #expect(incoming.isEmpty)
  }

  @Test("re-fetch sends the validators, receives 304 and reuses the snapshot")
  func conditional() throws {
    let nginx = try Nginx(files: ["page.html": page])
    let workspace = try TemporaryWorkspace()
    try register(workspace, [("page", nginx.base + "/page.html")])
    let fetch = FetchReferences(workspace: workspace.workspace, policy: policy())
    let first = entry(try fetch.perform(), "page")
    let second = entry(try fetch.perform(), "page")
    #expect(first.outcome == .fetched && first.etag != nil && first.lastModified != nil)
    #expect(second.outcome == .unchanged)
    #expect(second.status == 304)
    #expect(second.sha256 == first.sha256)
    #expect(snapshotFiles(workspace).count == 2)  // the body and its text, once
    let log = try FetchLog(workspace: workspace.workspace).entries()
    #expect(log.map(\.outcome) == [.fetched, .unchanged])
  }

  @Test("a gzip-encoded body is decoded")
  func gzip() throws {
    let nginx = try Nginx(files: ["long.txt": plainText])
    // nginx really compresses it: ask the way libcurl does and look at the answer's head.
    let head = try rawRequest(
      port: nginx.port, path: "/long.txt", headers: "Accept-Encoding: gzip\r\n")
    #expect(head.lowercased().contains("content-encoding: gzip"))
    let workspace = try TemporaryWorkspace()
    try register(workspace, [("long", nginx.base + "/long.txt")])
    let report = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    let fetched = entry(report, "long")
    #expect(fetched.outcome == .fetched)
    let body = try Data(
      contentsOf: URL(
        fileURLWithPath: SnapshotStore(workspace: workspace.workspace).bodyPath(fetched.sha256!)))
    #expect(Array(body) == plainText)
  }

  @Test("redirects: a chain is followed, a loop stops, other schemes are refused")
  func redirects() throws {
    let nginx = try Nginx(files: ["page.html": page])
    let workspace = try TemporaryWorkspace()
    try register(
      workspace,
      [
        ("chain", nginx.base + "/r1"), ("loop", nginx.base + "/loop"),
        ("to-file", nginx.base + "/to-file"), ("to-ftp", nginx.base + "/to-ftp"),
      ])
    let report = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    let chain = entry(report, "chain")
    #expect(chain.outcome == .fetched)
    #expect(chain.finalURL == nginx.base + "/page.html")
    #expect(entry(report, "loop").error == "more than 5 redirects")
    #expect(
      entry(report, "to-file").error
        == "redirect to a URL that is not http or https refused: file:///etc/passwd")
    #expect(
      entry(report, "to-ftp").error?.hasPrefix(
        "redirect to a URL that is not http or https refused: ftp://") == true)
    #expect(snapshotFiles(workspace).count == 2)
  }

  @Test("404 and 410 are failures with no snapshot; the other sources are unaffected")
  func missing() throws {
    let nginx = try Nginx(files: ["page.html": page])
    let workspace = try TemporaryWorkspace()
    try register(
      workspace,
      [
        ("missing", nginx.base + "/missing.html"), ("gone", nginx.base + "/gone"),
        ("page", nginx.base + "/page.html"),
      ])
    let report = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    #expect(entry(report, "missing").error == "HTTP 404")
    #expect(entry(report, "gone").error == "HTTP 410")
    #expect(entry(report, "missing").attempts == 1)
    #expect(entry(report, "page").outcome == .fetched)
    #expect(snapshotFiles(workspace).count == 2)
  }

  @Test("503 then 200, and 429 with Retry-After, are retried; retries are bounded")
  func retries() throws {
    let server = try FaultServer()
    let workspace = try TemporaryWorkspace()
    try register(
      workspace,
      [
        ("flaky", server.base + "/flaky/a"), ("limited", server.base + "/ratelimited/b"),
        ("down", server.base + "/down"),
      ])
    let report = try FetchReferences(workspace: workspace.workspace, policy: policy(retries: 2))
      .perform()
    #expect(entry(report, "flaky").outcome == .fetched)
    #expect(entry(report, "flaky").attempts == 2)
    let limited = entry(report, "limited")
    #expect(limited.outcome == .fetched && limited.attempts == 2)
    #expect(limited.durationMs >= 1000)  // it waited for Retry-After: 1
    #expect(entry(report, "down").error == "HTTP 503")
    #expect(entry(report, "down").attempts == 3)
    #expect(server.hits("/down") == 3)
  }

  @Test("a server that sends nothing times out within the timeout and a margin")
  func silence() throws {
    let server = try FaultServer()
    let workspace = try TemporaryWorkspace()
    try register(workspace, [("silent", server.base + "/silent")])
    let start = Date()
    let report = try FetchReferences(
      workspace: workspace.workspace, policy: policy(timeout: 1, retries: 0)
    ).perform()
    let elapsed = Date().timeIntervalSince(start)
    #expect(entry(report, "silent").error == "timed out after 1 s")
    #expect(elapsed >= 1 && elapsed < 2.5)
  }

  @Test("a body over the size limit is aborted with or without Content-Length; nothing stored")
  func tooLarge() throws {
    let server = try FaultServer()
    let workspace = try TemporaryWorkspace()
    try register(
      workspace,
      [
        ("declared", server.base + "/sized/200000"), ("streamed", server.base + "/chunked/200000"),
        ("small", server.base + "/sized/1000"),
      ])
    var limits = policy()
    limits.maxSize = 100_000
    let report = try FetchReferences(workspace: workspace.workspace, policy: limits).perform()
    #expect(entry(report, "declared").error == "body larger than 100000 bytes")
    #expect(entry(report, "streamed").error == "body larger than 100000 bytes")
    #expect(entry(report, "small").outcome == .fetched)
    #expect(snapshotFiles(workspace).count == 2)  // the small body and its text
    let incoming = try FileManager.default.contentsOfDirectory(
      atPath: workspace.root + "/Sources-Registry/snapshots/.incoming")
    #expect(incoming.isEmpty)
  }

  @Test("connection refused and a reset half-way give clear errors and no partial snapshot")
  func brokenConnections() throws {
    let server = try FaultServer()
    let workspace = try TemporaryWorkspace()
    let closedPort = freePort()
    try register(
      workspace,
      [("refused", "http://127.0.0.1:\(closedPort)/x"), ("reset", server.base + "/reset")])
    let report = try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    #expect(entry(report, "refused").error?.hasPrefix("cannot connect: ") == true)
    #expect(entry(report, "reset").error?.hasPrefix("connection broke off: ") == true)
    #expect(entry(report, "reset").attempts == 1)
    #expect(snapshotFiles(workspace).isEmpty)
    let incoming = try FileManager.default.contentsOfDirectory(
      atPath: workspace.root + "/Sources-Registry/snapshots/.incoming")
    #expect(incoming.isEmpty)
  }

  @Test("file:// and gopher:// are refused when registered and when edited in by hand")
  func schemes() throws {
    let workspace = try TemporaryWorkspace()
    let registry = SourceRegistry(workspace: workspace.workspace)
    for url in ["file:///etc/passwd", "gopher://127.0.0.1/1", "ftp://127.0.0.1/x"] {
      #expect(
        throws: LedgerError.invalidArgument("\(url): only http and https URLs can be registered")
      ) {
        try registry.add(Source(id: "", url: url))
      }
    }
    try workspace.write(
      "Sources-Registry/passwd.yaml", "schema: 1\nid: passwd\nurl: \"file:///etc/passwd\"\n")
    try workspace.write(
      "Sources-Registry/gopher.yaml", "schema: 1\nid: gopher\nurl: \"gopher://127.0.0.1/1\"\n")
    // A registry file with such a URL is refused when read, naming its line (issue 15).
    #expect(
      throws: LedgerError.malformedFile(
        path: "Sources-Registry/gopher.yaml", line: 3, column: 6,
        message: "'url' must be an http or https URL, without spaces or control characters")
    ) {
      try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
    }
    #expect(snapshotFiles(workspace).isEmpty)
  }

  @Test("forty sources with --concurrency 8: all stored, at most 8 connections, per-host limited")
  func concurrency() throws {
    let server = try FaultServer()
    let workspace = try TemporaryWorkspace()
    try register(workspace, (0..<40).map { ("s\($0)", server.base + "/slow/150/\($0)") })
    var limits = policy()
    limits.concurrency = 8
    limits.perHost = 8
    let report = try FetchReferences(workspace: workspace.workspace, policy: limits).perform()
    #expect(report.fetched.count == 40)
    #expect(Set(report.entries.compactMap(\.sha256)).count == 40)
    #expect(server.maxOpenConnections <= 8)
    #expect(server.maxOpenConnections >= 4)

    let second = try FaultServer()
    let other = try TemporaryWorkspace()
    try register(other, (0..<12).map { ("s\($0)", second.base + "/slow/150/\($0)") })
    limits.perHost = 3
    let limited = try FetchReferences(workspace: other.workspace, policy: limits).perform()
    #expect(limited.fetched.count == 12)
    #expect(second.maxOpenConnections <= 3)
  }
}

/// Sends one GET over a plain socket and returns the response head.
func rawRequest(port: Int, path: String, headers: String) throws -> String {
  guard let fd = connectLoopback(port) else { throw ServerError("cannot connect to \(port)") }
  defer { close(fd) }
  let request = Array(
    "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)Connection: close\r\n\r\n".utf8)
  _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
  var response: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = recv(fd, &chunk, chunk.count, 0)
    if count <= 0 { break }
    response.append(contentsOf: chunk[..<count])
    if response.firstRange(of: [13, 10, 13, 10]) != nil { break }
  }
  let text = String(decoding: response, as: UTF8.self)
  return String(text[..<(text.range(of: "\r\n\r\n")?.lowerBound ?? text.endIndex)])
}

import ClaimLedger
import Foundation
import ReferenceFetcher
import TestServers
import Testing

/// The fetcher against servers that send what they should not, and fetch logs edited by hand
/// (issue 15, items 9 and 13).
@Suite("Hostile servers", .serialized)
struct HostileServerTests {
  func policy() -> FetchPolicy {
    var policy = FetchPolicy()
    policy.timeout = 5
    policy.connectTimeout = 2
    policy.retries = 0
    return policy
  }

  func fetch(_ workspace: TemporaryWorkspace) throws -> FetchReport {
    try FetchReferences(workspace: workspace.workspace, policy: policy()).perform()
  }

  @Test("an ETag or Last-Modified with a bare CR is neither stored nor sent back")
  func bareCarriageReturn() throws {
    let server = try FaultServer { target, _, _ in
      guard target == "/page" else { return nil }
      return .init(
        body: "<p>The Treaty of Dover was signed in 1670.</p>", contentType: "text/html",
        headers: "ETag: \"a\"\rX-Injected: 1\r\n"
          + "Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT\rX-Injected-Too: 2\r\n")
    }
    let workspace = try TemporaryWorkspace()
    try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "page", url: server.base + "/page"))
    let first = try fetch(workspace)
    #expect(first.fetched.count == 1)
    let second = try fetch(workspace)
    #expect(second.fetched.count == 1)
    #expect(server.requests.count == 2)
    for request in server.requests {
      #expect(!request.head.lowercased().contains("x-injected"), "\(request.head)")
    }
    for entry in try FetchLog(workspace: workspace.workspace).entries() {
      #expect(entry.etag == nil && entry.lastModified == nil)
    }
  }

  @Test("a CR LF edited into the fetch log's validators is not sent as a header")
  func editedFetchLog() throws {
    let server = try FaultServer { target, head, _ in
      guard target == "/page" else { return nil }
      if head.contains("If-None-Match: \"v1\"\r\n") {
        return .init(status: "304 Not Modified", body: "")
      }
      return .init(
        body: "<p>The Treaty of Dover was signed in 1670.</p>", contentType: "text/html",
        headers: "ETag: \"v1\"\r\nLast-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\n")
    }
    let workspace = try TemporaryWorkspace()
    try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "page", url: server.base + "/page"))
    #expect(try fetch(workspace).fetched.count == 1)
    #expect(try fetch(workspace).unchanged.count == 1)
    let logPath = workspace.root + "/Sources-Registry/fetch-log.jsonl"
    var log = try String(contentsOfFile: logPath, encoding: .utf8)
    #expect(log.contains(#""etag":"\"v1\"""#))
    log = log.replacingOccurrences(
      of: #""etag":"\"v1\"""#, with: #""etag":"\"v1\"\r\nX-Forged: 1""#)
    log = log.replacingOccurrences(
      of: #""lastModified":"Tue, 01 Dec 2026 10:00:00 GMT""#,
      with: #""lastModified":"Tue, 01 Dec 2026 10:00:00 GMT\nX-Forged-Too: 2""#)
    try Data(log.utf8).write(to: URL(fileURLWithPath: logPath))
    let third = try fetch(workspace)
    #expect(third.failed.isEmpty)
    #expect(server.requests.count == 3)
    for request in server.requests {
      #expect(!request.head.lowercased().contains("x-forged"), "\(request.head)")
    }
    for entry in try FetchLog(workspace: workspace.workspace).entries().suffix(1) {
      #expect(entry.etag?.contains(where: { $0.isNewline }) != true)
      #expect(entry.lastModified?.contains(where: { $0.isNewline }) != true)
    }
  }

  @Test("a page nested 10,000 elements deep keeps the text at its bottom")
  func deeplyNestedPage() throws {
    let depth = 10_000
    let html =
      "<html><body>" + String(repeating: "<div>", count: depth)
      + "<p>The Treaty of Dover was signed in 1670.</p>" + String(repeating: "</div>", count: depth)
      + "<p>After the nest.</p></body></html>"
    let server = try FaultServer { target, _, _ in
      target == "/deep" ? .init(body: html, contentType: "text/html") : nil
    }
    let workspace = try TemporaryWorkspace()
    try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "deep", url: server.base + "/deep"))
    let report = try fetch(workspace)
    #expect(report.fetched.count == 1)
    let sha256 = try #require(report.fetched.first?.sha256)
    let text = try String(
      contentsOfFile: SnapshotStore(workspace: workspace.workspace).textPath(sha256),
      encoding: .utf8)
    #expect(text == "The Treaty of Dover was signed in 1670.\nAfter the nest.\n")
  }
}

@Suite("Credentials in source URLs")
struct CredentialTests {
  @Test("a fetch log written before URLs were redacted is read redacted, and still matches")
  func oldFetchLog() throws {
    let workspace = try TemporaryWorkspace()
    let source = try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "old", url: "http://u:s3cret@127.0.0.1:9/page"))
    #expect(source.url == "http://u:***@127.0.0.1:9/page")
    #expect(source.registeredURL == "http://u:s3cret@127.0.0.1:9/page")
    try workspace.write(
      "Sources-Registry/fetch-log.jsonl",
      #"{"attempts":1,"bytes":3,"durationMs":1,"finalURL":"http://u:s3cret@127.0.0.1:9/page","#
        + #""outcome":"fetched","schema":1,"sha256":"ab","source":"old","status":200,"#
        + #""time":"2026-12-01T10:00:00Z","url":"http://u:s3cret@127.0.0.1:9/page"}"# + "\n")
    let entry = try #require(try FetchLog(workspace: workspace.workspace).entries().first)
    #expect(entry.url == source.url)
    #expect(entry.finalURL == source.url)
  }
}

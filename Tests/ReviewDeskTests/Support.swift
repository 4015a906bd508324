import ClaimLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import ReviewDesk

/// The repository's root, found from this file's path.
let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

/// A scanned copy of the example workspace (three articles, two conflicts) in a temporary
/// folder, removed when the value goes away.
final class DeskWorkspace: @unchecked Sendable {
  let root: String
  let workspace: Workspace

  init(extraDocuments: [String: String] = [:]) throws {
    let manager = FileManager.default
    root = manager.temporaryDirectory.path + "/claimledger-desk-" + UUID().uuidString
    try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
    workspace = try Workspace.initialize(at: root).0
    try manager.copyItem(atPath: repositoryRoot + "/articles", toPath: root + "/articles")
    for name in ["config.yaml", "aliases.yaml"] {
      try? manager.removeItem(atPath: root + "/Claims/" + name)
      try manager.copyItem(
        atPath: repositoryRoot + "/Claims/" + name, toPath: root + "/Claims/" + name)
    }
    for (path, text) in extraDocuments {
      try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
    }
    _ = try Scan(workspace: workspace).perform(paths: [])
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  func ledger() throws -> Ledger { try Ledger.load(workspace) }

  var verdictsFile: String { root + "/Claims/verdicts.jsonl" }

  func verdictLines() -> [String] {
    guard let text = try? String(contentsOfFile: verdictsFile, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init)
  }

  /// A desk over this workspace, local mode unless accounts are added.
  func desk(host: String = "127.0.0.1", reviewer: String? = "Local Reviewer <local@example.org>")
    -> Desk
  {
    Desk(
      DeskConfiguration(
        workspace: workspace, host: host, port: 0, localReviewer: reviewer, bcryptCost: 4))
  }

  func accounts() -> ReviewerAccounts { ReviewerAccounts(workspace: workspace, cost: 4) }
}

extension Desk {
  /// Runs `test` against this desk's router, in process.
  func test<Value>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws
    -> Value
  {
    try await Application(router: router()).test(.router, test)
  }
}

extension TestResponse {
  var text: String { String(buffer: body) }

  /// The session cookie this response sets, as `name=value` for a Cookie header.
  var sessionCookie: String? {
    for field in headers where field.name == .setCookie {
      let value = field.value
      if value.hasPrefix("claimledger_session=") {
        return String(value.prefix { $0 != ";" })
      }
    }
    return nil
  }

  var setCookieHeader: String? { headers[.setCookie] }

  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
  }
}

/// The value of `name="csrf" value="…"` in a page.
func csrfToken(in page: String) -> String? {
  guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
  let rest = page[range.upperBound...]
  return String(rest.prefix { $0 != "\"" })
}

func form(_ fields: [(String, String)]) -> ByteBuffer {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  return ByteBuffer(
    string: fields.map {
      "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    }.joined(separator: "&"))
}

let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

func headers(cookie: String?, form: Bool = false) -> HTTPFields {
  var fields: HTTPFields = form ? formHeaders : [:]
  if let cookie { fields[.cookie] = cookie }
  return fields
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]

func bearer(_ token: String) -> HTTPFields {
  [.contentType: "application/json", .authorization: "Bearer " + token]
}

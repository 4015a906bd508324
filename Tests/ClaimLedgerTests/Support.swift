import ClaimLedger
import ClaimVerification
import Foundation
import TestServers

/// A workspace in a fresh temporary folder, removed when the value goes away.
final class TemporaryWorkspace {
  let root: String
  let workspace: Workspace

  init(config: String? = nil) throws {
    let base = FileManager.default.temporaryDirectory.path
    root = base + "/claimledger-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    workspace = try Workspace.initialize(at: root).0
    if let config { try write("Claims/config.yaml", config) }
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  func write(_ relative: String, _ text: String) throws {
    try write(relative, Data(text.utf8))
  }

  func write(_ relative: String, _ data: Data) throws {
    let path = root + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try data.write(to: URL(fileURLWithPath: path))
  }

  @discardableResult
  func scan(_ paths: [String] = []) throws -> ScanReport {
    try Scan(workspace: workspace).perform(paths: paths.map { root + "/" + $0 })
  }

  /// Every file under Claims/ with its bytes: to prove a scan changed nothing.
  func claimsSnapshot() throws -> [String: Data] {
    var snapshot: [String: Data] = [:]
    let folder = root + "/Claims"
    let enumerator = FileManager.default.enumerator(atPath: folder)!
    while let item = enumerator.nextObject() as? String {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isFolder)
      if !isFolder.boolValue {
        snapshot[item] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + item))
      }
    }
    return snapshot
  }
}

/// The repository's root, found from this file's path.
let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

let seedsFolder = repositoryRoot + "/../shared/seeds"

extension ScanReport {
  func claims(in document: String) -> [ResolvedClaim] {
    ledger.claims.filter { $0.document == document }
  }
}

extension TemporaryWorkspace {
  /// Scans `docs/a.md` holding `document`, serves each page from a local nginx, registers it
  /// as a source named after the file (`dover.html` → `dover`), fetches and verifies.
  func verify(_ document: String, against pages: [String: String]) throws -> VerifyReport {
    let nginx = try Nginx(files: pages.mapValues { Array($0.utf8) })
    try write("docs/a.md", document)
    try scan()
    let registry = SourceRegistry(workspace: workspace)
    for name in pages.keys.sorted() {
      let id = String(name.prefix { $0 != "." })
      try registry.add(Source(id: id, url: nginx.base + "/" + name))
    }
    _ = try FetchReferences(workspace: workspace).perform()
    return try Verifier(workspace: workspace).perform()
  }
}

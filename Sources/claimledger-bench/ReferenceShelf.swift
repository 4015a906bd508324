import Crypto
import Foundation

/// Registered references with fetched snapshots, written straight into a workspace's
/// Sources-Registry/ as `claimledger fetch` would leave them (snapshot, its text, a fetch-log
/// line), so that `verify` can be timed without a network.
struct ReferenceShelf {
  let registry: String
  private var log = ""

  /// Creates Sources-Registry/snapshots/ in the workspace at `root`.
  init(workspace root: String) throws {
    registry = root + "/Sources-Registry"
    try FileManager.default.createDirectory(
      atPath: registry + "/snapshots", withIntermediateDirectories: true)
  }

  /// Registers source `id` at `url`, covering the entities named, with `text` as its one
  /// fetched snapshot (stored as both the page and its extracted text).
  mutating func add(id: String, url: String, covers: [String], text: String) throws {
    let body = Data(text.utf8)
    let sha = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    let shard = registry + "/snapshots/" + sha.prefix(2)
    try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
    try body.write(to: URL(fileURLWithPath: shard + "/" + sha))
    try body.write(to: URL(fileURLWithPath: shard + "/" + sha + ".txt"))
    let names = covers.map { "\"\($0)\"" }.joined(separator: ", ")
    try Data(
      "schema: 1\nid: \(id)\nurl: \"\(url)\"\nkind: encyclopedia\nreliability: high\ncovers: [\(names)]\n"
        .utf8
    ).write(to: URL(fileURLWithPath: registry + "/\(id).yaml"))
    log +=
      "{\"attempts\":1,\"bytes\":\(body.count),\"durationMs\":1,\"outcome\":\"fetched\","
      + "\"schema\":1,\"sha256\":\"\(sha)\",\"source\":\"\(id)\",\"status\":200,"
      + "\"time\":\"2026-11-22T00:00:00Z\",\"url\":\"\(url)\"}\n"
  }

  /// Writes the fetch log that makes each snapshot its source's current one.
  func finish() throws {
    try Data(log.utf8).write(to: URL(fileURLWithPath: registry + "/fetch-log.jsonl"))
  }
}

import Foundation
import ReferenceFetcher

#if canImport(Glibc)
  import Glibc
#endif

/// One line of `Sources-Registry/fetch-log.jsonl`: one attempt to fetch one source.
public struct FetchLogEntry: Codable, Sendable, Equatable {
  public enum Outcome: String, Codable, Sendable {
    /// A new body was received and stored.
    case fetched
    /// The server said 304: the snapshot held is current.
    case unchanged
    case failed
  }

  public var schema = 1
  /// When the fetch ended, ISO 8601 in UTC.
  public var time: String
  public var source: String
  public var url: String
  public var finalURL: String?
  public var status: Int?
  public var etag: String?
  public var lastModified: String?
  public var bytes: Int
  /// The snapshot this fetch produced or confirmed.
  public var sha256: String?
  public var durationMs: Int
  public var attempts: Int
  public var outcome: Outcome
  public var error: String?
}

/// The append-only fetch log. Appends take an exclusive lock and are flushed to disk before
/// the command reports success, so concurrent fetches interleave whole lines.
public struct FetchLog: Sendable {
  public let path: String

  public init(workspace: Workspace) {
    path = workspace.registryFolder + "/fetch-log.jsonl"
  }

  public func append(_ entries: [FetchLogEntry]) throws {
    guard !entries.isEmpty else { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data()
    for entry in entries {
      data.append(try encoder.encode(entry))
      data.append(0x0A)
    }
    // The log is `<root>/Sources-Registry/fetch-log.jsonl`: it, or a link in its place, must
    // stay inside that workspace.
    let root = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    try Workspace(root: root).requireInside(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw LedgerError.writeFailed(path: path, reason: errnoText()) }
    defer { close(fd) }
    guard flock(fd, LOCK_EX) == 0 else {
      throw LedgerError.writeFailed(path: path, reason: errnoText())
    }
    defer { flock(fd, LOCK_UN) }
    guard writeAll(fd, data), fsync(fd) == 0 else {
      throw LedgerError.writeFailed(path: path, reason: errnoText())
    }
  }

  /// Every entry, oldest first. A torn last line (a crash mid-append) is skipped. URLs come
  /// back redacted (``URLRule/redacted(_:)``) even from lines written before they were, so a
  /// password in an old log is neither shown nor needed to match a source's shown URL.
  public func entries() throws -> [FetchLogEntry] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let bytes = try readFileBytes(path)
    let decoder = JSONDecoder()
    return bytes.split(separator: 0x0A).compactMap {
      guard var entry = try? decoder.decode(FetchLogEntry.self, from: Data($0)) else {
        return nil
      }
      entry.url = URLRule.redacted(entry.url)
      entry.finalURL = entry.finalURL.map(URLRule.redacted)
      return entry
    }
  }

  /// The snapshot each source has now: its last fetch that stored or confirmed one.
  public func currentSnapshots() throws -> [String: FetchLogEntry] {
    var current: [String: FetchLogEntry] = [:]
    for entry in try entries() where entry.outcome != .failed && entry.sha256 != nil {
      current[entry.source] = entry
    }
    return current
  }
}

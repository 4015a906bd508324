import Foundation
import ReferenceFetcher

#if canImport(Glibc)
  import Glibc
#endif

/// Fetched bodies, content-addressed: `Sources-Registry/snapshots/ab/<sha256>`, with the
/// extracted plain text beside each as `<sha256>.txt`.
public struct SnapshotStore: Sendable {
  public let folder: String

  public init(workspace: Workspace) {
    folder = workspace.registryFolder + "/snapshots"
  }

  /// Where fetches write bodies while they arrive (same file system, so a move is a rename).
  var incomingFolder: String { folder + "/.incoming" }

  public func bodyPath(_ sha256: String) -> String {
    folder + "/" + String(sha256.prefix(2)) + "/" + sha256
  }

  public func textPath(_ sha256: String) -> String { bodyPath(sha256) + ".txt" }

  public func contains(_ sha256: String) -> Bool {
    FileManager.default.fileExists(atPath: bodyPath(sha256))
  }

  /// Moves a fetched body into place and writes its text. A body already stored (same hash)
  /// is kept and the new copy dropped.
  func store(bodyFile: String, sha256: String, contentType: String?) throws {
    let target = bodyPath(sha256)
    try createFolder((target as NSString).deletingLastPathComponent)
    if FileManager.default.fileExists(atPath: target) {
      unlink(bodyFile)
    } else if rename(bodyFile, target) != 0 {
      let reason = errnoText()
      unlink(bodyFile)
      throw LedgerError.writeFailed(path: target, reason: reason)
    }
    if !FileManager.default.fileExists(atPath: textPath(sha256)),
      let text = Self.text(of: try readFileBytes(target), contentType: contentType)
    {
      try writeAtomically(Data(text.utf8), to: textPath(sha256))
    }
  }

  /// Plain text of a body: HTML through libxml2, text as UTF-8; nothing for other types.
  static func text(of body: [UInt8], contentType: String?) -> String? {
    if HTMLText.isHTML(contentType) { return HTMLText.text(html: body, contentType: contentType) }
    if contentType?.lowercased().hasPrefix("text/") ?? false {
      return String(decoding: body, as: UTF8.self)
    }
    return nil
  }
}

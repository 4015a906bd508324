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

  /// Makes the incoming folder ready for a fetch: it must lie inside `workspace` (bodies are
  /// written there before anything else), and the bodies of fetches that were killed part-way
  /// are removed.
  func prepareIncoming(in workspace: Workspace) throws {
    try workspace.requireInside(incomingFolder)
    try createFolder(incomingFolder)
    Leftovers.removeDead(in: incomingFolder)
  }

  public func bodyPath(_ sha256: String) -> String {
    folder + "/" + String(sha256.prefix(2)) + "/" + sha256
  }

  public func textPath(_ sha256: String) -> String { bodyPath(sha256) + ".txt" }

  public func contains(_ sha256: String) -> Bool {
    FileManager.default.fileExists(atPath: bodyPath(sha256))
  }

  /// A fetched body and the text extracted from it, both in the incoming folder, ready to be
  /// staged; or a body whose hash is stored already, to be dropped.
  struct Prepared: Sendable {
    var bodyFile: String
    var sha256: String
    var textFile: String?
    var isStored = false
    /// Why the text may have lost its structure (a page nested past the parser's limit).
    var warning: String?
  }

  /// Extracts a fetched body's text into a file beside it, and starts writing both to disk.
  /// Runs on any thread, while other transfers of the run are still going on.
  func prepare(bodyFile: String, sha256: String, contentType: String?) throws -> Prepared {
    var prepared = Prepared(bodyFile: bodyFile, sha256: sha256, textFile: nil)
    // A stored body has its text (made when it was stored) or has none.
    if contains(sha256) {
      prepared.isStored = true
      return prepared
    }
    // Bodies with no text (images, archives) are not read back at all.
    if Self.hasText(contentType),
      let text = Self.text(
        of: try readFileBytes(bodyFile), contentType: contentType, warning: &prepared.warning)
    {
      let textFile = bodyFile + ".txt"
      try writeFile(Data(text.utf8), to: textFile, startingWriteback: true)
      prepared.textFile = textFile
    }
    startWriteback(bodyFile)
    return prepared
  }

  /// Stages a prepared body and its text in `batch`; they appear when the batch commits. A body
  /// already stored (same hash) is kept and the new copy dropped.
  func stage(_ prepared: Prepared, in batch: inout AtomicBatch) throws {
    if prepared.isStored {
      unlink(prepared.bodyFile)
      return
    }
    try batch.stage(existingFile: prepared.bodyFile, at: bodyPath(prepared.sha256))
    if let textFile = prepared.textFile {
      try batch.stage(existingFile: textFile, at: textPath(prepared.sha256))
    }
  }

  /// Whether a content type has a plain-text form here.
  static func hasText(_ contentType: String?) -> Bool {
    HTMLText.isHTML(contentType) || (contentType?.lowercased().hasPrefix("text/") ?? false)
  }

  /// Plain text of a body: HTML through libxml2, text as UTF-8; nothing for other types.
  static func text(of body: [UInt8], contentType: String?, warning: inout String?) -> String? {
    if HTMLText.isHTML(contentType) {
      let page = HTMLText.read(html: body, contentType: contentType)
      warning = page.warning
      return page.text
    }
    if contentType?.lowercased().hasPrefix("text/") ?? false {
      return String(decoding: body, as: UTF8.self)
    }
    return nil
  }
}

import ClaimLedger
import Foundation

/// What pages need beyond the ledger: the registered sources by id and the documents' text,
/// to find a claim's date as written.
struct ClaimContext {
  let workspace: Workspace
  let sources: [String: Source]

  init(workspace: Workspace) {
    self.workspace = workspace
    let list = (try? SourceRegistry(workspace: workspace).list()) ?? []
    sources = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The date as the document writes it ("19 February 1674"), white space folded; nil when the
  /// document cannot be read or has changed under the claim.
  func dateText(of claim: ResolvedClaim) -> (date: String, before: String)? {
    let location = claim.claim.location
    let contextBytes = 80
    let start = max(0, location.byteStart - contextBytes)
    guard location.byteStart >= 0, location.byteEnd > location.byteStart,
      location.byteEnd - location.byteStart < 200,
      let handle = FileHandle(forReadingAtPath: workspace.absolute(claim.document))
    else { return nil }
    defer { try? handle.close() }
    guard (try? handle.seek(toOffset: UInt64(start))) != nil,
      let data = try? handle.read(upToCount: location.byteEnd - start),
      data.count == location.byteEnd - start
    else { return nil }
    let split = location.byteStart - start
    func folded(_ bytes: Data) -> String {
      String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(
        separator: " ")
    }
    let date = folded(data[(data.startIndex + split)...])
    guard !date.isEmpty else { return nil }
    return (date, folded(data[..<(data.startIndex + split)]))
  }

}

/// Snapshot ids: SHA-256 in hex, nothing else reaches the file system.
enum Snapshot {
  static func isHash(_ text: String) -> Bool {
    text.utf8.count == 64
      && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }
}

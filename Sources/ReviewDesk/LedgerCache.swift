import ClaimLedger
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The ledger as last read, kept while the files it was read from are unchanged. Reading a
/// workspace of ten thousand claims with its evidence takes most of a second; finding that
/// nothing changed takes a `stat` of each file it reads. The files stay the truth: a scan, a
/// verify, a verdict from the CLI or another desk changes a size or a modification time, and
/// the next request reads them again.
final class LedgerCache: Sendable {
  private let workspace: Workspace
  private let cached = Mutex<Entry?>(nil)

  private struct Entry {
    var signature: [FileStamp]
    var ledger: Ledger
    /// `GET /api/claims` without filters, encoded once per reading: megabytes of JSON for
    /// ten thousand claims, asked for again and again by the same clients.
    var allClaimsJSON: String?
  }

  init(workspace: Workspace) { self.workspace = workspace }

  func ledger() throws -> Ledger { try current().ledger }

  /// Every claim as `claimledger claims --format json` prints them.
  func allClaimsJSON() throws -> String {
    let entry = try current()
    if let json = entry.allClaimsJSON { return json }
    let json = try Listing.json(Listing.Claims(entry.ledger.claims))
    cached.withLock { stored in
      if stored?.signature == entry.signature { stored?.allClaimsJSON = json }
    }
    return json
  }

  /// A ledger whose claims are current, for finding the claim a verdict is about: a claim,
  /// its document and its sentence do not depend on verdicts, so a reading that differs from
  /// the files only by verdicts appended since is good enough, and a desk taking many
  /// verdicts a second does not read the whole workspace again for each.
  func ledgerForClaims() throws -> Ledger {
    let verdicts = VerdictLog(workspace: workspace).path
    let signature = Self.signature(of: workspace)
    let hit = cached.withLock { stored -> Ledger? in
      guard let stored,
        stored.signature.filter({ $0.path != verdicts })
          == signature.filter({ $0.path != verdicts })
      else { return nil }
      return stored.ledger
    }
    if let hit { return hit }
    return try current().ledger
  }

  private func current() throws -> Entry {
    let signature = Self.signature(of: workspace)
    if let hit = cached.withLock({ $0?.signature == signature ? $0 : nil }) { return hit }
    let entry = Entry(signature: signature, ledger: try Ledger.load(workspace))
    cached.withLock { $0 = entry }
    return entry
  }

  /// One file's identity for the cache: its path, size, modification time and inode (an
  /// atomic rename gives a new inode even within the same nanosecond).
  struct FileStamp: Equatable, Sendable {
    var path: String
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64
  }

  /// Every file `Ledger.load` reads: the ledger files, the workspace's own files in
  /// `Claims/`, and the registry (sources and the fetch log), sorted by path.
  static func signature(of workspace: Workspace) -> [FileStamp] {
    var stamps: [FileStamp] = []
    func stamp(_ path: String) {
      var status = stat()
      guard stat(path, &status) == 0 else { return }
      stamps.append(
        FileStamp(
          path: path, size: Int64(status.st_size), seconds: status.st_mtim.tv_sec,
          nanoseconds: status.st_mtim.tv_nsec, inode: UInt64(status.st_ino)))
    }
    func walk(_ folder: String, depth: Int) {
      stamp(folder)
      guard depth < 64, let directory = opendir(folder) else { return }
      defer { closedir(directory) }
      var names: [String] = []
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { names.append(name) }
      }
      for name in names.sorted() {
        let path = folder + "/" + name
        if entryIsFolder(path) {
          if folder == workspace.registryFolder && name == "snapshots" { continue }
          walk(path, depth: depth + 1)
        } else {
          stamp(path)
        }
      }
    }
    walk(workspace.claimsFolder, depth: 0)
    walk(workspace.registryFolder, depth: 0)
    return stamps
  }

  private static func entryIsFolder(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
  }
}

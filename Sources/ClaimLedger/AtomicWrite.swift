import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that a crash leaves either the old file or the new one, never a mix.
///
/// Each file is written to a temporary name in its own folder, the data is flushed to disk,
/// and only then renamed over the target; the folders are flushed last so the renames persist.
/// A batch flushes the whole file system once (`syncfs`) instead of once per file: a first scan
/// of ten thousand documents writes ten thousand ledger files, and one `fsync` each cost more
/// than the extraction.
public struct AtomicBatch {
  private var pending: [(target: String, temporary: String)] = []
  private var folders: Set<String> = []

  public init() {}

  /// Writes `data` to a temporary file beside `path`. Nothing is visible until ``commit()``.
  public mutating func stage(_ data: Data, at path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    try createFolder(folder)
    let name = (path as NSString).lastPathComponent
    let temporary = folder + "/.\(name).tmp-\(getpid())-\(pending.count)"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw LedgerError.writeFailed(path: path, reason: errnoText()) }
    defer { close(fd) }
    let written = data.withUnsafeBytes { buffer -> Bool in
      var offset = 0
      while offset < buffer.count {
        let result = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if result < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += result
      }
      return true
    }
    guard written else {
      let reason = errnoText()
      unlink(temporary)
      throw LedgerError.writeFailed(path: path, reason: reason)
    }
    pending.append((path, temporary))
    folders.insert(folder)
  }

  /// Flushes every staged file, renames them into place, and flushes their folders.
  public mutating func commit() throws {
    guard let first = pending.first else { return }
    #if os(Linux)
      let flushAll = pending.count > 1
    #else
      let flushAll = false
    #endif
    if !flushAll {
      for item in pending {
        do { try flush(item.temporary) } catch {
          rollback()
          throw error
        }
      }
    } else {
      let fd = open(first.temporary, O_RDONLY | O_CLOEXEC)
      guard fd >= 0, fileSystemSync(fd) == 0 else {
        let reason = errnoText()
        if fd >= 0 { close(fd) }
        rollback()
        throw LedgerError.writeFailed(path: first.target, reason: reason)
      }
      close(fd)
    }
    for (index, item) in pending.enumerated() where rename(item.temporary, item.target) != 0 {
      let reason = errnoText()
      pending.removeFirst(index)
      rollback()
      throw LedgerError.writeFailed(path: item.target, reason: reason)
    }
    pending.removeAll()
    for folder in folders.sorted() { try? flush(folder) }
    folders.removeAll()
  }

  /// Removes staged temporary files; the targets are untouched.
  public mutating func rollback() {
    for item in pending { unlink(item.temporary) }
    pending.removeAll()
  }

  private func flush(_ path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw LedgerError.writeFailed(path: path, reason: errnoText()) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw LedgerError.writeFailed(path: path, reason: errnoText()) }
  }
}

/// Writes one file atomically (temporary file, fsync, rename, fsync of the folder).
public func writeAtomically(_ data: Data, to path: String) throws {
  var batch = AtomicBatch()
  do {
    try batch.stage(data, at: path)
    try batch.commit()
  } catch {
    batch.rollback()
    throw error
  }
}

func createFolder(_ path: String) throws {
  var isFolder: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
    if isFolder.boolValue { return }
    throw LedgerError.writeFailed(path: path, reason: "a file stands where a folder is needed")
  }
  do {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  } catch {
    throw LedgerError.writeFailed(path: path, reason: error.localizedDescription)
  }
}

func errnoText() -> String { String(cString: strerror(errno)) }

#if os(Linux)
  // Glibc declares syncfs only under _GNU_SOURCE, which the Swift module map does not set; the
  // symbol is in every glibc since 2.14.
  @_silgen_name("syncfs") private func syncfs(_ fd: Int32) -> Int32
  private func fileSystemSync(_ fd: Int32) -> Int32 { syncfs(fd) }
#else
  private func fileSystemSync(_ fd: Int32) -> Int32 { fsync(fd) }
#endif

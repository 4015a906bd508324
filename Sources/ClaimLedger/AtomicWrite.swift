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
///
/// A batch made `within` a workspace writes only inside it (see ``Workspace/requireInside(_:)``)
/// and, the first time it writes in a folder, removes there the temporary files of earlier
/// runs that were killed (see ``Leftovers``).
public struct AtomicBatch {
  private var pending: [(target: String, temporary: String)] = []
  private var folders: Set<String> = []
  private let workspace: Workspace?

  /// A batch for files outside any workspace (a report written where the user asked).
  public init() { workspace = nil }

  /// A batch for a workspace's own files: each folder written must lie inside it.
  public init(within workspace: Workspace) { self.workspace = workspace }

  /// Writes `data` to a temporary file beside `path`. Nothing is visible until ``commit()``.
  public mutating func stage(_ data: Data, at path: String) throws {
    let (folder, name) = split(path)
    if !folders.contains(folder) { try prepare(folder, target: name) }
    let temporary = folder + "/.\(name).tmp-\(getpid())-\(pending.count)"
    // An error names the target, not the temporary file.
    do { try writeFile(data, to: temporary) } catch LedgerError.writeFailed(_, let reason) {
      throw LedgerError.writeFailed(path: path, reason: reason)
    }
    pending.append((path, temporary))
    folders.insert(folder)
  }

  /// Adopts a file already written (a fetched body) to be renamed to `path` on commit. It must
  /// be on the same file system as `path`.
  public mutating func stage(existingFile: String, at path: String) throws {
    let (folder, name) = split(path)
    if !folders.contains(folder) { try prepare(folder, target: name) }
    pending.append((path, existingFile))
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
    // The renames persist once their folders are flushed: one by one for a few, the whole
    // file system at once for many (a fetch run touches up to 256 snapshot folders).
    if flushAll && folders.count > 4 {
      let fd = open(folders.first!, O_RDONLY | O_CLOEXEC)
      if fd >= 0 {
        _ = fileSystemSync(fd)
        close(fd)
      }
    } else {
      for folder in folders.sorted() { try? flush(folder) }
    }
    folders.removeAll()
  }

  /// Checks a folder about to be written, creates it, and clears crash leftovers from it: in a
  /// workspace's own folders every dead temporary file; elsewhere only those of this target.
  private func prepare(_ folder: String, target: String) throws {
    try workspace?.requireInside(folder)
    try createFolder(folder)
    Leftovers.removeDead(in: folder, target: workspace == nil ? target : nil)
  }

  /// Folder and file name of a path (NSString's path methods cost more than the write).
  private func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    return (String(path[..<slash]), String(path[path.index(after: slash)...]))
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
/// With `workspace`, the file must lie inside it.
public func writeAtomically(_ data: Data, to path: String, within workspace: Workspace? = nil)
  throws
{
  var batch = workspace.map { AtomicBatch(within: $0) } ?? AtomicBatch()
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

/// Writes a new file that is not yet anyone's target (it is staged later with
/// ``AtomicBatch/stage(existingFile:at:)``, which flushes it).
func writeFile(_ data: Data, to path: String, startingWriteback: Bool = false) throws {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard fd >= 0 else { throw LedgerError.writeFailed(path: path, reason: errnoText()) }
  defer { close(fd) }
  guard writeAll(fd, data) else {
    let reason = errnoText()
    unlink(path)
    throw LedgerError.writeFailed(path: path, reason: reason)
  }
  if startingWriteback { startWriteback(fd) }
}

/// Asks the kernel to start writing a file's data to disk now, without waiting: a batch's
/// flush at commit then finds most of it already written, instead of writing it all while
/// the command waits. A hint; failure changes nothing.
func startWriteback(_ path: String) {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { return }
  startWriteback(fd)
  close(fd)
}

private func startWriteback(_ fd: Int32) {
  #if os(Linux)
    _ = syncFileRange(fd, 0, 0, 2)  // SYNC_FILE_RANGE_WRITE
  #endif
}

#if os(Linux)
  // Declared by Glibc only under _GNU_SOURCE, like syncfs below; in glibc since 2.6.
  @_silgen_name("sync_file_range") private func syncFileRange(
    _ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32
  ) -> Int32

  // Glibc declares syncfs only under _GNU_SOURCE, which the Swift module map does not set; the
  // symbol is in every glibc since 2.14.
  @_silgen_name("syncfs") private func syncfs(_ fd: Int32) -> Int32
  private func fileSystemSync(_ fd: Int32) -> Int32 { syncfs(fd) }
#else
  private func fileSystemSync(_ fd: Int32) -> Int32 { fsync(fd) }
#endif

/// Reads a whole file with POSIX calls: `Data(contentsOf:)` builds a `URL` per call, which was a
/// tenth of a no-change scan of ten thousand documents.
public func readFileBytes(_ path: String) throws -> [UInt8] {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { throw POSIXFileError(code: errno) }
  defer { close(fd) }
  var status = stat()
  guard fstat(fd, &status) == 0 else { throw POSIXFileError(code: errno) }
  guard status.st_mode & S_IFMT != S_IFDIR else { throw POSIXFileError(code: EISDIR) }
  var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
  var filled = 0
  while true {
    if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }
    let result = bytes.withUnsafeMutableBytes { buffer in
      read(fd, buffer.baseAddress! + filled, buffer.count - filled)
    }
    if result < 0 {
      if errno == EINTR { continue }
      throw POSIXFileError(code: errno)
    }
    if result == 0 { break }
    filled += result
  }
  bytes.removeLast(bytes.count - filled)
  return bytes
}

/// A failed system call on a file, described as `strerror` describes it.
struct POSIXFileError: Error, CustomStringConvertible {
  var code: Int32
  var description: String { String(cString: strerror(code)) }
}

/// What a walk of a folder found besides its files.
struct FolderListing {
  /// Paths of regular files, relative to the folder walked, sorted.
  var files: [String] = []
  /// Entries that are neither files nor folders (FIFOs, sockets, devices, links to them),
  /// relative, with what they are.
  var special: [(path: String, kind: String)] = []
  /// Hidden entries named like the tool's temporary files, relative.
  var temporaries: [String] = []
  /// Those of `files` that are symbolic links, for a caller that must know where they lead.
  var linkedFiles: [String] = []
}

/// Lists the files below `folder` as paths relative to it, sorted, with `readdir` and the
/// entry types it reports: FileManager's enumerator stats every entry and builds a URL for
/// each, a tenth of a no-change scan of ten thousand documents. Hidden entries are skipped
/// (the tool's temporary files among them are reported in ``FolderListing/temporaries``);
/// `descend` decides which sub-folders (given by relative path) are entered.
///
/// Symbolic links are followed, so a workspace may link a folder of documents in, but each
/// folder is entered at most once (by device and inode): `ln -s . docs/self` cannot loop.
/// Real folders are walked before linked ones, so a file is listed under its own path when it
/// has one. `follow` gets the real path of each linked folder and decides whether to enter.
func walkFolder(
  _ folder: String, descend: (String) -> Bool = { _ in true },
  follow: (String) -> Bool = { _ in true }
) throws -> FolderListing {
  struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64
  }
  func identity(_ path: String) -> Identity? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
  }
  var listing = FolderListing()
  var visited = Set<Identity>()
  if let root = identity(folder) { visited.insert(root) }
  var pending = [""]
  var linked: [String] = []
  while true {
    let relative: String
    if let next = pending.popLast() {
      relative = next
    } else if let next = linked.popLast() {
      // A linked folder counts as visited when it is entered, not when it was queued.
      guard let id = identity(folder + "/" + next), visited.insert(id).inserted else { continue }
      relative = next
    } else {
      break
    }
    let path = relative.isEmpty ? folder : folder + "/" + relative
    guard let directory = opendir(path) else {
      if relative.isEmpty { throw POSIXFileError(code: errno) }
      continue
    }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      let child = relative.isEmpty ? name : relative + "/" + name
      guard !name.hasPrefix(".") else {
        if Leftovers.owner(of: name) != nil { listing.temporaries.append(child) }
        continue
      }
      let type = Int32(entry.pointee.d_type)
      var isFolder = type == Int32(DT_DIR)
      var isFile = type == Int32(DT_REG)
      if !isFolder && !isFile {
        // A link or a file system that does not report types: ask stat, which follows links.
        var status = stat()
        guard stat(folder + "/" + child, &status) == 0 else { continue }
        isFolder = status.st_mode & S_IFMT == S_IFDIR
        isFile = status.st_mode & S_IFMT == S_IFREG
        if !isFolder && !isFile { listing.special.append((child, fileKind(status.st_mode))) }
      }
      if isFolder {
        guard descend(child) else { continue }
        if type == Int32(DT_DIR) {
          if let id = identity(folder + "/" + child), visited.insert(id).inserted {
            pending.append(child)
          }
        } else if let real = Workspace.realPath(folder + "/" + child), follow(real) {
          // Linked folders wait until every real folder is walked.
          linked.append(child)
        }
      } else if isFile {
        listing.files.append(child)
        if type != Int32(DT_REG) { listing.linkedFiles.append(child) }
      }
    }
  }
  listing.files.sort()
  return listing
}

/// What a file that is neither a regular file nor a folder is, for messages.
func fileKind(_ mode: mode_t) -> String {
  switch mode & S_IFMT {
  case S_IFIFO: return "a FIFO"
  case S_IFSOCK: return "a socket"
  case S_IFCHR: return "a character device"
  case S_IFBLK: return "a block device"
  case S_IFDIR: return "a folder"
  default: return "not a regular file"
  }
}

/// Writes all of `data` to `fd`, going on after short writes and interruptions.
func writeAll(_ fd: Int32, _ data: Data) -> Bool {
  data.withUnsafeBytes { buffer -> Bool in
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
}

/// Temporary files a killed writer leaves behind, and their removal by the next run.
///
/// Every writer of the tool names its temporary files after its process: `.<name>.tmp-<pid>-<n>`
/// beside the file being replaced (``AtomicBatch``), `.incoming-<pid>-<index>-<attempt>` and
/// the same with `.txt` in `Sources-Registry/snapshots/.incoming/` (fetched bodies and their
/// text). A file of that name whose process no longer runs is a leftover; a live process, or a
/// name of any other form, is never touched. PIDs are reused, so a leftover whose PID now
/// belongs to another process stays until that one ends: a later run removes it.
public enum Leftovers {
  /// `Claims/.gitignore`, written by `init`.
  static let claimsIgnore = """
    # Temporary files of a ClaimLedger write that was interrupted; the next run removes them.
    .*.tmp-*
    # The review desk's password and token hashes (`claimledger reviewers`): never committed.
    .secrets.json

    """

  /// `Sources-Registry/.gitignore`, written by `init`.
  static let registryIgnore = """
    # Temporary files of a ClaimLedger write that was interrupted; the next run removes them.
    .*.tmp-*
    snapshots/.incoming/

    """

  /// The process that made a file, when `name` is one of the tool's temporary names.
  static func owner(of name: String) -> pid_t? {
    guard name.hasPrefix(".") else { return nil }
    if name.hasPrefix(".incoming-") {
      var rest = name.dropFirst(".incoming-".count)
      if rest.hasSuffix(".txt") { rest = rest.dropLast(4) }
      let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3, parts.allSatisfy(isNumber) else { return nil }
      return pid_t(parts[0])
    }
    guard let marker = name.range(of: ".tmp-", options: .backwards),
      marker.lowerBound > name.index(after: name.startIndex)
    else { return nil }
    let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy(isNumber) else { return nil }
    return pid_t(parts[0])
  }

  private static func isNumber(_ text: Substring) -> Bool {
    !text.isEmpty && text.count < 11 && text.allSatisfy { $0 >= "0" && $0 <= "9" }
  }

  /// Whether `pid` runs no more (`kill` with signal 0 checks without sending anything).
  static func isDead(_ pid: pid_t) -> Bool {
    guard pid > 0, pid != getpid() else { return false }
    return kill(pid, 0) != 0 && errno == ESRCH
  }

  /// Removes `name` (a path relative to `folder`) if it is a leftover of a dead process.
  @discardableResult
  static func removeIfDead(_ name: String, in folder: String) -> Bool {
    let last = name.split(separator: "/").last.map(String.init) ?? name
    guard let pid = owner(of: last), isDead(pid) else { return false }
    return unlink(folder + "/" + name) == 0
  }

  /// Removes the leftovers of dead processes in `folder` (not below it); with `target`, only
  /// the temporary files of that one file (`.<target>.tmp-…`), for folders the tool does not
  /// own.
  static func removeDead(in folder: String, target: String? = nil) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      guard name.hasPrefix(".") else { continue }
      if let target, !name.hasPrefix("." + target + ".tmp-") { continue }
      names.append(name)
    }
    for name in names { removeIfDead(name, in: folder) }
  }
}

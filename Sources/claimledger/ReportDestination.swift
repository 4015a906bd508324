import ClaimLedger
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where `report --output` writes, decided before anything is written: never over the
/// workspace's own files (the verdict log, the configuration, the ledger, the registry, a
/// document), and through whatever the path already is — a symlink's target, a FIFO, a device
/// — instead of replacing it with a regular file.
enum ReportDestination {
  /// A regular file (or none yet): written atomically, by rename.
  case file(String)
  /// A FIFO, a terminal or another device: written in place, as `>` would.
  case stream(String)

  static func resolve(_ given: String, in workspace: Workspace, documents: [String]) throws
    -> ReportDestination
  {
    let absolute =
      given.hasPrefix("/") ? given : FileManager.default.currentDirectoryPath + "/" + given
    let target = try followLinks(absolute, shown: given)
    let root = realPath(workspace.root) ?? workspace.root
    let protected = [
      realPath(workspace.claimsFolder) ?? workspace.claimsFolder,
      realPath(workspace.registryFolder) ?? workspace.registryFolder,
    ]
    let documentPaths = Set(documents.map { realPath(root + "/" + $0) ?? root + "/" + $0 })
    if protected.contains(where: { target == $0 || target.hasPrefix($0 + "/") })
      || documentPaths.contains(target)
    {
      throw LedgerError.invalidArgument(
        "\(given): is one of the workspace's own files (Claims/, Sources-Registry/ or a"
          + " document); write the report elsewhere")
    }
    var info = stat()
    if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
      if info.st_mode & S_IFMT == S_IFDIR {
        throw LedgerError.invalidArgument("\(given): is a folder; name a file")
      }
      return .stream(target)
    }
    return .file(target)
  }

  /// The path with every symlink resolved; a dangling link resolves to where it points, so
  /// the report is written there rather than replacing the link.
  private static func followLinks(_ path: String, shown: String) throws -> String {
    var current = path
    for _ in 0..<40 {
      if let real = realPath(current) { return real }
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else {
        // Not there yet: the folder must be, and is resolved itself.
        let folder = (current as NSString).deletingLastPathComponent
        let name = (current as NSString).lastPathComponent
        guard let realFolder = realPath(folder.isEmpty ? "/" : folder) else {
          throw LedgerError.missingPath((shown as NSString).deletingLastPathComponent)
        }
        return (realFolder == "/" ? "" : realFolder) + "/" + name
      }
      guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
        break
      }
      current =
        link.hasPrefix("/")
        ? link : (current as NSString).deletingLastPathComponent + "/" + link
    }
    throw LedgerError.invalidArgument("\(shown): too many levels of symbolic links")
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Writes `data`; a stream is opened without creating or truncating anything else.
  func write(_ data: Data) throws {
    switch self {
    case .file(let path): try writeAtomically(data, to: path)
    case .stream(let path):
      let descriptor = open(path, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw LedgerError.writeFailed(path: path, reason: String(cString: strerror(errno)))
      }
      defer { close(descriptor) }
      if let failure = StandardStreams.writeAll(descriptor, Array(data)) {
        throw LedgerError.writeFailed(path: path, reason: String(cString: strerror(failure)))
      }
    }
  }
}

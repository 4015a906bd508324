import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder holding `Claims/` and `Sources-Registry/`: the documents under review and their
/// ledger, side by side, in plain files.
public struct Workspace: Sendable {
  /// The folder that holds `Claims/`, without a trailing slash.
  public let root: String

  public init(root: String) {
    self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
  }

  public var claimsFolder: String { root + "/Claims" }
  public var ledgerFolder: String { root + "/Claims/ledger" }
  public var aliasesFile: String { root + "/Claims/aliases.yaml" }
  public var configFile: String { root + "/Claims/config.yaml" }
  public var registryFolder: String { root + "/Sources-Registry" }

  /// Finds the workspace that holds `folder`, walking up as git does to find `.git`.
  public static func discover(from folder: String) throws -> Workspace {
    var current = URL(fileURLWithPath: folder).standardizedFileURL.path
    while true {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: current + "/Claims", isDirectory: &isFolder),
        isFolder.boolValue
      {
        return Workspace(root: current)
      }
      let parent = (current as NSString).deletingLastPathComponent
      if parent == current || parent.isEmpty {
        throw LedgerError.noWorkspace(searchedFrom: folder)
      }
      current = parent
    }
  }

  /// Creates `Claims/` and `Sources-Registry/` with commented starter files. Existing files are
  /// never overwritten, so `init` is safe to run again.
  @discardableResult
  public static func initialize(at folder: String) throws -> (Workspace, created: [String]) {
    let root = URL(fileURLWithPath: folder).standardizedFileURL.path
    let workspace = Workspace(root: root)
    var created: [String] = []
    for path in [workspace.claimsFolder, workspace.ledgerFolder, workspace.registryFolder]
    where !FileManager.default.fileExists(atPath: path) {
      try createFolder(path)
      created.append(workspace.relative(path) + "/")
    }
    let starters = [
      (workspace.configFile, WorkspaceConfig.template),
      (workspace.aliasesFile, AliasTable.template),
      (workspace.claimsFolder + "/.gitignore", Leftovers.claimsIgnore),
      (workspace.registryFolder + "/.gitignore", Leftovers.registryIgnore),
    ]
    for (path, text) in starters where !FileManager.default.fileExists(atPath: path) {
      try writeAtomically(Data(text.utf8), to: path)
      created.append(workspace.relative(path))
    }
    return (workspace, created)
  }

  /// The path of `absolute` relative to the root, with `/` separators; what diagnostics show
  /// and what ledger files are keyed by.
  public func relative(_ absolute: String) -> String {
    let path = URL(fileURLWithPath: absolute).standardizedFileURL.path
    if path == root { return "." }
    let prefix = root == "/" ? "/" : root + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  public func absolute(_ relative: String) -> String {
    relative.hasPrefix("/") ? relative : root + "/" + relative
  }

  /// Refuses a write at `path` (a file or a folder, there or not yet) unless it lands inside the
  /// workspace: the nearest part of the path that exists, resolved through every symbolic link,
  /// must lie under the root's real path. A link that stays inside may be followed; one that
  /// leaves, or one whose target is missing (a write would create a file wherever it points),
  /// is refused. Every writer of the tool calls this before it creates, appends or deletes.
  public func requireInside(_ path: String) throws {
    guard let realRoot = Self.realPath(root) else {
      throw LedgerError.writeFailed(path: root, reason: errnoText())
    }
    var candidate = path
    while true {
      var status = stat()
      if lstat(candidate, &status) == 0 {
        guard let real = Self.realPath(candidate) else {
          throw LedgerError.writeFailed(
            path: relative(candidate),
            reason: "a symbolic link to a missing file or folder; refusing to write through it")
        }
        let prefix = realRoot == "/" ? "/" : realRoot + "/"
        guard real == realRoot || real.hasPrefix(prefix) else {
          throw LedgerError.writeFailed(
            path: relative(candidate),
            reason: "leads outside the workspace (to \(real)); refusing to write there")
        }
        return
      }
      guard errno == ENOENT else {
        throw LedgerError.writeFailed(path: relative(candidate), reason: errnoText())
      }
      let parent = (candidate as NSString).deletingLastPathComponent
      if parent == candidate || parent.isEmpty { return }
      candidate = parent
    }
  }

  /// Removes from `Claims/` the temporary files of writes that were killed part-way
  /// (`.evidence.json.tmp-<pid>-<n>` of `verify`), for a command that writes there only when
  /// something changed: its next run clears them even when it writes nothing.
  public func removeLeftovers() {
    Leftovers.removeDead(in: claimsFolder)
  }

  /// The path with every symbolic link and `..` resolved, or nil when some part is missing.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Where the claims of a document are kept: `Claims/ledger/<document path>.json`.
  public func ledgerPath(forDocument relativePath: String) -> String {
    ledgerFolder + "/" + relativePath + ".json"
  }
}

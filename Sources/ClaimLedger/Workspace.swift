import Foundation

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

  /// Where the claims of a document are kept: `Claims/ledger/<document path>.json`.
  public func ledgerPath(forDocument relativePath: String) -> String {
    ledgerFolder + "/" + relativePath + ".json"
  }
}

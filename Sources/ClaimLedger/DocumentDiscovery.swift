import Foundation

/// Finds the documents under review: files with a document ending under the configured
/// folders, never inside `Claims/`, `Sources-Registry/` or hidden folders.
struct DocumentDiscovery {
  let workspace: Workspace
  let config: WorkspaceConfig

  /// Relative paths of the documents under `roots` (relative paths or absolute ones), sorted.
  /// A root that is a file is taken whatever its ending: naming it is asking for it.
  func documents(under roots: [String]) throws -> [String] {
    var found = Set<String>()
    let excluded = config.exclude.map { normalize($0) }
    for root in roots {
      let absolute = workspace.absolute(root)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
        throw LedgerError.missingPath(root)
      }
      let relative = workspace.relative(absolute)
      guard !relative.hasPrefix("/") else { throw LedgerError.outsideWorkspace(root) }
      if !isFolder.boolValue {
        found.insert(relative)
        continue
      }
      try walk(absolute, into: &found)
    }
    return found.filter { path in
      !excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }.sorted()
  }

  private func walk(_ folder: String, into found: inout Set<String>) throws {
    let base = workspace.relative(folder)
    let prefix = base == "." ? "" : base + "/"
    let files: [String]
    do {
      files = try listFiles(under: folder) { child in
        let relative = prefix + child
        return relative != "Claims" && relative != "Sources-Registry"
      }
    } catch {
      throw LedgerError.unreadable(path: base, reason: readReason(error))
    }
    for file in files
    where WorkspaceConfig.documentExtensions.contains((file as NSString).pathExtension.lowercased())
    {
      found.insert(prefix + file)
    }
  }

  private func normalize(_ path: String) -> String {
    workspace.relative(workspace.absolute(path))
  }
}

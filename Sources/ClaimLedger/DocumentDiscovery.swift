import Foundation

/// Finds the documents under review: files with a document ending under the configured
/// folders, never inside `Claims/`, `Sources-Registry/` or hidden folders.
struct DocumentDiscovery {
  let workspace: Workspace
  let config: WorkspaceConfig

  /// What a discovery found: documents, and files passed over with the reason.
  struct Found {
    /// Relative paths, sorted.
    var documents: [String] = []
    /// FIFOs, sockets and devices with a document's name: reported, never opened.
    var skipped: [Diagnostic] = []
  }

  /// The documents under `roots` (relative paths or absolute ones). A root that is a file is
  /// taken whatever its ending: naming it is asking for it. The tool's own folders are refused
  /// even when named: their files are the ledger, not documents.
  func documents(under roots: [String]) throws -> Found {
    var documents = Set<String>()
    var skipped: [String: String] = [:]
    let excluded = config.exclude.map { normalize($0) }
    let boundary = Boundary(workspace: workspace)
    for root in roots {
      let absolute = workspace.absolute(root)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
        throw LedgerError.missingPath(root)
      }
      let relative = workspace.relative(absolute)
      guard !relative.hasPrefix("/") else { throw LedgerError.outsideWorkspace(root) }
      if boundary.isToolFolder(relative: relative)
        || Workspace.realPath(absolute).map(boundary.isToolFolder(real:)) == true
      {
        throw LedgerError.invalidArgument(
          "\(relative): the workspace's own files (Claims/, Sources-Registry/) are not documents;"
            + " scan the folders that hold your documents")
      }
      if !isFolder.boolValue {
        documents.insert(relative)
        continue
      }
      // A folder named on the command line may lie outside (through a link); what it links
      // to must stay in it or in the workspace.
      let named = Workspace.realPath(absolute)
      try walk(absolute, boundary: boundary, named: named, into: &documents, skipped: &skipped)
    }
    func kept(_ path: String) -> Bool {
      !excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
    return Found(
      documents: documents.filter(kept).sorted(),
      skipped: skipped.filter { kept($0.key) }.sorted { $0.key < $1.key }.map {
        Diagnostic(
          path: $0.key, severity: .warning,
          message: DocumentSkip.notRegularFile(kind: $0.value).description)
      })
  }

  private func walk(
    _ folder: String, boundary: Boundary, named: String?, into found: inout Set<String>,
    skipped: inout [String: String]
  ) throws {
    let base = workspace.relative(folder)
    let prefix = base == "." ? "" : base + "/"
    let listing: FolderListing
    do {
      listing = try walkFolder(
        folder,
        descend: { child in !boundary.isToolFolder(relative: prefix + child) },
        follow: { real in
          !boundary.isToolFolder(real: real)
            && (boundary.contains(real: real) || named.map { Boundary.isWithin(real, $0) } == true)
        })
    } catch {
      throw LedgerError.unreadable(path: base, reason: readReason(error))
    }
    func isDocument(_ file: String) -> Bool {
      WorkspaceConfig.documentExtensions.contains((file as NSString).pathExtension.lowercased())
    }
    // A linked file is the tool's own when it leads into Claims/ or Sources-Registry/.
    let ownFiles = Set(
      listing.linkedFiles.filter { file in
        Workspace.realPath(folder + "/" + file).map(boundary.isToolFolder(real:)) ?? true
      })
    for file in listing.files where isDocument(file) && !ownFiles.contains(file) {
      found.insert(prefix + file)
    }
    for item in listing.special where isDocument(item.path) {
      skipped[prefix + item.path] = item.kind
    }
  }

  private func normalize(_ path: String) -> String {
    workspace.relative(workspace.absolute(path))
  }

  /// The workspace's real root and its own folders, to keep a walk inside the one and out of
  /// the others whatever links it meets.
  struct Boundary {
    let realRoot: String?

    init(workspace: Workspace) { realRoot = Workspace.realPath(workspace.root) }

    static func isWithin(_ path: String, _ folder: String) -> Bool {
      path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    func contains(real: String) -> Bool { realRoot.map { Self.isWithin(real, $0) } ?? false }

    func isToolFolder(relative: String) -> Bool {
      ["Claims", "Sources-Registry"].contains { Self.isWithin(relative, $0) }
    }

    func isToolFolder(real: String) -> Bool {
      guard let realRoot else { return false }
      let base = realRoot == "/" ? "" : realRoot
      return ["/Claims", "/Sources-Registry"].contains { Self.isWithin(real, base + $0) }
    }
  }
}

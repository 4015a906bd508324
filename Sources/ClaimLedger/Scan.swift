import ClaimExtraction
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What reading one document came to.
private enum DocumentOutcome: Sendable {
  case problem(Diagnostic)
  case unchanged(LedgerDocument)
  /// New claims, and the ledger file's new bytes when they differ from those on disk.
  case extracted(LedgerDocument, Data?)
}

/// What a scan did.
public struct ScanReport: Sendable {
  /// Documents looked at.
  public var documents: [String] = []
  /// Documents whose claims were extracted anew (new, changed, or written by another extractor).
  public var extracted: [String] = []
  /// Ledger files removed because their document is gone.
  public var removed: [String] = []
  /// Files passed over, with the reason (binary files, unreadable files), as diagnostics.
  public var problems: [Diagnostic] = []
  /// Ledger files that could not be read (damaged, or out of range) and were written anew from
  /// their document, as warnings naming the ledger file.
  public var repaired: [Diagnostic] = []
  /// The workspace ledger after the scan.
  public var ledger: Ledger

  /// Whether anything failed outright (a file that could not be read).
  public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Extracts claims from the documents of a workspace and updates `Claims/ledger/`.
///
/// Unchanged documents (same SHA-256, same extractor version) are not extracted again and
/// their ledger files are not touched. All new ledger files are written in one atomic batch
/// after every document has been read: a failure part-way leaves the ledger as it was.
public struct Scan: Sendable {
  public let workspace: Workspace

  public init(workspace: Workspace) { self.workspace = workspace }

  /// Scans `paths` (files or folders, relative to the workspace root or absolute), or the
  /// configured document folders when `paths` is empty.
  public func perform(paths: [String] = [], progress: ((Int, Int) -> Void)? = nil) throws
    -> ScanReport
  {
    // Read the human-edited files first: a mistake in them stops the scan before any write.
    let config = try WorkspaceConfig.load(workspace)
    let aliases = try AliasTable.load(workspace)
    // The ledger is written (and stale files removed) only inside the workspace.
    try workspace.requireInside(workspace.ledgerFolder)
    let discovery = DocumentDiscovery(workspace: workspace, config: config)
    let roots = paths.isEmpty ? config.include : paths
    let found = try discovery.documents(under: roots)
    var documents = found.documents
    let store = LedgerStore(workspace: workspace)
    let listing = try store.listing()
    let existing = Set(listing.paths)

    // Ledger files whose document is gone, within what was scanned; checked before anything
    // is written, so that a refusal leaves everything as it was.
    let scanned = Set(documents)
    let scannedRoots = roots.map { workspace.relative(workspace.absolute($0)) }
    var removals: [String] = []
    for path in existing.sorted() where !scanned.contains(path) {
      let inScope = scannedRoots.contains { $0 == "." || path == $0 || path.hasPrefix($0 + "/") }
      if inScope && !FileManager.default.fileExists(atPath: workspace.absolute(path)) {
        try workspace.requireInside(workspace.ledgerPath(forDocument: path))
        removals.append(path)
      }
    }
    // Documents outside this scan keep their ledger as it is, unless it cannot be read: then
    // their document is read again too, or, when it is gone, its ledger file is left out (a
    // scan of its folder removes it).
    var kept: [LedgerDocument] = []
    var repaired: [Diagnostic] = []
    for path in existing.sorted() where !scanned.contains(path) && !removals.contains(path) {
      do { kept.append(try store.read(path)) } catch {
        if FileManager.default.fileExists(atPath: workspace.absolute(path)) {
          documents.append(path)
        } else {
          repaired.append(
            Diagnostic(
              path: workspace.relative(workspace.ledgerPath(forDocument: path)), severity: .warning,
              message: "damaged ledger file of \(path), which is gone: left out; scan its folder"
                + " to remove it"))
        }
      }
    }

    var problems = found.skipped
    var extracted: [String] = []
    var records: [String: LedgerDocument] = [:]
    var batch = AtomicBatch(within: workspace)
    do {
      // Documents are read, hashed and (when changed) extracted in parallel, a chunk at a
      // time so progress can be shown; writes are staged in document order afterwards.
      let chunkSize = 256
      let limit = config.maxDocumentBytes
      for chunkStart in stride(from: 0, to: documents.count, by: chunkSize) {
        progress?(chunkStart, documents.count)
        let chunk = Array(documents[chunkStart..<min(documents.count, chunkStart + chunkSize)])
        let outcomes = Mutex([Int: (DocumentOutcome, Diagnostic?)]())
        DispatchQueue.concurrentPerform(iterations: chunk.count) { index in
          let outcome = examine(
            chunk[index], store: store, known: existing.contains(chunk[index]), limit: limit)
          outcomes.withLock { $0[index] = outcome }
        }
        let ordered = outcomes.withLock { $0 }
        for index in chunk.indices {
          let path = chunk[index]
          let (outcome, damage) = ordered[index]!
          if let damage { repaired.append(damage) }
          switch outcome {
          case .problem(let diagnostic):
            problems.append(diagnostic)
          case .unchanged(let record):
            records[path] = record
          case .extracted(let record, let data):
            records[path] = record
            extracted.append(path)
            if let data { try batch.stage(data, at: workspace.ledgerPath(forDocument: path)) }
          }
        }
      }
      progress?(documents.count, documents.count)
      try batch.commit()
    } catch {
      batch.rollback()
      throw error
    }

    var removed: [String] = []
    for path in removals where removeLedgerFile(of: path) { removed.append(path) }
    // Temporary files of scans that were killed part-way.
    for name in listing.temporaries {
      Leftovers.removeIfDead(name, in: workspace.ledgerFolder)
    }

    let ledger = Ledger(
      workspace: workspace, documents: Array(records.values) + kept, aliases: aliases,
      review: try ReviewRecords.load(workspace),
      sources: (try? SourceRegistry(workspace: workspace).list()) ?? [])
    return ScanReport(
      documents: found.documents, extracted: extracted, removed: removed, problems: problems,
      repaired: repaired, ledger: ledger)
  }

  /// Removes the ledger file of a document that is gone: only a regular file (a link is not
  /// the tool's), in a folder checked to be inside the workspace.
  private func removeLedgerFile(of document: String) -> Bool {
    let path = workspace.ledgerPath(forDocument: document)
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
    return unlink(path) == 0
  }

  /// Reads one document and decides what its ledger needs, and whether its ledger file was
  /// damaged. Runs on any thread.
  private func examine(_ path: String, store: LedgerStore, known: Bool, limit: Int)
    -> (DocumentOutcome, Diagnostic?)
  {
    let bytes: [UInt8]
    do { bytes = try DocumentText.read(workspace.absolute(path), limit: limit) } catch {
      if let skip = error as? DocumentSkip {
        return (
          .problem(Diagnostic(path: path, severity: .warning, message: skip.description)), nil
        )
      }
      return (
        .problem(
          Diagnostic(path: path, severity: .error, message: "cannot read: \(readReason(error))")),
        nil
      )
    }
    if DocumentText.isBinary(bytes) {
      return (
        .problem(
          Diagnostic(path: path, severity: .note, message: "skipped: binary file, not text")),
        nil
      )
    }
    if DocumentText.isReport(bytes) {
      return (
        .problem(
          Diagnostic(
            path: path, severity: .note,
            message: "skipped: a report ClaimLedger wrote, not a document")), nil
      )
    }
    // (Hashed in place: a `Data` of the bytes would copy the document.)
    let hash = bytes.withUnsafeBytes { hexDigest($0) }
    var damage: Diagnostic?
    if known {
      do {
        let previous = try store.read(path)
        if previous.sha256 == hash, previous.extractor == Extractor.version {
          return (.unchanged(previous), nil)
        }
      } catch {
        // A damaged ledger file is the tool's own: written anew from the document.
        var reason = "\(error)"
        if case .corruptLedger(_, let message) = error as? LedgerError {
          reason = message
        } else if let error = error as? LedgerError {
          reason = error.errorDescription ?? reason
        }
        damage = Diagnostic(
          path: workspace.relative(workspace.ledgerPath(forDocument: path)), severity: .warning,
          message: "damaged ledger file, extracted \(path) again (\(reason))")
      }
    }
    let ending = (path as NSString).pathExtension.lowercased()
    let text = DocumentText(raw: bytes, isHTML: ending == "html" || ending == "htm")
    let extraction = text.readable.withUnsafeBufferPointer { Extractor().extract($0) }
    let record = DocumentLedgerBuilder.build(
      path: path, sha256: hash, text: text, extraction: extraction)
    let data = record.ledgerFileBytes()
    return (.extracted(record, store.currentBytes(path) == data ? nil : data), damage)
  }
}

import ClaimExtraction
import Foundation
import Synchronization

/// What reading one document came to.
private enum DocumentOutcome: Sendable {
  case problem(Diagnostic)
  case unchanged(LedgerDocument)
  /// New claims, and the ledger file's new bytes when they differ from those on disk.
  case extracted(LedgerDocument, Data?)
  case failed(Error)
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
    let discovery = DocumentDiscovery(workspace: workspace, config: config)
    let roots = paths.isEmpty ? config.include : paths
    let documents = try discovery.documents(under: roots)
    let store = LedgerStore(workspace: workspace)
    let existing = Set(try store.paths())

    var problems: [Diagnostic] = []
    var extracted: [String] = []
    var records: [String: LedgerDocument] = [:]
    var batch = AtomicBatch()
    do {
      // Documents are read, hashed and (when changed) extracted in parallel, a chunk at a
      // time so progress can be shown; writes are staged in document order afterwards.
      let chunkSize = 256
      for chunkStart in stride(from: 0, to: documents.count, by: chunkSize) {
        progress?(chunkStart, documents.count)
        let chunk = Array(documents[chunkStart..<min(documents.count, chunkStart + chunkSize)])
        let outcomes = Mutex([Int: DocumentOutcome]())
        DispatchQueue.concurrentPerform(iterations: chunk.count) { index in
          let outcome = examine(chunk[index], store: store, known: existing.contains(chunk[index]))
          outcomes.withLock { $0[index] = outcome }
        }
        let ordered = outcomes.withLock { $0 }
        for index in chunk.indices {
          let path = chunk[index]
          switch ordered[index]! {
          case .problem(let diagnostic):
            problems.append(diagnostic)
          case .unchanged(let record):
            records[path] = record
          case .extracted(let record, let data):
            records[path] = record
            extracted.append(path)
            if let data { try batch.stage(data, at: workspace.ledgerPath(forDocument: path)) }
          case .failed(let error):
            throw error
          }
        }
      }
      progress?(documents.count, documents.count)
      try batch.commit()
    } catch {
      batch.rollback()
      throw error
    }

    // Ledger files whose document is gone, within what was scanned.
    let scannedRoots = roots.map { workspace.relative(workspace.absolute($0)) }
    var removed: [String] = []
    for path in existing.sorted() where records[path] == nil {
      let inScope = scannedRoots.contains { $0 == "." || path == $0 || path.hasPrefix($0 + "/") }
      let stillThere = FileManager.default.fileExists(atPath: workspace.absolute(path))
      if inScope && !stillThere {
        try? FileManager.default.removeItem(atPath: workspace.ledgerPath(forDocument: path))
        removed.append(path)
      }
    }

    // Documents outside this scan keep their ledger as it is.
    var all: [LedgerDocument] = Array(records.values)
    for path in existing.sorted() where records[path] == nil && !removed.contains(path) {
      all.append(try store.read(path))
    }
    let ledger = Ledger(
      workspace: workspace, documents: all, aliases: aliases,
      review: try ReviewRecords.load(workspace),
      sources: (try? SourceRegistry(workspace: workspace).list()) ?? [])
    return ScanReport(
      documents: documents, extracted: extracted, removed: removed, problems: problems,
      ledger: ledger)
  }

  /// Reads one document and decides what its ledger needs. Runs on any thread.
  private func examine(_ path: String, store: LedgerStore, known: Bool) -> DocumentOutcome {
    let bytes: [UInt8]
    do { bytes = try readFileBytes(workspace.absolute(path)) } catch {
      return .problem(
        Diagnostic(path: path, severity: .error, message: "cannot read: \(readReason(error))"))
    }
    if DocumentText.isBinary(bytes) {
      return .problem(
        Diagnostic(path: path, severity: .note, message: "skipped: binary file, not text"))
    }
    let hash = hexDigest(Data(bytes))
    if known, let previous = try? store.read(path), previous.sha256 == hash,
      previous.extractor == Extractor.version
    {
      return .unchanged(previous)
    }
    let ending = (path as NSString).pathExtension.lowercased()
    let text = DocumentText(raw: bytes, isHTML: ending == "html" || ending == "htm")
    let extraction = text.readable.withUnsafeBufferPointer { Extractor().extract($0) }
    let record = DocumentLedgerBuilder.build(
      path: path, sha256: hash, text: text, extraction: extraction)
    do {
      let data = try CanonicalJSON.encode(record)
      return .extracted(record, store.currentBytes(path) == data ? nil : data)
    } catch {
      return .failed(error)
    }
  }
}

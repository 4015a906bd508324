import Foundation
import ReferenceFetcher
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What a fetch run did, source by source.
public struct FetchReport: Sendable {
  public var entries: [FetchLogEntry]
  /// Sources whose text was stored with a caveat (a page read flat), with the reason.
  public var warnings: [(source: String, message: String)] = []

  public var fetched: [FetchLogEntry] { entries.filter { $0.outcome == .fetched } }
  public var unchanged: [FetchLogEntry] { entries.filter { $0.outcome == .unchanged } }
  public var failed: [FetchLogEntry] { entries.filter { $0.outcome == .failed } }
}

/// Fetches registered sources into the snapshot store and logs every attempt.
///
/// A source fetched before is asked for conditionally (`If-None-Match`, `If-Modified-Since`
/// from its last successful fetch, when that snapshot is still stored); a 304 reuses it.
public struct FetchReferences: Sendable {
  public let workspace: Workspace
  public var policy: FetchPolicy

  public init(workspace: Workspace, policy: FetchPolicy = FetchPolicy()) {
    self.workspace = workspace
    self.policy = policy
  }

  /// Fetches the sources with these ids, or every registered source.
  public func perform(ids: [String] = [], progress: ((Int, Int) -> Void)? = nil) throws
    -> FetchReport
  {
    let registry = SourceRegistry(workspace: workspace)
    let sources = ids.isEmpty ? try registry.list() : try ids.map { try registry.read($0) }
    let log = FetchLog(workspace: workspace)
    let store = SnapshotStore(workspace: workspace)
    let lastGood = try log.currentSnapshots()
    let requests = sources.map { source -> FetchRequest in
      // The registered URL, with its credentials, is used here and nowhere else.
      var request = FetchRequest(id: source.id, url: source.registeredURL)
      if let previous = lastGood[source.id], previous.url == source.url,
        let hash = previous.sha256, store.contains(hash)
      {
        // The log may have been edited: only valid header values are sent back.
        request.etag = HeaderFieldValue.valid(previous.etag)
        request.lastModified = HeaderFieldValue.valid(previous.lastModified)
      }
      return request
    }
    // Each new body's text is extracted on another thread as soon as its transfer ends, while
    // the others go on; a body that came for several sources is prepared once.
    let preparing = DispatchGroup()
    let workers = DispatchQueue(label: "claimledger.snapshot-text", attributes: .concurrent)
    let prepared = Mutex([Int: Result<SnapshotStore.Prepared, Error>]())
    var firstOfHash: Set<String> = []
    try store.prepareIncoming(in: workspace)
    let fetcher = Fetcher(policy: policy, incomingFolder: store.incomingFolder)
    let outcomes = try fetcher.fetch(requests, progress: progress) { index, outcome in
      guard case .fetched = outcome.result, let sha256 = outcome.sha256,
        let bodyFile = outcome.bodyFile, firstOfHash.insert(sha256).inserted
      else { return }
      workers.async(group: preparing) {
        let result = Result {
          try store.prepare(bodyFile: bodyFile, sha256: sha256, contentType: outcome.contentType)
        }
        prepared.withLock { $0[index] = result }
      }
    }
    preparing.wait()
    let ready = prepared.withLock { $0 }
    // Bodies and texts become visible together after one flush of the file system, and only
    // then is the log written: a log line never names a snapshot that is not on disk whole.
    var batch = AtomicBatch(within: workspace)
    // Every attempt of the run ended by now; one timestamp serves them all.
    let finished = ISO8601DateFormatter().string(from: Date())
    var entries: [FetchLogEntry] = []
    var warnings: [(source: String, message: String)] = []
    for (index, outcome) in outcomes.enumerated() {
      var entry = FetchLogEntry(
        time: finished, source: outcome.request.id,
        url: URLRule.redacted(outcome.request.url),
        finalURL: outcome.finalURL.map(URLRule.redacted),
        status: outcome.status,
        etag: outcome.etag, lastModified: outcome.lastModified, bytes: outcome.bytes,
        sha256: outcome.sha256, durationMs: Int((outcome.duration * 1000).rounded()),
        attempts: outcome.attempts, outcome: .fetched, error: nil)
      switch outcome.result {
      case .fetched:
        do {
          if let result = ready[index] {
            let prepared = try result.get()
            try store.stage(prepared, in: &batch)
            if let warning = prepared.warning { warnings.append((outcome.request.id, warning)) }
          } else {
            unlink(outcome.bodyFile!)  // the same body came for another source
          }
        } catch {
          entry.outcome = .failed
          entry.sha256 = nil
          entry.error = error.localizedDescription
        }
      case .notModified:
        let previous = lastGood[outcome.request.id]
        entry.outcome = .unchanged
        entry.sha256 = previous?.sha256
        entry.bytes = previous?.bytes ?? 0
        entry.etag = outcome.etag ?? HeaderFieldValue.valid(previous?.etag)
        entry.lastModified = outcome.lastModified ?? HeaderFieldValue.valid(previous?.lastModified)
      case .failed(let failure):
        entry.outcome = .failed
        entry.sha256 = nil
        entry.bytes = 0
        entry.error = failure.localizedDescription
      }
      entries.append(entry)
    }
    do { try batch.commit() } catch {
      batch.rollback()
      throw error
    }
    try log.append(entries)
    return FetchReport(entries: entries, warnings: warnings)
  }
}

import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a reviewer can decide. Claims take the first five; conflicts take all seven.
public enum VerdictStatus: String, Codable, Sendable, CaseIterable {
  case supported, refuted, mixed, unverifiable
  case notAClaim = "not-a-claim"
  /// The claims in conflict are about different things (two treaties of one name).
  case distinctEntities = "distinct-entities"
  /// The contradiction was dealt with.
  case resolved

  public static let forClaims: [VerdictStatus] = [
    .supported, .refuted, .mixed, .unverifiable, .notAClaim,
  ]
  public static let forConflicts: [VerdictStatus] = allCases
}

/// One line of `Claims/verdicts.jsonl`: a reviewer's decision on a claim or a conflict.
///
/// Lines are never edited: a new verdict supersedes the old one and the history stays. Each
/// line carries `prev`, the hash of the line before it, and `hash`, the SHA-256 of the line's
/// canonical JSON without `hash`; editing, removing or reordering lines breaks the chain.
public struct VerdictRecord: Codable, Sendable, Equatable {
  public enum TargetKind: String, Codable, Sendable { case claim, conflict }

  /// What the claim was when the verdict was given: a verdict whose claim id no longer exists
  /// is matched to the claim's new form by these, and makes it `needs-review`.
  public struct ClaimForm: Codable, Sendable, Equatable {
    public var document: String
    /// The subject key within the document (before aliases apply).
    public var subject: String
    public var predicate: String
    public var value: String
    public var sentence: String

    public init(
      document: String, subject: String, predicate: String, value: String, sentence: String
    ) {
      self.document = document
      self.subject = subject
      self.predicate = predicate
      self.value = value
      self.sentence = sentence
    }
  }

  /// What the conflict was: its entity and the values that disagreed.
  public struct ConflictForm: Codable, Sendable, Equatable {
    public var entity: String
    public var values: [String]

    public init(entity: String, values: [String]) {
      self.entity = entity
      self.values = values
    }
  }

  /// A reference cited: the source, the snapshot it had when the verdict was given, a quote.
  public struct Citation: Codable, Sendable, Equatable {
    public var source: String
    public var snapshot: String?
    public var quote: String?

    public init(source: String, snapshot: String?, quote: String?) {
      self.source = source
      self.snapshot = snapshot
      self.quote = quote
    }
  }

  public var schema = 1
  public var time: String
  public var target: String
  public var kind: TargetKind
  public var status: VerdictStatus
  public var reviewer: String
  public var note: String?
  public var evidence: Citation?
  public var claim: ClaimForm?
  public var conflict: ConflictForm?
  /// Hash of the previous line; 64 zeros on the first.
  public var prev: String
  /// SHA-256 of the canonical JSON of this record without `hash`.
  public var hash: String

  /// The verdict's own id, for people: "V-" and the start of its hash.
  public var id: String { "V-" + hash.prefix(12) }

  public init(
    time: String, target: String, kind: TargetKind, status: VerdictStatus, reviewer: String,
    note: String? = nil, evidence: Citation? = nil, claim: ClaimForm? = nil,
    conflict: ConflictForm? = nil
  ) {
    self.time = time
    self.target = target
    self.kind = kind
    self.status = status
    self.reviewer = reviewer
    self.note = note
    self.evidence = evidence
    self.claim = claim
    self.conflict = conflict
    prev = VerdictLog.genesis
    hash = ""
  }
}

/// A broken place in the verdict log, as `audit` reports it.
public struct AuditProblem: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// The line's content does not match its hash.
    case edited
    /// The line's `prev` names no line: a line before it was removed.
    case removed
    /// The line's `prev` names a line that comes later: lines were swapped or moved.
    case reordered
    /// The last line is incomplete: a write was interrupted.
    case torn
    /// Not a verdict record at all.
    case malformed
  }
  public var kind: Kind
  /// 1-based line number in the file.
  public var line: Int
  public var message: String
}

/// What `audit` found.
public struct AuditReport: Sendable {
  public var path: String
  /// Complete lines read.
  public var lines: Int
  /// The first problem, if any: everything after it is unverifiable.
  public var problem: AuditProblem?
}

/// `Claims/verdicts.jsonl`: append-only, hash-chained, written under an exclusive lock and
/// flushed to disk before a verdict is reported as recorded.
public struct VerdictLog: Sendable {
  public static let genesis = String(repeating: "0", count: 64)
  public let path: String
  let shownPath: String

  public init(workspace: Workspace) {
    path = workspace.claimsFolder + "/verdicts.jsonl"
    shownPath = workspace.relative(path)
  }

  // MARK: Writing

  /// Appends `record` after the current last line, filling in `prev` and `hash`; returns the
  /// record as written. Refuses to write after a torn or damaged last line (run `audit`).
  @discardableResult
  public func append(_ record: VerdictRecord) throws -> VerdictRecord {
    try requireInsideWorkspace()
    let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw LedgerError.writeFailed(path: shownPath, reason: errnoText()) }
    defer { close(fd) }
    guard flock(fd, LOCK_EX) == 0 else {
      throw LedgerError.writeFailed(path: shownPath, reason: errnoText())
    }
    defer { flock(fd, LOCK_UN) }
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      throw LedgerError.writeFailed(path: shownPath, reason: errnoText())
    }
    let size = Int(status.st_size)
    var record = record
    record.prev = try lastHash(fd, size: size)
    let line = try Self.encodeLine(&record)
    guard writeAll(fd, line) else {
      let reason = errnoText()
      _ = ftruncate(fd, off_t(size))  // never leave a partial line behind
      throw LedgerError.writeFailed(path: shownPath, reason: reason)
    }
    guard fsync(fd) == 0 else {
      let reason = errnoText()
      _ = ftruncate(fd, off_t(size))
      throw LedgerError.writeFailed(path: shownPath, reason: reason)
    }
    if size == 0 { flushFolder() }  // a new file's name must persist too
    return record
  }

  /// The hash of the last line, read from the end of the file.
  private func lastHash(_ fd: Int32, size: Int) throws -> String {
    guard size > 0 else { return Self.genesis }
    var tail: [UInt8] = []
    var start = size
    // Read backwards until the tail holds the whole last line.
    while true {
      let chunk = min(start, 65_536)
      start -= chunk
      var buffer = [UInt8](repeating: 0, count: chunk)
      let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, chunk, off_t(start)) }
      guard read == chunk else {
        throw LedgerError.unreadable(path: shownPath, reason: errnoText())
      }
      tail = buffer + tail
      if tail.last != 0x0A {
        throw LedgerError.corruptLedger(
          path: shownPath,
          message: "the last line is incomplete (a write was interrupted); run"
            + " 'claimledger audit --repair' to remove it")
      }
      if start == 0 || tail.dropLast().contains(0x0A) { break }
    }
    let body = tail.dropLast()
    let lineStart = body.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
    guard let fields = Self.chainFields(body[lineStart...]) else {
      throw LedgerError.corruptLedger(
        path: shownPath,
        message: "the last line is not a verdict record; run 'claimledger audit'")
    }
    return fields.hash
  }

  /// The log is `<root>/Claims/verdicts.jsonl`: it, or a link in its place (a dangling one
  /// included), must stay inside that workspace, or nothing is written.
  private func requireInsideWorkspace() throws {
    let root = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    try Workspace(root: root).requireInside(path)
  }

  private func flushFolder() {
    let folder = (path as NSString).deletingLastPathComponent
    let fd = open(folder, O_RDONLY | O_CLOEXEC)
    if fd >= 0 {
      _ = fsync(fd)
      close(fd)
    }
  }

  /// The canonical line of a record (sorted keys, no spaces, final newline), with `hash`
  /// computed over the same form without `hash`.
  static func encodeLine(_ record: inout VerdictRecord) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    record.hash = ""
    let unhashed = try encoder.encode(record)
    record.hash = hexDigest(Self.removingHash(Array(unhashed)) ?? Array(unhashed))
    var line = try encoder.encode(record)
    line.append(0x0A)
    return line
  }

  /// Lines for records chained from `genesis`, as a fresh log would hold them (for tests and
  /// benchmarks that need a long log without an fsync per line).
  public static func chain(_ records: [VerdictRecord]) throws -> Data {
    var data = Data()
    var prev = genesis
    for var record in records {
      record.prev = prev
      data.append(try encodeLine(&record))
      prev = record.hash
    }
    return data
  }

  // MARK: Reading

  /// Every complete record, oldest first. A torn last line is left out (audit reports it).
  public func records() throws -> [VerdictRecord] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let bytes: [UInt8]
    do { bytes = try readFileBytes(path) } catch {
      throw LedgerError.unreadable(path: shownPath, reason: readReason(error))
    }
    let decoder = JSONDecoder()
    var records: [VerdictRecord] = []
    var lineNumber = 0
    var start = 0
    while let end = bytes[start...].firstIndex(of: 0x0A) {
      lineNumber += 1
      if end > start {
        if let record = bytes.withUnsafeBufferPointer({
          VerdictRecord.scan(UnsafeBufferPointer(rebasing: $0[start..<end]))
        }) {
          records.append(record)
          start = end + 1
          continue
        }
        do {
          records.append(
            try decoder.decode(VerdictRecord.self, from: Data(bytes[start..<end])))
        } catch {
          throw LedgerError.malformedFile(
            path: shownPath, line: lineNumber, column: nil,
            message: "not a verdict record; run 'claimledger audit'")
        }
      }
      start = end + 1
    }
    return records
  }

  // MARK: Audit

  /// Recomputes the chain and reports the first line that was edited, removed, reordered,
  /// torn or is not a record.
  public func audit() throws -> AuditReport {
    guard FileManager.default.fileExists(atPath: path) else {
      return AuditReport(path: shownPath, lines: 0, problem: nil)
    }
    let bytes: [UInt8]
    do { bytes = try readFileBytes(path) } catch {
      throw LedgerError.unreadable(path: shownPath, reason: readReason(error))
    }
    return bytes.withUnsafeBufferPointer { Self.audit($0, shownPath: shownPath) }
  }

  static func audit(_ bytes: UnsafeBufferPointer<UInt8>, shownPath: String) -> AuditReport {
    // Lines with their recorded hash and prev; the content check runs on every core.
    var ranges: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      guard let end = bytes[start...].firstIndex(of: 0x0A) else { break }
      ranges.append(start..<end)
      start = end + 1
    }
    let tornTail = start < bytes.count
    struct Checked {
      var hash: String?
      var prev: String?
      var intact = false
    }
    var checked = [Checked](repeating: Checked(), count: ranges.count)
    let lineRanges = ranges
    checked.withUnsafeMutableBufferPointer { results in
      let results = UnsafeMutableSendableBuffer(results)
      let lines = UnsafeSendableBuffer(bytes)
      let slices = max(1, min(lineRanges.count, 64))
      DispatchQueue.concurrentPerform(iterations: slices) { slice in
        for index in stride(from: slice, to: lineRanges.count, by: slices) {
          let line = lines.buffer[lineRanges[index]]
          guard let fields = chainFields(line) else { continue }
          let intact = removingHash(line).map { hexDigest($0) == fields.hash } ?? false
          results.buffer[index] = Checked(hash: fields.hash, prev: fields.prev, intact: intact)
        }
      }
    }
    var position: [String: Int] = [:]
    for (index, line) in checked.enumerated() {
      if let hash = line.hash, position[hash] == nil { position[hash] = index }
    }
    var expected = genesis
    for (index, line) in checked.enumerated() {
      let number = index + 1
      guard let hash = line.hash, let prev = line.prev else {
        return AuditReport(
          path: shownPath, lines: ranges.count,
          problem: AuditProblem(
            kind: .malformed, line: number,
            message: "not a verdict record (no hash chain fields)"))
      }
      guard line.intact else {
        return AuditReport(
          path: shownPath, lines: ranges.count,
          problem: AuditProblem(
            kind: .edited, line: number,
            message: "edited: the line's content does not match its hash"))
      }
      if prev != expected {
        let problem: AuditProblem
        if let earlier = position[prev], earlier > index {
          problem = AuditProblem(
            kind: .reordered, line: number,
            message: "out of order: it follows line \(earlier + 1) in the chain")
        } else if number == 1 {
          problem = AuditProblem(
            kind: .removed, line: number,
            message: "the line or lines before it were removed (it is not the first verdict)")
        } else {
          problem = AuditProblem(
            kind: .removed, line: number,
            message: "a line before it was removed (its predecessor is not line \(number - 1))")
        }
        return AuditReport(path: shownPath, lines: ranges.count, problem: problem)
      }
      expected = hash
    }
    if tornTail {
      return AuditReport(
        path: shownPath, lines: ranges.count,
        problem: AuditProblem(
          kind: .torn, line: ranges.count + 1,
          message: "incomplete last line (\(bytes.count - start) bytes, a write was interrupted);"
            + " 'claimledger audit --repair' removes it"))
    }
    return AuditReport(path: shownPath, lines: ranges.count, problem: nil)
  }

  /// Removes a torn last line, and nothing else. Returns the bytes removed (0 when the log
  /// had no torn line); throws when the log has any other problem.
  public func repairTornTail() throws -> Int {
    try requireInsideWorkspace()
    let fd = open(path, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    guard flock(fd, LOCK_EX) == 0 else {
      throw LedgerError.writeFailed(path: shownPath, reason: errnoText())
    }
    defer { flock(fd, LOCK_UN) }
    let report = try audit()
    guard let problem = report.problem else { return 0 }
    guard problem.kind == .torn else {
      throw LedgerError.invalidArgument(
        "\(shownPath):\(problem.line): error: \(problem.message); --repair only removes an"
          + " incomplete last line: restore the file from version control")
    }
    let bytes = try readFileBytes(path)
    let keep = (bytes.lastIndex(of: 0x0A) ?? -1) + 1
    guard ftruncate(fd, off_t(keep)) == 0, fsync(fd) == 0 else {
      throw LedgerError.writeFailed(path: shownPath, reason: errnoText())
    }
    return bytes.count - keep
  }

  // MARK: Line fields

  private static let hashKey = Array(#""hash":""#.utf8)
  private static let prevKey = Array(#""prev":""#.utf8)

  /// `hash` and `prev` of a canonical line, found by their keys. Inside JSON strings every
  /// quote is escaped, so `"hash":"` can only be the member itself.
  static func chainFields<Line: Collection>(_ line: Line) -> (hash: String, prev: String)?
  where Line.Element == UInt8, Line.Index == Int {
    guard let hash = hexValue(after: hashKey, in: line),
      let prev = hexValue(after: prevKey, in: line)
    else { return nil }
    return (hash, prev)
  }

  private static func hexValue<Line: Collection>(after key: [UInt8], in line: Line) -> String?
  where Line.Element == UInt8, Line.Index == Int {
    guard let start = find(key, in: line) else { return nil }
    let valueStart = start + key.count
    let valueEnd = valueStart + 64
    guard valueEnd < line.endIndex, line[valueEnd] == 0x22 else { return nil }
    let value = line[valueStart..<valueEnd]
    guard value.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
      return nil
    }
    return String(decoding: value, as: UTF8.self)
  }

  /// The line without its `"hash":"…",` member: the canonical form the hash is computed over.
  static func removingHash<Line: Collection>(_ line: Line) -> [UInt8]?
  where Line.Element == UInt8, Line.Index == Int {
    guard let start = find(hashKey, in: line) else { return nil }
    var end = start + hashKey.count
    while end < line.endIndex && line[end] != 0x22 { end += 1 }
    guard end < line.endIndex else { return nil }
    end += 1  // the closing quote
    var result = Array(line[line.startIndex..<start])
    if end < line.endIndex && line[end] == 0x2C {
      result.append(contentsOf: line[(end + 1)...])  // `"hash":"…",` in the middle
    } else {
      if result.last == 0x2C { result.removeLast() }  // `,"hash":"…"` at the end
      result.append(contentsOf: line[end...])
    }
    return result
  }

  private static func find<Line: Collection>(_ needle: [UInt8], in line: Line) -> Int?
  where Line.Element == UInt8, Line.Index == Int {
    guard line.count >= needle.count else { return nil }
    var index = line.startIndex
    let last = line.endIndex - needle.count
    while index <= last {
      if line[index] == needle[0] {
        var matched = true
        for offset in 1..<needle.count where line[index + offset] != needle[offset] {
          matched = false
          break
        }
        if matched { return index }
      }
      index += 1
    }
    return nil
  }
}

/// Buffers handed to `concurrentPerform`, where each iteration touches its own elements.
struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
  let buffer: UnsafeBufferPointer<Element>
  init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = buffer }
}

struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

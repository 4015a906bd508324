import ClaimExtraction
import Foundation

/// The JSON forms of the listing commands. Versioned by `schema`; fields are only ever added.
public enum Listing {
  public struct ClaimEntry: Codable, Sendable, Equatable {
    public var id: String
    public var document: String
    public var line: Int
    public var column: Int
    public var byteStart: Int
    public var byteEnd: Int
    public var subject: Subject
    public var entity: Entity
    public var predicate: ClaimPredicate
    public var value: ClaimValue
    public var sentence: String
    public var rule: AttachmentRule
    public var confidence: Double
    public var status: ClaimStatus
    /// What verification evidence suggests, when there is any.
    public var suggestion: Suggestion?

    public init(_ resolved: ResolvedClaim) {
      let claim = resolved.claim
      id = claim.id
      document = resolved.document
      line = claim.location.line
      column = claim.location.column
      byteStart = claim.location.byteStart
      byteEnd = claim.location.byteEnd
      subject = claim.subject
      entity = resolved.entity
      predicate = claim.predicate
      value = claim.value
      sentence = claim.sentence
      rule = claim.rule
      confidence = claim.confidence
      status = resolved.status
      suggestion = resolved.suggestion
    }
  }

  public struct ConflictEntry: Codable, Sendable, Equatable {
    public var id: String
    public var entity: Entity
    public var values: [ClaimValue]
    public var claims: [ClaimEntry]

    public init(_ conflict: Conflict) {
      id = conflict.id
      entity = conflict.entity
      values = conflict.values
      claims = conflict.claims.map(ClaimEntry.init)
    }
  }

  public struct Claims: Codable, Sendable {
    public var schema = 1
    public var claims: [ClaimEntry]
    public init(_ claims: [ResolvedClaim]) { self.claims = claims.map(ClaimEntry.init) }
  }

  public struct Conflicts: Codable, Sendable {
    public var schema = 1
    public var conflicts: [ConflictEntry]
    public init(_ conflicts: [Conflict]) { self.conflicts = conflicts.map(ConflictEntry.init) }
  }

  public struct Sources: Codable, Sendable {
    public var schema = 1
    public var sources: [Source]
    public init(_ sources: [Source]) { self.sources = sources }
  }

  public struct ScanResult: Codable, Sendable {
    public var schema = 1
    public var documents: Int
    public var extracted: [String]
    public var removed: [String]
    public var claims: Int
    public var diagnostics: [Diagnostic]
    public var conflicts: [ConflictEntry]

    public init(_ report: ScanReport, diagnostics: [Diagnostic]) {
      documents = report.documents.count
      extracted = report.extracted
      removed = report.removed
      claims = report.ledger.claims.count
      self.diagnostics = diagnostics
      conflicts = report.ledger.conflicts.map(ConflictEntry.init)
    }
  }

  public struct VerifyResult: Codable, Sendable {
    public var schema = 1
    public var snapshots: Int
    public var sources: Int
    public var claims: Int
    /// Claims with evidence, by what it suggests.
    public var suggestions: [String: Int]
    public var diagnostics: [Diagnostic]

    public init(_ report: VerifyReport) {
      snapshots = report.snapshots
      sources = report.sources
      claims = report.claims
      suggestions = Dictionary(
        uniqueKeysWithValues: report.suggestions.map { ($0.key.rawValue, $0.value) })
      diagnostics = report.diagnostics
    }
  }

  /// One verdict as `history` and `verdict --format json` show it.
  public struct VerdictEntry: Codable, Sendable, Equatable {
    public var id: String
    public var time: String
    public var target: String
    public var kind: VerdictRecord.TargetKind
    public var status: VerdictStatus
    public var reviewer: String
    public var note: String?
    public var evidence: VerdictRecord.Citation?

    public init(_ record: VerdictRecord) {
      id = record.id
      time = record.time
      target = record.target
      kind = record.kind
      status = record.status
      reviewer = record.reviewer
      note = record.note
      evidence = record.evidence
    }
  }

  public struct History: Codable, Sendable {
    public var schema = 1
    public var target: String
    public var verdicts: [VerdictEntry]
    public init(target: String, verdicts: [VerdictRecord]) {
      self.target = target
      self.verdicts = verdicts.map(VerdictEntry.init)
    }
  }

  /// Encodes a listing in the canonical JSON form (sorted keys, indented, final newline).
  public static func json<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
  }
}

extension ScanReport {
  /// Everything a scan has to say, in file order: read problems, document notices, and one
  /// warning per claim in conflict.
  public var diagnostics: [Diagnostic] {
    var all = problems
    let scanned = Set(documents)
    for document in ledger.documents where scanned.contains(document.document) {
      all.append(contentsOf: document.noticeDiagnostics)
    }
    all.append(contentsOf: ledger.conflicts.flatMap(\.diagnostics))
    all.append(contentsOf: ledger.noteDiagnostics)
    return Diagnostic.inFileOrder(all)
  }
}

/// Mentions of dates and entities in files, for inspecting what the extractor sees.
public enum MentionListing {
  public struct DateEntry: Codable, Sendable, Equatable {
    public var text: String
    public var byteStart: Int
    public var byteEnd: Int
    public var line: Int
    public var column: Int
    public var value: String
    public var precision: DatePrecision
    /// True when the text writes no year and the value took the year before ("On 7 August");
    /// absent otherwise.
    public var inferred: Bool?
  }

  public struct EntityEntry: Codable, Sendable, Equatable {
    public var text: String
    public var key: String
    public var kind: EntityKind
    public var byteStart: Int
    public var byteEnd: Int
    public var line: Int
    public var column: Int
  }

  public struct Document: Codable, Sendable, Equatable {
    public var document: String
    public var dates: [DateEntry]
    public var entities: [EntityEntry]
  }

  public struct Output: Codable, Sendable {
    public var schema = 1
    public var documents: [Document]
    public init(documents: [Document]) { self.documents = documents }
  }

  /// Reads a file as `scan` does (binary files refused, invalid UTF-8 replaced, HTML markup
  /// blanked) and lists its mentions. `shown` is the path printed.
  public static func mentions(inFile path: String, shown: String) throws -> Document {
    let bytes: [UInt8]
    do { bytes = try DocumentText.read(path) } catch {
      if let skip = error as? DocumentSkip {
        throw LedgerError.unreadable(path: shown, reason: skip.description)
      }
      if !FileManager.default.fileExists(atPath: path) { throw LedgerError.missingPath(shown) }
      throw LedgerError.unreadable(path: shown, reason: readReason(error))
    }
    guard !DocumentText.isBinary(bytes) else {
      throw LedgerError.unreadable(path: shown, reason: "binary file, not text")
    }
    let ext = (path as NSString).pathExtension.lowercased()
    let text = DocumentText(raw: bytes, isHTML: ext == "html" || ext == "htm")
    let extraction = text.readable.withUnsafeBufferPointer { Extractor().extract($0) }
    let lines = LineIndex(text.raw)
    func snippet(_ range: Range<Int>) -> String {
      String(decoding: text.raw[range], as: UTF8.self)
    }
    var cursor = lines.cursor()
    let dates = extraction.dates.map { date in
      let position = cursor.position(of: date.range.lowerBound)
      return DateEntry(
        text: snippet(date.range), byteStart: date.range.lowerBound, byteEnd: date.range.upperBound,
        line: position.line, column: position.column, value: date.value.edtf,
        precision: date.value.precision, inferred: date.inferred ? true : nil)
    }
    cursor = lines.cursor()
    let entities = extraction.entities.map { entity in
      let position = cursor.position(of: entity.range.lowerBound)
      return EntityEntry(
        text: entity.text, key: entity.key, kind: entity.kind, byteStart: entity.range.lowerBound,
        byteEnd: entity.range.upperBound, line: position.line, column: position.column)
    }
    return Document(document: shown, dates: dates, entities: entities)
  }
}

/// The filters of `claimledger claims`, shared by the CLI, the desk's claims page and
/// `GET /api/claims`, so that a filter means the same everywhere.
public struct ClaimFilter: Sendable {
  public var status: ClaimStatus?
  public var subject: String?
  public var document: String?
  public var suggests: Suggestion?

  public init(
    status: ClaimStatus? = nil, subject: String? = nil, document: String? = nil,
    suggests: Suggestion? = nil
  ) {
    self.status = status
    self.subject = subject
    self.document = document
    self.suggests = suggests
  }

  /// The ledger's claims that pass every filter given; `subject` is any name of the entity
  /// (an alias, an acronym a document defines).
  public func apply(_ ledger: Ledger) -> [ResolvedClaim] {
    var claims = ledger.claims
    if let subject {
      let key = ledger.entityKey(forName: subject)
      claims = claims.filter { claim in
        claim.entity.key == key || EntityKey.normalize(claim.entity.name) == key
          || ledger.entityKey(forName: claim.claim.subject.text) == key
      }
    }
    if let status { claims = claims.filter { $0.status == status } }
    if let suggests { claims = claims.filter { $0.suggestion == suggests } }
    if let document { claims = claims.filter { $0.document == document } }
    return claims
  }
}

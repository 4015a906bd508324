import ClaimExtraction
import Foundation

/// The ledger file of one document, `Claims/ledger/<document path>.json`.
///
/// It depends only on the document's bytes and the extractor version, so a second scan of an
/// unchanged document rewrites nothing, and a diff of the file in review shows only what the
/// document's change did to its claims. Workspace-wide knowledge (aliases, other documents'
/// acronyms, verdicts) is applied when the ledger is read, never stored here.
public struct LedgerDocument: Codable, Sendable, Equatable {
  public var schema = 1
  /// Path relative to the workspace root, with `/` separators.
  public var document: String
  /// SHA-256 of the document's bytes, hex.
  public var sha256: String
  /// ``Extractor/version`` that wrote the claims.
  public var extractor: String
  public var claims: [Claim]
  /// "Long Name (ACR)" definitions found in the document.
  public var acronyms: [Acronym]
  /// Problems with the document itself (encoding), repeated on every scan until fixed.
  public var notices: [Notice]
}

/// A dated statement about a named subject, where it stands, and how it was found.
public struct Claim: Codable, Sendable, Hashable {
  /// Stable: derived from the document path, subject key, predicate, value and sentence, so it
  /// survives edits elsewhere in the document.
  public var id: String
  public var subject: Subject
  public var predicate: ClaimPredicate
  public var value: ClaimValue
  /// Where the date stands: what a reviewer looks at and edits.
  public var location: Location
  /// Where the subject's name stands (for claims across a sentence, another line).
  public var subjectLocation: Location
  /// The sentence with white space folded.
  public var sentence: String
  public var rule: AttachmentRule
  public var confidence: Double
}

public struct Subject: Codable, Sendable, Hashable {
  /// The name as written.
  public var text: String
  /// The name normalised within the document ("NATO" stays "nato"; aliases apply on reading).
  public var key: String
  public var kind: EntityKind
}

/// A claim's date: its EDTF form (`1674`, `1674-02-19`, `1618/1648`, `-0489` for 490 BC), its
/// precision and how a reader writes it.
public struct ClaimValue: Codable, Sendable, Hashable {
  public var edtf: String
  public var precision: DatePrecision
  public var display: String

  public init(_ value: TemporalValue) {
    edtf = value.edtf
    precision = value.precision
    display = value.display
  }

  init(edtf: String, precision: DatePrecision, display: String) {
    self.edtf = edtf
    self.precision = precision
    self.display = display
  }

  /// The value for comparisons; `nil` for a form claims never take (decades, centuries).
  public var temporal: TemporalValue? {
    let parts = edtf.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 {
      guard let start = Self.date(parts[0]), let end = Self.date(parts[1]) else { return nil }
      return .range(start, end)
    }
    return Self.date(Substring(edtf)).map { .point($0) }
  }

  private static func date(_ text: Substring) -> CalendarDate? {
    var rest = text
    var negative = false
    if rest.first == "-" {
      negative = true
      rest = rest.dropFirst()
    }
    let fields = rest.split(separator: "-")
    guard let first = fields.first, first.count >= 4, let astronomical = Int(first) else {
      return nil
    }
    // EDTF counts astronomically (year 0 is 1 BC); claims count as historians do.
    let year = negative ? -astronomical - 1 : astronomical
    let month = fields.count > 1 ? Int(fields[1]) : nil
    let day = fields.count > 2 ? Int(fields[2]) : nil
    return CalendarDate(year: year, month: month, day: day)
  }
}

/// A place in a document: 1-based line and column (Unicode scalars) and the byte range.
public struct Location: Codable, Sendable, Hashable, Comparable {
  public var line: Int
  public var column: Int
  public var byteStart: Int
  public var byteEnd: Int

  public static func < (lhs: Location, rhs: Location) -> Bool {
    (lhs.byteStart, lhs.byteEnd) < (rhs.byteStart, rhs.byteEnd)
  }

  public init(line: Int, column: Int, byteStart: Int, byteEnd: Int) {
    self.line = line
    self.column = column
    self.byteStart = byteStart
    self.byteEnd = byteEnd
  }

  /// Decodes and checks the ranges ``JSONScanner`` checks, so that an edited ledger file read
  /// by either parser cannot put a place no document has into a listing or a report.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func position(_ key: CodingKeys, from lowest: Int) throws -> Int {
      let value = try container.decode(Int.self, forKey: key)
      guard (lowest...JSONScanner.largestPosition).contains(value) else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "\(value) is out of range")
      }
      return value
    }
    line = try position(.line, from: 1)
    column = try position(.column, from: 1)
    byteStart = try position(.byteStart, from: 0)
    byteEnd = try position(.byteEnd, from: byteStart)
  }
}

public struct Acronym: Codable, Sendable, Hashable {
  public var acronym: String
  public var name: String
}

/// A problem with a document itself, reported on every scan until the document is fixed.
public struct Notice: Codable, Sendable, Hashable {
  public enum Kind: String, Codable, Sendable {
    /// Mojibake such as "NATOโs": UTF-8 read in a legacy code page.
    case encoding
    /// Bytes that are not UTF-8; read with replacement characters.
    case invalidUTF8 = "invalid-utf8"
  }
  public var kind: Kind
  public var line: Int
  public var column: Int
  public var message: String
}

extension LedgerDocument {
  /// The ledger file's bytes: what ``CanonicalJSON`` writes for this record, byte for byte,
  /// written directly. `JSONEncoder`'s generic containers took a fifth of a first scan's
  /// processor time. Keys are written in sorted order, as `.sortedKeys` orders them.
  func ledgerFileBytes() -> Data {
    var json = PrettyJSON(capacity: 512 + claims.count * 700, encoderStyle: true)
    json.beginObject()
    json.key("acronyms")
    json.beginArray()
    for acronym in acronyms {
      json.beginObject()
      json.member("acronym", acronym.acronym)
      json.member("name", acronym.name)
      json.endObject()
    }
    json.endArray()
    json.key("claims")
    json.beginArray()
    for claim in claims { json.claim(claim) }
    json.endArray()
    json.member("document", document)
    json.member("extractor", extractor)
    json.key("notices")
    json.beginArray()
    for notice in notices {
      json.beginObject()
      json.member("column", notice.column)
      json.member("kind", notice.kind.rawValue)
      json.member("line", notice.line)
      json.member("message", notice.message)
      json.endObject()
    }
    json.endArray()
    json.member("schema", schema)
    json.member("sha256", sha256)
    json.endObject()
    return json.data
  }
}

extension PrettyJSON {
  fileprivate mutating func claim(_ claim: Claim) {
    beginObject()
    key("confidence")
    double(claim.confidence)
    member("id", claim.id)
    key("location")
    location(claim.location)
    member("predicate", claim.predicate.rawValue)
    member("rule", claim.rule.rawValue)
    member("sentence", claim.sentence)
    key("subject")
    beginObject()
    member("key", claim.subject.key)
    member("kind", claim.subject.kind.rawValue)
    member("text", claim.subject.text)
    endObject()
    key("subjectLocation")
    location(claim.subjectLocation)
    key("value")
    value(claim.value)
    endObject()
  }

  fileprivate mutating func location(_ location: Location) {
    beginObject()
    member("byteEnd", location.byteEnd)
    member("byteStart", location.byteStart)
    member("column", location.column)
    member("line", location.line)
    endObject()
  }
}

/// The JSON form of every machine-written file: sorted keys, two-space indentation, a final
/// newline, so the same ledger gives the same bytes.
enum CanonicalJSON {
  static func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }
}

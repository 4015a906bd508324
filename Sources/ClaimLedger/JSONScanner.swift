import ClaimExtraction
import Foundation

/// A pull parser for the JSON files this tool writes, decoding straight into its types.
///
/// `JSONDecoder` spent most of a report of 100,000 claims looking up generic metadata for
/// each value of ten thousand ledger files. Ledger files are read here instead; anything this
/// parser does not accept is handed to `JSONDecoder`, which either reads it or explains the
/// error.
struct JSONScanner {
  /// Where and why the scanner stopped. Without a `reason` the file is merely not in the form
  /// this version writes (JSONDecoder gets it next); with one, a value is present but out of
  /// range, and no decoder would make it usable.
  struct Failure: Error {
    var offset = 0
    var reason: String? = nil
  }

  /// The largest line, column or byte offset a file of this tool can hold: documents are far
  /// smaller, and a bound keeps arithmetic on these values from overflowing.
  static let largestPosition = Int(Int32.max)

  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Where the next value starts (for a failure found only after reading more).
  mutating func nextValueOffset() -> Int {
    skipSpace()
    return index
  }

  /// A failure at the current place.
  func failure(_ reason: String? = nil) -> Failure { Failure(offset: index, reason: reason) }

  /// The 1-based line and column (in bytes) of `offset`, for messages.
  static func place(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let end = min(max(offset, 0), bytes.count)
    var line = 1
    var lineStart = 0
    for index in 0..<end where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return (line, end - lineStart + 1)
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private mutating func consume(_ byte: UInt8) throws {
    skipSpace()
    guard index < bytes.count, bytes[index] == byte else { throw failure() }
    index += 1
  }

  /// Calls `body` with each key of an object; `body` must read or skip the value.
  mutating func object(_ body: (inout JSONScanner, String) throws -> Void) throws {
    try consume(0x7B)
    skipSpace()
    if index < bytes.count, bytes[index] == 0x7D {
      index += 1
      return
    }
    while true {
      let key = try string()
      try consume(0x3A)
      try body(&self, key)
      skipSpace()
      guard index < bytes.count else { throw failure() }
      if bytes[index] == 0x2C {
        index += 1
        continue
      }
      try consume(0x7D)
      return
    }
  }

  mutating func array<Element>(_ element: (inout JSONScanner) throws -> Element) throws
    -> [Element]
  {
    try consume(0x5B)
    var result: [Element] = []
    skipSpace()
    if index < bytes.count, bytes[index] == 0x5D {
      index += 1
      return result
    }
    while true {
      result.append(try element(&self))
      skipSpace()
      guard index < bytes.count else { throw failure() }
      if bytes[index] == 0x2C {
        index += 1
        continue
      }
      try consume(0x5D)
      return result
    }
  }

  mutating func string() throws -> String {
    try consume(0x22)
    let start = index
    // The common case: no escapes, one copy.
    while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C { index += 1 }
    guard index < bytes.count else { throw failure() }
    if bytes[index] == 0x22 {
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      index += 1
      return text
    }
    var decoded = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case 0x22: return String(decoding: decoded, as: UTF8.self)
      case 0x5C:
        guard index < bytes.count else { throw failure() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case 0x22, 0x5C, 0x2F: decoded.append(escape)
        case 0x62: decoded.append(0x08)
        case 0x66: decoded.append(0x0C)
        case 0x6E: decoded.append(0x0A)
        case 0x72: decoded.append(0x0D)
        case 0x74: decoded.append(0x09)
        case 0x75:
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar) {
            // A surrogate pair: \uD83D\uDE00.
            guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
              throw failure()
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure() }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let unicode = Unicode.Scalar(scalar) else { throw failure() }
          decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
        default: throw failure()
        }
      default: decoded.append(byte)
      }
    }
    throw failure()
  }

  private mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure() }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      index += 1
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x61...0x66: digit = byte - 0x61 + 10
      case 0x41...0x46: digit = byte - 0x41 + 10
      default: throw failure()
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// The text of a number token.
  private mutating func numberToken() throws -> Substring {
    skipSpace()
    let start = index
    while index < bytes.count {
      switch bytes[index] {
      case 0x30...0x39, 0x2D, 0x2B, 0x2E, 0x65, 0x45: index += 1
      default:
        guard index > start else { throw failure() }
        return Substring(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
      }
    }
    guard index > start else { throw failure() }
    return Substring(
      String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
  }

  /// An integer in `range`; anything outside it (however many digits) is a definite failure
  /// at the number, never an overflow.
  mutating func int(in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
    skipSpace()
    let numberStart = index
    var negative = false
    if index < bytes.count, bytes[index] == 0x2D {
      negative = true
      index += 1
    }
    let start = index
    var value = 0
    var overflow = false
    while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
      let digit = Int(bytes[index] - 0x30)
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.addingReportingOverflow(negative ? -digit : digit)
      overflow = overflow || o1 || o2
      value = next
      index += 1
    }
    guard index > start else { throw failure() }
    if index < bytes.count, [0x2E, 0x65, 0x45].contains(bytes[index]) { throw failure() }
    guard !overflow, range.contains(value) else {
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<index]), as: UTF8.self)
      throw Failure(
        offset: numberStart,
        reason: "\(text.prefix(40)) is out of range (expected \(Self.describe(range)))")
    }
    return value
  }

  mutating func double() throws -> Double {
    guard let value = Double(try numberToken()) else { throw failure() }
    return value
  }

  /// A finite number in `range`.
  mutating func double(in range: ClosedRange<Double>) throws -> Double {
    skipSpace()
    let numberStart = index
    let value = try double()
    guard value.isFinite, range.contains(value) else {
      throw Failure(
        offset: numberStart,
        reason: "\(value) is out of range (expected \(range.lowerBound) to"
          + " \(range.upperBound))")
    }
    return value
  }

  private static func describe(_ range: ClosedRange<Int>) -> String {
    range.upperBound == Int.max
      ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
  }

  /// Skips any value (for keys a newer version added).
  mutating func skip() throws {
    skipSpace()
    guard index < bytes.count else { throw failure() }
    switch bytes[index] {
    case 0x7B: try object { scanner, _ in try scanner.skip() }
    case 0x5B: _ = try array { try $0.skip() }
    case 0x22: _ = try string()
    case 0x74: try literal("true")
    case 0x66: try literal("false")
    case 0x6E: try literal("null")
    default: _ = try numberToken()
    }
  }

  private mutating func literal(_ word: StaticString) throws {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure() }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      throw failure()
    }
    index += count
  }

  /// The end of the text: only white space may follow the value.
  mutating func end() throws {
    skipSpace()
    guard index == bytes.count else { throw failure() }
  }

  mutating func enumeration<Value: RawRepresentable>(_ type: Value.Type) throws -> Value
  where Value.RawValue == String {
    guard let value = Value(rawValue: try string()) else { throw failure() }
    return value
  }
}

extension JSONScanner {
  /// Reads a whole file of the tool's: the scanner first; for a form it does not know,
  /// `JSONDecoder`. A value out of range, or a file neither reads, is a `malformedFile` error at
  /// the line where the scanner stopped.
  static func read<Record: Decodable>(
    _ bytes: [UInt8], shown: String, hint: String = "",
    _ body: (inout JSONScanner) throws -> Record
  ) throws -> Record {
    let stopped: Failure
    do {
      return try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        return try body(&scanner)
      }
    } catch let failure as Failure {
      stopped = failure
    }
    let place = JSONScanner.place(of: stopped.offset, in: bytes)
    if let reason = stopped.reason {
      throw LedgerError.malformedFile(
        path: shown, line: place.line, column: place.column, message: reason + hint)
    }
    do {
      return try JSONDecoder().decode(Record.self, from: Data(bytes))
    } catch {
      throw LedgerError.malformedFile(
        path: shown, line: place.line, column: place.column,
        message: "not a file this version can read (\(decodingSummary(error)))" + hint)
    }
  }

  /// A decoding error in one line, without Swift's debug dump.
  private static func decodingSummary(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context),
      DecodingError.typeMismatch(_, let context),
      DecodingError.valueNotFound(_, let context),
      DecodingError.keyNotFound(_, let context):
      let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
      let at = path.isEmpty ? "" : " at " + path.joined(separator: ".")
      return context.debugDescription + at
    default: return "\(error)"
    }
  }
}

extension LedgerDocument {
  /// Reads a ledger file with ``JSONScanner``, falling back on `JSONDecoder` for a form this
  /// version does not write; any error names `shown` and the line where the file goes wrong.
  static func read(_ bytes: [UInt8], shown: String) throws -> LedgerDocument {
    try JSONScanner.read(bytes, shown: shown) { try $0.ledgerDocument() }
  }

  /// The scanner alone: `nil` for anything it does not read (tests compare it with
  /// `JSONDecoder`).
  static func scan(_ bytes: [UInt8]) -> LedgerDocument? {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = JSONScanner(buffer)
      return try? scanner.ledgerDocument()
    }
  }
}

extension JSONScanner {
  fileprivate mutating func ledgerDocument() throws -> LedgerDocument {
    var schema: Int?
    var document: String?
    var sha256: String?
    var extractor: String?
    var claims: [Claim]?
    var acronyms: [Acronym]?
    var notices: [Notice]?
    try object { scanner, key in
      switch key {
      case "schema": schema = try scanner.int()
      case "document": document = try scanner.string()
      case "sha256": sha256 = try scanner.string()
      case "extractor": extractor = try scanner.string()
      case "claims": claims = try scanner.array { try $0.claim() }
      case "acronyms": acronyms = try scanner.array { try $0.acronym() }
      case "notices": notices = try scanner.array { try $0.notice() }
      default: try scanner.skip()
      }
    }
    try end()
    guard let schema, let document, let sha256, let extractor, let claims, let acronyms,
      let notices
    else { throw failure() }
    return LedgerDocument(
      schema: schema, document: document, sha256: sha256, extractor: extractor, claims: claims,
      acronyms: acronyms, notices: notices)
  }

  private mutating func claim() throws -> Claim {
    var id: String?
    var subject: Subject?
    var predicate: ClaimPredicate?
    var value: ClaimValue?
    var location: Location?
    var subjectLocation: Location?
    var sentence: String?
    var rule: AttachmentRule?
    var confidence: Double?
    try object { scanner, key in
      switch key {
      case "id": id = try scanner.string()
      case "subject": subject = try scanner.subject()
      case "predicate": predicate = try scanner.enumeration(ClaimPredicate.self)
      case "value": value = try scanner.claimValue()
      case "location": location = try scanner.location()
      case "subjectLocation": subjectLocation = try scanner.location()
      case "sentence": sentence = try scanner.string()
      case "rule": rule = try scanner.enumeration(AttachmentRule.self)
      case "confidence": confidence = try scanner.double(in: 0...1)
      default: try scanner.skip()
      }
    }
    guard let id, let subject, let predicate, let value, let location, let subjectLocation,
      let sentence, let rule, let confidence
    else { throw failure() }
    return Claim(
      id: id, subject: subject, predicate: predicate, value: value, location: location,
      subjectLocation: subjectLocation, sentence: sentence, rule: rule, confidence: confidence)
  }

  private mutating func subject() throws -> Subject {
    var text: String?
    var key: String?
    var kind: EntityKind?
    try object { scanner, name in
      switch name {
      case "text": text = try scanner.string()
      case "key": key = try scanner.string()
      case "kind": kind = try scanner.enumeration(EntityKind.self)
      default: try scanner.skip()
      }
    }
    guard let text, let key, let kind else { throw failure() }
    return Subject(text: text, key: key, kind: kind)
  }

  fileprivate mutating func claimValue() throws -> ClaimValue {
    var edtf: String?
    var precision: DatePrecision?
    var display: String?
    try object { scanner, key in
      switch key {
      case "edtf": edtf = try scanner.string()
      case "precision": precision = try scanner.enumeration(DatePrecision.self)
      case "display": display = try scanner.string()
      default: try scanner.skip()
      }
    }
    guard let edtf, let precision, let display else { throw failure() }
    return ClaimValue(edtf: edtf, precision: precision, display: display)
  }

  private mutating func location() throws -> Location {
    var line: Int?
    var column: Int?
    var byteStart: Int?
    var byteEnd: Int?
    var byteStartOffset = index
    try object { scanner, key in
      switch key {
      case "line": line = try scanner.int(in: 1...Self.largestPosition)
      case "column": column = try scanner.int(in: 1...Self.largestPosition)
      case "byteStart":
        byteStartOffset = scanner.nextValueOffset()
        byteStart = try scanner.int(in: 0...Self.largestPosition)
      case "byteEnd": byteEnd = try scanner.int(in: 0...Self.largestPosition)
      default: try scanner.skip()
      }
    }
    guard let line, let column, let byteStart, let byteEnd else { throw failure() }
    guard byteStart <= byteEnd else {
      throw Failure(
        offset: byteStartOffset, reason: "byteStart \(byteStart) is after byteEnd \(byteEnd)")
    }
    return Location(line: line, column: column, byteStart: byteStart, byteEnd: byteEnd)
  }

  private mutating func acronym() throws -> Acronym {
    var acronym: String?
    var name: String?
    try object { scanner, key in
      switch key {
      case "acronym": acronym = try scanner.string()
      case "name": name = try scanner.string()
      default: try scanner.skip()
      }
    }
    guard let acronym, let name else { throw failure() }
    return Acronym(acronym: acronym, name: name)
  }

  private mutating func notice() throws -> Notice {
    var kind: Notice.Kind?
    var line: Int?
    var column: Int?
    var message: String?
    try object { scanner, key in
      switch key {
      case "kind": kind = try scanner.enumeration(Notice.Kind.self)
      case "line": line = try scanner.int(in: 1...Self.largestPosition)
      case "column": column = try scanner.int(in: 1...Self.largestPosition)
      case "message": message = try scanner.string()
      default: try scanner.skip()
      }
    }
    guard let kind, let line, let column, let message else { throw failure() }
    return Notice(kind: kind, line: line, column: column, message: message)
  }
}

extension VerdictRecord {
  /// Reads one line of the verdict log with ``JSONScanner``; `nil` when it is not in the form
  /// this version writes.
  static func scan(_ line: UnsafeBufferPointer<UInt8>) -> VerdictRecord? {
    var scanner = JSONScanner(line)
    return try? scanner.verdictRecord()
  }
}

extension JSONScanner {
  fileprivate mutating func verdictRecord() throws -> VerdictRecord {
    var schema: Int?
    var time: String?
    var target: String?
    var kind: VerdictRecord.TargetKind?
    var status: VerdictStatus?
    var reviewer: String?
    var note: String?
    var evidence: VerdictRecord.Citation?
    var claim: VerdictRecord.ClaimForm?
    var conflict: VerdictRecord.ConflictForm?
    var prev: String?
    var hash: String?
    try object { scanner, key in
      switch key {
      case "schema": schema = try scanner.int()
      case "time": time = try scanner.string()
      case "target": target = try scanner.string()
      case "kind": kind = try scanner.enumeration(VerdictRecord.TargetKind.self)
      case "status": status = try scanner.enumeration(VerdictStatus.self)
      case "reviewer": reviewer = try scanner.string()
      case "note": note = try scanner.string()
      case "evidence": evidence = try scanner.citation()
      case "claim": claim = try scanner.claimForm()
      case "conflict": conflict = try scanner.conflictForm()
      case "prev": prev = try scanner.string()
      case "hash": hash = try scanner.string()
      default: throw scanner.failure()  // anything unexpected goes to JSONDecoder
      }
    }
    try end()
    guard schema == 1, let time, let target, let kind, let status, let reviewer, let prev,
      let hash
    else { throw failure() }
    var record = VerdictRecord(
      time: time, target: target, kind: kind, status: status, reviewer: reviewer, note: note,
      evidence: evidence, claim: claim, conflict: conflict)
    record.prev = prev
    record.hash = hash
    return record
  }

  private mutating func citation() throws -> VerdictRecord.Citation {
    var source: String?
    var snapshot: String?
    var quote: String?
    try object { scanner, key in
      switch key {
      case "source": source = try scanner.string()
      case "snapshot": snapshot = try scanner.string()
      case "quote": quote = try scanner.string()
      default: throw scanner.failure()
      }
    }
    guard let source else { throw failure() }
    return VerdictRecord.Citation(source: source, snapshot: snapshot, quote: quote)
  }

  private mutating func claimForm() throws -> VerdictRecord.ClaimForm {
    var fields: [String: String] = [:]
    try object { scanner, key in
      guard ["document", "subject", "predicate", "value", "sentence"].contains(key) else {
        throw scanner.failure()
      }
      fields[key] = try scanner.string()
    }
    guard let document = fields["document"], let subject = fields["subject"],
      let predicate = fields["predicate"], let value = fields["value"],
      let sentence = fields["sentence"]
    else { throw failure() }
    return VerdictRecord.ClaimForm(
      document: document, subject: subject, predicate: predicate, value: value,
      sentence: sentence)
  }

  private mutating func conflictForm() throws -> VerdictRecord.ConflictForm {
    var entity: String?
    var values: [String]?
    try object { scanner, key in
      switch key {
      case "entity": entity = try scanner.string()
      case "values": values = try scanner.array { try $0.string() }
      default: throw scanner.failure()
      }
    }
    guard let entity, let values else { throw failure() }
    return VerdictRecord.ConflictForm(entity: entity, values: values)
  }
}

extension EvidenceFile.Stored {
  /// Reads `Claims/evidence.json` (either schema) with ``JSONScanner``: every command that
  /// derives statuses reads it. Errors as for ledger files; a schema-2 reference to a snapshot
  /// or passage the file does not list is an error at the reference.
  static func read(_ bytes: [UInt8], shown: String, hint: String) throws -> EvidenceFile.Stored {
    try JSONScanner.read(bytes, shown: shown, hint: hint) { try $0.storedEvidence() }
  }

  /// The scanner alone, as for ledger files.
  static func scan(_ bytes: [UInt8]) -> EvidenceFile.Stored? {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = JSONScanner(buffer)
      return try? scanner.storedEvidence()
    }
  }
}

extension JSONScanner {
  fileprivate mutating func storedEvidence() throws -> EvidenceFile.Stored {
    var schema: Int?
    var snapshots: [EvidenceFile.Stored.Snapshot]?
    var claims: [EvidenceFile.Stored.Claim]?
    try object { scanner, key in
      switch key {
      case "schema": schema = try scanner.int()
      case "snapshots": snapshots = try scanner.array { try $0.storedSnapshot() }
      case "claims": claims = try scanner.array { try $0.storedClaim() }
      default: try scanner.skip()
      }
    }
    try end()
    guard let schema, let snapshots, let claims else { throw failure() }
    let stored = EvidenceFile.Stored(schema: schema, snapshots: snapshots, claims: claims)
    // The snapshots follow the claims in the file: references are checked once both are read.
    if let dangling = stored.danglingReference() {
      throw Failure(offset: dangling.offset ?? 0, reason: dangling.message)
    }
    return stored
  }

  private mutating func storedSnapshot() throws -> EvidenceFile.Stored.Snapshot {
    var fields: [String: String] = [:]
    var passages: [EvidenceFile.Passage]?
    try object { scanner, key in
      if key == "passages" {
        passages = try scanner.array { try $0.storedPassage() }
      } else {
        fields[key] = try scanner.string()
      }
    }
    guard let source = fields["source"], let sha256 = fields["sha256"], let url = fields["url"]
    else { throw failure() }
    return EvidenceFile.Stored.Snapshot(
      source: source, sha256: sha256, url: url, passages: passages)
  }

  private mutating func storedClaim() throws -> EvidenceFile.Stored.Claim {
    var claim: String?
    var evidence: [EvidenceFile.Stored.Item]?
    var supports: [EvidenceFile.Stored.Reference]?
    var contradicts: [EvidenceFile.Stored.Reference]?
    var mentions: [EvidenceFile.Stored.Reference]?
    try object { scanner, key in
      switch key {
      case "claim": claim = try scanner.string()
      case "evidence": evidence = try scanner.array { try $0.storedItem() }
      case "supports": supports = try scanner.array { try $0.reference() }
      case "contradicts": contradicts = try scanner.array { try $0.reference() }
      case "mentions": mentions = try scanner.array { try $0.reference() }
      default: try scanner.skip()
      }
    }
    guard let claim else { throw failure() }
    return EvidenceFile.Stored.Claim(
      claim: claim, evidence: evidence, supports: supports, contradicts: contradicts,
      mentions: mentions)
  }

  /// `[snapshot, passage]`, each at least 0 (the upper bounds are known only at the end).
  private mutating func reference() throws -> EvidenceFile.Stored.Reference {
    let offset = nextValueOffset()
    try consume(0x5B)
    let snapshot = try int(in: 0...Self.largestPosition)
    try consume(0x2C)
    let passage = try int(in: 0...Self.largestPosition)
    skipSpace()
    guard index < bytes.count, bytes[index] == 0x5D else {
      throw Failure(offset: offset, reason: "a reference is two indices, [snapshot, passage]")
    }
    index += 1
    return EvidenceFile.Stored.Reference(snapshot: snapshot, passage: passage, offset: offset)
  }

  private mutating func storedPassage() throws -> EvidenceFile.Passage {
    var quote: String?
    var line: Int?
    var column: Int?
    var predicate: ClaimPredicate?
    var value: ClaimValue?
    var about: String?
    try object { scanner, key in
      switch key {
      case "about": about = try scanner.string()
      case "quote": quote = try scanner.string()
      case "line": line = try scanner.int(in: 1...Self.largestPosition)
      case "column": column = try scanner.int(in: 1...Self.largestPosition)
      case "predicate": predicate = try scanner.enumeration(ClaimPredicate.self)
      case "value": value = try scanner.claimValue()
      default: try scanner.skip()
      }
    }
    guard let quote, let line, let column else { throw failure() }
    return EvidenceFile.Passage(
      quote: quote, line: line, column: column, predicate: predicate, value: value, about: about)
  }

  /// A piece of evidence in schema 1.
  private mutating func storedItem() throws -> EvidenceFile.Stored.Item {
    var source: String?
    var stance: Stance?
    var quote: String?
    var line: Int?
    var column: Int?
    var predicate: ClaimPredicate?
    var value: ClaimValue?
    var about: String?
    try object { scanner, key in
      switch key {
      case "about": about = try scanner.string()
      case "source": source = try scanner.string()
      case "stance": stance = try scanner.enumeration(Stance.self)
      case "quote": quote = try scanner.string()
      case "line": line = try scanner.int(in: 1...Self.largestPosition)
      case "column": column = try scanner.int(in: 1...Self.largestPosition)
      case "predicate": predicate = try scanner.enumeration(ClaimPredicate.self)
      case "value": value = try scanner.claimValue()
      default: try scanner.skip()
      }
    }
    guard let source, let stance, let quote, let line, let column else { throw failure() }
    return EvidenceFile.Stored.Item(
      source: source, stance: stance, quote: quote, line: line, column: column,
      predicate: predicate, value: value, about: about)
  }
}

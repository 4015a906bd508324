import ClaimExtraction
import Crypto
import Foundation

/// Turns one document's extraction into its ledger record: positions, stable ids, notices.
enum DocumentLedgerBuilder {
  static func build(
    path: String, sha256: String, text: DocumentText, extraction: Extraction
  ) -> LedgerDocument {
    let lines = LineIndex(text.raw)
    // Claims come in document order; the subject is usually just before its date.
    var dateCursor = lines.cursor()
    var subjectCursor = lines.cursor()
    func location(_ range: Range<Int>, _ cursor: inout LineIndex.Cursor) -> Location {
      let position = cursor.position(of: range.lowerBound)
      return Location(
        line: position.line, column: position.column, byteStart: range.lowerBound,
        byteEnd: range.upperBound)
    }
    var claims: [Claim] = []
    var seen: [String: Int] = [:]
    for extracted in extraction.claims {
      let subjectKey = extracted.subject.key
      let sentence = lines.normalizedText(extracted.sentence)
      let value = ClaimValue(extracted.value)
      // Identity: what is claimed, about what, in which sentence of which document. Two
      // identical claims in identical sentences are told apart by their order.
      var identity = [path, subjectKey, extracted.predicate.rawValue, value.edtf, sentence]
        .joined(separator: "\u{0}")
      let occurrence = seen[identity, default: 0]
      seen[identity] = occurrence + 1
      if occurrence > 0 { identity += "\u{0}\(occurrence)" }
      claims.append(
        Claim(
          id: "C-" + identity.withUTF8 { hexDigest(UnsafeRawBufferPointer($0)) }.prefix(12),
          subject: Subject(
            text: extracted.subject.text, key: subjectKey, kind: extracted.subject.kind),
          predicate: extracted.predicate, value: value,
          location: location(extracted.date.range, &dateCursor),
          subjectLocation: location(extracted.subject.range, &subjectCursor), sentence: sentence,
          rule: extracted.rule, confidence: extracted.confidence))
    }
    var acronyms = Set<Acronym>()
    for definition in extraction.acronyms {
      acronyms.insert(Acronym(acronym: definition.acronym, name: definition.name))
    }
    var notices: [Notice] = []
    if let invalid = text.invalidUTF8 {
      let position = lines.position(of: invalid.firstOffset)
      let bytes = invalid.count == 1 ? "1 byte" : "\(invalid.count) bytes"
      notices.append(
        Notice(
          kind: .invalidUTF8, line: position.line, column: position.column,
          message: "invalid UTF-8 (\(bytes)); read with replacement characters"))
    }
    if let first = extraction.encodingIssues.first {
      let position = lines.position(of: first.offset)
      let count = extraction.encodingIssues.count
      let more = count > 1 ? " (\(count) places in this document)" : ""
      notices.append(
        Notice(
          kind: .encoding, line: position.line, column: position.column,
          message:
            "probable encoding error: \"\(first.found)\" where \"\(first.expected)\" was meant"
            + " (UTF-8 text decoded in a legacy code page)\(more)"))
    }
    return LedgerDocument(
      document: path, sha256: sha256, extractor: Extractor.version,
      claims: claims,
      acronyms: acronyms.sorted { ($0.acronym, $0.name) < ($1.acronym, $1.name) },
      notices: notices)
  }
}

/// SHA-256 of some bytes, as 64 lower-case hex digits.
func hexDigest<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var hex: [UInt8] = []
  hex.reserveCapacity(64)
  for byte in SHA256.hash(data: bytes) {
    hex.append(digits[Int(byte >> 4)])
    hex.append(digits[Int(byte & 0x0F)])
  }
  return String(decoding: hex, as: UTF8.self)
}

import ClaimLedger
import Foundation

/// SARIF 2.1.0 for code-scanning services: one rule per finding kind, each result at its
/// claim's line and column (columns count Unicode code points, as SARIF's `columnKind` says).
/// Locations are relative to the workspace root (`%SRCROOT%`).
enum SARIFReport {
  static func render(_ input: ReportInput, version: String) -> Data {
    let findings = input.ledger.findings
    let rules = FindingKind.allCases
    // Compact: a SARIF file is read by programs, and indentation made it twice the size.
    var json = PrettyJSON(capacity: findings.count * 400 + 4096, compact: true)
    json.beginObject()
    json.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
    json.key("runs")
    json.beginArray()
    json.beginObject()
    json.member("columnKind", "unicodeCodePoints")
    json.key("results")
    json.beginArray()
    for finding in findings {
      let diagnostic = finding.diagnostic
      json.beginObject()
      json.member("level", finding.kind.severity.rawValue)
      json.key("locations")
      json.beginArray()
      json.beginObject()
      physicalLocation(
        path: diagnostic.path, line: diagnostic.line ?? 1, column: diagnostic.column ?? 1, &json)
      json.endObject()
      json.endArray()
      json.key("message")
      json.beginObject()
      json.member("text", markdownInert(diagnostic.message))
      json.endObject()
      json.key("partialFingerprints")
      json.beginObject()
      json.member("claimLedgerId/v1", "\(finding.kind.rawValue) \(finding.claimID)")
      json.endObject()
      if finding.kind == .conflict, let conflict = input.conflictOf[finding.claimID] {
        relatedLocations(of: finding.claimID, in: conflict, &json)
      }
      json.member("ruleId", finding.kind.rawValue)
      json.member("ruleIndex", rules.firstIndex(of: finding.kind)!)
      json.endObject()
    }
    json.endArray()
    json.key("tool")
    json.beginObject()
    json.key("driver")
    json.beginObject()
    json.member("name", "ClaimLedger")
    json.key("rules")
    json.beginArray()
    for rule in rules {
      json.beginObject()
      json.key("defaultConfiguration")
      json.beginObject()
      json.member("level", rule.severity.rawValue)
      json.endObject()
      json.member("id", rule.rawValue)
      json.key("shortDescription")
      json.beginObject()
      json.member("text", rule.summary)
      json.endObject()
      json.endObject()
    }
    json.endArray()
    json.member("version", version)
    json.endObject()
    json.endObject()
    json.endObject()
    json.endArray()
    json.member("version", "2.1.0")
    json.endObject()
    return json.data
  }

  /// A relative path as a URI reference: spaces and other reserved bytes percent-encoded.
  static func percentEncoded(_ path: String) -> String {
    // Most paths need nothing: letters, digits and `/._-`.
    if path.utf8.allSatisfy({
      (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0)
        || $0 == 0x2F || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
    }) {
      return path
    }
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: ";?#[]@")
    return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
  }
}

extension SARIFReport {
  /// `physicalLocation`: a path relative to the workspace root (`%SRCROOT%`), line and column.
  static func physicalLocation(
    path: String, line: Int, column: Int, _ json: inout PrettyJSON
  ) {
    json.key("physicalLocation")
    json.beginObject()
    json.key("artifactLocation")
    json.beginObject()
    json.member("uri", percentEncoded(path))
    json.member("uriBaseId", "%SRCROOT%")
    json.endObject()
    json.key("region")
    json.beginObject()
    json.member("startColumn", column)
    json.member("startLine", line)
    json.endObject()
    json.endObject()
  }

  /// How many other claims of its conflict a result points to.
  static let relatedShown = 3

  /// The places of a conflict's other values, nearest first (the same document, then the
  /// others in order), at most ``relatedShown``: a treaty given four thousand dates keeps each
  /// result small.
  static func relatedLocations(of claimID: String, in conflict: Conflict, _ json: inout PrettyJSON)
  {
    let nearest = conflict.contradicting(claimID, limit: relatedShown)
    guard !nearest.isEmpty else { return }
    json.key("relatedLocations")
    json.beginArray()
    for (index, other) in nearest.enumerated() {
      json.beginObject()
      json.member("id", index + 1)
      json.key("message")
      json.beginObject()
      json.member(
        "text", markdownInert("\(other.claim.predicate.rawValue) \(other.claim.value.display)"))
      json.endObject()
      physicalLocation(
        path: other.document, line: other.claim.location.line,
        column: other.claim.location.column, &json)
      json.endObject()
    }
    json.endArray()
  }
}

/// Text that a Markdown renderer shows as it is. Code-scanning UIs render a result's
/// `message.text` as Markdown, and the message quotes documents and reference pages: a quote
/// holding `[see](https://evil.example)` must not become a link there. Control characters are
/// escaped as on a terminal.
func markdownInert(_ text: String) -> String {
  // Byte by byte: the characters escaped are all ASCII, and a report of fifty thousand
  // conflicting claims spent half its time walking the messages' characters one by one.
  var bytes: [UInt8] = []
  let safe = text.terminalSafe
  bytes.reserveCapacity(safe.utf8.count + 16)
  for byte in safe.utf8 {
    if markdownPunctuation[Int(byte)] { bytes.append(UInt8(ascii: "\\")) }
    bytes.append(byte)
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// The ASCII characters Markdown gives a meaning, by byte.
private let markdownPunctuation: [Bool] = {
  var table = [Bool](repeating: false, count: 256)
  for byte in "\\`*_{}[]()<>#!|~".utf8 { table[Int(byte)] = true }
  return table
}()

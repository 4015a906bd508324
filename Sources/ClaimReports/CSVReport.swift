import ClaimLedger
import Foundation

/// One row per claim, RFC 4180: fields quoted when they hold a comma, a quote or a line
/// break; CRLF line ends. Text that a spreadsheet would take for a formula (starting with
/// `=`, `+`, `-`, `@`) gets a leading apostrophe, except the value column (EDTF years before
/// the common era start with `-`).
enum CSVReport {
  static let header = [
    "id", "document", "line", "column", "subject", "predicate", "value", "status", "verdict",
    "reviewer", "evidence",
  ]

  static func render(_ input: ReportInput) -> Data {
    var text = header.joined(separator: ",") + "\r\n"
    text.reserveCapacity(input.ledger.claims.count * 160)
    for resolved in input.ledger.claims {
      let claim = resolved.claim
      let latest = input.verdicts[claim.id]?.last
      let fields = [
        claim.id, field(resolved.document), String(claim.location.line),
        String(claim.location.column), field(resolved.entity.name), claim.predicate.rawValue,
        claim.value.edtf, resolved.status.rawValue, latest?.status.rawValue ?? "",
        field(latest?.reviewer ?? ""), String(input.ledger.review.evidence[claim.id]?.count ?? 0),
      ]
      text += fields.map(quoted).joined(separator: ",") + "\r\n"
    }
    return Data(text.utf8)
  }

  /// Defuses formula-looking text: a spreadsheet reads a cell starting with `=`, `+`, `-`, `@`,
  /// a tab or a carriage return as a formula (OWASP's list).
  private static func field(_ value: String) -> String {
    guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first)
    else { return value }
    return "'" + value
  }

  private static func quoted(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

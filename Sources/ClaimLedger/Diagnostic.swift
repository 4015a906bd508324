/// A message about a place in a file, printed the way compilers print them so that editors
/// and CI annotate the line: `articles/a.md:24:290: warning: … [conflict K-3f2a…]`.
public struct Diagnostic: Sendable, Hashable, Codable {
  public enum Severity: String, Sendable, Codable { case error, warning, note }

  public var path: String
  public var line: Int?
  public var column: Int?
  public var severity: Severity
  public var message: String
  /// What kind of finding, and its id where it has one: `conflict K-…`, `encoding`.
  public var code: String?

  public init(
    path: String, line: Int? = nil, column: Int? = nil, severity: Severity, message: String,
    code: String? = nil
  ) {
    self.path = path
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
    self.code = code
  }

  /// The place part: `path:line:col`, or less when the line is unknown.
  public var place: String {
    var text = path
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }

  /// Sorts diagnostics as a compiler prints them: by file, line and column.
  public static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.sorted {
      ($0.path, $0.line ?? 0, $0.column ?? 0, $0.message)
        < ($1.path, $1.line ?? 0, $1.column ?? 0, $1.message)
    }
  }

  public var formatted: String {
    "\(place): \(severity.rawValue): \(message)" + (code.map { " [\($0)]" } ?? "")
  }
}

extension Conflict {
  /// One warning per claim, naming the other values and where they stand.
  public var diagnostics: [Diagnostic] {
    claims.map { member in
      let others = claims.filter { !ConflictDetector.consistent(member.claim.value.temporal!, $0.claim.value.temporal!) }
      var byValue: [(String, [String])] = []
      for other in others {
        let place = "\(other.document):\(other.claim.location.line):\(other.claim.location.column)"
        if let index = byValue.firstIndex(where: { $0.0 == other.claim.value.display }) {
          byValue[index].1.append(place)
        } else {
          byValue.append((other.claim.value.display, [place]))
        }
      }
      let elsewhere = byValue.map { "\($0.0) at \($0.1.joined(separator: ", "))" }
        .joined(separator: "; ")
      let verb = member.claim.predicate == .dated ? "dated" : member.claim.predicate.rawValue
      return Diagnostic(
        path: member.document, line: member.claim.location.line,
        column: member.claim.location.column, severity: .warning,
        message: "\"\(entity.name)\" \(verb) \(member.claim.value.display) here but \(elsewhere)",
        code: "conflict \(id)")
    }
  }
}

extension LedgerDocument {
  /// The document's notices as diagnostics.
  public var noticeDiagnostics: [Diagnostic] {
    notices.map {
      Diagnostic(
        path: document, line: $0.line, column: $0.column, severity: .warning, message: $0.message,
        code: $0.kind.rawValue)
    }
  }
}

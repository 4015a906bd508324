import ClaimExtraction

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

  /// Sorts diagnostics as a compiler prints them: by file, line and column, each once. Two
  /// claims at one place (a date claimed for one subject by two rules, or one claim in two
  /// notes) can give the same note twice; a reader wants one line per place and finding.
  public static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return diagnostics.filter { seen.insert($0).inserted }.sorted {
      ($0.path, $0.line ?? 0, $0.column ?? 0, $0.message)
        < ($1.path, $1.line ?? 0, $1.column ?? 0, $1.message)
    }
  }

  public var formatted: String {
    "\(shownPlace): \(severity.rawValue): \(shownMessage)" + (code.map { " [\($0)]" } ?? "")
  }

  /// The place as printed: control characters escaped, and never starting with `::` (a
  /// GitHub Actions workflow command at the start of a line).
  public var shownPlace: String {
    let text = place.terminalSafe
    return text.hasPrefix("::") ? "./" + text : text
  }

  /// The message as printed, control characters escaped.
  public var shownMessage: String { message.terminalSafe }
}

extension String {
  /// The text with everything that could act on a terminal or forge a line escaped: C0 and C1
  /// controls (newline, carriage return, escape sequences), DEL, and the Unicode line
  /// separators and bidirectional overrides. A file name, a document's words, a reviewer's
  /// note or a page's quote is printed as data, never as a command to the terminal.
  public var terminalSafe: String {
    guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
    var result = ""
    for scalar in unicodeScalars {
      guard Self.needsEscape(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result +=
          scalar.value < 0x100
          ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
          : "\\u{" + hex + "}"
      }
    }
    return result
  }

  /// A whole line as printed: ``terminalSafe``, and never starting with `::`.
  public var lineSafe: String {
    let text = terminalSafe
    return text.hasPrefix("::") ? "./" + text : text
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F..<0xA0: return true
    case 0x2028, 0x2029: return true  // line and paragraph separators
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
    default: return false
    }
  }
}

extension Conflict {
  /// How many places of one value a warning names before it says "and N more".
  static let placesShown = 3
  /// How many other values a warning names before it counts the rest.
  public static let valuesShown = 3

  /// One warning per claim, naming the dates that contradict it and where they stand.
  ///
  /// Claims are grouped by predicate and value first, and each warning names a few places of at
  /// most ``valuesShown`` values, as a compiler does, then counts the rest: a treaty given four
  /// thousand dates prints four thousand lines, not sixteen million places. A claim's warning
  /// names only groups its own contradicts (the ``ContradictionGraph``): never a date it agrees
  /// with, so it is never empty.
  public var diagnostics: [Diagnostic] {
    var elsewhere: [Int: String] = [:]
    var reach: [[Int]: [String: Int]] = [:]
    for group in groups {
      let own = entityGroups.groups[group].predicate
      let shown = graph.firstLinked(group, limit: Self.valuesShown)
      let others = shown.map { other in
        let linked = entityGroups.groups[other]
        // The other's verb where it is another fact ("dated 1618–1648 here but ended 1650");
        // a bare date or the same verb needs none.
        let verb =
          linked.predicate == own || linked.predicate == .dated
          ? "" : Self.verb(linked.predicate) + " "
        return "\(verb)\(linked.value.display) at \(Self.listed(places: linked.claims))"
      }
      var text = others.joined(separator: "; ")
      let more = graph.linkCount(group) - shown.count
      if more > 0 {
        let documents = graph.documentsOfLinked(group, except: shown, cache: &reach)
        text +=
          "; and \(more) other value\(more == 1 ? "" : "s") in \(documents)"
          + " document\(documents == 1 ? "" : "s") ('claimledger conflicts --format json' lists all)"
      }
      elsewhere[group] = text
    }
    return claims.map { member in
      let group = entityGroups.index[Self.groupKey(member.claim)] ?? -1
      return Diagnostic(
        path: member.document, line: member.claim.location.line,
        column: member.claim.location.column, severity: .warning,
        message: "\"\(entity.name)\" \(Self.verb(member.claim.predicate)) "
          + "\(member.claim.value.display) here but \(elsewhere[group] ?? "")",
        code: "conflict \(id)")
    }
  }

  /// `path:line:col` of a claim's date.
  static func place(_ member: ResolvedClaim) -> String {
    "\(member.document):\(member.claim.location.line):\(member.claim.location.column)"
  }

  /// The first ``placesShown`` places, then "and N more".
  static func listed(places: [String]) -> String {
    let more = places.count - placesShown
    return places.prefix(placesShown).joined(separator: ", ")
      + (more > 0 ? " and \(more) more" : "")
  }

  /// The places of the first ``placesShown`` claims, then "and N more".
  static func listed(places claims: [ResolvedClaim]) -> String {
    let more = claims.count - placesShown
    return claims.prefix(placesShown).map(place).joined(separator: ", ")
      + (more > 0 ? " and \(more) more" : "")
  }

  static func verb(_ predicate: ClaimPredicate) -> String {
    predicate == .dated ? "dated" : predicate.rawValue
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

import ClaimExtraction

/// One hand-annotated dated claim: a row of a `gold.tsv` file
/// (`file line_number entity canonical_entity year event correct true_year`).
public struct GoldClaim: Sendable {
  public var file: String
  public var line: Int
  /// The span as written ("the Treaty", "Treaty of Nanjing").
  public var entity: String
  /// The normalised name, perhaps with a qualifier ("Treaty of Paris (1856)").
  public var canonical: String
  /// The date as written ("August 29, 1842", "1258 BCE").
  public var written: String
  /// The year of `written`, negative before the common era.
  public var year: Int
  public var event: String
  public var correct: String
}

/// Reads gold files in the format of `shared/eval/genre-dev/gold.tsv`.
public enum GoldClaimReader {
  public struct FormatError: Error, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "gold.tsv:\(line): \(reason)" }
  }

  public static func parse(_ text: String) throws -> [GoldClaim] {
    var rows: [GoldClaim] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where index > 0 && !line.isEmpty {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 7, let number = Int(fields[1]) else {
        throw FormatError(line: index + 1, reason: "expected 8 tab-separated fields")
      }
      guard let year = year(of: fields[4]) else {
        throw FormatError(line: index + 1, reason: "no year in \"\(fields[4])\"")
      }
      rows.append(
        GoldClaim(
          file: fields[0], line: number, entity: fields[2], canonical: fields[3],
          written: fields[4], year: year, event: fields[5], correct: fields[6]))
    }
    return rows
  }

  /// The last run of three or four digits (of any length with an era: "31 BC", "A.D. 79"),
  /// negative when the text says BC or BCE.
  static func year(of written: String) -> Int? {
    let upper = written.uppercased()
    let era = upper.contains("BC") || upper.contains("AD") || upper.contains("A.D.")
    let runs = written.split(whereSeparator: { !$0.isNumber })
      .filter { (era ? 1...4 : 3...4).contains($0.count) }
    guard let last = runs.last, let value = Int(String(last)) else { return nil }
    return upper.contains("BC") ? -value : value
  }
}

/// Claim recall and precision of the extractor against gold claims, scored as the held-out
/// measure does: a gold row is found when a claim stands on its line (the line of the claim's
/// date) with its year and names its entity; a claim is right when it matches some gold row so.
///
/// "Names its entity": the claim's subject, or the long name of an acronym the document defines,
/// shares all its content words with the entity as written or with the canonical name (without
/// its qualifier), or the other way round. A range value has two years and matches either.
public struct ClaimScore: Sendable {
  public var gold = 0
  public var found = 0
  public var claims = 0
  public var right = 0
  public var misses: [String] = []
  public var falseClaims: [String] = []

  public var recall: Double { gold == 0 ? 1 : Double(found) / Double(gold) }
  public var precision: Double { claims == 0 ? 1 : Double(right) / Double(claims) }

  public init() {}

  /// Scores one document's text against the gold rows for it.
  public static func score(file: String, text: [UInt8], gold: [GoldClaim]) -> ClaimScore {
    let extraction = Extractor().extract(text)
    let lines = LineIndex(text)
    var longNames: [String: String] = [:]
    for definition in extraction.acronyms { longNames[definition.acronymKey] = definition.name }
    let scored = extraction.claims.map { claim in
      ScoredClaim(
        line: lines.position(of: claim.date.range.lowerBound).line,
        names: [claim.subject.text] + (longNames[claim.subject.key].map { [$0] } ?? []),
        years: GoldClaim.years(of: claim.value), claim: claim)
    }
    var score = ClaimScore()
    for row in gold {
      score.gold += 1
      if scored.contains(where: { $0.matches(row) }) {
        score.found += 1
      } else {
        let near = scored.filter { $0.line == row.line }.map(\.summary)
        score.misses.append(
          "\(file):\(row.line): \(row.entity) [\(row.canonical)] \(row.written) (\(row.event))"
            + (near.isEmpty ? "" : "; on the line: " + near.joined(separator: ", ")))
      }
    }
    for claim in scored {
      score.claims += 1
      if gold.contains(where: { claim.matches($0) }) {
        score.right += 1
      } else {
        let sentence = String(decoding: text[claim.claim.sentence], as: UTF8.self)
          .split(whereSeparator: \.isNewline).joined(separator: " ")
        score.falseClaims.append("\(file):\(claim.line): \(claim.summary) in \"\(sentence)\"")
      }
    }
    return score
  }

  public static func total(_ scores: [ClaimScore]) -> ClaimScore {
    var total = ClaimScore()
    for score in scores {
      total.gold += score.gold
      total.found += score.found
      total.claims += score.claims
      total.right += score.right
      total.misses += score.misses
      total.falseClaims += score.falseClaims
    }
    return total
  }

}

private struct ScoredClaim {
  var line: Int
  var names: [String]
  var years: [Int]
  var claim: ExtractedClaim

  var summary: String {
    "\(claim.subject.text) \(claim.predicate.rawValue) \(claim.value.edtf) (\(claim.rule.rawValue))"
  }

  func matches(_ row: GoldClaim) -> Bool {
    line == row.line && years.contains(row.year) && row.isNamed(by: names)
  }
}

extension GoldClaim {
  /// Whether one of a claim's names (its subject, an acronym's long name) names this row's
  /// entity: all its content words are among the entity's as written or the canonical name's
  /// (without its qualifier), or the other way round.
  public func isNamed(by names: [String]) -> Bool {
    let targets = [contentWords(entity), contentWords(withoutQualifier(canonical))]
      .filter { !$0.isEmpty }
    for name in names {
      let words = contentWords(name)
      guard !words.isEmpty else { continue }
      if targets.contains(where: { words.isSubset(of: $0) || $0.isSubset(of: words) }) {
        return true
      }
    }
    return false
  }

  /// The years a claim's value states: one, or both ends of a range.
  public static func years(of value: TemporalValue) -> [Int] {
    switch value {
    case .point(let date): return [date.year]
    case .range(let start, let end): return [start.year, end.year]
    case .decade, .centuries: return []
    }
  }
}

/// "Treaty of Paris (1856)" → "Treaty of Paris".
private func withoutQualifier(_ name: String) -> String {
  guard let open = name.firstIndex(of: "(") else { return name }
  return String(name[..<open])
}

private let functionWords: Set<String> = [
  "the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "its", "this", "that", "s",
]

/// Lower-case words of a name without function words; hyphens and dashes separate words and
/// apostrophes are dropped ("Thirty Years' War" and "Thirty Years War" agree).
func contentWords(_ name: String) -> Set<String> {
  let folded = name.lowercased().replacingOccurrences(of: "’", with: "")
    .replacingOccurrences(of: "'", with: "")
  let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
  return Set(words.filter { !functionWords.contains($0) })
}

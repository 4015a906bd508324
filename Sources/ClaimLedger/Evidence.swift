import ClaimExtraction
import Foundation
import ReferenceFetcher
import Synchronization

/// How a passage of a reference bears on a claim.
public enum Stance: String, Codable, Sendable, CaseIterable {
  /// The reference gives the same date, at a compatible precision, for a compatible event.
  case supports
  /// The reference gives another date for the same subject and event.
  case contradicts
  /// The reference names the subject there without a date that can be compared.
  case mentions
}

/// What the evidence found for a claim suggests, before a reviewer decides.
public enum Suggestion: String, Codable, Sendable, CaseIterable {
  case supported, contradicted, mixed
  /// Only mentions: the references name the subject but do not date it comparably.
  case mentioned

  public init?(_ evidence: [Evidence]) {
    guard !evidence.isEmpty else { return nil }
    let supports = evidence.contains { $0.stance == .supports }
    let contradicts = evidence.contains { $0.stance == .contradicts }
    switch (supports, contradicts) {
    case (true, true): self = .mixed
    case (true, false): self = .supported
    case (false, true): self = .contradicted
    case (false, false): self = .mentioned
    }
  }
}

/// A passage of a fetched reference that bears on a claim.
public struct Evidence: Codable, Sendable, Hashable {
  public var source: String
  /// SHA-256 of the snapshot searched.
  public var snapshot: String
  public var url: String
  public var stance: Stance
  /// The sentence of the reference, white space folded (long ones shortened).
  public var quote: String
  /// Where the passage stands in the snapshot's text (`<sha256>.txt`), 1-based.
  public var line: Int
  public var column: Int
  /// The reference's own claim, when it dates the subject there.
  public var predicate: ClaimPredicate?
  public var value: ClaimValue?
  /// Set when the evidence is the reference's identity rather than one of its sentences: the
  /// entity the whole reference is about, with the date that tells it from others of its name
  /// ("Treaty of Westminster (1654)"); `value` is that date.
  public var about: String?

  public init(
    source: String, snapshot: String, url: String, stance: Stance, quote: String, line: Int,
    column: Int, predicate: ClaimPredicate?, value: ClaimValue?, about: String? = nil
  ) {
    self.about = about
    self.source = source
    self.snapshot = snapshot
    // Never a password, whatever the caller passed: evidence is written and reported.
    self.url = URLRule.redacted(url)
    self.stance = stance
    self.quote = quote
    self.line = line
    self.column = column
    self.predicate = predicate
    self.value = value
  }
}

/// `Claims/evidence.json`: what the last `verify` found, deterministic (sorted, no times).
///
/// On disk each piece of evidence names only its source; the snapshot searched and its URL
/// are listed once under `snapshots` (ten thousand claims with a dozen passages each made a
/// 52 MB file when every passage repeated them).
public struct EvidenceFile: Sendable, Equatable {
  public struct Searched: Codable, Sendable, Equatable {
    public var source: String
    public var sha256: String
    public var url: String

    public init(source: String, sha256: String, url: String) {
      self.source = source
      self.sha256 = sha256
      self.url = URLRule.redacted(url)
    }
  }

  public struct ClaimEvidence: Sendable, Equatable {
    public var claim: String
    public var evidence: [Evidence]

    public init(claim: String, evidence: [Evidence]) {
      self.claim = claim
      self.evidence = evidence
    }
  }

  public var schema = 1
  /// The snapshots searched: the current one of each registered source.
  public var snapshots: [Searched]
  /// Claims with at least one piece of evidence, by claim id.
  public var claims: [ClaimEvidence]

  public static func load(_ workspace: Workspace) throws -> EvidenceFile? {
    let path = workspace.evidenceFile
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let shown = workspace.relative(path)
    let bytes: [UInt8]
    do { bytes = try readFileBytes(path) } catch {
      throw LedgerError.unreadable(path: shown, reason: readReason(error))
    }
    let stored = try Stored.read(bytes, shown: shown, hint: "; run 'claimledger verify'")
    guard stored.schema == 1 else {
      throw LedgerError.corruptLedger(path: shown, message: "unsupported schema \(stored.schema)")
    }
    var bySource: [String: Searched] = [:]
    for snapshot in stored.snapshots { bySource[snapshot.source] = snapshot }
    var claims: [ClaimEvidence] = []
    for claim in stored.claims {
      var evidence: [Evidence] = []
      for item in claim.evidence {
        guard let snapshot = bySource[item.source] else {
          throw LedgerError.corruptLedger(
            path: shown,
            message: "evidence for \(claim.claim) names '\(item.source)', which is not among"
              + " the snapshots searched; run 'claimledger verify'")
        }
        evidence.append(
          Evidence(
            source: item.source, snapshot: snapshot.sha256, url: snapshot.url,
            stance: item.stance, quote: item.quote, line: item.line, column: item.column,
            predicate: item.predicate, value: item.value, about: item.about))
      }
      claims.append(ClaimEvidence(claim: claim.claim, evidence: evidence))
    }
    return EvidenceFile(snapshots: stored.snapshots, claims: claims)
  }

  /// Evidence by claim id.
  public var byClaim: [String: [Evidence]] {
    Dictionary(claims.map { ($0.claim, $0.evidence) }, uniquingKeysWith: { first, _ in first })
  }

  public init(snapshots: [Searched], claims: [ClaimEvidence]) {
    self.snapshots = snapshots
    self.claims = claims
  }

  /// The file's bytes: keys sorted, indented, a final newline.
  public func encoded() -> Data {
    var json = PrettyJSON(capacity: claims.count * 1024)
    json.beginObject()
    json.key("claims")
    json.beginArray()
    for claim in claims {
      json.beginObject()
      json.member("claim", claim.claim)
      json.key("evidence")
      json.beginArray()
      for item in claim.evidence { json.evidence(item, withSnapshot: false) }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.member("schema", schema)
    json.key("snapshots")
    json.beginArray()
    for snapshot in snapshots {
      json.beginObject()
      json.member("sha256", snapshot.sha256)
      json.member("source", snapshot.source)
      json.member("url", URLRule.redacted(snapshot.url))
      json.endObject()
    }
    json.endArray()
    json.endObject()
    return json.data
  }

  /// The form on disk.
  struct Stored: Decodable {
    struct Claim: Decodable {
      var claim: String
      var evidence: [Item]
    }
    struct Item: Decodable {
      var source: String
      var stance: Stance
      var quote: String
      var line: Int
      var column: Int
      var predicate: ClaimPredicate?
      var value: ClaimValue?
      var about: String?
    }
    var schema: Int
    var snapshots: [Searched]
    var claims: [Claim]
  }
}

extension Workspace {
  public var evidenceFile: String { claimsFolder + "/evidence.json" }
}

/// What `verify` did.
public struct VerifyReport: Sendable {
  public var sources: Int
  public var snapshots: Int
  public var claims: Int
  /// Claims with evidence, by what it suggests.
  public var suggestions: [Suggestion: Int]
  /// Claims the references contradict, with that evidence, in document order.
  public var contradicted: [(claim: ResolvedClaim, evidence: [Evidence])]
  /// Whether `Claims/evidence.json` changed.
  public var changed: Bool
  /// Passages beyond the first few of one stance from one page for one claim, not kept.
  public var passagesLeftOut = 0

  public init(
    sources: Int, snapshots: Int, claims: Int, suggestions: [Suggestion: Int],
    contradicted: [(claim: ResolvedClaim, evidence: [Evidence])], changed: Bool
  ) {
    self.sources = sources
    self.snapshots = snapshots
    self.claims = claims
    self.suggestions = suggestions
    self.contradicted = contradicted
    self.changed = changed
  }
}

extension VerifyReport {
  /// One warning per claim the references contradict, at the claim's date.
  public var diagnostics: [Diagnostic] {
    Diagnostic.inFileOrder(
      contradicted.map { Diagnostic.contradicted($0.claim, by: $0.evidence) })
  }
}

extension Diagnostic {
  /// The warning at a claim that references contradict, quoting the first of them.
  public static func contradicted(_ claim: ResolvedClaim, by evidence: [Evidence]) -> Diagnostic {
    let said =
      "\"\(claim.entity.name)\" \(claim.claim.predicate.rawValue) \(claim.claim.value.display)"
    let message: String
    // No same-named entity the references know fits the date: say which they know.
    let identities = evidence.filter { $0.about != nil }
    if !identities.isEmpty && identities.count == evidence.count {
      let years = Array(Set(identities.compactMap { $0.value?.display })).sorted()
      let known =
        years.count == 1
        ? "a \(claim.entity.name) of \(years[0])"
        : "\(pluralName(claim.entity.name)) of \(listed(years))"
      message = said + " here, but the references know \(known)"
    } else {
      let first = evidence[0]
      let more = evidence.count > 1 ? " (and \(evidence.count - 1) more)" : ""
      let theirs = first.value.map { " gives \($0.display)" } ?? " disagrees"
      message = said + " here but \(first.source)\(theirs): \"\(first.quote)\"\(more)"
    }
    return Diagnostic(
      path: claim.document, line: claim.claim.location.line,
      column: claim.claim.location.column, severity: .warning, message: message,
      code: "contradicted \(claim.claim.id)")
  }
}

extension PrettyJSON {
  /// One piece of evidence, keys sorted. The evidence file leaves out the snapshot and URL
  /// (listed once per source there); reports include them.
  public mutating func evidence(_ item: Evidence, withSnapshot: Bool) {
    beginObject()
    if let about = item.about { member("about", about) }
    member("column", item.column)
    member("line", item.line)
    member("predicate", item.predicate?.rawValue)
    member("quote", item.quote)
    if withSnapshot { member("snapshot", item.snapshot) }
    member("source", item.source)
    member("stance", item.stance.rawValue)
    if withSnapshot { member("url", item.url) }
    if let value = item.value {
      key("value")
      self.value(value)
    }
    endObject()
  }
}

/// "Treaty of Westminster" → "Treaties of Westminster", "Battle of Narva" → "Battles of Narva":
/// the head noun before "of" in the plural; other names take an "s".
func pluralName(_ name: String) -> String {
  var words = name.split(separator: " ").map(String.init)
  let head = words.firstIndex(of: "of").map { $0 - 1 } ?? words.count - 1
  guard head >= 0 else { return name }
  let word = words[head]
  if word.hasSuffix("y") && !word.hasSuffix("ay") && !word.hasSuffix("ey") {
    words[head] = word.dropLast() + "ies"
  } else if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("ch") {
    words[head] = word + "es"
  } else {
    words[head] = word + "s"
  }
  return words.joined(separator: " ")
}

/// "1654 and 1674", "1654, 1674 and 1678".
func listed(_ items: [String]) -> String {
  guard items.count > 1 else { return items.first ?? "" }
  return items.dropLast().joined(separator: ", ") + " and " + items.last!
}

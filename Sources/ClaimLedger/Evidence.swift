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
    // Never a password, whatever the caller passed: evidence is written and reported.
    self.init(
      of: EvidenceFile.Searched(source: source, sha256: snapshot, url: url), stance: stance,
      passage: EvidenceFile.Passage(
        quote: quote, line: line, column: column, predicate: predicate, value: value,
        about: about))
  }

  /// A passage of a snapshot searched (its URL redacted already) with the claim's stance.
  public init(of snapshot: EvidenceFile.Searched, stance: Stance, passage: EvidenceFile.Passage) {
    source = snapshot.source
    self.snapshot = snapshot.sha256
    url = snapshot.url
    self.stance = stance
    quote = passage.quote
    line = passage.line
    column = passage.column
    predicate = passage.predicate
    value = passage.value
    about = passage.about
  }

  /// The order of `evidence.json`: by source, then where the passage stands (then what it
  /// says), then stance. A claim's evidence reads back in this order.
  public static func inFileOrder(_ first: Evidence, _ second: Evidence) -> Bool {
    if first.source != second.source { return first.source < second.source }
    // Most pairs differ in place: decided without copying either into a passage.
    if first.line != second.line { return first.line < second.line }
    if first.column != second.column { return first.column < second.column }
    let (one, other) = (EvidenceFile.Passage(first), EvidenceFile.Passage(second))
    if one != other { return EvidenceFile.Passage.inFileOrder(one, other) }
    return first.stance.rawValue < second.stance.rawValue
  }
}

/// How much one source may give one claim. The dated sentences (those that support or
/// contradict the claim's date) come first, at most `dated` of each stance; then at most
/// `mentions` sentences that only name the subject. A long page can name a subject in every
/// sentence, and then every claim on it would carry the whole page: a reviewer reads the first
/// few, and the suggestion depends only on which stances occur, so it is the same with the cap.
public enum EvidenceCap {
  /// Passages of one dated stance (supports, contradicts) per claim and source.
  public static let dated = 5
  /// Mentions per claim and source. Two: the first says where the page names the subject, a
  /// second that it is not a passing reference; more say nothing a reviewer needs, and they
  /// were most of the file (a name is mentioned far more often than it is dated).
  public static let mentions = 2

  public static func limit(_ stance: Stance) -> Int {
    stance == .mentions ? mentions : dated
  }

  /// At most this many items per claim and source.
  public static var perSource: Int { 2 * dated + mentions }
}

/// `Claims/evidence.json`: what the last `verify` found, deterministic (sorted, no times).
///
/// Schema 2 lists every passage of a snapshot once, under its snapshot, and each claim cites
/// passages by `[snapshot, passage]` index under its stance: ten thousand claims on 400
/// subjects cited each passage some 25 times, and schema 1, which wrote the passage into each
/// claim, came to 81.6 MB against 1,000 references. One line per claim and per passage keeps
/// it compact and its diffs readable. Schema 1 files are still read.
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

  /// A passage of a snapshot: a piece of evidence without the claim's stance.
  public struct Passage: Codable, Sendable, Hashable {
    public var quote: String
    public var line: Int
    public var column: Int
    public var predicate: ClaimPredicate?
    public var value: ClaimValue?
    public var about: String?

    public init(
      quote: String, line: Int, column: Int, predicate: ClaimPredicate?, value: ClaimValue?,
      about: String? = nil
    ) {
      self.quote = quote
      self.line = line
      self.column = column
      self.predicate = predicate
      self.value = value
      self.about = about
    }

    init(_ evidence: Evidence) {
      self.init(
        quote: evidence.quote, line: evidence.line, column: evidence.column,
        predicate: evidence.predicate, value: evidence.value, about: evidence.about)
    }

    /// Where it stands in the snapshot, then what it says: a total order for the file.
    static func inFileOrder(_ first: Passage, _ second: Passage) -> Bool {
      if first.line != second.line { return first.line < second.line }
      if first.column != second.column { return first.column < second.column }
      if first.quote != second.quote { return first.quote < second.quote }
      let predicates = (first.predicate?.rawValue ?? "", second.predicate?.rawValue ?? "")
      if predicates.0 != predicates.1 { return predicates.0 < predicates.1 }
      let values = (
        [first.value?.edtf, first.value?.display, first.value?.precision.rawValue],
        [second.value?.edtf, second.value?.display, second.value?.precision.rawValue]
      )
      for (one, other) in zip(values.0, values.1) where one != other {
        return (one ?? "") < (other ?? "")
      }
      return (first.about ?? "") < (second.about ?? "")
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

  /// The schema this version writes (a file of schema 1 is read into the same form).
  public let schema = 2
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
    return try Stored.read(bytes, shown: shown, hint: Stored.hint).resolved(shown: shown)
  }

  /// Evidence by claim id.
  public var byClaim: [String: [Evidence]] {
    Dictionary(claims.map { ($0.claim, $0.evidence) }, uniquingKeysWith: { first, _ in first })
  }

  public init(snapshots: [Searched], claims: [ClaimEvidence]) {
    self.snapshots = snapshots
    self.claims = claims
  }

  /// The file's bytes (schema 2): snapshots by source, each with its passages in the order
  /// they stand; claims by id, each citing `[snapshot, passage]` under its stances; keys
  /// sorted, a final newline. The same evidence in any order gives the same bytes.
  public func encoded() -> Data {
    // The snapshots: those searched, and any a piece of evidence names that is not among them.
    var searched: [Searched] = []
    var seen = Set<String>()
    for snapshot in snapshots where seen.insert(snapshot.source).inserted {
      searched.append(snapshot)
    }
    for claim in claims {
      for item in claim.evidence where seen.insert(item.source).inserted {
        searched.append(Searched(source: item.source, sha256: item.snapshot, url: item.url))
      }
    }
    searched.sort { $0.source < $1.source }
    let snapshotIndex = Dictionary(
      uniqueKeysWithValues: searched.enumerated().map { ($0.element.source, $0.offset) })

    // Each passage once, numbered first as met, then in the order it stands in its snapshot.
    // Claims that share one array of evidence (verify gives all claims of one subject and
    // date the same) are looked at once: while this runs, the array's storage identifies it.
    var numbered = [[Passage: Int]](repeating: [:], count: searched.count)
    var passages = [[Passage]](repeating: [], count: searched.count)
    var lists: [[Citation]] = []
    var listOfStorage: [UnsafeRawPointer: Int] = [:]
    var listOfClaim: [Int] = []
    listOfClaim.reserveCapacity(claims.count)
    for claim in claims {
      let storage = claim.evidence.withUnsafeBufferPointer {
        $0.baseAddress.map(UnsafeRawPointer.init)
      }
      if let storage, let known = listOfStorage[storage] {
        listOfClaim.append(known)
        continue
      }
      var citations: [Citation] = []
      citations.reserveCapacity(claim.evidence.count)
      for item in claim.evidence {
        // Every source named is among `searched`, added above when missing.
        let snapshot = snapshotIndex[item.source]!
        let passage = Passage(item)
        let number: Int
        if let known = numbered[snapshot][passage] {
          number = known
        } else {
          number = passages[snapshot].count
          numbered[snapshot][passage] = number
          passages[snapshot].append(passage)
        }
        citations.append(Citation(stance: item.stance, snapshot: snapshot, passage: number))
      }
      if let storage { listOfStorage[storage] = lists.count }
      listOfClaim.append(lists.count)
      lists.append(citations)
    }
    var renumbered: [[Int]] = []
    for snapshot in searched.indices {
      let order = passages[snapshot].indices.sorted {
        Passage.inFileOrder(passages[snapshot][$0], passages[snapshot][$1])
      }
      var final = [Int](repeating: 0, count: order.count)
      for (position, first) in order.enumerated() { final[first] = position }
      renumbered.append(final)
      passages[snapshot] = order.map { passages[snapshot][$0] }
    }
    // What follows a claim's id on its line: `,"mentions":[[0,3],[2,1]],"supports":[[0,2]]`.
    let stances = Stance.allCases.sorted { $0.rawValue < $1.rawValue }
    let cites: [[UInt8]] = lists.map { citations in
      var text = ""
      for stance in stances {
        let pairs = citations.filter { $0.stance == stance }
          .map { ($0.snapshot, renumbered[$0.snapshot][$0.passage]) }
          .sorted { $0 < $1 }
        guard !pairs.isEmpty else { continue }
        text += ",\"\(stance.rawValue)\":["
        text += pairs.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        text += "]"
      }
      return Array(text.utf8)
    }

    var out = EvidenceWriter(capacity: claims.count * 128 + passages.count * 2048)
    out.text("{\n  \"claims\" : [")
    let claimOrder = claims.indices.sorted { claims[$0].claim < claims[$1].claim }
    for (position, index) in claimOrder.enumerated() {
      out.text(position == 0 ? "\n    {\"claim\":" : ",\n    {\"claim\":")
      out.string(claims[index].claim)
      out.append(cites[listOfClaim[index]])
      out.text("}")
    }
    out.text(claimOrder.isEmpty ? "],\n" : "\n  ],\n")
    out.text("  \"schema\" : \(schema),\n  \"snapshots\" : [")
    for (index, snapshot) in searched.enumerated() {
      out.text(index == 0 ? "\n    {\n      \"passages\" : [" : ",\n    {\n      \"passages\" : [")
      for (position, passage) in passages[index].enumerated() {
        out.text(position == 0 ? "\n        " : ",\n        ")
        var line = PrettyJSON(compact: true)
        line.passage(passage)
        out.append(line.bytes)
      }
      out.text(passages[index].isEmpty ? "],\n" : "\n      ],\n")
      out.text("      \"sha256\" : ")
      out.string(snapshot.sha256)
      out.text(",\n      \"source\" : ")
      out.string(snapshot.source)
      out.text(",\n      \"url\" : ")
      out.string(URLRule.redacted(snapshot.url))
      out.text("\n    }")
    }
    out.text(searched.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return Data(out.bytes)
  }

  /// A claim's citation of a passage while the file is written.
  private struct Citation {
    var stance: Stance
    var snapshot: Int
    var passage: Int
  }

  /// The form on disk, either schema.
  struct Stored: Decodable {
    static let hint = "; run 'claimledger verify'"

    struct Snapshot: Decodable {
      var source: String
      var sha256: String
      var url: String
      /// Schema 2: the passages claims cite.
      var passages: [Passage]?
    }

    /// A claim's citation of a passage: `[snapshot, passage]`, indices into the file's lists.
    struct Reference: Decodable, Equatable {
      var snapshot: Int
      var passage: Int
      /// Where it stands in the file, when the scanner read it: for errors.
      var offset: Int?

      init(snapshot: Int, passage: Int, offset: Int?) {
        self.snapshot = snapshot
        self.passage = passage
        self.offset = offset
      }

      init(from decoder: Decoder) throws {
        var pair = try decoder.unkeyedContainer()
        snapshot = try pair.decode(Int.self)
        passage = try pair.decode(Int.self)
        guard pair.isAtEnd, snapshot >= 0, passage >= 0 else {
          throw DecodingError.dataCorruptedError(
            in: pair, debugDescription: "a reference is two indices, [snapshot, passage]")
        }
      }

      static func == (first: Reference, second: Reference) -> Bool {
        first.snapshot == second.snapshot && first.passage == second.passage
      }
    }

    struct Claim: Decodable {
      var claim: String
      /// Schema 1: each piece of evidence written out.
      var evidence: [Item]?
      /// Schema 2: the passages cited, by stance.
      var supports: [Reference]?
      var contradicts: [Reference]?
      var mentions: [Reference]?

      var references: [Stance: [Reference]] {
        var result: [Stance: [Reference]] = [:]
        result[.supports] = supports
        result[.contradicts] = contradicts
        result[.mentions] = mentions
        return result
      }
    }

    /// A piece of evidence in schema 1.
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
    var snapshots: [Snapshot]
    var claims: [Claim]

    /// The first reference (in file order) to a snapshot or passage the file does not list:
    /// where it stands, when known, and what is wrong.
    func danglingReference() -> (offset: Int?, message: String)? {
      guard schema == 2 else { return nil }
      for claim in claims {
        for (stance, references) in claim.references.sorted(by: {
          $0.key.rawValue < $1.key.rawValue
        }) {
          for reference in references {
            guard snapshots.indices.contains(reference.snapshot) else {
              return (
                reference.offset,
                "\(claim.claim) cites snapshot \(reference.snapshot) (\(stance.rawValue)), but"
                  + " the file lists \(snapshots.count)"
              )
            }
            let listed = snapshots[reference.snapshot].passages?.count ?? 0
            guard (0..<listed).contains(reference.passage) else {
              return (
                reference.offset,
                "\(claim.claim) cites passage \(reference.passage) of snapshot"
                  + " \(reference.snapshot) (\(snapshots[reference.snapshot].source),"
                  + " \(stance.rawValue)), which lists \(listed)"
              )
            }
          }
        }
      }
      return nil
    }

    /// The file in memory: every citation resolved, in the file's order.
    func resolved(shown: String) throws -> EvidenceFile {
      let searched = snapshots.map { Searched(source: $0.source, sha256: $0.sha256, url: $0.url) }
      switch schema {
      case 1:
        return try schemaOne(searched, shown: shown)
      case 2:
        // The scanner has checked this already, at the reference's line; JSONDecoder has not.
        // Every reference is known to be in range from here on.
        if let dangling = danglingReference() {
          throw LedgerError.corruptLedger(path: shown, message: dangling.message + Self.hint)
        }
        var claims: [ClaimEvidence] = []
        claims.reserveCapacity(self.claims.count)
        for claim in self.claims {
          var cited: [(reference: Reference, stance: Stance)] = []
          for (stance, references) in claim.references {
            for reference in references { cited.append((reference, stance)) }
          }
          cited.sort {
            ($0.reference.snapshot, $0.reference.passage, $0.stance.rawValue)
              < ($1.reference.snapshot, $1.reference.passage, $1.stance.rawValue)
          }
          claims.append(
            ClaimEvidence(
              claim: claim.claim,
              evidence: cited.map { reference, stance in
                Evidence(
                  of: searched[reference.snapshot], stance: stance,
                  passage: (snapshots[reference.snapshot].passages ?? [])[reference.passage])
              }))
        }
        return EvidenceFile(snapshots: searched, claims: claims)
      default:
        throw LedgerError.corruptLedger(
          path: shown, message: "unsupported schema \(schema)" + Self.hint)
      }
    }

    private func schemaOne(_ searched: [Searched], shown: String) throws -> EvidenceFile {
      var bySource: [String: Searched] = [:]
      for snapshot in searched { bySource[snapshot.source] = snapshot }
      var claims: [ClaimEvidence] = []
      for claim in self.claims {
        guard let items = claim.evidence else {
          throw LedgerError.corruptLedger(
            path: shown, message: "\(claim.claim) has no evidence listed" + Self.hint)
        }
        var evidence: [Evidence] = []
        for item in items {
          guard let snapshot = bySource[item.source] else {
            throw LedgerError.corruptLedger(
              path: shown,
              message: "evidence for \(claim.claim) names '\(item.source)', which is not among"
                + " the snapshots searched" + Self.hint)
          }
          evidence.append(
            Evidence(
              of: snapshot, stance: item.stance,
              passage: Passage(
                quote: item.quote, line: item.line, column: item.column,
                predicate: item.predicate, value: item.value, about: item.about)))
        }
        claims.append(ClaimEvidence(claim: claim.claim, evidence: evidence))
      }
      return EvidenceFile(snapshots: searched, claims: claims)
    }
  }
}

/// Bytes of `evidence.json`: its frame written as text, its lines by ``PrettyJSON``.
private struct EvidenceWriter {
  var bytes: [UInt8] = []

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }
  mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

  mutating func string(_ value: String) {
    var json = PrettyJSON(compact: true)
    json.string(value)
    bytes.append(contentsOf: json.bytes)
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
  /// Passages beyond ``EvidenceCap`` (per claim and source), not kept, by stance.
  public var passagesLeftOutByStance: [Stance: Int] = [:]
  /// Passages beyond ``EvidenceCap``, not kept.
  public var passagesLeftOut: Int { passagesLeftOutByStance.values.reduce(0, +) }

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
  /// A passage as `evidence.json` lists it under its snapshot, keys sorted.
  mutating func passage(_ passage: EvidenceFile.Passage) {
    beginObject()
    if let about = passage.about { member("about", about) }
    member("column", passage.column)
    member("line", passage.line)
    member("predicate", passage.predicate?.rawValue)
    member("quote", passage.quote)
    if let value = passage.value {
      key("value")
      self.value(value)
    }
    endObject()
  }

  /// One piece of evidence, keys sorted, for reports: with its snapshot and URL when
  /// `withSnapshot` (the evidence file lists passages apart, see ``EvidenceFile/encoded()``).
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

import ClaimExtraction
import Foundation
import Synchronization

/// The claims of a workspace as read from `Claims/ledger/`, with workspace-wide knowledge
/// applied: aliases, acronyms defined in any document, and curated splits.
public struct Ledger: Sendable {
  public let workspace: Workspace
  public let documents: [LedgerDocument]
  public let aliases: AliasTable
  /// Every claim with the entity it is about, ordered by document then position.
  public let claims: [ResolvedClaim]

  public init(
    workspace: Workspace, documents: [LedgerDocument], aliases: AliasTable,
    review: ReviewRecords = ReviewRecords(), sources: [Source] = []
  ) {
    self.workspace = workspace
    self.documents = documents.sorted { $0.document < $1.document }
    self.aliases = aliases
    self.review = review
    let resolver = EntityResolver(documents: self.documents, aliases: aliases)
    var claims = resolver.resolve()
    let statuses = StatusDeriver(records: review)
    statuses.apply(to: &claims)
    self.claims = claims
    self.expansions = resolver.expansions()
    // A claim a reviewer called an extraction error takes part in no conflict; a conflict
    // judged to be about distinct entities, or resolved, is no longer reported.
    var reported: [Conflict] = []
    var settled: [Conflict] = []
    var detector = ConflictDetector(
      known: Self.knownEntities(
        sources: sources, evidence: review.evidence, aliases: aliases,
        expansions: self.expansions))
    for conflict in detector.conflicts(in: claims.filter { $0.status != .notAClaim }) {
      let verdict = statuses.latestVerdict(on: conflict.id)?.status
      if verdict == .distinctEntities || verdict == .resolved {
        settled.append(conflict)
      } else {
        reported.append(conflict)
      }
    }
    self.conflicts = reported
    self.settledConflicts = settled
    self.splitSuggestions = detector.splits
    self.calendarNotes = detector.calendarPairs
    var leftOut: [String: Int] = [:]
    if !detector.splitsLeftOut.isEmpty {
      for claim in claims {
        let group = ConflictDetector.splitGroup(entity: claim.entity.key, claim.claim)
        guard let count = detector.splitsLeftOut[group] else { continue }
        leftOut[
          claim.document + ":\(claim.claim.location.line):\(claim.claim.location.column)",
          default: 0] += count
      }
    }
    self.notesLeftOut = leftOut
  }

  /// Possible-split notes not kept, by place (`path:line:col`): counted in the notes.
  let notesLeftOut: [String: Int]

  /// What the references know of same-named entities: registered sources whose titles carry a
  /// date ("Treaty of Westminster (1654)", as `discover` registers them), and the references
  /// the last `verify` found to be about one entity (their evidence says `about`).
  static func knownEntities(
    sources: [Source], evidence: [String: [Evidence]], aliases: AliasTable,
    expansions: [String: String]
  ) -> KnownEntities {
    var known = KnownEntities()
    func key(_ name: String) -> String {
      EntityResolver.canonical(EntityKey.normalize(name), aliases: aliases, expansions: expansions)
    }
    for source in sources {
      guard let title = source.title, let parsed = KnownEntities.qualifiedTitle(title) else {
        continue
      }
      known.add(key: key(parsed.name), qualifier: parsed.qualifier, shown: parsed.shown)
    }
    // Thousands of claims cite the same few identities: each is read once.
    var seen = Set<String>()
    for item in evidence.values.joined() {
      guard let about = item.about, let value = item.value?.temporal,
        seen.insert(about + "\u{0}" + value.edtf).inserted,
        let parsed = KnownEntities.qualifiedTitle(about)
      else { continue }
      known.add(key: key(parsed.name), qualifier: value, shown: about)
    }
    return known
  }

  /// Reads every ledger file of the workspace, with the evidence and verdicts recorded (or
  /// without them, for work that needs only the claims: `verify` replaces the evidence).
  public static func load(_ workspace: Workspace, withReview: Bool = true) throws -> Ledger {
    let aliases = try AliasTable.load(workspace)
    let store = LedgerStore(workspace: workspace)
    // Ledger files are decoded on every core: a workspace of a thousand documents spent a
    // fifth of a `verify` reading them one by one.
    let paths = try store.paths()
    let read = Mutex([Int: Result<LedgerDocument, Error>]())
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      let result = Result { try store.read(paths[index]) }
      read.withLock { $0[index] = result }
    }
    let documents = try read.withLock { results in
      try paths.indices.map { try results[$0]!.get() }
    }
    return Ledger(
      workspace: workspace, documents: documents, aliases: aliases,
      review: withReview ? try ReviewRecords.load(workspace) : ReviewRecords(),
      sources: (try? SourceRegistry(workspace: workspace).list()) ?? [])
  }

  /// Evidence, verdicts and current snapshots the statuses were derived from.
  public let review: ReviewRecords
  /// Conflicts a reviewer settled (`distinct-entities`, `resolved`): not reported.
  public let settledConflicts: [Conflict]

  /// Conflicting claims, in order of where their first claim stands.
  public let conflicts: [Conflict]
  /// Claims whose dates would conflict but fit distinct entities the references know.
  public let splitSuggestions: [SplitSuggestion]
  /// Claims whose dates differ only by calendar (Old Style and New Style): one date.
  public let calendarNotes: [CalendarPair]

  /// The notes shown beside conflicts (calendar pairs, possible splits): one per claim, never
  /// a finding.
  public var noteDiagnostics: [Diagnostic] {
    Self.boundedPerPlace(
      splitSuggestions.flatMap(\.diagnostics) + calendarNotes.flatMap(\.diagnostics),
      leftOut: notesLeftOut)
  }

  /// How many notes one place gets before the rest are counted.
  public static let notesPerPlace = 3

  /// At most ``notesPerPlace`` notes at one place, then one that counts the rest: a treaty
  /// given a different date in each of a thousand documents would otherwise give each date a
  /// note for every other document (a million lines).
  static func boundedPerPlace(_ notes: [Diagnostic], leftOut: [String: Int] = [:])
    -> [Diagnostic]
  {
    var byPlace: [String: [Diagnostic]] = [:]
    var order: [String] = []
    var seen = Set<Diagnostic>()
    for note in notes where seen.insert(note).inserted {
      if byPlace[note.place] == nil { order.append(note.place) }
      byPlace[note.place, default: []].append(note)
    }
    return order.flatMap { place -> [Diagnostic] in
      let all = byPlace[place]!
      let more = max(all.count - notesPerPlace, 0) + (leftOut[place] ?? 0)
      guard more > 0 else { return all }
      var kept = Array(all.prefix(notesPerPlace))
      kept.append(
        Diagnostic(
          path: all[0].path, line: all[0].line, column: all[0].column, severity: .note,
          message: "and \(more) more note\(more == 1 ? "" : "s") like these at this place",
          code: all.count > notesPerPlace ? all[notesPerPlace].code : all[0].code))
      return kept
    }
  }
  /// Acronym key → key of its long name, from every document's definitions.
  private let expansions: [String: String]

  /// The key of the entity a name refers to, through aliases and acronyms: "NATO" gives
  /// "north atlantic treaty organization" once a document defines it.
  public func entityKey(forName name: String) -> String {
    entityKey(forKey: EntityKey.normalize(name))
  }

  /// The entity key of a normalised name, through aliases and acronyms (`local` are a
  /// reference text's own "Long Name (ACR)" definitions, which come first there).
  public func entityKey(forKey key: String, local: [String: String] = [:]) -> String {
    if let long = local[key] {
      return EntityResolver.canonical(long, aliases: aliases, expansions: expansions)
    }
    return EntityResolver.canonical(key, aliases: aliases, expansions: expansions)
  }

  /// The key of the split of `key` (aliases.yaml `distinct`) whose years hold `value`, else
  /// `key` itself.
  public func splitKey(_ key: String, value: TemporalValue) -> String {
    guard let splits = aliases.splits[key] else { return key }
    return splits.first { EntityResolver.covers($0, value) }?.key ?? key
  }
}

/// A claim together with the document it stands in and the entity it resolves to.
public struct ResolvedClaim: Sendable, Hashable {
  public var claim: Claim
  public var document: String
  public var entity: Entity
  /// Derived from evidence and verdicts when the ledger is read, never stored.
  public var status: ClaimStatus = .unverified
  /// What the evidence suggests, when there is any.
  public var suggestion: Suggestion?
}

/// A canonical subject: the name it is shown under, its key and kind.
public struct Entity: Sendable, Hashable, Codable {
  public var key: String
  public var name: String
  public var kind: EntityKind
}

/// Where a claim stands in review. Derived from evidence and verdicts, never edited by hand.
public enum ClaimStatus: String, Sendable, Codable, CaseIterable {
  case unverified
  case evidenceFound = "evidence-found"
  case supported, refuted, mixed, unverifiable
  case notAClaim = "not-a-claim"
  case needsReview = "needs-review"
}

/// Reads and lists the ledger files.
struct LedgerStore {
  let workspace: Workspace

  /// Relative document paths that have a ledger file, sorted.
  func paths() throws -> [String] { try listing().paths }

  /// The ledger files (as document paths) and the temporary files of interrupted writes, from
  /// one walk. Links to folders outside the workspace are not followed: such a folder is not
  /// the ledger (and a scan refuses to write there).
  func listing() throws -> (paths: [String], temporaries: [String]) {
    guard FileManager.default.fileExists(atPath: workspace.ledgerFolder) else { return ([], []) }
    let listing: FolderListing
    let realRoot = Workspace.realPath(workspace.root)
    do {
      listing = try walkFolder(
        workspace.ledgerFolder,
        follow: { real in realRoot.map { real.hasPrefix($0 == "/" ? "/" : $0 + "/") } ?? false })
    } catch {
      throw LedgerError.unreadable(
        path: workspace.relative(workspace.ledgerFolder), reason: readReason(error))
    }
    let paths = listing.files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    return (paths, listing.temporaries)
  }

  func read(_ document: String) throws -> LedgerDocument {
    let path = workspace.ledgerPath(forDocument: document)
    let shown = workspace.relative(path)
    let bytes: [UInt8]
    do { bytes = try readFileBytes(path) } catch {
      throw LedgerError.unreadable(path: shown, reason: readReason(error))
    }
    let record = try LedgerDocument.read(bytes, shown: shown)
    guard record.schema == 1 else {
      throw LedgerError.corruptLedger(path: shown, message: "unsupported schema \(record.schema)")
    }
    return record
  }

  /// The bytes currently on disk, to leave a file untouched when nothing changed.
  func currentBytes(_ document: String) -> Data? {
    (try? readFileBytes(workspace.ledgerPath(forDocument: document))).map { Data($0) }
  }
}

/// Resolves each claim's subject to a canonical entity.
///
/// Order of knowledge: a `same` group in aliases.yaml, then "Long Name (ACR)" definitions from
/// any document (the most frequent expansion wins when documents disagree), then the group of
/// the expansion, then a curated split by the claim's years.
struct EntityResolver {
  let documents: [LedgerDocument]
  let aliases: AliasTable

  /// Acronym key → long-name key; the most frequent expansion wins, ties to the smaller key.
  func expansions() -> [String: String] {
    var counts: [String: [String: Int]] = [:]
    for document in documents {
      for acronym in document.acronyms {
        counts[EntityKey.normalize(acronym.acronym), default: [:]][
          EntityKey.normalize(acronym.name), default: 0] += 1
      }
    }
    return counts.mapValues { $0.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
  }

  static func canonical(_ key: String, aliases: AliasTable, expansions: [String: String]) -> String
  {
    var key = aliases.canonicalKey[key] ?? key
    if let long = expansions[key] { key = aliases.canonicalKey[long] ?? long }
    return key
  }

  func resolve() -> [ResolvedClaim] {
    var expansionNames: [String: String] = [:]
    for document in documents {
      for acronym in document.acronyms {
        let long = EntityKey.normalize(acronym.name)
        if expansionNames[long] == nil { expansionNames[long] = acronym.name }
      }
    }
    let expansion = expansions()
    func canonical(_ key: String) -> String {
      Self.canonical(key, aliases: aliases, expansions: expansion)
    }

    struct Pending {
      var claim: Claim
      var document: String
      var key: String
      var splitName: String?
    }
    var pending: [Pending] = []
    var surfaces: [String: [String: Int]] = [:]
    var kinds: [String: [EntityKind: Int]] = [:]
    for document in documents {
      for claim in document.claims.sorted(by: { $0.location < $1.location }) {
        var key = canonical(claim.subject.key)
        var splitName: String?
        if let splits = aliases.splits[key], let value = claim.value.temporal,
          let split = splits.first(where: { Self.covers($0, value) })
        {
          key = split.key
          splitName = split.name
        }
        pending.append(
          Pending(claim: claim, document: document.document, key: key, splitName: splitName))
        surfaces[key, default: [:]][claim.subject.text, default: 0] += 1
        kinds[key, default: [:]][claim.subject.kind, default: 0] += 1
      }
    }
    return pending.map { item in
      let name =
        item.splitName ?? aliases.canonicalName[item.key] ?? expansionNames[item.key]
        ?? surfaces[item.key]!.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
      let kind = kinds[item.key]!.max {
        ($0.value, EntityKind.allCases.firstIndex(of: $1.key)!)
          < ($1.value, EntityKind.allCases.firstIndex(of: $0.key)!)
      }!.key
      return ResolvedClaim(
        claim: item.claim, document: item.document,
        entity: Entity(key: item.key, name: name, kind: kind))
    }
  }

  static func covers(_ split: AliasTable.Split, _ value: TemporalValue) -> Bool {
    let span = value.span
    return split.years.contains { $0.contains(span.start.year) && $0.contains(span.end.year) }
  }
}

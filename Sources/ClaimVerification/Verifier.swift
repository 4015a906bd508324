import ClaimExtraction
import ClaimLedger
import DateConflicts
import Foundation
import Synchronization

/// Matches claims against the text of fetched snapshots.
///
/// For each claim, the snapshots of sources that cover its subject (all snapshots when none
/// does) are searched for sentences naming the subject or an alias; the document extractor
/// reads the dates there, and each reference claim on the same entity is compared with the
/// document's claim by the rules conflicts use.
public struct Verifier: Sendable {
  public let workspace: Workspace

  public init(workspace: Workspace) { self.workspace = workspace }

  @discardableResult
  public func perform() throws -> VerifyReport {
    workspace.removeLeftovers()
    let ledger = try Ledger.load(workspace, withReview: false)
    let registry = SourceRegistry(workspace: workspace)
    let sources = try registry.list()
    let current = try FetchLog(workspace: workspace).currentSnapshots()
    let store = SnapshotStore(workspace: workspace)
    var searched: [EvidenceFile.Searched] = []
    for source in sources {
      guard let entry = current[source.id], entry.url == source.url, let sha = entry.sha256,
        FileManager.default.fileExists(atPath: store.textPath(sha))
      else { continue }
      searched.append(EvidenceFile.Searched(source: source.id, sha256: sha, url: source.url))
    }

    // Sentences are indexed by their words only when some claim is an unnamed event.
    let indexEvents = ledger.claims.contains { $0.claim.rule == .event }
    let titles = Dictionary(
      sources.compactMap { source in source.title.map { (source.id, $0) } },
      uniquingKeysWith: { first, _ in first })
    // Each snapshot is read once, on every core.
    let readings = Mutex([Int: Result<ReferenceReading, Error>]())
    let toRead = searched
    DispatchQueue.concurrentPerform(iterations: toRead.count) { index in
      let result = Result {
        try ReferenceReading(
          toRead[index], title: titles[toRead[index].source],
          text: store.textPath(toRead[index].sha256), ledger: ledger,
          shown: workspace.relative(store.textPath(toRead[index].sha256)),
          indexEvents: indexEvents)
      }
      readings.withLock { $0[index] = result }
    }
    let read = try readings.withLock { results in
      try searched.indices.map { try results[$0]!.get() }
    }

    // Which snapshots speak to which subject.
    var coveredBy: [String: [Int]] = [:]
    var coveredByVariant: [String: [Int]] = [:]
    for (index, snapshot) in searched.enumerated() {
      let source = sources.first { $0.id == snapshot.source }!
      for name in Set(source.covers.map(ledger.entityKey(forName:))) {
        coveredBy[name, default: []].append(index)
        coveredByVariant[EntityKey.variant(name), default: []].append(index)
      }
    }
    let everySnapshot = Array(searched.indices)

    // Claims on one subject that give one date find the same passages: each such question is
    // answered once (10,000 claims on 400 subjects are some 3,000), on every core.
    var questions: [(question: Question, asker: ResolvedClaim)] = []
    var questionOfClaim: [Int?] = []
    var asked: [Question: Int] = [:]
    for resolved in ledger.claims {
      guard let value = resolved.claim.value.temporal else {
        questionOfClaim.append(nil)
        continue
      }
      let question = Question(
        base: ledger.entityKey(forKey: resolved.claim.subject.key),
        predicate: resolved.claim.predicate, value: value, entity: resolved.entity)
      if let known = asked[question] {
        questionOfClaim.append(known)
      } else {
        asked[question] = questions.count
        questionOfClaim.append(questions.count)
        questions.append((question, resolved))
      }
    }
    let answered = Mutex([Answer?](repeating: nil, count: questions.count))
    let (toAsk, covered, coveredVariant) = (questions, coveredBy, coveredByVariant)
    DispatchQueue.concurrentPerform(iterations: toAsk.count) { index in
      let (question, asker) = toAsk[index]
      let counted = LeftOutPassages()
      let found = Self.evidence(
        for: asker, value: question.value, base: question.base, leftOut: counted,
        in: covered[question.base] ?? coveredVariant[EntityKey.variant(question.base)]
          ?? everySnapshot, read)
      // In the order the file keeps, so that what is read back is what was found; sorted
      // here, once, so that the claims share one array (the file writes it once).
      let answer = Answer(
        evidence: found.sorted(by: Evidence.inFileOrder), leftOut: counted.byStance,
        suggestion: Suggestion(found))
      answered.withLock { $0[index] = answer }
    }
    let answers = answered.withLock { $0 }

    var claims: [EvidenceFile.ClaimEvidence] = []
    let leftOut = LeftOutPassages()
    var suggestions: [Suggestion: Int] = [:]
    var contradicted: [(claim: ResolvedClaim, evidence: [Evidence])] = []
    for (resolved, question) in zip(ledger.claims, questionOfClaim) {
      guard let question, let answer = answers[question] else { continue }
      let value = toAsk[question].question.value
      for (stance, count) in answer.leftOut { leftOut.add(stance, count) }
      var evidence = answer.evidence
      var suggestion = answer.suggestion
      if evidence.isEmpty, resolved.claim.rule == .event,
        let words = EventWords(resolved.claim.subject.text)
      {
        evidence = read.flatMap {
          $0.eventEvidence(words, claim: (resolved.claim.predicate, value))
        }
        evidence.sort(by: Evidence.inFileOrder)
        suggestion = Suggestion(evidence)
      }
      guard let suggestion else { continue }
      claims.append(EvidenceFile.ClaimEvidence(claim: resolved.claim.id, evidence: evidence))
      suggestions[suggestion, default: 0] += 1
      if suggestion == .contradicted || suggestion == .mixed {
        contradicted.append((resolved, evidence.filter { $0.stance == .contradicts }))
      }
    }
    claims.sort { $0.claim < $1.claim }
    let file = EvidenceFile(
      snapshots: searched.sorted { $0.source < $1.source }, claims: claims)
    let data = file.encoded()
    let existing = try? readFileBytes(workspace.evidenceFile)
    let changed = existing.map { Data($0) != data } ?? true
    if changed { try writeAtomically(data, to: workspace.evidenceFile, within: workspace) }
    var report = VerifyReport(
      sources: Set(searched.map(\.source)).count, snapshots: searched.count,
      claims: ledger.claims.count, suggestions: suggestions, contradicted: contradicted,
      changed: changed)
    report.passagesLeftOutByStance = leftOut.byStance
    return report
  }

  /// What the evidence for a claim depends on (besides the snapshots, the same for all).
  private struct Question: Hashable {
    var base: String
    var predicate: ClaimPredicate
    var value: TemporalValue
    var entity: Entity
  }

  private struct Answer {
    var evidence: [Evidence]
    var leftOut: [Stance: Int]
    var suggestion: Suggestion?
  }

  /// The evidence for one claim in the references that speak to its subject.
  ///
  /// When some of them are about an entity of the subject's name with a date that tells it
  /// apart ("Treaty of Westminster (1654)", "(1674)"), the claim is compared with those whose
  /// date it fits, and with the others only where their sentences cannot be about another of
  /// the known entities. When it fits none, the references contradict it by what they know.
  static func evidence(
    for resolved: ResolvedClaim, value: TemporalValue, base: String,
    leftOut: LeftOutPassages? = nil, in candidates: [Int], _ read: [ReferenceReading]
  ) -> [Evidence] {
    let claim = (resolved.claim.predicate, value)
    let variant = EntityKey.variant(base)
    let identified = candidates.filter { read[$0].identity?.key == base }
    guard !identified.isEmpty, resolved.claim.predicate != .other else {
      return candidates.flatMap {
        read[$0].evidence(
          for: claim, base: base, variant: variant, entity: resolved.entity, leftOut: leftOut)
      }
    }
    let fitting = identified.filter { read[$0].identity!.fits(value) }
    guard !fitting.isEmpty else {
      return identified.filter { read[$0].identity!.speaks(to: resolved.claim.predicate) }
        .compactMap { read[$0].identityEvidence(.contradicts) }
    }
    let others = identified.filter { !fitting.contains($0) }.map { read[$0].identity! }
    // Dates of the other known entities of this name are about them, not this one.
    let notOthers: (TemporalValue) -> Bool = { date in !others.contains { $0.fits(date) } }
    var evidence: [Evidence] = []
    for index in candidates where !others.contains(where: { $0 == read[index].identity }) {
      let reading = read[index]
      let own = reading.identity?.key == base ? reading.identity : nil
      let found = reading.evidence(
        for: claim, base: base, variant: variant, entity: resolved.entity,
        accepting: { date in notOthers(date) && (own?.fits(date) ?? true) }, leftOut: leftOut)
      evidence.append(contentsOf: found)
      // A title that names the entity with its year supports a single-dated entity's date
      // (within the cap: a page whose sentences support it five times says so already).
      if let own, own.fromTitle, resolved.entity.kind == .agreement,
        case .point = own.qualifier,
        ReferenceReading.stance(claim, (.dated, own.qualifier), .agreement) == .supports,
        let item = reading.identityEvidence(.supports)
      {
        if found.count(where: { $0.stance == .supports }) < EvidenceCap.dated {
          evidence.append(item)
        } else {
          leftOut?.add(.supports)
        }
      }
    }
    return evidence
  }
}

/// Passages ``EvidenceCap`` left out, by stance, counted for `verify`'s summary (one verify,
/// one thread).
final class LeftOutPassages: @unchecked Sendable {
  var byStance: [Stance: Int] = [:]

  func add(_ stance: Stance, _ count: Int = 1) { byStance[stance, default: 0] += count }
}

/// One snapshot's text as the extractor reads it: every place it names an entity, with the
/// date it gives there, indexed by entity key.
struct ReferenceReading: Sendable {
  /// A place in the reference: a name, and the reference's claim when it dates it there.
  struct Hit: Sendable {
    var sentence: Int
    /// The entity after aliases and splits (for a claim), or the shared name (for a mention).
    var entity: String
    var claim: (predicate: ClaimPredicate, value: TemporalValue)?
    var line: Int
    var column: Int
  }

  let snapshot: EvidenceFile.Searched
  /// Each sentence as evidence quotes it; empty for those no evidence can quote.
  let quotes: [String]
  /// Hits by the entity key before splits.
  let hits: [String: [Hit]]
  /// The entity the whole reference is about, when its title or lead says so with a date.
  let identity: ReferenceIdentity?
  /// Every date written in each sentence (not inferred, not vague), with where it stands and
  /// the entities the extractor tied it to.
  let datesBySentence: [Int: [WrittenDate]]
  /// The key of the entity the title (or first line) names: what the page is about.
  let titleKey: String
  let titleVariant: String
  /// Names as the reference writes them, by their loose key (``EntityKey/variant(_:)``): every
  /// way it writes one loosely equal name ("Brest-Litovsk Peace", "Treaty of Brest-Litovsk").
  let variants: [String: [String]]
  /// The other names its lead gives its subject, by key and by loose key → the subject's key
  /// (``ReferenceNames``).
  let aliases: [String: String]
  /// The lead: the sentences before this index (title included).
  let leadEnd: Int
  /// Each sentence's word stems (``EventWords``), when some claim is an unnamed event.
  let stems: [Set<String>]

  struct WrittenDate: Sendable {
    var value: TemporalValue
    var line: Int
    var column: Int
    var claimedBy: Set<String>
  }

  init(
    _ snapshot: EvidenceFile.Searched, title: String?, text path: String, ledger: Ledger,
    shown: String, indexEvents: Bool = false
  ) throws {
    self.snapshot = snapshot
    let bytes: [UInt8]
    do { bytes = try readFileBytes(path) } catch {
      throw LedgerError.unreadable(path: shown, reason: readReason(error))
    }
    let extraction = Extractor().extract(bytes)
    var local: [String: String] = [:]
    for definition in extraction.acronyms { local[definition.acronymKey] = definition.nameKey }
    // The registered title first, then the text's first line (a page's heading), then its lead.
    let firstLine = String(
      decoding: bytes.prefix(400).split(separator: 0x0A).first ?? [], as: UTF8.self)
    identity =
      title.flatMap { ReferenceIdentity.fromTitle($0, ledger: ledger) }
      ?? ReferenceIdentity.fromTitle(firstLine, ledger: ledger)
      ?? ReferenceIdentity.fromLead(
        extraction, text: bytes, ledger: ledger, local: local, title: title ?? firstLine)
    // Through the page's own definitions: a page titled "CENTO" that writes "Central Treaty
    // Organization (CENTO)" is about the organisation.
    titleKey = ledger.entityKey(forKey: EntityKey.normalize(title ?? firstLine), local: local)
    titleVariant = EntityKey.variant(titleKey)
    leadEnd = extraction.sentences.count > 4 ? 4 : extraction.sentences.count
    let lines = LineIndex(bytes)
    stems =
      indexEvents ? extraction.sentences.map { EventWords.stems(lines.normalizedText($0)) } : []
    let starts = extraction.sentences.map(\.lowerBound)
    func sentence(of offset: Int) -> Int {
      var low = 0
      var high = starts.count
      while low < high {
        let middle = (low + high) / 2
        if starts[middle] <= offset { low = middle + 1 } else { high = middle }
      }
      return max(0, low - 1)
    }
    // The other names the lead gives the page's subject ("… (CENTO), formerly known as the
    // Middle East Treaty Organization … and also known as the Baghdad Pact") are the subject
    // wherever the page writes them.
    var aliases: [String: String] = [:]
    let titleKey = self.titleKey
    func keyOf(_ mention: EntityMention) -> String {
      ledger.entityKey(forKey: mention.key, local: local)
    }
    for (alias, subject) in ReferenceNames.aliases(
      in: extraction, text: bytes, subject: titleKey, keyOf: keyOf,
      keyOfName: { ledger.entityKey(forName: $0) })
    {
      aliases[alias] = subject
      aliases[EntityKey.variant(alias)] = subject
    }
    self.aliases = aliases
    var hits: [String: [Hit]] = [:]
    var byOffset: [(offset: Int, base: String, hit: Hit)] = []
    for entity in extraction.entities {
      let own = keyOf(entity)
      let base = aliases[own] ?? own
      byOffset.append(
        (
          entity.range.lowerBound, base,
          Hit(
            sentence: sentence(of: entity.range.lowerBound), entity: base, claim: nil, line: 0,
            column: 0)
        ))
    }
    for claim in extraction.claims {
      let own = keyOf(claim.subject)
      let base = aliases[own] ?? own
      // A heading or caption that states no event ("The Alliance in 1990") only names the
      // entity; it neither supports nor contradicts a date.
      // "the prior Treaty of Brest-Litovsk (9 February 1918)": a word that sets the name
      // against another of the same name speaks of that other one.
      let comparable =
        claim.statesEvent && !(claim.rule == .heading && claim.predicate == .dated)
        && !OtherOfName.isMarked(before: claim.subject.range.lowerBound, in: bytes)
      byOffset.append(
        (
          claim.date.range.lowerBound, base,
          Hit(
            sentence: sentence(of: claim.date.range.lowerBound),
            entity: ledger.splitKey(base, value: claim.value),
            claim: comparable ? (claim.predicate, claim.value) : nil, line: 0, column: 0)
        ))
    }
    byOffset.sort { $0.offset < $1.offset }
    var cursor = lines.cursor()
    for item in byOffset {
      var hit = item.hit
      let position = cursor.position(of: item.offset)
      hit.line = position.line
      hit.column = position.column
      hits[item.base, default: []].append(hit)
    }
    self.hits = hits
    // Only the sentences evidence can quote: those that name an entity, the lead, and (for
    // unnamed events) all. A page of a few hundred sentences names a subject in a dozen.
    var quoted = [Bool](repeating: indexEvents, count: extraction.sentences.count)
    for index in 0..<leadEnd { quoted[index] = true }
    for hit in hits.values.joined() { quoted[hit.sentence] = true }
    quotes = zip(extraction.sentences, quoted).map { sentence, needed in
      needed ? Self.quote(lines.normalizedText(sentence)) : ""
    }
    var variants: [String: [String]] = [:]
    for key in hits.keys.sorted() { variants[EntityKey.variant(key), default: []].append(key) }
    self.variants = variants
    var claimedAt: [Int: Set<String>] = [:]
    for claim in extraction.claims {
      claimedAt[claim.date.range.lowerBound, default: []].insert(
        ledger.entityKey(forKey: claim.subject.key, local: local))
    }
    var dates: [Int: [WrittenDate]] = [:]
    cursor = lines.cursor()
    for date in extraction.dates where !date.inferred && !date.value.isVague {
      let position = cursor.position(of: date.range.lowerBound)
      dates[sentence(of: date.range.lowerBound), default: []].append(
        WrittenDate(
          value: date.value, line: position.line, column: position.column,
          claimedBy: claimedAt[date.range.lowerBound] ?? []))
    }
    datesBySentence = dates
  }

  /// Evidence in this snapshot for a claim on `entity` (after splits) whose name has the key
  /// `base` (before splits): one item per sentence and stance.
  func evidence(
    for claim: (ClaimPredicate, TemporalValue), base: String, variant: String, entity: Entity,
    accepting accept: (TemporalValue) -> Bool = { _ in true }, leftOut: LeftOutPassages? = nil
  ) -> [Evidence] {
    // The reference may write the name another way ("Treaty of Brest-Litovsk" for
    // "Brest-Litovsk Treaty", or "Treaty of Nanking" where its lead says "(or Nanjing)"): then
    // its own keys stand for the entity.
    let keys: [String]
    if hits[base] != nil {
      keys = [base]
    } else if let subject = aliases[base] ?? aliases[variant] {
      keys = [subject]
    } else {
      keys = variants[variant] ?? []
    }
    let found =
      keys.count == 1
      ? hits[keys[0]] ?? []
      : keys.flatMap { hits[$0] ?? [] }
        .sorted { ($0.sentence, $0.line, $0.column) < ($1.sentence, $1.line, $1.column) }
    guard !found.isEmpty else { return [] }
    let targets: Set<String> = keys == [base] ? [entity.key] : Set(keys)
    let ownKeys = Set(keys)
    var result: [Evidence] = []
    var kept: [Stance: Int] = [:]
    var sentence = -1
    var group: [Hit] = []
    /// Keeps the first passages of each stance up to ``EvidenceCap``: a page naming the
    /// subject thousands of times would otherwise add thousands of passages to every claim on
    /// it (a 400 KB page and 2,000 claims came to 2 GB). Every stance met is kept once at
    /// least, so the suggestion is the same with the cap.
    func keep(_ stance: Stance, _ evidence: () -> Evidence) {
      guard kept[stance, default: 0] < EvidenceCap.limit(stance) else {
        leftOut?.add(stance)
        return
      }
      kept[stance, default: 0] += 1
      result.append(evidence())
    }
    func flush() {
      guard !group.isEmpty else { return }
      // A sentence dating another entity of the same name (a curated split) is not about
      // this one at all.
      let dated = group.filter { $0.claim != nil }
      if dated.contains(where: { !targets.contains($0.entity) })
        && !dated.contains(where: { targets.contains($0.entity) })
      {
        group = []
        return
      }
      var stances = Set<Stance>()
      // A date that belongs to another entity of the same name the references know is not
      // about this one.
      for hit in dated where targets.contains(hit.entity) && accept(hit.claim!.value) {
        guard let reference = hit.claim,
          let stance = Self.stance(claim, (reference.predicate, reference.value), entity.kind),
          stances.insert(stance).inserted
        else { continue }
        keep(stance) { item(hit, stance) }
      }
      // A sentence that names the entity and writes the claim's date, tied to no other
      // entity, supports it even where the extractor found no claim there ("a personal union
      // … agreed at Kalmar, that from 1397 to 1523 joined …").
      if stances.isEmpty, claim.0 != .other,
        let written = datesBySentence[group[0].sentence]?.first(where: { date in
          date.claimedBy.subtracting(ownKeys).isEmpty && accept(date.value)
            && Self.cooccurrenceSupports(claim, date.value)
        })
      {
        stances.insert(.supports)
        keep(.supports) {
          passage(
            stance: .supports, quote: quotes.isEmpty ? "" : quotes[group[0].sentence],
            line: written.line, column: written.column, predicate: nil,
            value: ClaimValue(written.value))
        }
      }
      if stances.isEmpty { keep(.mentions) { item(group[0], .mentions) } }
      group = []
    }
    func item(_ hit: Hit, _ stance: Stance) -> Evidence {
      passage(
        stance: stance,
        quote: quotes.isEmpty ? "" : quotes[hit.sentence], line: hit.line, column: hit.column,
        predicate: stance == .mentions ? nil : hit.claim?.predicate,
        value: stance == .mentions ? nil : hit.claim.map { ClaimValue($0.value) })
    }
    for hit in found {
      if hit.sentence != sentence {
        flush()
        sentence = hit.sentence
      }
      group.append(hit)
    }
    flush()
    // A page about the entity whose lead writes the claim's date supports it ("The Kalmar
    // Union … from 1397 to 1523 …"), when nothing there contradicts it.
    if ownKeys.contains(titleKey) || titleVariant == variant, claim.0 != .other,
      !result.contains(where: { $0.stance != .mentions })
    {
      for index in 0..<leadEnd {
        guard
          let written = datesBySentence[index]?.first(where: { date in
            date.claimedBy.subtracting(ownKeys).isEmpty && accept(date.value)
              && Self.cooccurrenceSupports(claim, date.value)
          })
        else { continue }
        result.append(
          passage(
            stance: .supports, quote: quotes[index], line: written.line, column: written.column,
            predicate: nil, value: ClaimValue(written.value)))
        break
      }
    }
    return result
  }

  /// Whether a date written beside the entity's name agrees with the claim: the same date at
  /// the shared precision, or for a span the end the claim speaks of (a founding or a
  /// beginning its start, an ending its end, a bare date either).
  static func cooccurrenceSupports(
    _ claim: (ClaimPredicate, TemporalValue), _ written: TemporalValue
  ) -> Bool {
    switch (claim.1, written) {
    case (.point(let ours), .point(let theirs)):
      return ours.agrees(with: theirs)
    case (.point(let ours), .range(let start, let end)):
      switch claim.0 {
      case .ended, .dissolved: return ours.agrees(with: end)
      case .dated: return ours.agrees(with: start) || ours.agrees(with: end)
      default: return ours.agrees(with: start)
      }
    case (.range(let ours, let oursEnd), .range(let start, let end)):
      return ours.agrees(with: start) && oursEnd.agrees(with: end)
    default:
      return false
    }
  }

  /// Support for an unnamed event: the first sentence that tells it (``EventWords``) and writes
  /// its date; a sentence that tells it with another date is a mention.
  func eventEvidence(_ words: EventWords, claim: (ClaimPredicate, TemporalValue)) -> [Evidence] {
    var mention: Evidence?
    for (index, sentence) in stems.enumerated() where words.told(by: sentence) {
      let dates = datesBySentence[index] ?? []
      if let written = dates.first(where: { Self.cooccurrenceSupports(claim, $0.value) }) {
        return [
          passage(
            stance: .supports, quote: quotes[index], line: written.line, column: written.column,
            predicate: nil, value: ClaimValue(written.value))
        ]
      }
      if mention == nil, let first = dates.first {
        mention = passage(
          stance: .mentions, quote: quotes[index], line: first.line, column: first.column,
          predicate: nil, value: nil)
      }
    }
    return mention.map { [$0] } ?? []
  }

  /// A passage of this snapshot as evidence (its URL was redacted once, for the snapshot).
  func passage(
    stance: Stance, quote: String, line: Int, column: Int, predicate: ClaimPredicate?,
    value: ClaimValue?, about: String? = nil
  ) -> Evidence {
    Evidence(
      of: snapshot, stance: stance,
      passage: EvidenceFile.Passage(
        quote: quote, line: line, column: column, predicate: predicate, value: value,
        about: about))
  }

  /// The reference's identity as evidence: "Treaty of Westminster (1654)" with its date.
  func identityEvidence(_ stance: Stance) -> Evidence? {
    guard let identity else { return nil }
    return passage(
      stance: stance,
      quote: identity.shown, line: 1, column: 1, predicate: nil,
      value: ClaimValue(identity.qualifier), about: identity.shown)
  }

  /// How a reference's claim bears on a document's claim about the same entity: conflict
  /// rules decide contradiction; support needs the same event at an agreeing date.
  static func stance(
    _ claim: (ClaimPredicate, TemporalValue), _ reference: (ClaimPredicate, TemporalValue),
    _ kind: EntityKind
  ) -> Stance? {
    if DateRules.contradicts(claim, reference, kind: kind) { return .contradicts }
    return supports(claim, reference, kind) ? .supports : nil
  }

  static func supports(
    _ claim: (ClaimPredicate, TemporalValue), _ reference: (ClaimPredicate, TemporalValue),
    _ kind: EntityKind
  ) -> Bool {
    let (predicate, value) = claim
    let (referencePredicate, referenceValue) = reference
    if predicate == .other || referencePredicate == .other { return false }
    switch kind {
    case .agreement:
      let signing: Set<ClaimPredicate> = [.dated, .signed, .founded]
      guard
        predicate == referencePredicate
          || signing.contains(predicate) && signing.contains(referencePredicate)
      else { return false }
      return DateRules.consistent(value, referenceValue)
    case .organization, .other:
      return predicate == referencePredicate
        && DateRules.consistent(value, referenceValue)
    case .event:
      switch (predicate, referencePredicate, referenceValue) {
      case (.began, .dated, .range(let start, _)):
        return DateRules.consistent(value, .point(start))
      case (.ended, .dated, .range(_, let end)):
        return DateRules.consistent(value, .point(end))
      default:
        return predicate == referencePredicate
          && DateRules.consistent(value, referenceValue)
      }
    }
  }

  /// A sentence as quoted in evidence: whole up to 400 characters, else cut at a word.
  static func quote(_ sentence: String) -> String {
    guard sentence.count > 400 else { return sentence }
    let cut = sentence.prefix(400)
    let end = cut.lastIndex(of: " ") ?? cut.endIndex
    return String(cut[..<end]) + " …"
  }
}

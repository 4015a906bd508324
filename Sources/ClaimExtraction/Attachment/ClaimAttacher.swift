/// Ties each checkable date to the entity (or entities) it is about, and reads the predicate
/// from cue words.
///
/// The rules go from the tightest binding to the loosest, and the first that fits decides:
/// 1. the layout of a line: a date alone on a line, leading a list item ("1955 – …"), after a
///    label ("When: …") or in a heading dates the topic the line names;
/// 2. the name right next to the date: "NAME (DATE)", "NAME DATE", "DATE NAME";
/// 3. the name the date follows through a preposition and a short verb phrase ("NAME, which
///    lasted from DATE", "NAME was signed on DATE"), or a fronted date ("In DATE, NAME …");
/// 4. the subject of the clause, when a verb that dates (a cue such as "signed", or "held",
///    "took place", "lasted") stands between it and the date.
/// A date tied loosely (3) also dates the clause's subject when that is another name ("The
/// treaty ended the war in 1842"), and a dated agreement that ends a named war dates the war's
/// end. An anaphor ("the treaty", "this alliance", "it") stands for the last name of its kind
/// in the sentences before.
///
/// Each family of rules is a file of this folder, an extension of this struct: layout,
/// tight bindings, looser bindings (after and before the name), clauses, anaphora, consequences,
/// result phrases ("…, creating the X"), cues and unnamed events. This file holds what they share and the order in which they are tried
/// (``subjects(of:)``).
///
/// A class, not a struct: the rules pass `self` into many small closures, and a debug build
/// copies a struct of nine arrays (nine retains) for each, which made a megabyte of dates take
/// half a minute there.
final class ClaimAttacher {
  let tokens: [Token]
  let entities: [EntityMention]
  let sentenceOf: [Int]
  let sentenceStarts: [Int]
  /// For each token, the entity whose extent covers it (an index into `entities`), or -1.
  let entityAt: [Int]
  let layout: LineLayout
  let sectionTopics: SectionTopics
  /// For each token, whether it is part of a date.
  let dateAt: [Bool]

  static let war = StaticString("war").hashValueLower

  /// How many sentences back an anaphor looks for its antecedent.
  static let antecedentWindow = 8
  /// How many tokens back an anaphor looks at most: eight long sentences of ordinary prose.
  static let antecedentTokens = 1024

  /// `sentenceStarts` and `lineStarts` as the tokenizer lists them (``Tokenizer/tokenizeWithStarts(_:)``).
  init(
    tokens: [Token], entities: [EntityMention], dateTokens: [Bool], sentenceStarts starts: [Int],
    lineStarts: [Int]
  ) {
    self.tokens = tokens
    self.dateAt = dateTokens
    self.entities = entities
    // Each token's sentence and line, from where they start: no pass over the tokens, which
    // reading each token's flags again cost a twentieth of a scan.
    // (Filled in place: appending `repeatElement` per span cost a hundredth of a scan.)
    func spans(_ starts: [Int]) -> [Int] {
      let count = tokens.count
      return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
        initialized = 0
        guard let base = buffer.baseAddress else { return }
        // (The spans are contiguous from token 0; the guard keeps a malformed list in bounds.)
        for (number, start) in starts.enumerated() {
          let end = number + 1 < starts.count ? starts[number + 1] : count
          guard start == initialized, start <= end, end <= count else { break }
          (base + start).initialize(repeating: number, count: end - start)
          initialized = end
        }
      }
    }
    let sentenceOf = spans(starts)
    let lineOf = spans(lineStarts)
    self.sentenceOf = sentenceOf
    self.sentenceStarts = starts
    var entityAt = [Int](repeating: -1, count: tokens.count)
    for (index, entity) in entities.enumerated() where !entity.isDefinition {
      for token in entity.extent where entityAt[token] < 0 { entityAt[token] = index }
    }
    self.entityAt = entityAt
    let layout = LineLayout(tokens, lineOf: lineOf, starts: lineStarts)
    self.layout = layout
    self.sectionTopics = SectionTopics(
      layout: layout, tokens: tokens, entities: entities, entityAt: entityAt)
  }

  func attach(_ dates: [DateMention], _ text: UnsafeBufferPointer<UInt8>) -> [ExtractedClaim] {
    var claims: [ExtractedClaim] = []
    // The subjects of the last date, by the token where it ends, for a date that repeats its
    // verb phrase: "rejected it in November 1919 and again in March 1920".
    var previous: (start: Int, end: Int, subjects: [Subject])?
    // Whether the sentence of the last date states something: read once per sentence, not once
    // per claim (a sentence of a thousand dates would read itself a thousand times).
    var statement: (sentence: Int, hasVerb: Bool) = (-1, false)
    func statesSomething(_ sentence: Int) -> Bool {
      if statement.sentence != sentence { statement = (sentence, hasVerb(sentence)) }
      return statement.hasVerb
    }
    for date in dates where !date.value.isVague && !date.inferred && !isPartOfName(date) {
      var taken: [Int] = []
      let sentence = sentenceRange(sentenceOf[date.tokens.lowerBound])
      let found =
        previous.flatMap { elided(date, after: $0.end) ? ended($0.subjects, $0.start) : nil }
        ?? subjects(of: date)
      previous = (date.tokens.lowerBound, date.tokens.upperBound, found)
      for (entityIndex, cue, rule) in found where !taken.contains(entityIndex) {
        let entity = entities[entityIndex]
        guard entity.kind != .other else { continue }
        taken.append(entityIndex)
        let predicate = resolve(cue, for: entity.kind)
        claims.append(
          ExtractedClaim(
            subject: entity, predicate: predicate, value: date.value, date: date,
            sentence: sentence, rule: rule, confidence: rule.confidence,
            statesEvent: predicate != .dated || statesSomething(sentenceOf[date.tokens.lowerBound]))
        )
      }
      if taken.isEmpty,
        let event = ofYear(date) ?? datedNoun(date, text) ?? eventSubject(date, text)
      {
        claims.append(
          ExtractedClaim(
            subject: event, predicate: .dated, value: date.value, date: date, sentence: sentence,
            rule: .event, confidence: AttachmentRule.event.confidence))
      }
    }
    return claims
  }

  /// "… in November 1919 and again in March 1920": a date joined to the one before by "and",
  /// with at most an adverb and a preposition between.
  private func elided(_ date: DateMention, after end: Int) -> Bool {
    var j = date.tokens.lowerBound - 1
    // "reissued in 1216, 1217 and 1225": a list of dates.
    if j >= 1 && (tokens[j].is(.comma) || isWord(tokens[j], "and")) && j == end { return true }
    if j >= 0 && (isWord(tokens[j], "in") || isWord(tokens[j], "on")) { j -= 1 }
    while j >= 0 && tokens[j].is(.gapAdverb) { j -= 1 }
    return j >= 1 && isWord(tokens[j], "and") && j == end
  }

  /// "between November 1884 and February 1885": the second date of a pair after "between"
  /// ends what the first began.
  private func ended(_ subjects: [Subject], _ start: Int) -> [Subject] {
    guard start > 0, isWord(tokens[start - 1], "between") else { return subjects }
    return subjects.map { subject in
      guard case .predicate(.began)? = subject.cue else { return subject }
      return (subject.entity, .predicate(.ended), subject.rule)
    }
  }

  private func resolve(_ cue: Cue?, for kind: EntityKind) -> ClaimPredicate {
    switch cue {
    case .none: return .dated
    case .concluded: return kind == .event ? .ended : .signed
    case .predicate(let predicate):
      switch (predicate, kind) {
      // A war "launched" or "formed" began; a war "dissolved" is unheard of, but ended.
      case (.founded, .event): return .began
      case (.dissolved, .event): return .ended
      default: return predicate
      }
    }
  }

  /// Whether a sentence states something: it ends as a sentence does, or has a verb the
  /// lexicon knows (an auxiliary, a verb that dates or tells an event). A caption or heading
  /// such as "The Alliance in 1990" does neither.
  func hasVerb(_ sentence: Int) -> Bool {
    let end = sentenceEnd(sentence)
    if end > sentenceStarts[sentence]
      && (tokens[end - 1].is(.period) || tokens[end - 1].is(.terminal))
    {
      return true
    }
    return (sentenceStarts[sentence]..<end).contains { index in
      let token = tokens[index]
      return token.is(.auxiliary) || token.is(.eventVerb) || token.is(.actionVerb)
        || token.is(.cue) && !token.has(.capitalized)
    }
  }

  func sentenceRange(_ sentence: Int) -> Range<Int> {
    let first = sentenceStarts[sentence]
    let last =
      sentence + 1 < sentenceStarts.count ? sentenceStarts[sentence + 1] - 1 : tokens.count - 1
    return tokens[first].start..<tokens[last].end
  }

  // MARK: Choosing subjects

  typealias Subject = (entity: Int, cue: Cue?, rule: AttachmentRule)

  private func subjects(of date: DateMention) -> [Subject] {
    if let fromLayout = layoutSubjects(date), !fromLayout.isEmpty { return fromLayout }
    let first = date.tokens.lowerBound
    let sentenceStart = sentenceStarts[sentenceOf[first]]
    if let focused = cleft(date, sentenceStart) { return withConsequences([focused], date) }
    if let tight = parenthetical(date, sentenceStart) ?? adjacent(date) ?? preceding(date) {
      return withConsequences([tight], date)
    }
    var found: [Subject] = []
    var tight = false
    switch following(first, sentenceStart, dateEnd: date.tokens.upperBound) {
    case .unnamed:
      // "the edict issued in 1598": the date is a thing's that has no name; only a war the
      // clause says ended with it is dated ("The war ended with an armistice signed on …").
      return clauseSubject(date, sentenceStart, object: nil, tightObject: true).map { [$0] } ?? []
    case .agent(let agent, let verb):
      if verb != nil,
        let subject = clauseSubject(
          date, sentenceStart, object: agent.entity, tightObject: false),
        says(verb, of: subject.entity)
      {
        return withConsequences([subject] + coordinated(with: subject), date)
      }
      found.append(agent)
      tight = true
    case .named(let loose, let bound) where claimable(loose.entity):
      found.append(loose)
      tight = bound
    default:
      if let front = fronted(date, sentenceStart) {
        found.append(front)
        found.append(contentsOf: founded(by: front, after: date))
      }
    }
    if let subject = clauseSubject(
      date, sentenceStart, object: found.first?.entity, tightObject: tight)
    {
      found.append(subject)
      found.append(contentsOf: coordinated(with: subject))
    }
    found.append(contentsOf: through(date))
    found.append(contentsOf: founded(after: date))
    if found.isEmpty, let label = lineLabel(date) { found.append(label) }
    return withConsequences(found, date)
  }

  // MARK: Shared helpers

  func claimable(_ entity: Int) -> Bool { entities[entity].kind != .other }

  /// An agreement by its head word ("Treaty of Nanjing", "Peace of Amiens"), not one only by a
  /// word that also names a body ("National Convention"): what may act as the agent of a verb.
  func isPlainlyAgreement(_ entity: Int) -> Bool {
    entities[entity].kind == .agreement
      && entities[entity].extent.contains { index in
        let token = tokens[index]
        return token.is(.genericKind) && token.info.kind == .agreement
      }
  }

  func startsClaimable(_ index: Int) -> Bool {
    let entity = entityAt[index]
    return entity >= 0 && entities[entity].extent.lowerBound == index && claimable(entity)
  }

  func entityEnding(at j: Int) -> Int? {
    guard j >= 0, entityAt[j] >= 0, entities[entityAt[j]].extent.upperBound == j + 1 else {
      return nil
    }
    return entityAt[j]
  }

  func sentenceEnd(_ sentence: Int) -> Int {
    sentence + 1 < sentenceStarts.count ? sentenceStarts[sentence + 1] : tokens.count
  }

  /// "Treaty of Ghent: Ending the War of 1812": a year after "of" and a bare kind noun is part
  /// of a name ("War of 1812", "Revolution of 1905"), never a claim.
  private func isPartOfName(_ date: DateMention) -> Bool {
    let first = date.tokens.lowerBound
    if entityAt[first] >= 0 { return true }
    guard first >= 2, isWord(tokens[first - 1], "of") else { return false }
    let noun = tokens[first - 2]
    guard noun.is(.kindNoun), noun.has(.capitalized), entityAt[first - 2] < 0 else { return false }
    return true
  }

  func onlyPunctuation(_ range: Range<Int>) -> Bool {
    range.allSatisfy { tokens[$0].kind == .punct }
  }
}

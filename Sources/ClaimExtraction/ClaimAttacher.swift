/// A claim as the extractor finds it in one document: a dated statement about a named subject.
public struct ExtractedClaim: Hashable, Sendable {
  public var subject: EntityMention
  public var predicate: ClaimPredicate
  public var value: TemporalValue
  /// Where the date stands: the place a reviewer must look at and edit.
  public var date: DateMention
  /// The sentence, as a byte range.
  public var sentence: Range<Int>
  /// Which attachment rule produced it (see ``AttachmentRule``).
  public var rule: AttachmentRule
  public var confidence: Double
  /// Whether the claim states an event: a cue gave its predicate, or its sentence has a verb.
  /// A caption such as "The Alliance in 1990" states none; a reference's caption must not
  /// contradict a founding date.
  public var statesEvent = true
}

/// How a date was tied to its subject; each has a confidence that reflects how often it is right.
public enum AttachmentRule: String, Sendable, Codable, CaseIterable {
  /// "the Treaty of Westphalia (1648)"
  case parenthetical
  /// "the Treaty of Nystad 1721 marked …": a year right after the name.
  case adjacent
  /// "the Treaty of Westminster in 1674", "NATO, founded in 1949"
  case following
  /// "the 1951 ANZUS Treaty"
  case preceding
  /// "In 1949, NATO was founded"
  case fronted
  /// "The Kellogg–Briand Pact was a landmark agreement signed in 1928": the subject of the
  /// clause the date stands in, however far from it.
  case clause
  /// "Treaty of Nystad: Ending the Great Northern War, 1721": a heading dates its topic; a
  /// date alone on a line, or leading a list item, dates what the line after it or the item
  /// names.
  case heading
  /// "the treaty, signed in 1842, ended the First Opium War": the war the treaty ended.
  case consequence
  /// "… the ANZUS Treaty. Signed in 1951, it …", "The treaty was signed in 1654."
  case anaphora
  /// "In 1812, Napoleon invaded Russia": an event without a name, told by its clause.
  case event

  public var confidence: Double {
    switch self {
    case .parenthetical: return 0.9
    case .adjacent: return 0.85
    case .following: return 0.85
    case .preceding: return 0.75
    case .fronted: return 0.7
    case .clause: return 0.65
    case .heading: return 0.7
    case .consequence: return 0.6
    case .anaphora: return 0.6
    case .event: return 0.5
    }
  }
}

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
struct ClaimAttacher {
  let tokens: [Token]
  let entities: [EntityMention]
  let sentenceOf: [Int]
  let sentenceStarts: [Int]
  /// For each token, the entity whose extent covers it (an index into `entities`), or -1.
  let entityAt: [Int]
  let layout: LineLayout
  /// For each token, whether it is part of a date.
  let dateAt: [Bool]

  static let war = StaticString("war").hashValueLower

  /// How many sentences back an anaphor looks for its antecedent.
  static let antecedentWindow = 8

  init(tokens: [Token], entities: [EntityMention], dateTokens: [Bool]) {
    self.tokens = tokens
    self.dateAt = dateTokens
    self.entities = entities
    var sentenceOf = [Int](repeating: 0, count: tokens.count)
    var starts: [Int] = []
    for (index, token) in tokens.enumerated() {
      if token.has(.sentenceStart) || index == 0 { starts.append(index) }
      sentenceOf[index] = starts.count - 1
    }
    self.sentenceOf = sentenceOf
    self.sentenceStarts = starts
    var entityAt = [Int](repeating: -1, count: tokens.count)
    for (index, entity) in entities.enumerated() where !entity.isDefinition {
      for token in entity.extent where entityAt[token] < 0 { entityAt[token] = index }
    }
    self.entityAt = entityAt
    self.layout = LineLayout(tokens)
  }

  func attach(_ dates: [DateMention], _ text: UnsafeBufferPointer<UInt8>) -> [ExtractedClaim] {
    var claims: [ExtractedClaim] = []
    // The subjects of the last date, by the token where it ends, for a date that repeats its
    // verb phrase: "rejected it in November 1919 and again in March 1920".
    var previous: (end: Int, subjects: [Subject])?
    for date in dates where !date.value.isVague && !date.inferred && !isPartOfName(date) {
      var taken: [Int] = []
      let sentence = sentenceRange(sentenceOf[date.tokens.lowerBound])
      let found =
        previous.flatMap { elided(date, after: $0.end) ? $0.subjects : nil } ?? subjects(of: date)
      previous = (date.tokens.upperBound, found)
      for (entityIndex, cue, rule) in found where !taken.contains(entityIndex) {
        let entity = entities[entityIndex]
        guard entity.kind != .other else { continue }
        taken.append(entityIndex)
        let predicate = resolve(cue, for: entity.kind)
        claims.append(
          ExtractedClaim(
            subject: entity, predicate: predicate, value: date.value, date: date,
            sentence: sentence, rule: rule, confidence: rule.confidence,
            statesEvent: predicate != .dated || hasVerb(sentenceOf[date.tokens.lowerBound])))
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
    if let loose = following(first, sentenceStart), claimable(loose.entity) {
      found.append(loose)
    } else if let front = fronted(date, sentenceStart) {
      found.append(front)
    }
    if let subject = clauseSubject(date, sentenceStart, object: found.first?.entity) {
      found.append(subject)
      found.append(contentsOf: coordinated(with: subject))
    }
    found.append(contentsOf: through(date))
    if found.isEmpty, let label = lineLabel(date) { found.append(label) }
    return withConsequences(found, date)
  }

  /// "Annexation of the Transvaal: In 1877, the British annexed …": a line that opens with a
  /// name and a colon is about that name, when nothing else in it is.
  private func lineLabel(_ date: DateMention) -> Subject? {
    let first = date.tokens.lowerBound
    let lineStart = layout.firstToken(ofLine: layout.lineOf[first])
    guard let colon = (lineStart..<first).first(where: { tokens[$0].is(.colon) }),
      colon - lineStart <= 8, startsClaimable(lineStart),
      entities[entityAt[lineStart]].extent.upperBound == colon
    else { return nil }
    return (entityAt[lineStart], nil, .heading)
  }

  private func claimable(_ entity: Int) -> Bool { entities[entity].kind != .other }

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

  // MARK: Layout: headings, list items, labels

  private func layoutSubjects(_ date: DateMention) -> [Subject]? {
    let first = date.tokens.lowerBound
    let line = layout.lineOf[first]
    let lineStart = layout.firstToken(ofLine: line)
    let lineEnd = layout.endToken(ofLine: line)
    var lead = lineStart
    while lead < first && (tokens[lead].is(.bullet) || tokens[lead].is(.dash)) { lead += 1 }
    // "• 1887 and 1891 – …": several dates may lead together.
    var leading = lead
    while leading < lineEnd
      && (dateAt[leading] || isWord(tokens[leading], "and") || tokens[leading].is(.comma))
    {
      leading += 1
    }
    let leads = lead == first || lead < first && leading > first
    // A date alone on its line: what the next line names ("30 August 1721" above "The Great
    // Northern War … ends in the Treaty of Nystad.").
    if leads
      && (date.tokens.upperBound == lineEnd || onlyPunctuation(date.tokens.upperBound..<lineEnd))
    {
      if line + 1 < layout.lineCount {
        let next = layout.firstToken(ofLine: line + 1)
        let statement = next..<min(layout.endToken(ofLine: line + 1), sentenceEnd(sentenceOf[next]))
        let named = namedOnLine(afterLabel(statement), limit: 1)
        if !named.isEmpty { return withConsequences(named, date, sentence: sentenceOf[next]) }
      }
      return topic(before: lineStart).map { [($0, nil, .heading)] } ?? []
    }
    // "1955 – The Baghdad Pact is Signed", "August 27, 1928: Fifteen countries sign …", at the
    // start of a line or of a sentence.
    var after = leads ? max(leading, date.tokens.upperBound) : date.tokens.upperBound
    // "**1763** — …": Markdown emphasis around the date.
    while after < lineEnd && tokens[after].is(.bullet) { after += 1 }
    let opensSentence = tokens[first].has(.sentenceStart)
    if leads || opensSentence, after < lineEnd, tokens[after].is(.dash) || tokens[after].is(.colon)
    {
      let named = namedOnLine(afterLabel((after + 1)..<lineEnd), limit: 1)
      if !named.isEmpty { return withConsequences(named, date) }
      return topic(before: lineStart).map { [($0, nil, .heading)] } ?? []
    }
    // "Q. In which year did the Battle of Lepanto take place?" / "A. 1571.": an answer that is
    // a date dates what the question names.
    if line > 0, first - lineStart == 2, isWord(tokens[lineStart], "a"),
      tokens[lineStart + 1].is(.period) || tokens[lineStart + 1].is(.colon),
      after >= lineEnd || tokens[after].is(.period) || tokens[after].is(.terminal)
    {
      let question = layout.firstToken(ofLine: line - 1)..<lineStart
      if let name = question.first(where: { startsClaimable($0) }) {
        return [(entityAt[name], nil, .heading)]
      }
    }
    // "When: June 28, 1914", "Date signed: 19 February 1674": a label dates the topic;
    // "The Treaty of Nanjing Signed: August 29, 1842" dates the name before the colon.
    // "**Date:** 10 May 1871": Markdown emphasis around the label.
    var colon = first - 1
    while colon > lineStart && tokens[colon].is(.bullet) { colon -= 1 }
    var labelEnd = colon
    while labelEnd > lead && tokens[labelEnd - 1].is(.bullet) { labelEnd -= 1 }
    if colon >= lineStart + 1, tokens[colon].is(.colon), lineStart + 12 >= first, labelEnd > lead {
      let label = lead..<labelEnd
      let cue = label.lazy.compactMap { cueAt($0, headingCase: true) }.first
      if let name = label.first(where: { startsClaimable($0) }) {
        return [(entityAt[name], cue, .heading)]
      }
      if label.count <= 3
        && label.allSatisfy({
          tokens[$0].kind == .word && (entityAt[$0] < 0 || !claimable(entityAt[$0]))
        })
      {
        return topic(before: lineStart).map { [($0, cue, .heading)] } ?? []
      }
    }
    // A row of a Markdown table: "| Treaty of Kiel | 14 January 1814 | …" dates the row's
    // first name.
    if tokens[lineStart].is(.pipe) {
      if let name = (lineStart..<lineEnd).first(where: { startsClaimable($0) }) {
        return [(entityAt[name], nil, .heading)]
      }
      return []
    }
    // A heading dates its topic, the first name it gives.
    if layout.isHeading(line) {
      if let topic = (lineStart..<lineEnd).first(where: { startsClaimable($0) }) {
        // A cue right after the date speaks for it ("(March 10, 1848 – Ratification)"); else
        // the line's first.
        let near = (date.tokens.upperBound..<min(lineEnd, date.tokens.upperBound + 3)).lazy
          .compactMap { cueAt($0, headingCase: true) }.first
        var cue =
          near ?? (lineStart..<lineEnd).lazy.compactMap { cueAt($0, headingCase: true) }.first
        if case .predicate(.ended) = cue, entities[entityAt[topic]].kind == .agreement {
          cue = .predicate(.signed)
        }
        return [(entityAt[topic], cue, .heading)]
      }
    }
    return nil
  }

  /// "First Boer War: The Battle of Majuba Hill takes place": the statement after a label, when
  /// it names something.
  private func afterLabel(_ range: Range<Int>) -> Range<Int> {
    guard let colon = range.first(where: { tokens[$0].is(.colon) }),
      ((colon + 1)..<range.upperBound).contains(where: { startsClaimable($0) })
    else { return range }
    return (colon + 1)..<range.upperBound
  }

  /// "It was in 1920 that the League of Nations held …", "The year 1925 saw the signing of the
  /// Locarno Treaties": the date is put first, and the name comes after it.
  private func cleft(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
    let first = date.tokens.lowerBound
    let after = date.tokens.upperBound
    guard after < tokens.count else { return nil }
    // "It was in 1920 that …", "It was on 4 June 1920 when …", "It wasn't until 1955 that …"
    if (3...5).contains(first - sentenceStart), isWord(tokens[sentenceStart], "it"),
      ((sentenceStart + 1)..<first).allSatisfy({ index in
        let token = tokens[index]
        return token.is(.auxiliary) || isWord(token, "in") || isWord(token, "on")
          || isWord(token, "until") || isWord(token, "not") || isWord(token, "only")
          || isWord(token, "wasn't") || isWord(token, "isn't")
      }),
      isWord(tokens[after], "that") || isWord(tokens[after], "when")
    {
      var k = after + 1
      if k < tokens.count && isWord(tokens[k], "the") { k += 1 }
      guard k < tokens.count, startsClaimable(k) else { return nil }
      let entity = entityAt[k]
      return (entity, verbCue(after: entities[entity].extent.upperBound), .fronted)
    }
    // "The year 1925 saw …", "The year 1648 brought …"
    if first >= 1, isWord(tokens[first - 1], "year"), first - sentenceStart <= 2 {
      return object(from: after, sentence: sentenceOf[first], anyVerb: true)
    }
    return nil
  }

  private func onlyPunctuation(_ range: Range<Int>) -> Bool {
    range.allSatisfy { tokens[$0].kind == .punct }
  }

  /// The claimable names a line gives, in order, with the cue nearest before each.
  private func namedOnLine(_ range: Range<Int>, limit: Int) -> [Subject] {
    var found: [Subject] = []
    var cue: Cue?
    for index in range {
      if let here = cueAt(index, headingCase: true) { cue = here }
      guard startsClaimable(index) else { continue }
      // "The Geneva Accords are Signed": the verb after the name; "Treaty of Paris ends the
      // war": an agreement that ends something was signed then.
      var after = verbCue(after: entities[entityAt[index]].extent.upperBound, headingCase: true)
      if case .predicate(.ended) = after, entities[entityAt[index]].kind == .agreement {
        after = .predicate(.signed)
      }
      found.append((entityAt[index], cue ?? after, .heading))
      if found.count == limit { break }
    }
    return found
  }

  private func startsClaimable(_ index: Int) -> Bool {
    let entity = entityAt[index]
    return entity >= 0 && entities[entity].extent.lowerBound == index && claimable(entity)
  }

  /// What a section is about: the first name of the nearest heading above, else the last name
  /// before.
  private func topic(before token: Int) -> Int? {
    var line = token < tokens.count ? layout.lineOf[token] - 1 : layout.lineCount - 1
    while line >= 0 {
      if layout.isHeading(line) {
        let range = layout.firstToken(ofLine: line)..<layout.endToken(ofLine: line)
        if let index = range.first(where: { startsClaimable($0) }) { return entityAt[index] }
      }
      line -= 1
    }
    return antecedent(before: token, fits: { _ in true })
  }

  // MARK: Tight bindings

  /// "ENTITY (1648)", "ENTITY (signed 1951)", "ENTITY (c. 1259 BC)"
  private func parenthetical(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
    let first = date.tokens.lowerBound
    var j = first - 1
    var cue: Cue?
    // "(c. 1259 BC)": the abbreviation's period too.
    if j > sentenceStart && tokens[j].is(.period) && tokens[j - 1].is(.approximate) { j -= 1 }
    while j > sentenceStart && j >= first - 4, tokens[j].kind == .word,
      tokens[j].is(.cue) || isWord(tokens[j], "in") || isWord(tokens[j], "c")
        || tokens[j].is(.approximate)
    {
      if tokens[j].is(.cue) { cue = tokens[j].info.cue }
      j -= 1
    }
    guard j > sentenceStart && tokens[j].is(.openParen), let entity = entityEnding(at: j - 1)
    else { return nil }
    return (entity, cue, .parenthetical)
  }

  /// "the Treaty of Nystad 1721 marked …": the name ends right before the year.
  private func adjacent(_ date: DateMention) -> Subject? {
    let first = date.tokens.lowerBound
    guard first > 0, let entity = entityEnding(at: first - 1), claimable(entity),
      layout.lineOf[first - 1] == layout.lineOf[first]
    else { return nil }
    return (entity, cueBefore(entities[entity].extent.lowerBound), .adjacent)
  }

  /// "the 1951 ANZUS Treaty"; "the 1992–95 war" after the Bosnian War was named.
  private func preceding(_ date: DateMention) -> Subject? {
    var after = date.tokens.upperBound
    // "1869's Meiji Restoration"
    if after + 2 < tokens.count && tokens[after].is(.apostrophe) && isWord(tokens[after + 1], "s") {
      after += 2
    }
    if after < tokens.count, tokens[after].is(.kindNoun), entityAt[after] < 0,
      let named = antecedent(before: date.tokens.lowerBound, head: tokens[after].spelling)
    {
      return (named, nil, .preceding)
    }
    // "feudal until 1869's Meiji Restoration": "until" belongs to the clause, not the name.
    let before = date.tokens.lowerBound - 1
    let clauseCue =
      before >= 0 && (isWord(tokens[before], "until") || isWord(tokens[before], "till"))
    guard after < tokens.count, sentenceOf[after] == sentenceOf[date.tokens.lowerBound],
      entityAt[after] >= 0, entities[entityAt[after]].extent.lowerBound == after
    else { return nil }
    return (entityAt[after], clauseCue ? nil : cueBefore(date.tokens.lowerBound), .preceding)
  }

  // MARK: Looser bindings

  /// "What was Guadeloupe-Hidalgo of 1848?", "the Guilty Men of 1940": a name of several words
  /// (or a hyphenated one) with "of" and a bare year is dated by it, whatever its kind.
  func ofYear(_ date: DateMention) -> EntityMention? {
    let first = date.tokens.lowerBound
    guard first >= 2, isWord(tokens[first - 1], "of"), case .point(let value) = date.value,
      value.precision == .year, let entity = entityEnding(at: first - 2)
    else { return nil }
    let name = entities[entity]
    guard name.kind == .other, !name.isAcronym,
      name.tokens.count >= 2 || name.text.contains("-")
    else { return nil }
    var dated = name
    dated.kind = .event
    return dated
  }

  /// "ENTITY in 1674", "ENTITY, founded in 1949,", "ENTITY was signed on 19 February 1674",
  /// "ENTITY, which lasted from 1618 to 1648".
  private func following(_ first: Int, _ sentenceStart: Int) -> Subject? {
    guard first > sentenceStart else { return nil }
    // "on the 2nd of February, 1848"
    let first = isWord(tokens[first - 1], "the") && first - 1 > sentenceStart ? first - 1 : first
    let preposition = tokens[first - 1]
    let endsWell =
      isWord(preposition, "in") || isWord(preposition, "on") || isWord(preposition, "of")
      || isWord(preposition, "during") || isWord(preposition, "from")
      || isWord(preposition, "between") || isWord(preposition, "since")
      || preposition.is(.cue) || preposition.is(.approximate)
    // "date the beginning of the Hundred Years' War to 1337": "to" only after a cue noun.
    let datedTo = isWord(preposition, "to")
    guard endsWell || datedTo else { return nil }
    var cue: Cue? = preposition.is(.cue) ? preposition.info.cue : nil
    var j = first - 2
    var steps = 0
    while j >= sentenceStart && steps < 8 {
      let token = tokens[j]
      if entityAt[j] >= 0 && entities[entityAt[j]].extent.upperBound == j + 1 {
        let entity = entityAt[j]
        let start = entities[entity].extent.lowerBound
        // "the creation of the Electoral College in the United States in 1787": a place names
        // where, not what.
        if !claimable(entity), let place = locativeStart(start) {
          j = place - 1
          steps += 1
          continue
        }
        // "adopted by the National Convention in 1789": the date belongs to the adoption,
        // the entity is only its agent; not so past a comma ("ended by the Treaty of Paris,
        // signed on …").
        if isAgent(start) && !((j + 1)..<first).contains(where: { tokens[$0].is(.comma) }) {
          return nil
        }
        // "The Baghdad Pact, officially known as the Middle East Treaty Organization, emerged
        // in 1955": an apposition names the subject again; the subject comes first.
        if let head = appositionHead(start) { return (head, cue, .following) }
        if datedTo && !hasNominalCue(start) { return nil }
        return (entity, cue ?? cueBefore(start), .following)
      }
      if let anaphor = anaphor(at: j) {
        guard let antecedent = anaphor.antecedent else { return nil }
        // "ratified the treaty on 14 January 1784"
        return (antecedent, cue ?? cueBefore(anaphor.start), .anaphora)
      }
      if token.is(.comma) || token.is(.auxiliary) || token.is(.gapAdverb) || token.is(.relative)
        || token.is(.eventVerb)
      {
        j -= 1
        steps += 1
        continue
      }
      if let here = cueAt(j), !token.has(.capitalized) {
        cue = cue ?? here
        j -= 1
        steps += 1
        continue
      }
      return nil
    }
    return nil
  }

  /// Where "in the United States", "at Ghent" starts, for a place name after such a preposition.
  private func locativeStart(_ start: Int) -> Int? {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    guard j >= 0, isWord(tokens[j], "in") || isWord(tokens[j], "at") || isWord(tokens[j], "near")
    else { return nil }
    return j
  }

  /// For a name after "known as", "also called", "or": the name before the comma that opens the
  /// apposition.
  private func appositionHead(_ start: Int) -> Int? {
    var j = start - 1
    while j >= 0 && (isWord(tokens[j], "the") || tokens[j].is(.quote)) { j -= 1 }
    // "The Warsaw Pact, officially the Treaty of Friendship, …"
    if j >= 1 && tokens[j].is(.gapAdverb) && tokens[j - 1].is(.comma),
      let head = entityEnding(at: j - 2), claimable(head)
    {
      return head
    }
    guard j >= 0, isWord(tokens[j], "as") || isWord(tokens[j], "called") else { return nil }
    j -= 1
    // "also known as", "often referred to as", "sometimes called"
    var words = 0
    while j >= 0 && words < 4 && tokens[j].kind == .word && !tokens[j].has(.capitalized) {
      j -= 1
      words += 1
    }
    guard j >= 1, tokens[j].is(.comma), let head = entityEnding(at: j - 1), claimable(head) else {
      return nil
    }
    return head
  }

  /// "In 1949, NATO was founded"; "On 10 March 1848, the Senate ratified the Treaty of …";
  /// "Signed in 1951, it laid …"
  private func fronted(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
    let first = date.tokens.lowerBound
    var j = first - 1
    // "In the summer of 1815, …", "By the spring of 1940, …": "of" after a time of year, in a
    // phrase that opens with a preposition.
    let timeOf =
      j >= sentenceStart + 2 && isWord(tokens[j], "of")
      && (tokens[sentenceStart].is(.datePreposition) || tokens[sentenceStart].is(.opener))
    guard j >= sentenceStart,
      isWord(tokens[j], "in") || isWord(tokens[j], "on") || isWord(tokens[j], "by")
        || isWord(tokens[j], "between") || isWord(tokens[j], "from")
        || isWord(tokens[j], "during") || timeOf
    else { return nil }
    j -= 1
    var cue: Cue?
    if j >= sentenceStart, let here = cueAt(j, headingCase: true) {
      cue = here
      j -= 1
    }
    // "On this day in 1842, …", "Seventy years ago this week, on 4 April 1949, …": an opening
    // phrase without a name or a verb.
    var opening = 0
    while j >= sentenceStart && opening < 8 && entityAt[j] < 0 && !tokens[j].is(.cue)
      && (tokens[j].kind == .word || tokens[j].is(.comma))
    {
      j -= 1
      opening += 1
    }
    // The phrase opens the sentence, or a clause after a semicolon ("…; in 1529 the Treaty of
    // Zaragoza defined …").
    guard j < sentenceStart || tokens[j].is(.semicolon) else { return nil }
    var k = date.tokens.upperBound
    // "In 1949 NATO was founded": no comma before a name.
    if k < tokens.count, !tokens[k].is(.comma) {
      let name = isWord(tokens[k], "the") ? k + 1 : k
      if name < tokens.count, startsClaimable(name), sentenceOf[name] == sentenceOf[first] {
        let entity = entityAt[name]
        return (entity, cue ?? verbCue(after: entities[entity].extent.upperBound), .fronted)
      }
    }
    // "Formed in May 1955 as Moscow's answer to …, the pact …": a participle's phrase runs on
    // to its comma.
    if cue != nil, k < tokens.count, !tokens[k].is(.comma),
      let comma = (k..<min(tokens.count, k + 12)).first(where: { tokens[$0].is(.comma) }),
      (k..<comma).allSatisfy({ sentenceOf[$0] == sentenceOf[first] && !tokens[$0].is(.cue) })
    {
      k = comma
    }
    guard k < tokens.count, tokens[k].is(.comma) else { return nil }
    k += 1
    guard k < tokens.count, sentenceOf[k] == sentenceOf[first] else { return nil }
    if let anaphor = anaphor(
      at: k + (isWord(tokens[k], "the") || isWord(tokens[k], "this") ? 1 : 0)),
      let antecedent = anaphor.antecedent
    {
      return (antecedent, cue ?? verbCue(after: anaphor.end), .anaphora)
    }
    if isWord(tokens[k], "the") && k + 1 < tokens.count
      && (!tokens[k + 1].is(.kindNoun) || entityAt[k + 1] >= 0)
    {
      k += 1
    }
    guard k < tokens.count else { return nil }
    if entityAt[k] >= 0 && entities[entityAt[k]].extent.lowerBound == k {
      let entity = entityAt[k]
      if claimable(entity) {
        // A cue after the subject: "In 1949, NATO was founded".
        return (entity, cue ?? verbCue(after: entities[entity].extent.upperBound), .fronted)
      }
    }
    // The subject is no claimable name ("the U.S. Senate"): the object of the clause's first
    // cue verb, "… ratified the Treaty of Guadalupe Hidalgo".
    return object(from: k, sentence: sentenceOf[first])
  }

  /// A cue verb within a few words after a subject: "NATO was formally founded".
  private func verbCue(after end: Int, headingCase: Bool = false) -> Cue? {
    var m = end
    var steps = 0
    while m < tokens.count && steps < 3 && (tokens[m].is(.auxiliary) || tokens[m].is(.gapAdverb)) {
      m += 1
      steps += 1
    }
    return m < tokens.count ? cueAt(m, headingCase: headingCase) : nil
  }

  /// The first claimable name right after a cue verb in this sentence: "… signed the Treaty of
  /// Paris", "… joined the Crimean War".
  private func object(from start: Int, sentence: Int, anyVerb: Bool = false) -> Subject? {
    objectMention(from: start, sentence: sentence, anyVerb: anyVerb)?.subject
  }

  /// ``object(from:sentence:anyVerb:)`` with where the object's mention ends in the text (not
  /// its antecedent's, for "the doctrine").
  private func objectMention(from start: Int, sentence: Int, anyVerb: Bool = false)
    -> (subject: Subject, end: Int)?
  {
    var j = start
    if anyVerb && j + 1 < tokens.count && tokens[j].kind == .word {
      // "The year 1925 saw the signing of …": the verb itself dates nothing; a cue noun or
      // the name follows it.
      j += 1
      while j < tokens.count && tokens[j].is(.determiner) { j += 1 }
      if j < tokens.count && startsClaimable(j) {
        return ((entityAt[j], nil, .fronted), entities[entityAt[j]].extent.upperBound)
      }
    }
    while j < tokens.count && sentenceOf[j] == sentence {
      if let cue = cueAt(j), !tokens[j].has(.capitalized) {
        var k = j + 1
        while k < tokens.count
          && (tokens[k].is(.determiner) || isWord(tokens[k], "to") || isWord(tokens[k], "of"))
        {
          k += 1
        }
        if k < tokens.count && startsClaimable(k) {
          return ((entityAt[k], cue, .fronted), entities[entityAt[k]].extent.upperBound)
        }
        if let anaphor = anaphor(at: k), let antecedent = anaphor.antecedent {
          return ((antecedent, cue, .anaphora), anaphor.end)
        }
        return nil
      }
      j += 1
    }
    return nil
  }

  /// The subject of the clause the date stands in, when a dating verb stands between it and the
  /// date: "The Kellogg–Briand Pact was a landmark agreement signed in 1928".
  private func clauseSubject(_ date: DateMention, _ sentenceStart: Int, object: Int?) -> Subject? {
    let first = date.tokens.lowerBound
    var j = first - 1
    var cue: Cue?
    var dates = false
    while j >= sentenceStart {
      let token = tokens[j]
      if token.is(.semicolon) || token.is(.colon) { break }
      // ", and the Warsaw Pact in 1955 …": a clause joined by a conjunction has its own subject;
      // so has one opened by "months before the Soviet Union …" or "when …".
      // Not the last item of a list after "between": "a treaty between Charles V, Holy Roman
      // Emperor, and the Schmalkaldic League, signed on 25 September 1555".
      if token.is(.comma) && j + 1 < first && startsClause(j + 1)
        && !(max(sentenceStart, j - 12)..<j).contains(where: { isWord(tokens[$0], "between") })
      {
        break
      }
      if opensSubordinate(j) { break }
      // "Historians agree that the Peloponnesian War started …": "that" after a verb opens
      // the clause.
      if isWord(token, "that") && j > sentenceStart && entityEnding(at: j - 1) == nil
        && !tokens[j - 1].is(.comma)
      {
        break
      }
      // "… was signed in 1985, the Maastricht Treaty in 1992": a date with no verb of its own
      // between it and an earlier date shares that date's verb, not its subject.
      if dateAt[j] && !dates && j + 1 < first && tokens[j + 1].is(.comma) { return nil }
      // A date inside parentheses that follow no name is an aside: "(since 1945, Brest)".
      if token.is(.openParen) && !(j > 0 && dateAt[j - 1]) { return nil }
      if token.is(.closeParen),
        let open = (sentenceStart..<j).last(where: { tokens[$0].is(.openParen) })
      {
        j = open - 1
        continue
      }
      if let here = cueAt(j), !token.has(.capitalized) {
        cue = cue ?? here
        dates = true
      } else if token.is(.eventVerb) && !isWord(token, "as") && !isWord(token, "known") {
        dates = true
      }
      // A relative clause is about the name before it: "the Thirty Years War, which lasted …";
      // "X and Y, both of which were signed …" about the last of them (and the others, see
      // ``coordinated(with:)``).
      if token.is(.relative) && j > sentenceStart && !isWord(token, "that")
        || isWord(token, "that") && j > sentenceStart && entityEnding(at: j - 1) != nil
      {
        var before = tokens[j - 1].is(.comma) ? j - 2 : j - 1
        if j >= 4 && isWord(tokens[j - 1], "of") && tokens[j - 3].is(.comma)
          && (isWord(tokens[j - 2], "both") || isWord(tokens[j - 2], "all")
            || isWord(tokens[j - 2], "each"))
        {
          before = j - 4
        }
        guard dates, let entity = entityEnding(at: before), entity != object else { return nil }
        return (entity, cue, .clause)
      }
      j -= 1
    }
    guard dates else { return nil }
    // The subject opens the clause, after openers such as "However," or "Later", or after a
    // fronted phrase closed by a comma ("Following the Battle of X, negotiations led to …").
    var k = j + 1
    if k < first && startsClause(k) { k += 1 }
    // "Beginning in 1568 as a revolt …, it only came to an end …": a participle's phrase too.
    if tokens[k].is(.opener) && !tokens[k].is(.determiner) && !tokens[k].is(.pronoun)
      || tokens[k].is(.cue) && tokens[k].has(.capitalized),
      let comma = (k..<first).first(where: { tokens[$0].is(.comma) })
    {
      k = comma + 1
    }
    var skipped = 0
    while k < first && skipped < 3
      && (tokens[k].is(.opener) && !tokens[k].is(.determiner) && !tokens[k].is(.pronoun)
        || tokens[k].is(.comma) || tokens[k].is(.bullet) || tokens[k].is(.dash)
        || tokens[k].is(.quote)
        || tokens[k].is(.gapAdverb))
    {
      k += 1
      skipped += 1
    }
    guard k < first else { return nil }
    // "… the signing of the Treaty of Nanking in 1842": the cue belongs to the object's noun
    // phrase; the clause's subject did something else.
    if let object, hasNominalCue(entities[object].extent.lowerBound) { return nil }
    if let anaphor = anaphor(
      at: k + (tokens[k].is(.determiner) && !tokens[k].is(.pronoun) ? 1 : 0)),
      let antecedent = anaphor.antecedent, antecedent != object
    {
      if let object, entities[antecedent].kind == .event, entities[object].kind == .agreement {
        let between = anaphor.end..<entities[object].extent.lowerBound
        return between.contains(where: { isEnding($0) })
          ? (antecedent, .predicate(.ended), .anaphora) : nil
      }
      return (antecedent, adjust(cue, subject: antecedent, object: object), .anaphora)
    }
    if tokens[k].is(.determiner) { k += 1 }
    guard k < first else { return nil }
    // "The Akkadian version of the peace treaty was published in 1916": the subject is a part
    // of an entity named before.
    if !startsClaimable(k) {
      var m = k
      while m < first && m - k < 6 && tokens[m].kind == .word && !tokens[m].is(.auxiliary) {
        if isWord(tokens[m], "of"), let anaphor = anaphor(at: m + 2) ?? anaphor(at: m + 3),
          let antecedent = anaphor.antecedent, antecedent != object
        {
          return (antecedent, cue, .anaphora)
        }
        m += 1
      }
      // "President Monroe announced the doctrine in … in December 1823": the subject names
      // no entity; the object of the clause's dating verb does.
      if let found = objectMention(from: k, sentence: sentenceOf[first]),
        found.subject.entity != object, found.end <= first,
        // No other verb that dates between the object and the date ("signed the treaty and
        // exchanged ratified copies … on 17 February 1815").
        !(found.end..<first).contains(where: { cueAt($0) != nil })
      {
        return found.subject
      }
      return nil
    }
    let entity = entityAt[k]
    guard entity != object else { return nil }
    // "NATO's first Secretary General … took office in 1952": the subject is NATO's officer.
    if tokens[entities[entity].extent.upperBound - 1].has(.possessive) { return nil }
    // "It … was formally ended by the Treaty of Paris, signed on 10 December 1898": the cue
    // nearest the date is the agreement's; the war ended, if the clause says so.
    if let object, entities[entity].kind == .event, entities[object].kind == .agreement {
      let between = entities[entity].extent.upperBound..<entities[object].extent.lowerBound
      return between.contains(where: { isEnding($0) })
        ? (entity, .predicate(.ended), .clause) : nil
    }
    return (entity, adjust(cue, subject: entity, object: object), .clause)
  }

  /// "the Treaty of Münster and the Treaty of Osnabrück, both of which were signed …": names of
  /// the same kind joined to a clause's subject by "and" share its date.
  private func coordinated(with subject: Subject) -> [Subject] {
    var found: [Subject] = []
    var start = entities[subject.entity].extent.lowerBound
    while true {
      var j = start - 1
      if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
      guard j >= 1, isWord(tokens[j], "and") || tokens[j].is(.comma),
        let other = entityEnding(at: j - 1),
        entities[other].kind == entities[subject.entity].kind
      else { return found }
      found.append((other, subject.cue, subject.rule))
      start = entities[other].extent.lowerBound
    }
  }

  /// "The treaty ended the war in 1842": the treaty was signed then, it did not end.
  private func adjust(_ cue: Cue?, subject: Int, object: Int?) -> Cue? {
    guard case .predicate(.ended) = cue, entities[subject].kind == .agreement,
      let object, entities[object].kind == .event
    else { return cue }
    return .predicate(.signed)
  }

  /// "This alliance was established in 1668 through the Treaty of X": the treaty too.
  private func through(_ date: DateMention) -> [Subject] {
    var k = date.tokens.upperBound
    // "… was signed in August 1939, when the Nazi-Soviet Pact was signed"
    var when = k
    if when < tokens.count && tokens[when].is(.comma) { when += 1 }
    if when + 2 < tokens.count && isWord(tokens[when], "when") {
      var name = when + 1
      if isWord(tokens[name], "the") { name += 1 }
      if name < tokens.count && startsClaimable(name) {
        let entity = entityAt[name]
        if let cue = verbCue(after: entities[entity].extent.upperBound) {
          return [(entity, cue, .following)]
        }
      }
    }
    // "the formation in January 1920 of the League of Nations"
    let first = date.tokens.lowerBound
    if first >= 2, k + 1 < tokens.count, isWord(tokens[k], "of"), let cue = cueAt(first - 2),
      isWord(tokens[first - 1], "in") || isWord(tokens[first - 1], "on")
    {
      let name = isWord(tokens[k + 1], "the") ? k + 2 : k + 1
      if name < tokens.count && startsClaimable(name) { return [(entityAt[name], cue, .following)] }
    }
    guard k + 1 < tokens.count,
      isWord(tokens[k], "through") || isWord(tokens[k], "by") || isWord(tokens[k], "under")
    else { return [] }
    k += 1
    if isWord(tokens[k], "the") { k += 1 }
    guard k < tokens.count, startsClaimable(k), entities[entityAt[k]].kind == .agreement else {
      return []
    }
    return [(entityAt[k], .predicate(.signed), .following)]
  }

  /// An agreement dated here that ended a named war dates the war's end; a war that ended in a
  /// named agreement dates the agreement ("The Great Northern War … ends in the Treaty of
  /// Nystad").
  private func withConsequences(_ found: [Subject], _ date: DateMention, sentence: Int? = nil)
    -> [Subject]
  {
    guard let main = found.first else { return found }
    // A ratification is not the date a war ended, even when the text says it ended it.
    if case .predicate(.ratified) = main.cue { return found }
    // A war dated by its beginning ends in no treaty then.
    if entities[main.entity].kind == .event, case .predicate(.began) = main.cue { return found }
    if entities[main.entity].kind == .event, case .predicate(.founded) = main.cue { return found }
    let sentence = sentence ?? sentenceOf[date.tokens.lowerBound]
    let range = sentenceStarts[sentence]..<sentenceEnd(sentence)
    // A congress that ended a war settles it as a treaty does.
    let kind = entities[main.entity].kind == .organization ? .agreement : entities[main.entity].kind
    guard kind == .agreement || kind == .event else { return found }
    var result = found
    func add(_ other: Int) {
      guard other != main.entity, !result.contains(where: { $0.entity == other }) else { return }
      if kind == .agreement && entities[other].kind == .event {
        result.append((other, .predicate(.ended), .consequence))
      } else if kind == .event && entities[other].kind == .agreement {
        result.append((other, .predicate(.signed), .consequence))
      }
    }
    // From the dated name on, within its clause.
    var j = max(range.lowerBound, entities[main.entity].extent.upperBound)
    while j < range.upperBound && !subordinates(j) {
      if isEnding(j) {
        var k = j + 1
        while k < range.upperBound && k <= j + 4
          && (tokens[k].is(.determiner) || isWord(tokens[k], "to") || isWord(tokens[k], "of")
            || isWord(tokens[k], "in") || isWord(tokens[k], "with") || isWord(tokens[k], "an")
            || tokens[k].is(.cue) && isWord(tokens[k], "end"))
        {
          k += 1
        }
        if k < range.upperBound, startsClaimable(k) {
          add(entityAt[k])
        } else if k < range.upperBound, let anaphor = anaphor(at: k), let other = anaphor.antecedent
        {
          // "Treaty of Paris ends the war": the war named before.
          add(other)
        }
      }
      // "brought the War of the Spanish Succession to a close", "… to an end"
      if isWord(tokens[j], "brought"), j + 1 < range.upperBound {
        let name = isWord(tokens[j + 1], "the") ? j + 2 : j + 1
        if name < range.upperBound, startsClaimable(name) {
          var k = entities[entityAt[name]].extent.upperBound
          if k < range.upperBound && isWord(tokens[k], "to") { k += 1 }
          if k < range.upperBound && (isWord(tokens[k], "a") || isWord(tokens[k], "an")) { k += 1 }
          if k < range.upperBound && (isWord(tokens[k], "close") || isWord(tokens[k], "end")) {
            add(entityAt[name])
          }
        }
      }
      j += 1
    }
    return result
  }

  /// "before", "after", "when", "because", "although" followed by a clause with its own subject
  /// (a determiner or a name, then a verb within a few words), not by a noun phrase alone ("after
  /// the war").
  private func opensSubordinate(_ j: Int) -> Bool {
    let token = tokens[j]
    guard
      isWord(token, "before") || isWord(token, "after") || isWord(token, "when")
        || isWord(token, "because") || isWord(token, "although") || isWord(token, "though")
        || isWord(token, "while") || isWord(token, "whereas")
    else { return false }
    var k = j + 1
    var steps = 0
    while k < tokens.count && steps < 6 {
      // Verbs only: a cue noun ("after the withdrawal of Iraq") opens no clause.
      if tokens[k].is(.actionVerb) || tokens[k].is(.auxiliary) || tokens[k].is(.eventVerb)
        || tokens[k].is(.finiteCue)
      {
        return steps > 0
      }
      if tokens[k].kind == .punct { return false }
      // A name counts as one word: "after the Siege of the International Legations ended".
      k = entityAt[k] >= 0 ? max(k + 1, entities[entityAt[k]].extent.upperBound) : k + 1
      steps += 1
    }
    return false
  }

  /// A conjunction that opens a clause of its own after a comma: "and", "but", "while".
  private func startsClause(_ j: Int) -> Bool {
    let token = tokens[j]
    return isWord(token, "and") || isWord(token, "but") || isWord(token, "while")
      || isWord(token, "whereas") || isWord(token, "yet")
  }

  /// Words that open a subordinate clause, whose verb is not the main clause's: "twenty years
  /// after another treaty had ended the war".
  private func subordinates(_ j: Int) -> Bool {
    let token = tokens[j]
    return isWord(token, "after") || isWord(token, "before") || isWord(token, "when")
      || isWord(token, "while") || isWord(token, "although") || isWord(token, "though")
      || isWord(token, "because") || isWord(token, "whereas") || isWord(token, "since")
      || isWord(token, "another") || token.is(.semicolon) || token.is(.colon)
  }

  /// "ended", "ending", "concluded", "brought an end to", "marked the end of".
  private func isEnding(_ j: Int) -> Bool {
    guard tokens[j].is(.cue), !isWord(tokens[j], "until"), !isWord(tokens[j], "till") else {
      return false
    }
    switch tokens[j].info.cue {
    case .concluded: return true
    case .predicate(.ended):
      return !isWord(tokens[j], "end") || isWord(tokens[j - 1], "an")
        || isWord(tokens[j - 1], "the")
    default: return false
    }
  }

  private func sentenceEnd(_ sentence: Int) -> Int {
    sentence + 1 < sentenceStarts.count ? sentenceStarts[sentence + 1] : tokens.count
  }

  // MARK: Cues and anaphora

  /// The cue at a token: a cue word, with "into force", "into effect" and "took effect" read as
  /// one. Capitalised cue words count only in headings ("The Baghdad Pact is Signed").
  private func cueAt(_ j: Int, headingCase: Bool = false) -> Cue? {
    let token = tokens[j]
    guard token.is(.cue), headingCase || !token.has(.capitalized) || token.has(.sentenceStart)
    else { return nil }
    // "signed into law": a ratification, not the signing.
    if isWord(token, "signed"), j + 2 < tokens.count, isWord(tokens[j + 1], "into"),
      isWord(tokens[j + 2], "law")
    {
      return .predicate(.ratified)
    }
    // "broke apart", "broke up": dissolved, where "broke out" began.
    if isWord(token, "broke"), j + 1 < tokens.count,
      isWord(tokens[j + 1], "apart") || isWord(tokens[j + 1], "up")
    {
      return .predicate(.dissolved)
    }
    if case .predicate(.effective) = token.info.cue, !isWord(token, "effective") {
      guard j > 0, isWord(tokens[j - 1], "into") || isWord(tokens[j - 1], "took") else {
        return nil
      }
    }
    return token.info.cue
  }

  /// "the formation of NATO", "the signing of the Treaty of Paris": a cue noun two or three
  /// tokens before the entity.
  private func cueBefore(_ entityStart: Int) -> Cue? {
    var j = entityStart - 1
    if j >= 0 && (isWord(tokens[j], "the") || isWord(tokens[j], "this")) { j -= 1 }
    guard j >= 0 else { return nil }
    // "Congress ratified the Treaty of Paris on …": a cue verb right before its object;
    // "Iraq withdrew from the Baghdad Pact": with a preposition between. ("until the
    // Convention of Peking" is a preposition, no cue.)
    if isWord(tokens[j], "until") || isWord(tokens[j], "till") { return nil }
    if let cue = cueAt(j), sentenceOf[j] == sentenceOf[entityStart] { return cue }
    if j >= 1, isWord(tokens[j], "from") || isWord(tokens[j], "into") || isWord(tokens[j], "to"),
      let cue = cueAt(j - 1), sentenceOf[j - 1] == sentenceOf[entityStart]
    {
      return cue
    }
    guard j >= 1, isWord(tokens[j], "of"), let cue = cueAt(j - 1) else { return nil }
    return cue
  }

  /// "the signing of the Treaty", "the formation of NATO": a cue noun with "of".
  private func hasNominalCue(_ entityStart: Int) -> Bool {
    var j = entityStart - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    return j >= 1 && isWord(tokens[j], "of") && cueAt(j - 1) != nil
  }

  /// Whether the name starting at `start` follows "by": the agent of a passive verb.
  private func isAgent(_ start: Int) -> Bool {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    return j >= 0 && isWord(tokens[j], "by")
  }

  struct Anaphor {
    var start: Int
    var end: Int
    var antecedent: Int?
  }

  /// "the treaty", "this alliance", "The Peace", "it", "its dissolution": a word that stands
  /// for a name given before. `j` is the noun or pronoun.
  private func anaphor(at j: Int) -> Anaphor? {
    guard j < tokens.count, j > 0 || tokens[j].is(.pronoun) else { return nil }
    let token = tokens[j]
    if token.is(.pronoun) && entityAt[j] < 0 {
      // A subject pronoun ("It was signed …") or the object of a verb that dates an
      // agreement ("Both sides signed it on …"); "… prompted the government to annex it in
      // 1877" speaks of something else.
      let subject =
        j == sentenceStarts[sentenceOf[j]] || j > 0 && tokens[j - 1].is(.comma)
        || j > 0 && (tokens[j - 1].is(.opener) && !tokens[j - 1].is(.pronoun))
      guard subject || j > 0 && cueAt(j - 1) != nil else { return nil }
      return Anaphor(start: j, end: j + 1, antecedent: subjectBefore(j))
    }
    // "its dissolution", "its founding"
    if isWord(token, "its"), j + 1 < tokens.count, tokens[j + 1].is(.cue) {
      return Anaphor(
        start: j, end: j + 2, antecedent: antecedent(before: j, fits: { _ in true }))
    }
    guard token.is(.kindNoun), entityAt[j] < 0, let kind = token.info.kind else { return nil }
    func determines(_ k: Int) -> Bool {
      k >= 0 && (isWord(tokens[k], "the") || isWord(tokens[k], "this") || isWord(tokens[k], "that"))
    }
    // "the treaty", and with one lower-case word between: "the peace treaty".
    let adjective =
      kind != .organization && j >= 2 && tokens[j - 1].kind == .word
      && !tokens[j - 1].has(.capitalized)
      && !tokens[j - 1].is(.determiner) && determines(j - 2)
    guard determines(j - 1) || adjective else { return nil }
    // "the treaty of 1818" is a name, not an anaphor; so is "the bull Inter caetera".
    if j + 1 < tokens.count && isWord(tokens[j + 1], "of") { return nil }
    if j + 1 < tokens.count && tokens[j + 1].isCapitalizedWord && !tokens[j + 1].has(.sentenceStart)
    {
      return nil
    }
    // "the war" is first the last name whose head is "War", then the last of its kind; "the
    // conflict" and "the fighting" are first a war.
    let head =
      isWord(token, "conflict") || isWord(token, "fighting") || isWord(token, "struggle")
      ? Self.war : token.spelling
    let start = adjective ? j - 2 : j - 1
    if let named = antecedent(before: start, head: head) {
      return Anaphor(start: start, end: j + 1, antecedent: named)
    }
    let fits: (EntityKind) -> Bool = { candidate in
      candidate == kind || kind == .organization && candidate == .agreement
    }
    return Anaphor(start: start, end: j + 1, antecedent: antecedent(before: start, fits: fits))
  }

  /// "It was held from …", "Both sides signed it on …": a pronoun stands for the most salient
  /// name before it, the subject: within its sentence the first claimable name before it, else
  /// the first claimable name of the sentences before (not the last name, which is often an
  /// object: "… ended the War of 1812 … Both sides signed it").
  private func subjectBefore(_ j: Int) -> Int? {
    let sentence = sentenceOf[j]
    if let own = (sentenceStarts[sentence]..<j).first(where: { startsClaimable($0) }) {
      return entityAt[own]
    }
    var previous = sentence - 1
    while previous >= max(0, sentence - 3) {
      let range = sentenceStarts[previous]..<sentenceStarts[previous + 1]
      if let first = range.first(where: { startsClaimable($0) }) { return entityAt[first] }
      previous -= 1
    }
    return nil
  }

  /// Where an antecedent may stand at the earliest: the start of the sentence
  /// ``antecedentWindow`` sentences back.
  private func windowStart(before index: Int) -> Int? {
    guard index > 0 else { return nil }
    let sentence = sentenceOf[min(index, tokens.count - 1)]
    return sentenceStarts[max(0, sentence - Self.antecedentWindow)]
  }

  /// The last claimable name in the window whose words include the noun ("the war" → "Great
  /// Northern War").
  private func antecedent(before index: Int, head: UInt64) -> Int? {
    guard let earliest = windowStart(before: index) else { return nil }
    var j = index - 1
    while j >= earliest {
      let entity = entityAt[j]
      if entity >= 0 && claimable(entity) && tokens[j].spelling == head {
        return appositionHead(entities[entity].extent.lowerBound) ?? entity
      }
      j -= 1
    }
    return nil
  }

  /// The last claimable entity that fits, in this sentence before `index` or in the few before.
  private func antecedent(before index: Int, fits: (EntityKind) -> Bool) -> Int? {
    guard let earliest = windowStart(before: index) else { return nil }
    var j = index - 1
    while j >= earliest {
      let entity = entityAt[j]
      if entity >= 0 {
        let kind = entities[entity].kind
        if kind != .other && fits(kind) {
          return appositionHead(entities[entity].extent.lowerBound) ?? entity
        }
        j = entities[entity].extent.lowerBound - 1
        continue
      }
      j -= 1
    }
    return nil
  }

  private func entityEnding(at j: Int) -> Int? {
    guard j >= 0, entityAt[j] >= 0, entities[entityAt[j]].extent.upperBound == j + 1 else {
      return nil
    }
    return entityAt[j]
  }
}

/// Where the lines of a document start, and which lines are headings.
struct LineLayout {
  /// For each token, its line (counting only lines with tokens).
  let lineOf: [Int]
  private let starts: [Int]
  private let headings: [Bool]

  init(_ tokens: [Token]) {
    var lineOf = [Int](repeating: 0, count: tokens.count)
    var starts: [Int] = []
    for (index, token) in tokens.enumerated() {
      if index == 0 || token.has(.lineBreakBefore) { starts.append(index) }
      lineOf[index] = starts.count - 1
    }
    self.lineOf = lineOf
    self.starts = starts
    var headings = [Bool](repeating: false, count: starts.count)
    for line in starts.indices {
      let first = starts[line]
      let end = line + 1 < starts.count ? starts[line + 1] : tokens.count
      let last = tokens[end - 1]
      // A heading stands apart (a blank line or the document's start before it, a blank line
      // or the end after it), is short and does not end as a sentence does.
      let apartBefore = first == 0 || tokens[first].has(.blankLineBefore)
      let apartAfter = end == tokens.count || tokens[end].has(.blankLineBefore)
      // A short list item that does not end as a sentence is a heading too ("- The Dawn of a
      // Fragile Peace: Amiens, March 1802" in a table of contents).
      let listItem = tokens[first].is(.bullet) || tokens[first].is(.dash)
      // A heading starts as a title does: with a capital, a number or a bullet.
      let startsAsTitle = tokens[first].kind != .word || tokens[first].has(.capitalized)
      guard startsAsTitle && end - first <= 24 && !last.is(.period) && !last.is(.comma) else {
        continue
      }
      // A line in title case stands apart by its capitals even without blank lines around
      // (counted only for the short lines that may be headings: this runs on every line).
      var words = 0
      var capitals = 0
      for index in first..<end where tokens[index].kind == .word {
        words += 1
        if tokens[index].has(.capitalized) { capitals += 1 }
      }
      let titleCase = words >= 3 && capitals * 5 >= words * 3
      headings[line] = apartBefore && apartAfter || listItem || titleCase
    }
    self.headings = headings
  }

  var lineCount: Int { starts.count }
  func firstToken(ofLine line: Int) -> Int { starts[line] }
  func endToken(ofLine line: Int) -> Int {
    line + 1 < starts.count ? starts[line + 1] : lineOf.count
  }
  func isHeading(_ line: Int) -> Bool { headings[line] }
}

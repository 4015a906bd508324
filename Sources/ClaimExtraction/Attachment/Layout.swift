/// Layout rules: where a date stands on its line decides what it dates before any grammar does.
/// A date alone on a line or leading a list item ("1955 – …") dates what the item (or the line
/// after it) names; a label ("When: …", "Date signed: …") or a heading dates the section's topic;
/// a table row dates its first name; an answer ("A. 1571.") dates what the question names.
///
/// Pages of the kind this reads (timelines, tables of contents, quizzes) tie dates to names by
/// layout, not by sentences, so these rules run first and, when they find a subject, decide. An
/// item that tells its own event ("1855: Sardinia enters the war") dates no topic, and a list
/// item is no heading for the items after it.
extension ClaimAttacher {
  /// How many tokens past a date the layout rules read on its line.
  static let lineWindow = 256

  /// What the layout of the date's line makes it date; `nil` when the layout says nothing and the
  /// sentence decides, an empty list when the layout says the date dates nothing named.
  func layoutSubjects(_ date: DateMention) -> [Subject]? {
    let first = date.tokens.lowerBound
    let line = layout.lineOf[first]
    let lineStart = layout.firstToken(ofLine: line)
    // The rules below read at most this far into a line past the date, and a few tokens at its
    // start: a paragraph on one line with a date every few words must stay linear.
    let lineEnd = min(layout.endToken(ofLine: line), first + Self.lineWindow)
    var lead = lineStart
    while lead < min(first, lineStart + 8) && (tokens[lead].is(.bullet) || tokens[lead].is(.dash)) {
      lead += 1
    }
    // "The 26th of September 1815 – …": an article before the date still leads with it.
    if lead + 1 == first && isWord(tokens[lead], "the") { lead += 1 }
    // "• 1887 and 1891 – …": several dates may lead together.
    var leading = lead
    while leading < min(lineEnd, lead + 64)
      && (dateAt[leading] || isWord(tokens[leading], "and") || tokens[leading].is(.comma))
    {
      leading += 1
    }
    let leads = lead == first || lead < first && leading > first
    // A date alone on its line: what the next line names ("30 August 1721" above "The Great
    // Northern War … ends in the Treaty of Nystad.").
    if leads
      && (date.tokens.upperBound >= lineEnd || onlyPunctuation(date.tokens.upperBound..<lineEnd))
    {
      if line + 1 < layout.lineCount {
        let next = layout.firstToken(ofLine: line + 1)
        let statement = next..<min(layout.endToken(ofLine: line + 1), sentenceEnd(sentenceOf[next]))
        let named = namedOnLine(afterLabel(statement), limit: 1)
        if !named.isEmpty { return withConsequences(named, date, sentence: sentenceOf[next]) }
        return topicUnless(ownEventIn: statement, before: lineStart)
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
      if let main = named.first {
        return withConsequences(named, date)
          + joinedObjects(min(entities[main.entity].extent.upperBound, lineEnd)..<lineEnd)
      }
      // (The section's topic itself is dated as before: "1871: France and Germany sign the
      // treaty".)
      if let dated = anaphorWithCue(in: (after + 1)..<lineEnd),
        dated.entity != topic(before: lineStart)
      {
        return [dated]
      }
      return topicUnless(ownEventIn: (after + 1)..<lineEnd, before: lineStart)
    }
    // "Q. In which year did the Battle of Lepanto take place?" / "A. 1571.", "**Answer:**
    // 1955.": an answer that is a date dates what the question names, as the question's verb
    // says ("When was the pact established?").
    if line > 0, isAnswerLabel(lead..<first),
      after >= lineEnd || tokens[after].is(.period) || tokens[after].is(.terminal)
    {
      let question = questionLine(before: line)
      // (No name in the question: the answer dates nothing, not the page's title.)
      guard let name = question.first(where: { startsClaimable($0) }) else { return [] }
      let cue = question.lazy.compactMap { self.cueAt($0) }.first
      return [(entityAt[name], cue, .heading)]
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
      let cue = label.lazy.compactMap { self.cueAt($0, headingCase: true) }.first
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
      if let name = sectionTopics.firstName(onLine: line) {
        return [(entityAt[name], nil, .heading)] + laterInCell(after: name, lineEnd)
      }
      return []
    }
    // A heading dates its topic, the first name it gives.
    if layout.isHeading(line) {
      if let topic = (lineStart..<lineEnd).first(where: { startsClaimable($0) }) {
        // A cue right after the date speaks for it ("(March 10, 1848 – Ratification)"); else
        // the line's first.
        // (A date may run past its line: "713" and an era "AD" on the next.)
        let after = min(date.tokens.upperBound, lineEnd)
        let near = (after..<min(lineEnd, after + 3)).lazy
          .compactMap { self.cueAt($0, headingCase: true) }.first
        var cue =
          near ?? (lineStart..<lineEnd).lazy.compactMap { self.cueAt($0, headingCase: true) }.first
        if case .predicate(.ended) = cue, entities[entityAt[topic]].kind == .agreement {
          cue = .predicate(.signed)
        }
        return [(entityAt[topic], cue, .heading)]
      }
    }
    return nil
  }

  /// "Annexation of the Transvaal: In 1877, the British annexed …": a line that opens with a
  /// name and a colon is about that name, when nothing else in it is.
  func lineLabel(_ date: DateMention) -> Subject? {
    let first = date.tokens.lowerBound
    let lineStart = layout.firstToken(ofLine: layout.lineOf[first])
    // (Only the line's first nine tokens: a paragraph's line is long, and this runs per date.)
    guard startsClaimable(lineStart),
      let colon = (lineStart..<min(first, lineStart + 9)).first(where: { tokens[$0].is(.colon) }),
      entities[entityAt[lineStart]].extent.upperBound == colon
    else { return nil }
    return (entityAt[lineStart], nil, .heading)
  }

  /// "1815 – The Second Treaty of Paris is signed, and the four powers renew the Quadruple
  /// Alliance": a clause joined by ", and" whose cue verb has a name as its object dates that
  /// name too, with the verb's cue.
  private func joinedObjects(_ range: Range<Int>) -> [Subject] {
    var found: [Subject] = []
    var joined = false
    for index in range where index + 1 < range.upperBound {
      if tokens[index].is(.comma) && startsClause(index + 1) { joined = true }
      guard joined, !tokens[index].has(.capitalized), let cue = cueAt(index) else { continue }
      let name = isWord(tokens[index + 1], "the") ? index + 2 : index + 1
      if name < range.upperBound && startsClaimable(name) {
        found.append((entityAt[name], cue, .heading))
      }
    }
    return found
  }

  /// "February 6, 1899 – After a debate, the Senate ratifies the treaty": an item that names
  /// nothing but speaks of "the treaty" with a verb that dates it (right before it, or within a
  /// few words after: "the treaty enters into force") dates the name the anaphor stands for.
  private func anaphorWithCue(in range: Range<Int>) -> Subject? {
    for index in range where tokens[index].is(.kindNoun) && entityAt[index] < 0 {
      guard let found = anaphor(at: index), let antecedent = found.antecedent,
        found.start >= range.lowerBound
      else { continue }
      let before = found.start - 1
      let cue =
        (before >= range.lowerBound ? cueAt(before) : nil)
        ?? (found.end..<min(found.end + 4, range.upperBound)).lazy.compactMap { self.cueAt($0) }
        .first
      guard let cue, says(cue, of: antecedent) else { return nil }
      return (antecedent, cue, .anaphora)
    }
    return nil
  }

  /// "| 25 May 1963 | OAU Charter signed and the OAU founded |": a further name in the first
  /// name's cell that a verb right after it dates, with that verb's cue.
  private func laterInCell(after name: Int, _ lineEnd: Int) -> [Subject] {
    var found: [Subject] = []
    var k = entities[entityAt[name]].extent.upperBound
    while k < lineEnd && !tokens[k].is(.pipe) {
      if startsClaimable(k) {
        let entity = entityAt[k]
        if let cue = verbCue(after: entities[entity].extent.upperBound),
          says(cue, of: entity)
        {
          found.append((entity, cue, .heading))
        }
        k = entities[entity].extent.upperBound
        continue
      }
      k += 1
    }
    return found
  }

  /// "A.", "A:", "Answer:", "**Answer:**": the label of an answer, and nothing else, before the
  /// date.
  private func isAnswerLabel(_ range: Range<Int>) -> Bool {
    var k = range.lowerBound
    guard k < range.upperBound, isWord(tokens[k], "a") || isWord(tokens[k], "answer") else {
      return false
    }
    k += 1
    while k < range.upperBound && tokens[k].is(.bullet) { k += 1 }
    guard k < range.upperBound, tokens[k].is(.period) || tokens[k].is(.colon) else { return false }
    k += 1
    while k < range.upperBound && tokens[k].is(.bullet) { k += 1 }
    return k == range.upperBound
  }

  /// The question an answer on `line` answers: the nearest of the three lines above that asks
  /// (has a question mark), else the line right above.
  private func questionLine(before line: Int) -> Range<Int> {
    var above = line - 1
    while above >= max(0, line - 3) {
      let range = layout.firstToken(ofLine: above)..<layout.endToken(ofLine: above)
      if range.contains(where: { tokens[$0].is(.terminal) }) { return range }
      above -= 1
    }
    return layout.firstToken(ofLine: line - 1)..<layout.endToken(ofLine: line - 1)
  }

  /// The section's topic, unless the statement tells an event of its own.
  private func topicUnless(ownEventIn statement: Range<Int>, before lineStart: Int) -> [Subject] {
    guard let topic = topic(before: lineStart),
      !tellsOwnEvent(statement, besides: entities[topic].kind)
    else { return [] }
    return [(topic, nil, .heading)]
  }

  /// "1855: Sardinia enters the war", "1775: Fighting begins at Lexington" under a section on a
  /// treaty: a list item (or the line under a date) with an actor and a verb of its own tells its
  /// own event, which is not the section's topic. "1856: Signed at Paris" has no actor, and
  /// "1721: Russia and Sweden sign the treaty" speaks of a thing of the topic's kind: both date
  /// the topic.
  private func tellsOwnEvent(_ range: Range<Int>, besides kind: EntityKind) -> Bool {
    var actor = false
    var verb = false
    for index in range {
      let token = tokens[index]
      // ("Congress declares war on Spain": a kind noun without a determiner is no mention of
      // the topic.)
      if token.is(.kindNoun) && token.info.kind == kind && determined(index, in: range) {
        return false
      }
      if token.isCapitalizedWord && !token.is(.determiner) && !token.is(.opener)
        && !token.is(.pronoun) && !token.is(.cue) && !token.is(.actionVerb)
      {
        actor = true
      } else if actor && !token.has(.capitalized)
        && (token.is(.actionVerb) || token.is(.cue)
          || token.is(.eventVerb) && !token.is(.datePreposition))
      {
        verb = true
      } else if actor && presentTenseAfterActor(index) {
        // "5 May 1821 – Napoleon dies in exile": a verb the lexicon does not know, in the
        // present tense of timelines, right after its actor.
        verb = true
      }
    }
    return verb
  }

  /// "the treaty", "its war", "the first treaty": a noun with a determiner, at most one
  /// lower-case word between.
  private func determined(_ index: Int, in range: Range<Int>) -> Bool {
    func determiner(_ k: Int) -> Bool {
      k >= range.lowerBound && (tokens[k].is(.determiner) || isWord(tokens[k], "its"))
    }
    return determiner(index - 1)
      || index - 1 >= range.lowerBound && tokens[index - 1].kind == .word
        && !tokens[index - 1].has(.capitalized) && determiner(index - 2)
  }

  /// A lower-case word in "-s" right after a capitalised word: the actor's verb in the
  /// historical present ("Napoleon dies", "Wellington arrives"), not a noun of a kind
  /// ("Vienna talks") nor a word of the grammar.
  private func presentTenseAfterActor(_ index: Int) -> Bool {
    let token = tokens[index]
    guard index > 0, tokens[index - 1].isCapitalizedWord, !token.has(.capitalized),
      token.pluralLooking, !token.is(.kindNoun), !token.is(.opener), !token.is(.connector),
      !token.is(.datePreposition), !token.is(.auxiliary), !token.is(.countNoun)
    else { return false }
    // A verb is followed by its object, a preposition or the end: "dies in exile", "reaches
    // Paris", "expands". Before another lower-case word it is a plural noun ("Iraqi forces arm").
    guard index + 1 < tokens.count else { return true }
    let next = tokens[index + 1]
    return next.kind != .word || next.has(.lineBreakBefore) || next.has(.capitalized)
      || next.is(.determiner) || next.is(.opener) || next.is(.datePreposition)
  }

  /// "First Boer War: The Battle of Majuba Hill takes place": the statement after a label, when
  /// it names something.
  private func afterLabel(_ range: Range<Int>) -> Range<Int> {
    guard let colon = range.first(where: { tokens[$0].is(.colon) }),
      ((colon + 1)..<range.upperBound).contains(where: { startsClaimable($0) })
    else { return range }
    return (colon + 1)..<range.upperBound
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

  /// What a section is about: the first name of the nearest heading above, else the last name
  /// before.
  private func topic(before token: Int) -> Int? {
    let line = token < tokens.count ? layout.lineOf[token] - 1 : layout.lineCount - 1
    // "- 1854 – Battle of the Alma" above "- 1856: Signed at Paris": a list item is a sibling of
    // the item after it, not its section's heading.
    let inList = token < tokens.count && isListItem(layout.lineOf[token])
    return sectionTopics.topic(atOrAbove: line, skippingListItems: inList)
      ?? antecedent(before: token, fits: { _ in true })
  }

  private func isListItem(_ line: Int) -> Bool {
    let first = tokens[layout.firstToken(ofLine: line)]
    return first.is(.bullet) || first.is(.dash)
  }
}

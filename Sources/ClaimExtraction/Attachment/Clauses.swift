/// Clause rules: a date far from any name dates the subject of its clause, when a verb that dates
/// (a cue such as "signed", or "held", "took place", "lasted") stands between them: "The
/// Kellogg–Briand Pact was a landmark agreement signed in 1928". The subject takes no date that
/// is bound tightly to another name or to an unnamed noun phrase, save the war the clause says
/// ended with it ("The war ended with the Treaty of Paris, signed in 1783"); where the clause
/// begins is ClauseBoundaries.swift's.
extension ClaimAttacher {
  /// How many date tokens before the date the clause walk passes.
  static let datesInClause = 12

  /// The subject of the clause the date stands in, when a dating verb stands between it and the
  /// date: "The Kellogg–Briand Pact was a landmark agreement signed in 1928".
  ///
  /// `tightObject`: the date is bound tightly to `object` ("X of 1668", "X, signed in 1668,"), so
  /// it dates no other name of the clause; only a war the clause says the agreement ended is
  /// still dated ("The war ended with the Treaty of Paris, signed in 1783").
  func clauseSubject(_ date: DateMention, _ sentenceStart: Int, object: Int?, tightObject: Bool)
    -> Subject?
  {
    let first = date.tokens.lowerBound
    var j = first - 1
    var cue: Cue?
    var dates = false
    var comma = false
    var cueIndex = -1
    // A clause names a few dates before this one at most ("signed in 1814 and ratified in
    // 1815"); past a dozen date tokens it is a list or hostile text ("in 1814 " for a megabyte),
    // and walking on would make every date of it read the whole sentence.
    var datesPassed = 0
    while j >= sentenceStart {
      let token = tokens[j]
      if token.is(.semicolon) || token.is(.colon) { break }
      if dateAt[j] {
        datesPassed += 1
        if datesPassed > Self.datesInClause { break }
      }
      if token.is(.comma) { comma = true }
      // "…, which paved the way for the founding of the Confederation of the Rhine in 1806",
      // "…, leading to the collapse of the empire in 1806": a date in a result phrase is what
      // the phrase names, never the clause's subject.
      if !comma && opensResult(j) { return nil }
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
        if cue == nil { cueIndex = j }
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
        guard dates, let entity = entityEnding(at: before) ?? predicateSubject(ending: before)
        else { return nil }
        // "The war ended with the Treaty of X, which was signed on …": the relative clause is
        // the agreement's; the clause it hangs on may say which war ended with it.
        if tightObject && entity == object {
          j = entities[entity].extent.lowerBound - 1
          continue
        }
        guard !tightObject, entity != object else { return nil }
        return (entity, adjust(cue, at: cueIndex, subject: entity, object: object), .clause)
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
      if entities[antecedent].kind == .event, let end = endedBy(object, tightObject, first, cue) {
        return endsBetween(anaphor.end, end) ? (antecedent, .predicate(.ended), .anaphora) : nil
      }
      guard !tightObject else { return nil }
      return (antecedent, adjust(cue, at: cueIndex, subject: antecedent, object: object), .anaphora)
    }
    guard !tightObject else {
      // Only the war the clause's subject is, ended by the agreement the date is bound to.
      let name = tokens[k].is(.determiner) ? k + 1 : k
      guard name < first, startsClaimable(name), entities[entityAt[name]].kind == .event,
        let end = endedBy(object, tightObject, first, cue)
      else { return nil }
      let entity = entityAt[name]
      return endsBetween(entities[entity].extent.upperBound, end)
        ? (entity, .predicate(.ended), .clause) : nil
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
          // ("News of the treaty reached London in 1815": with no verb that dates it, an act
          // about the entity, not its own date.)
          return (antecedent, cue ?? .predicate(.other), .anaphora)
        }
        m += 1
      }
      // "President Monroe announced the doctrine in … in December 1823": the subject names
      // no entity; the object of the clause's dating verb does.
      if let found = objectMention(from: k, sentence: sentenceOf[first]),
        found.subject.entity != object, found.end <= first,
        // No other verb that dates between the object and the date ("signed the treaty and
        // exchanged ratified copies … on 17 February 1815"), nor one that tells an act of its
        // own ("renewed the war and won a victory at the Battle of X on …").
        !(found.end..<first).contains(where: { cueAt($0) != nil || tokens[$0].is(.actionVerb) })
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
      return endsBetween(entities[entity].extent.upperBound, entities[object].extent.lowerBound)
        ? (entity, .predicate(.ended), .clause) : nil
    }
    return (entity, adjust(cue, at: cueIndex, subject: entity, object: object), .clause)
  }

  /// "The Shimonoseki Treaty is a peace treaty which was signed …": a relative clause on a
  /// predicate noun ("is a peace treaty", "was an alliance") is about the name the noun
  /// describes, the subject of "is".
  private func predicateSubject(ending end: Int) -> Int? {
    guard end >= 2, tokens[end].is(.kindNoun), !tokens[end].has(.capitalized), entityAt[end] < 0
    else { return nil }
    var k = end - 1
    while k > end - 4 && k >= 1 && tokens[k].kind == .word && !tokens[k].has(.capitalized)
      && !tokens[k].is(.determiner)
    {
      k -= 1
    }
    guard k >= 2, isWord(tokens[k], "a") || isWord(tokens[k], "an"), tokens[k - 1].is(.auxiliary),
      !isWord(tokens[k - 1], "had") && !isWord(tokens[k - 1], "has")
        && !isWord(tokens[k - 1], "have"),
      let subject = entityEnding(at: k - 2), claimable(subject)
    else { return nil }
    return subject
  }

  /// "the Treaty of Münster and the Treaty of Osnabrück, both of which were signed …": names of
  /// the same kind joined to a clause's subject by "and" share its date.
  func coordinated(with subject: Subject) -> [Subject] {
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

  /// Where the agreement a war may have ended with starts: the object the date is bound to when
  /// that is an agreement, or the date itself when it is bound to an unnamed noun phrase ("ended
  /// with an armistice signed on …": `tightObject` with no object). None when the date is the
  /// agreement's ratification or entry into force, which is not when the war ended.
  /// Whether a word that ends something stands from `start` up to `end`. In garbled text the
  /// agreement can come before the war's name (the fuzzer's "Treaty C:Battle P rejected it in
  /// 1919."): then nothing stands between.
  private func endsBetween(_ start: Int, _ end: Int) -> Bool {
    start < end && (start..<end).contains(where: { isEnding($0) })
  }

  private func endedBy(_ object: Int?, _ tightObject: Bool, _ first: Int, _ cue: Cue?) -> Int? {
    switch cue {
    case .predicate(.ratified), .predicate(.effective): return nil
    default: break
    }
    guard let object else { return tightObject ? first : nil }
    return entities[object].kind == .agreement ? entities[object].extent.lowerBound : nil
  }

  /// "The treaty ended the war in 1842": the treaty was signed then, it did not end. So when the
  /// war is not named ("ended the fighting in 1842"): an agreement that ends something is signed.
  /// So is one that founds or dissolves something ("The Treaty of Rome established the European
  /// Economic Community in 1957"): the founding is the object's, the signing the agreement's.
  private func adjust(_ cue: Cue?, at index: Int, subject: Int, object: Int?) -> Cue? {
    guard entities[subject].kind == .agreement else { return cue }
    switch cue {
    case .predicate(.ended):
      if let object, entities[object].kind == .event { return .predicate(.signed) }
      guard index >= 0, index + 1 < tokens.count, isEnding(index) else { return cue }
    case .predicate(.founded), .predicate(.dissolved):
      guard index >= 0, index + 1 < tokens.count, tokens[index].has(.pastLooking) else {
        return cue
      }
    default: return cue
    }
    let next = tokens[index + 1]
    return next.is(.determiner) || next.is(.kindNoun) || startsClaimable(index + 1)
      ? .predicate(.signed) : cue
  }

}

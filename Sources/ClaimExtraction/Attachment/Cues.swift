/// Cues: which word near a name or a date gives the claim's predicate ("signed", "the formation
/// of", "entered into force", "signed into law"), and whether a name is the agent of a passive
/// verb ("adopted by the National Convention") rather than what the verb's date is about.
///
/// Predicates stay precise: an act done to an entity by others ("copied a portion of the accord
/// in 1828", "a scholar studied the treaty") or beside its signing ("initialled", "first
/// proposed", "adhered to") is `other`, which supports and contradicts nothing; a cue that cannot
/// be said of a kind (a battle is not signed) binds no date to it; an agreement that ends
/// something was signed then.
extension ClaimAttacher {
  /// The cue at a token: a cue word, with "into force", "into effect" and "took effect" read as
  /// one. Capitalised cue words count only in headings ("The Baghdad Pact is Signed").
  func cueAt(_ j: Int, headingCase: Bool = false) -> Cue? {
    let token = tokens[j]
    guard token.is(.cue), headingCase || !token.has(.capitalized) || token.has(.sentenceStart)
    else { return nil }
    // "signed into law": a ratification, not the signing.
    if isWord(token, "signed"), j + 2 < tokens.count, isWord(tokens[j + 1], "into"),
      isWord(tokens[j + 2], "law")
    {
      return .predicate(.ratified)
    }
    // "opened for signature": the signing, not a beginning.
    if isWord(token, "opened"), j + 2 < tokens.count, isWord(tokens[j + 1], "for"),
      isWord(tokens[j + 2], "signature")
    {
      return .predicate(.signed)
    }
    // "broke apart", "broke up", "broke down": dissolved, where "broke out" began.
    if isWord(token, "broke"), j + 1 < tokens.count,
      isWord(tokens[j + 1], "apart") || isWord(tokens[j + 1], "up")
        || isWord(tokens[j + 1], "down")
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
  func cueBefore(_ entityStart: Int) -> Cue? {
    var j = entityStart - 1
    if j >= 0 && (isWord(tokens[j], "the") || isWord(tokens[j], "this")) { j -= 1 }
    guard j >= 0 else { return nil }
    // "Congress ratified the Treaty of Paris on …": a cue verb right before its object;
    // "Iraq withdrew from the Baghdad Pact": with a preposition between. ("until the
    // Convention of Peking" is a preposition, no cue.)
    if isWord(tokens[j], "until") || isWord(tokens[j], "till") { return nil }
    if let cue = cueAt(j), sentenceOf[j] == sentenceOf[entityStart] { return cue }
    // "these disputes ignited the Aroostook War in 1839": the object began.
    if tokens[j].is(.causing), sentenceOf[j] == sentenceOf[entityStart] {
      return .predicate(.began)
    }
    if j >= 1, isWord(tokens[j], "from") || isWord(tokens[j], "into") || isWord(tokens[j], "to"),
      let cue = cueAt(j - 1), sentenceOf[j - 1] == sentenceOf[entityStart]
    {
      return cue
    }
    guard j >= 1, isWord(tokens[j], "of"), let cue = cueAt(j - 1) else { return nil }
    return cue
  }

  /// "A scholar studied the treaty in 1900", "Champollion copied a portion of the accord in
  /// 1828": the entity (or a part of it: "a portion of", "a translation of") is the object of a
  /// verb, and a date after it is that act's, done to the entity by someone else. A cue verb
  /// gives its cue; any other past tense that dates nothing gives `other`. Only for a date after
  /// the object: "answered the 1948 blockade" dates the blockade itself.
  func actBefore(_ entityStart: Int) -> Cue? {
    var j = entityStart - 1
    if j >= 0 && tokens[j].is(.determiner) { j -= 1 }
    var part = false
    if j >= 3, isWord(tokens[j], "of"), tokens[j - 1].kind == .word, tokens[j - 2].is(.determiner) {
      j -= 3
      part = true
    }
    guard j >= 1, sentenceOf[j] == sentenceOf[entityStart] else { return nil }
    // A cue verb right before the entity is ``cueBefore(_:)``'s; before a part of it, this.
    if part, tokens[j].is(.finiteCue) || tokens[j].has(.pastLooking), let cue = cueAt(j) {
      return cue
    }
    return actsOnObject(j) ? .predicate(.other) : nil
  }

  /// Whether a cue can be said of an entity of a kind: a treaty is signed, a war begins and ends,
  /// an alliance is founded; a league is not signed, nor does a treaty break out.
  func says(_ cue: Cue?, of entity: Int) -> Bool {
    // "The formal surrender of Germany was signed at Reims": a surrender is an act that is
    // signed.
    if case .predicate(.signed) = cue,
      entities[entity].extent.contains(where: { isWord(tokens[$0], "surrender") })
    {
      return true
    }
    return says(cue, of: entities[entity].kind)
  }

  func says(_ cue: Cue?, of kind: EntityKind) -> Bool {
    switch cue {
    case .none, .predicate(.other), .predicate(.dated), .predicate(.founded),
      .predicate(.dissolved):
      return true
    case .concluded: return kind != .organization
    // An alliance made by a treaty is ratified as the treaty is ("the Franco-Russian Alliance,
    // ratified in January 1894").
    case .predicate(.ratified): return kind == .agreement || kind == .organization
    case .predicate(.signed), .predicate(.effective):
      return kind == .agreement
    case .predicate(.began), .predicate(.ended): return kind != .agreement
    }
  }

  /// Whether the word at `j` is a past tense with an object after it ("copied", "studied"), not
  /// an adjective after a determiner ("the celebrated treaty") nor a verb that places an event
  /// in time ("followed", "waged").
  private func actsOnObject(_ j: Int) -> Bool {
    let token = tokens[j]
    return token.has(.pastLooking) && !token.is(.eventVerb) && !token.is(.datePreposition)
      && !token.is(.cue) && !tokens[j - 1].is(.determiner) && !isPassive(j - 1)
      && !makes(token)
  }

  /// Verbs by which an agreement is made, not acted on: "Napoleon imposed the Treaty of Tilsit
  /// in 1807", "Roosevelt brokered the treaty in 1905". The date is the agreement's own.
  func makes(_ token: Token) -> Bool {
    isWord(token, "imposed") || isWord(token, "dictated") || isWord(token, "brokered")
      || isWord(token, "mediated") || isWord(token, "forged") || isWord(token, "crafted")
      || isWord(token, "secured") || isWord(token, "finalised") || isWord(token, "finalized")
  }

  /// A cue verb within a few words after a subject: "NATO was formally founded".
  func verbCue(after end: Int, headingCase: Bool = false) -> Cue? {
    var m = end
    var steps = 0
    while m < tokens.count && steps < 3 && (tokens[m].is(.auxiliary) || tokens[m].is(.gapAdverb)) {
      m += 1
      steps += 1
    }
    return m < tokens.count ? cueAt(m, headingCase: headingCase) : nil
  }

  /// ``verbCue(after:headingCase:)`` for the verb of a subject: "In 1748, the Treaty of
  /// Aix-la-Chapelle ended the war": an agreement that ends something was signed then.
  func verbCue(after end: Int, of subject: Int) -> Cue? {
    let cue = verbCue(after: end)
    guard case .predicate(.ended) = cue, entities[subject].kind == .agreement else { return cue }
    var m = end
    while m < tokens.count && (tokens[m].is(.auxiliary) || tokens[m].is(.gapAdverb)) { m += 1 }
    guard m + 1 < tokens.count else { return cue }
    let next = tokens[m + 1]
    return next.is(.determiner) || next.is(.kindNoun) || startsClaimable(m + 1)
      ? .predicate(.signed) : cue
  }

  /// "the signing of the Treaty", "the formation of NATO": a cue noun with "of".
  func hasNominalCue(_ entityStart: Int) -> Bool {
    var j = entityStart - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    return j >= 1 && isWord(tokens[j], "of") && cueAt(j - 1) != nil
  }

  /// Whether the name starting at `start` follows "by": the agent of a passive verb.
  func isAgent(_ start: Int) -> Bool {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    return j >= 0 && isWord(tokens[j], "by")
  }

  /// The cue of the passive verb whose agent starts at `start` ("established by the …").
  func agentVerb(_ start: Int) -> Cue? {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    j -= 1
    while j >= 0 && tokens[j].is(.gapAdverb) { j -= 1 }
    return j >= 0 ? cueAt(j) : nil
  }
}

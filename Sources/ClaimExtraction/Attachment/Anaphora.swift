/// Anaphora: "the treaty", "this alliance", "the conflict", "it", "its dissolution" stand for a name
/// given before. A noun anaphor is first the last name with the same head word ("the war" →
/// "Great Northern War"), then, for a generic noun ("the treaty", "the alliance"), the last name
/// of its kind, within ``ClaimAttacher/antecedentWindow`` sentences. A specific noun ("the
/// armistice", "the edict") stands only for a name headed by a word of its group ("the summit" →
/// "Yalta Conference"), and "the first treaty" for none but a name that says "first": else it is
/// an unnamed thing of its own, and takes the dates bound to it. A pronoun is the most salient
/// name, the subject, of its sentence or the few before.
extension ClaimAttacher {
  struct Anaphor {
    var start: Int
    var end: Int
    var antecedent: Int?
  }

  /// "the treaty", "this alliance", "The Peace", "it", "its dissolution": a word that stands
  /// for a name given before. `j` is the noun or pronoun.
  func anaphor(at j: Int) -> Anaphor? {
    guard j < tokens.count, j > 0 || tokens[j].is(.pronoun) else { return nil }
    let token = tokens[j]
    if token.is(.pronoun) && entityAt[j] < 0 {
      // A subject pronoun ("It was signed …") or the object of a verb that dates an
      // agreement ("Both sides signed it on …"); "… prompted the government to annex it in
      // 1877" speaks of something else.
      let subject =
        j == sentenceStarts[sentenceOf[j]] || j > 0 && tokens[j - 1].is(.comma)
        || j > 0 && (tokens[j - 1].is(.opener) && !tokens[j - 1].is(.pronoun))
        // "A: It was signed in 1713": after an answer's label.
        || j > 0 && tokens[j - 1].is(.colon)
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
    // "the treaty of 1818" is a name, not an anaphor; so is "the bull Inter caetera". In "the
    // peace congress" the congress is the thing, "peace" only says which.
    if j + 1 < tokens.count && isWord(tokens[j + 1], "of") { return nil }
    // "the war between France and Spain", "the war against Denmark": described, not a name
    // given before.
    if j + 2 < tokens.count, isWord(tokens[j + 1], "between") || isWord(tokens[j + 1], "against"),
      tokens[j + 2].isCapitalizedWord
    {
      return Anaphor(start: determines(j - 1) ? j - 1 : j - 2, end: j + 1, antecedent: nil)
    }
    if j + 1 < tokens.count && tokens[j + 1].is(.kindNoun) && !tokens[j + 1].has(.capitalized) {
      return nil
    }
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
    // "The first treaty, concluded in May 1814, …" after the Second Treaty of Paris: an ordinal
    // or "earlier", "previous" sets the thing apart from the name before, unless the name says
    // the same ("the second treaty" for the Second Treaty of Paris).
    if adjective && contrasts(tokens[j - 1]) {
      let ordinal = tokens[j - 1].spelling
      guard let named = antecedent(before: start, head: head),
        entities[named].extent.contains(where: { tokens[$0].spelling == ordinal })
      else { return Anaphor(start: start, end: j + 1, antecedent: nil) }
      return Anaphor(start: start, end: j + 1, antecedent: named)
    }
    // "the final treaty was signed on …" after the Treaty of Sèvres and an armistice: "final",
    // "new", "later" mark a thing that came after the ones named, unless the name is the only
    // one of its kind in the window. Better no claim than the wrong antecedent.
    if adjective && succeeds(tokens[j - 1]) {
      let fits: (EntityKind) -> Bool = { $0 == kind }
      guard
        let named = antecedent(before: start, head: head)
          ?? (token.is(.genericKind) ? antecedent(before: start, fits: fits) : nil),
        isOnlyOfItsKind(named, before: start)
      else { return Anaphor(start: start, end: j + 1, antecedent: nil) }
      return Anaphor(start: start, end: j + 1, antecedent: named)
    }
    if let named = antecedent(before: start, head: head) {
      return Anaphor(start: start, end: j + 1, antecedent: named)
    }
    // "The armistice, agreed on 15 December 1917, …" after the Treaty of Brest-Litovsk: a
    // specific kind noun with no name of its own head before is an unnamed thing of its own, not
    // the last agreement ("the treaty" may be the Peace of Westphalia; "the armistice" is not).
    // ("the summit" may be the Yalta Conference: a word of its group heads the name.)
    guard token.is(.genericKind) else {
      return Anaphor(start: start, end: j + 1, antecedent: antecedent(before: start, group: token))
    }
    let fits: (EntityKind) -> Bool = { candidate in
      candidate == kind || kind == .organization && candidate == .agreement
    }
    // "the war" after the St. Bartholomew's Day Massacre: a generic word for a war stands for a
    // war, a revolution or a campaign, not for a battle, a massacre or a conference.
    if kind == .event {
      return Anaphor(
        start: start, end: j + 1,
        antecedent: antecedent(before: start, fits: fits, where: isWarLike))
    }
    return Anaphor(start: start, end: j + 1, antecedent: antecedent(before: start, fits: fits))
  }

  /// A name headed by a word for a war or a long struggle ("war", "conflict", "revolution",
  /// "invasion", "crusade"), not for one bounded event ("battle", "massacre", "summit").
  private func isWarLike(_ entity: Int) -> Bool {
    entities[entity].extent.contains { index in
      let token = tokens[index]
      guard token.is(.kindNoun), token.info.kind == .event else { return false }
      return token.is(.genericKind) || token.info.group == 2 || token.info.group == 3
        || isWord(token, "crusade") || isWord(token, "crusades") || isWord(token, "crisis")
    }
  }

  /// An adjective that sets a thing apart from the one named before: an ordinal ("the first
  /// treaty"), "earlier", "previous", "former", "prior", "original", "other".
  private func contrasts(_ token: Token) -> Bool {
    token.is(.ordinalWord) || isWord(token, "earlier") || isWord(token, "previous")
      || isWord(token, "former") || isWord(token, "prior") || isWord(token, "original")
      || isWord(token, "other")
  }

  /// An adjective that marks a thing that came after the one named before: "final", "last",
  /// "new", "eventual", "definitive", "later".
  private func succeeds(_ token: Token) -> Bool {
    isWord(token, "final") || isWord(token, "last") || isWord(token, "new")
      || isWord(token, "eventual") || isWord(token, "definitive") || isWord(token, "later")
  }

  /// Whether no other claimable name of the entity's kind stands in the window before `index`.
  private func isOnlyOfItsKind(_ entity: Int, before index: Int) -> Bool {
    guard let earliest = windowStart(before: index) else { return true }
    let kind = entities[entity].kind
    let key = entities[entity].key
    var j = earliest
    while j < index {
      let other = entityAt[j]
      if other >= 0 {
        if other != entity && entities[other].kind == kind && entities[other].key != key {
          return false
        }
        j = max(j + 1, entities[other].extent.upperBound)
        continue
      }
      j += 1
    }
    return true
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
    // (And at most ``antecedentTokens`` back: eight sentences cut at their cap by hostile text
    // would be 2,000 tokens to walk per anaphor.)
    return max(
      sentenceStarts[max(0, sentence - Self.antecedentWindow)], index - Self.antecedentTokens)
  }

  /// The last claimable name in the window whose words include the noun ("the war" → "Great
  /// Northern War").
  func antecedent(before index: Int, head: UInt64) -> Int? {
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

  /// The last claimable name in the window with a kind noun of the same group as `noun` ("the
  /// summit" → "Yalta Conference"); none for a noun of no group.
  private func antecedent(before index: Int, group noun: Token) -> Int? {
    let group = noun.info.group
    guard group != 0, let earliest = windowStart(before: index) else { return nil }
    var j = index - 1
    while j >= earliest {
      let entity = entityAt[j]
      if entity >= 0 && claimable(entity) && tokens[j].is(.kindNoun)
        && tokens[j].info.group == group
      {
        return appositionHead(entities[entity].extent.lowerBound) ?? entity
      }
      j -= 1
    }
    return nil
  }

  /// The last claimable entity that fits, in this sentence before `index` or in the few before.
  func antecedent(
    before index: Int, fits: (EntityKind) -> Bool, where admits: (Int) -> Bool = { _ in true }
  ) -> Int? {
    guard let earliest = windowStart(before: index) else { return nil }
    var j = index - 1
    while j >= earliest {
      let entity = entityAt[j]
      if entity >= 0 {
        let kind = entities[entity].kind
        // "the organisation" after "the SEATO Council": a body of an organisation is not it.
        if kind != .other && fits(kind) && !isBody(entity) && admits(entity) {
          return appositionHead(entities[entity].extent.lowerBound) ?? entity
        }
        j = entities[entity].extent.lowerBound - 1
        continue
      }
      j -= 1
    }
    return nil
  }

  /// "SEATO Council", "NATO Secretariat": an acronym and a word that names a body of it.
  private func isBody(_ entity: Int) -> Bool {
    let extent = entities[entity].tokens
    guard extent.count == 2, tokens[extent.lowerBound].has(.allCaps) else { return false }
    let last = tokens[extent.upperBound - 1]
    return isWord(last, "council") || isWord(last, "committee") || isWord(last, "secretariat")
      || isWord(last, "commission") || isWord(last, "assembly")
  }
}

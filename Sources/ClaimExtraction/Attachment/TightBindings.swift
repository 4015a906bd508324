/// Tight bindings: a name right next to its date. "NAME (DATE)", "NAME DATE", "DATE NAME" tie the
/// date to that name and to nothing else in the clause; nothing looser is tried when one fits.
extension ClaimAttacher {
  /// "ENTITY (1648)", "ENTITY (signed 1951)", "ENTITY (c. 1259 BC)"
  func parenthetical(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
    let first = date.tokens.lowerBound
    var j = first - 1
    var cue: Cue?
    // "(c. 1259 BC)": the abbreviation's period too.
    if j > sentenceStart && tokens[j].is(.period) && tokens[j - 1].is(.approximate) { j -= 1 }
    // "NAME (October 1853 – February 1856)": two dates in one parenthesis, the first a
    // beginning, the second an end.
    if j > sentenceStart && tokens[j].is(.dash) && dateAt[j - 1] {
      var start = j - 1
      while start > sentenceStart && dateAt[start - 1] { start -= 1 }
      guard start > sentenceStart, tokens[start - 1].is(.openParen),
        let entity = entityEnding(at: start - 2)
      else { return nil }
      // (An agreement's two dates are two acts, not a span.)
      return (entity, isSpan(entity) ? .predicate(.ended) : nil, .parenthetical)
    }
    let end = date.tokens.upperBound
    let began =
      j > sentenceStart && tokens[j].is(.openParen) && end + 1 < tokens.count
      && tokens[end].is(.dash) && dateAt[end + 1]
    while j > sentenceStart && j >= first - 4, tokens[j].kind == .word,
      tokens[j].is(.cue) || isWord(tokens[j], "in") || isWord(tokens[j], "c")
        || tokens[j].is(.approximate)
    {
      if tokens[j].is(.cue) { cue = tokens[j].info.cue }
      j -= 1
    }
    guard j > sentenceStart && tokens[j].is(.openParen), let entity = entityEnding(at: j - 1)
    else { return nil }
    return (entity, began && isSpan(entity) ? .predicate(.began) : cue, .parenthetical)
  }

  /// "the Treaty of Nystad 1721 marked …": the name ends right before the year.
  func adjacent(_ date: DateMention) -> Subject? {
    let first = date.tokens.lowerBound
    guard first > 0, let entity = entityEnding(at: first - 1), claimable(entity),
      layout.lineOf[first - 1] == layout.lineOf[first]
    else { return nil }
    return (entity, cueBefore(entities[entity].extent.lowerBound), .adjacent)
  }

  /// "the 1951 ANZUS Treaty"; "the 1992–95 war" after the Bosnian War was named.
  func preceding(_ date: DateMention) -> Subject? {
    var after = date.tokens.upperBound
    // "1869's Meiji Restoration"
    if after + 2 < tokens.count && tokens[after].is(.apostrophe) && isWord(tokens[after + 1], "s") {
      after += 2
    }
    if after < tokens.count, tokens[after].is(.kindNoun), entityAt[after] < 0,
      let named = antecedent(before: date.tokens.lowerBound, head: tokens[after].spelling)
    {
      // "as the 1977 treaty required" after the Neutrality Treaty: the name is the thing only
      // when its own date, given where it is named, has that year.
      guard isDated(named, like: date) else { return nil }
      return (named, nil, .preceding)
    }
    // "feudal until 1869's Meiji Restoration": "until" belongs to the clause, not the name.
    let before = date.tokens.lowerBound - 1
    let clauseCue =
      before >= 0 && (isWord(tokens[before], "until") || isWord(tokens[before], "till"))
    guard after < tokens.count, sentenceOf[after] == sentenceOf[date.tokens.lowerBound],
      entityAt[after] >= 0, entities[entityAt[after]].extent.lowerBound == after,
      // ("In February 1768 Polish nobles formed …": a people or a place is no claim's subject,
      // and leaves the date to the rules after.)
      claimable(entityAt[after])
    else { return nil }
    return (entityAt[after], clauseCue ? nil : cueBefore(date.tokens.lowerBound), .preceding)
  }

  /// Whether some mention of the entity's name has, in its sentence, a date with the year the
  /// date starts with.
  private func isDated(_ entity: Int, like date: DateMention) -> Bool {
    guard
      let year = date.tokens.first(where: { tokens[$0].kind == .number && tokens[$0].digits == 4 })
    else { return false }
    let spelling = tokens[year].spelling
    let name = entities[entity].tokens
    // (Same words, compared by spelling: normalising every name's key would cost a page's
    // worth of strings per date.)
    func sameName(_ other: EntityMention) -> Bool {
      other.tokens.count == name.count
        && zip(other.tokens, name).allSatisfy { tokens[$0].spelling == tokens[$1].spelling }
    }
    for other in entities where sameName(other) {
      let sentence = sentenceOf[other.extent.lowerBound]
      for k in sentenceStarts[sentence]..<sentenceEnd(sentence)
      where k != year && dateAt[k] && tokens[k].spelling == spelling {
        return true
      }
    }
    return false
  }

  /// A thing that lasts from one date to another: not an agreement.
  private func isSpan(_ entity: Int) -> Bool { entities[entity].kind != .agreement }
}

/// Looser bindings before the name: a date put first ("In 1949, NATO was founded", "Signed in
/// 1951, it …"), a cleft ("It was in 1920 that …", "The year 1925 saw …") and the object of a
/// dating verb when the clause's subject names nothing ("On 10 March 1848, the Senate ratified
/// the Treaty of …"). Fronted dates open a sentence or a clause after a semicolon; the name they
/// date comes after them.
extension ClaimAttacher {
  /// "In 1949, NATO was founded"; "On 10 March 1848, the Senate ratified the Treaty of …";
  /// "Signed in 1951, it laid …"
  func fronted(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
    // "Held between November 1884 and February 1885, it …": the pair opens the sentence; the
    // first is a beginning (the second is elided after it, see ``attach(_:_:)``).
    let first = date.tokens.lowerBound
    var end = date.tokens.upperBound
    var pair: Cue?
    if end + 1 < tokens.count, isWord(tokens[end], "and"), dateAt[end + 1],
      first > sentenceStart, isWord(tokens[first - 1], "between")
    {
      end += 1
      while end < tokens.count && dateAt[end] { end += 1 }
      pair = .predicate(.began)
    }
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
    // (A pair's beginning, unless a cue says what both are.)
    if cue == nil { cue = pair }
    // "On this day in 1842, …", "Seventy years ago this week, on 4 April 1949, …": an opening
    // phrase without a name or a verb.
    var opening = 0
    var auxiliary = false
    var pronoun = false
    while j >= sentenceStart && opening < 8 && entityAt[j] < 0 && !tokens[j].is(.cue)
      && (tokens[j].kind == .word || tokens[j].is(.comma))
    {
      if tokens[j].is(.auxiliary) { auxiliary = true }
      if tokens[j].is(.pronoun) { pronoun = true }
      j -= 1
      opening += 1
    }
    // "Although its constitution was signed on 22 July 1946, the WHO …": a clause with a
    // subject of its own; only "it" or "they" would be the subject after the comma.
    if auxiliary && !pronoun { return nil }
    // The phrase opens the sentence, or a clause after a semicolon ("…; in 1529 the Treaty of
    // Zaragoza defined …") or a label's colon ("This Week in History: On June 4, 1920, …").
    guard j < sentenceStart || tokens[j].is(.semicolon) || tokens[j].is(.colon) else {
      return secondParticiple(date, sentenceStart)
    }
    // "After the defeat in 1871, France signed …": the date is the defeat's; the clause is
    // only dated after it. ("After its signing in 1648, the Peace …": the subject's own act.)
    let opener = tokens[j + 1]
    if opening > 0 && cue == nil
      && (isWord(opener, "after") || isWord(opener, "before") || isWord(opener, "following")
        || isWord(opener, "since") || isWord(opener, "prior"))
    {
      return nil
    }
    var k = end
    // "In 1949 NATO was founded": no comma before a name.
    if k < tokens.count, !tokens[k].is(.comma) {
      let name = isWord(tokens[k], "the") ? k + 1 : k
      if name < tokens.count, startsClaimable(name), sentenceOf[name] == sentenceOf[first] {
        let entity = entityAt[name]
        return (
          entity, cue ?? verbCue(after: entities[entity].extent.upperBound, of: entity), .fronted
        )
      }
      // "In February 1768 Polish nobles formed the Bar Confederation": no comma, and a subject
      // that names nothing claimable: the object of the clause's dating verb.
      if cue == nil, name < tokens.count, sentenceOf[name] == sentenceOf[first],
        tokens[name].kind == .word, !tokens[name].is(.cue)
      {
        return object(from: name, sentence: sentenceOf[first])
      }
    }
    // "Formed in May 1955 as Moscow's answer to …, the pact …": a participle's phrase runs on
    // to its comma.
    if cue != nil, k < tokens.count, !tokens[k].is(.comma),
      let comma = commaBeforeSubject(from: k, sentence: sentenceOf[first])
        ?? (k..<min(tokens.count, k + 20)).first(where: { tokens[$0].is(.comma) }),
      (k..<comma).allSatisfy({
        sentenceOf[$0] == sentenceOf[first] && (!tokens[$0].is(.cue) || joinedParticiple($0))
      })
    {
      k = comma
    }
    guard k < tokens.count, tokens[k].is(.comma) else { return nil }
    return subject(afterComma: k, cue: cue, sentence: sentenceOf[first])
  }

  /// "Signed on 26 June 1858 by Britain and China and ratified in Beijing on 24 October 1860,
  /// the Treaty of Tientsin …": the date of a second participle joined by "and" to the one that
  /// opens the sentence dates the same subject, after the phrase's comma.
  private func secondParticiple(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
    let first = date.tokens.lowerBound
    guard cueAt(sentenceStart, headingCase: true) != nil,
      date.tokens.upperBound < tokens.count, tokens[date.tokens.upperBound].is(.comma),
      !(sentenceStart..<first).contains(where: { tokens[$0].kind == .punct && !dateAt[$0] })
    else { return nil }
    // The nearest participle before the date, right after "and".
    var j = first - 1
    while j > sentenceStart + 1 && first - j <= 8 {
      if let cue = cueAt(j), tokens[j].has(.pastLooking), isWord(tokens[j - 1], "and") {
        return subject(afterComma: date.tokens.upperBound, cue: cue, sentence: sentenceOf[first])
      }
      j -= 1
    }
    return nil
  }

  /// The subject of a clause after a fronted phrase that ends with the comma at `comma`: a name
  /// or an anaphor, else the object of the clause's dating verb.
  private func subject(afterComma comma: Int, cue: Cue?, sentence: Int) -> Subject? {
    var k = comma + 1
    guard k < tokens.count, sentenceOf[k] == sentence else { return nil }
    // "Signed in 1494, the treaty …", and with an adjective: "…, this pivotal accord …".
    let determined = isWord(tokens[k], "the") || isWord(tokens[k], "this")
    if let anaphor = anaphor(at: k + (determined ? 1 : 0))
      ?? (determined && k + 2 < tokens.count ? anaphor(at: k + 2) : nil),
      let antecedent = anaphor.antecedent
    {
      return (antecedent, cue ?? verbCue(after: anaphor.end, of: antecedent), .anaphora)
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
        return (
          entity, cue ?? verbCue(after: entities[entity].extent.upperBound, of: entity), .fronted
        )
      }
    }
    // The subject is no claimable name ("the U.S. Senate"): the object of the clause's first
    // cue verb, "… ratified the Treaty of Guadalupe Hidalgo"; or an agreement by which the
    // clause's act was done ("In 1494, the line was moved west by the Treaty of Tordesillas").
    return object(from: k, sentence: sentence) ?? agreementAgent(from: k)
  }

  /// "Signed in March 1948 by Britain, France, Belgium and Luxembourg, it …", "Signed on … in the
  /// village of X (today Y), the treaty …": a participle's phrase with a list or an aside in it
  /// runs on to the comma before the anaphor that is the clause's subject.
  private func commaBeforeSubject(from start: Int, sentence: Int) -> Int? {
    var j = start
    while j + 1 < tokens.count && j - start < 30 && sentenceOf[j] == sentence {
      let token = tokens[j]
      if token.is(.cue) && !joinedParticiple(j) || token.is(.semicolon) || token.is(.colon)
        || token.is(.auxiliary) || token.is(.actionVerb)
      {
        return nil
      }
      if token.is(.comma), sentenceOf[j + 1] == sentence {
        let next = j + 1
        let determined =
          next + 1 < tokens.count && (isWord(tokens[next], "the") || isWord(tokens[next], "this"))
        if tokens[next].is(.pronoun)
          || determined && tokens[next + 1].is(.kindNoun) && anaphor(at: next + 1) != nil
        {
          return j
        }
        // A name after the comma is the subject itself: the first comma ends the phrase.
        if startsClaimable(determined ? next + 1 : next) { return nil }
      }
      j += 1
    }
    return nil
  }

  /// "… and ratified in Beijing …": a participle joined to the phrase's first by "and".
  private func joinedParticiple(_ j: Int) -> Bool {
    j > 0 && isWord(tokens[j - 1], "and") && tokens[j].has(.pastLooking)
  }

  /// The agreement after "by" in the clause from `start` on, when a passive verb stands before
  /// it: an agreement acts on the date it is signed.
  private func agreementAgent(from start: Int) -> Subject? {
    var j = start
    while j + 2 < tokens.count && sentenceOf[j] == sentenceOf[start] && j - start < 16 {
      let token = tokens[j]
      if token.is(.semicolon) || token.is(.colon) || token.is(.comma) { return nil }
      // "was moved by", "was moved west by": a participle right before "by", or a word before.
      if isWord(token, "by"), j >= 2,
        tokens[j - 1].has(.pastLooking) || tokens[j - 1].is(.cue) || tokens[j - 2].has(.pastLooking)
      {
        let name = isWord(tokens[j + 1], "the") ? j + 2 : j + 1
        guard startsClaimable(name), isPlainlyAgreement(entityAt[name]) else { return nil }
        return (entityAt[name], nil, .fronted)
      }
      j += 1
    }
    return nil
  }

  /// "It was in 1920 that the League of Nations held …", "The year 1925 saw the signing of the
  /// Locarno Treaties": the date is put first, and the name comes after it.
  func cleft(_ date: DateMention, _ sentenceStart: Int) -> Subject? {
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
      return (entity, verbCue(after: entities[entity].extent.upperBound, of: entity), .fronted)
    }
    // "The year 1925 saw …", "The year 1648 brought …"
    if first >= 1, isWord(tokens[first - 1], "year"), first - sentenceStart <= 2 {
      return object(from: after, sentence: sentenceOf[first], anyVerb: true)
    }
    // "1967 marked the birth of ASEAN", "1815 saw the founding of …": a date that is the
    // subject of a verb in the past.
    if first == sentenceStart, tokens[after].kind == .word, !tokens[after].has(.capitalized),
      tokens[after].has(.pastLooking) || isWord(tokens[after], "saw")
    {
      return object(from: after, sentence: sentenceOf[first], anyVerb: true)
    }
    return nil
  }

  /// The first claimable name right after a cue verb in this sentence: "… signed the Treaty of
  /// Paris", "… joined the Crimean War".
  private func object(from start: Int, sentence: Int, anyVerb: Bool = false) -> Subject? {
    objectMention(from: start, sentence: sentence, anyVerb: anyVerb)?.subject
  }

  /// ``object(from:sentence:anyVerb:)`` with where the object's mention ends in the text (not
  /// its antecedent's, for "the doctrine").
  func objectMention(from start: Int, sentence: Int, anyVerb: Bool = false)
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
      let causing: Cue? = tokens[j].is(.causing) ? .predicate(.began) : nil
      if let cue = causing ?? cueAt(j), !tokens[j].has(.capitalized) {
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
}

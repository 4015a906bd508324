/// Events that have no name: "In 1812, Napoleon invaded Russia", "German troops occupied these
/// territories between 1 and 10 October 1938", "(Russia declared war on Japan on August 8,
/// 1945)". A dated clause whose verb tells an event (``WordClass/actionVerb``) and whose actor
/// is named is a claim about that event; its subject is the clause itself, from the actor to
/// the end of the object, so the same event told twice with two dates is a conflict.
///
/// Only when no named subject takes the date: a date that dates a treaty or a war is never also
/// an unnamed event's.
extension ClaimAttacher {
  /// How many words an actor or an object may have; longer ones are not the simple clauses this
  /// reads.
  static let phraseLimit = 8

  func eventSubject(_ date: DateMention, _ text: UnsafeBufferPointer<UInt8>) -> EntityMention? {
    let first = date.tokens.lowerBound
    let sentence = sentenceOf[first]
    let sentenceStart = sentenceStarts[sentence]
    if let fronted = frontedEvent(date, sentenceStart) { return describe(fronted, text) }
    // The date after the clause: "… captured Mexico City in September 1847", "… landed at
    // Eupatoria (September 14, 1854)". Not a date that leads its line with nothing to join it
    // to the line before ("1854 – Britain and France declare war" under "1853 – Russia
    // occupies …"): the clause before is another item's.
    if tokens[first].has(.lineBreakBefore) && first > 0 && !tokens[first - 1].is(.datePreposition)
      && !tokens[first - 1].is(.openParen)
    {
      return nil
    }
    var j = first - 1
    if j >= sentenceStart && tokens[j].is(.openParen) {
      // "won by Prince Eugene of Savoy (1663–1736)": a span of years in parentheses after a
      // name is a person's life, not the clause's date.
      if case .range = date.value, j > sentenceStart, tokens[j - 1].isCapitalizedWord {
        return nil
      }
      j -= 1
    }
    while j >= sentenceStart && j >= first - 3 && tokens[j].is(.datePreposition)
      && !tokens[j].is(.actionVerb)
    {
      j -= 1
    }
    if j >= sentenceStart && isWord(tokens[j], "the") { j -= 1 }
    let objectEnd = j + 1
    var verb: Int?
    var k = j
    while k >= sentenceStart && objectEnd - k <= Self.phraseLimit {
      if tokens[k].is(.actionVerb) && !tokens[k].has(.capitalized) {
        verb = k
        break
      }
      if tokens[k].is(.comma) || tokens[k].is(.semicolon) || tokens[k].is(.colon)
        || tokens[k].is(.openParen) || tokens[k].is(.cue) || dateAt[k]
      {
        return nil
      }
      k -= 1
    }
    guard let verb, let start = actorStart(before: verb, sentenceStart),
      namesSomeone(start..<objectEnd)
    else { return nil }
    return describe(start..<objectEnd, text)
  }

  /// Whether a clause names an actor or a place: a capitalised word ("the allied armies
  /// recaptured Buda"). A sentence's first word is capitalised anyway: it counts unless it is a
  /// function word or looks like a common plural ("German troops occupied …" and "Sevastopol
  /// fell …" name someone, "Troops arrived …" does not).
  private func namesSomeone(_ range: Range<Int>) -> Bool {
    range.contains { index in
      let token = tokens[index]
      guard token.isCapitalizedWord else { return false }
      guard token.has(.sentenceStart) else { return true }
      return !token.is(.opener) && !token.is(.determiner) && !token.pluralLooking
    }
  }

  /// "the 1992–95 war", "The 11 November 1918 Armistice": a date that qualifies a bare kind
  /// noun names an event by its date, when no name of that kind came before.
  func datedNoun(_ date: DateMention, _ text: UnsafeBufferPointer<UInt8>) -> EntityMention? {
    let after = date.tokens.upperBound
    guard after < tokens.count, tokens[after].is(.kindNoun), entityAt[after] < 0,
      let kind = tokens[after].info.kind
    else { return nil }
    var mention = describe(date.tokens.lowerBound..<(after + 1), text)
    mention?.kind = kind
    return mention
  }

  /// "In 1812, Napoleon invaded Russia, …", "Between 1361 and 1370, the Hansa fought a war with
  /// the Danes and the Norwegians, and …"
  private func frontedEvent(_ date: DateMention, _ sentenceStart: Int) -> Range<Int>? {
    let first = date.tokens.lowerBound
    // "In 1812,", "In the year 1066,", "On the morning of 1 September 1939,"
    // ("Estonia proclaimed its independence on 24 February 1918, one day before German troops
    // entered Tallinn": a clause before the date is no fronted phrase.)
    guard first - sentenceStart <= 5,
      (sentenceStart..<first).allSatisfy({ tokens[$0].kind == .word }),
      tokens[sentenceStart].is(.datePreposition) || tokens[sentenceStart].is(.opener)
    else { return nil }
    var k = date.tokens.upperBound
    // "In 1881, a revolutionary assassinated …", and without the comma: "In 1881 a
    // revolutionary assassinated Tsar Alexander II".
    guard k < tokens.count,
      tokens[k].is(.comma)
        || tokens[sentenceStart].is(.datePreposition)
          && (tokens[k].is(.determiner) || tokens[k].isCapitalizedWord)
    else { return nil }
    if tokens[k].is(.comma) { k += 1 }
    let actor = k
    var verb: Int?
    while k < tokens.count && sentenceOf[k] == sentenceOf[first] && k - actor <= Self.phraseLimit {
      if tokens[k].is(.actionVerb) && !tokens[k].has(.capitalized) {
        verb = k
        break
      }
      if tokens[k].kind == .punct && !tokens[k].is(.comma) || tokens[k].is(.cue) { return nil }
      k += 1
    }
    guard let verb, verb > actor else { return nil }
    var end = verb + 1
    while end < tokens.count && sentenceOf[end] == sentenceOf[first]
      && end - verb <= Self.phraseLimit
      && tokens[end].kind != .punct && !dateAt[end]
    {
      end += 1
    }
    return namesSomeone(actor..<end) ? actor..<end : nil
  }

  /// Where the actor of a verb starts: the words back to the clause's start ("U.S. troops",
  /// "the Ottoman empire"). A verb joined to an earlier one by "and" ("… and later joined the
  /// U.S.") starts the description itself; a relative pronoun gives none.
  private func actorStart(before verb: Int, _ sentenceStart: Int) -> Int? {
    var k = verb - 1
    while k >= sentenceStart && verb - k <= Self.phraseLimit {
      let token = tokens[k]
      // "…, which only returned to Chinese rule in 1997": whose event it is lies before the
      // comma, out of reach of this reading.
      if token.is(.relative) && !isWord(token, "that") { return nil }
      if token.kind == .punct || dateAt[k] || token.is(.relative) || isWord(token, "and")
        || token.is(.opener) && !token.is(.determiner) && !token.is(.gapAdverb)
          && !isWord(token, "later")
      {
        break
      }
      k -= 1
    }
    return k + 1
  }

  private func describe(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>) -> EntityMention? {
    guard !range.isEmpty else { return nil }
    let bytes = tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end
    let words = Self.collapsingWhitespace(UnsafeBufferPointer(rebasing: text[bytes]))
    return EntityMention(
      range: bytes, text: words, kind: .event, isAcronym: false, tokens: range, extent: range)
  }

  /// The text with each run of white space one space, none at the ends. ASCII text (nearly all)
  /// is done on bytes: `Character.isWhitespace` showed up in profiles of extraction.
  static func collapsingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.allSatisfy({ $0 < 0x80 }) else {
      return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        .joined(separator: " ")
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var space = false
    for byte in bytes {
      if byte == 0x20 || byte &- 0x09 < 5 {
        space = !out.isEmpty
      } else {
        if space { out.append(0x20) }
        space = false
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

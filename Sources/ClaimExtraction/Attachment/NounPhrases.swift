/// Noun phrases before a date: what the phrase a date is read back into is, when it is not a
/// name. An explicit noun phrase with its own determiner ("the edict issued in 1598", "the
/// armistice of January 1871") is an unnamed thing that takes the date; a name after a
/// preposition past the clause's verb ("a defence of the pact during the war came in 1944") is
/// inside the subject's phrase, not the subject; a name after "after" or "since" is what the
/// clause is dated against; "the summer of 1815" is a time, not a thing.
extension ClaimAttacher {
  /// "the decree", "the last royal decree": lower-case words after a determiner, ending at `end`,
  /// and neither a predicate noun ("was a decree issued in …") nor an apposition ("The Entente,
  /// a series of agreements signed in …"): those describe the clause's subject.
  ///
  /// `capitals`: capitalised words may be in it, a name the recognisers did not take ("the
  /// Interim of 1548"): still not the clause's subject.
  func isUnnamedPhrase(ending end: Int, _ sentenceStart: Int, capitals: Bool = false) -> Bool {
    var k = end
    while k >= sentenceStart && end - k < 5 {
      let token = tokens[k]
      guard token.kind == .word, entityAt[k] < 0 else { return false }
      if token.is(.determiner) {
        guard k < end, !isWord(token, "that") else { return false }
        return k == sentenceStart || !tokens[k - 1].is(.auxiliary) && !tokens[k - 1].is(.comma)
      }
      guard capitals || !token.has(.capitalized), !token.is(.cue), !token.is(.opener) else {
        return false
      }
      k -= 1
    }
    return false
  }

  /// A noun that names a time, not a thing: "summer", "end", "morning", "weeks".
  func isTimeNoun(_ token: Token) -> Bool {
    token.is(.datePreposition) || token.is(.countNoun) || token.is(.month)
      || isWord(token, "morning") || isWord(token, "evening") || isWord(token, "afternoon")
      || isWord(token, "night") || isWord(token, "dawn") || isWord(token, "eve")
      || isWord(token, "anniversary") || isWord(token, "events")
  }

  /// Whether the name or anaphor starting at `start` is the object of a preposition (other than
  /// "of", which joins a cue noun or a part to it): "during the war", "with Prussia".
  func insidePhrase(_ start: Int) -> Bool {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    guard j >= 0 else { return false }
    let token = tokens[j]
    return isWord(token, "during") || isWord(token, "with") || isWord(token, "against")
      || isWord(token, "between") || isWord(token, "after") || isWord(token, "before")
      || isWord(token, "for") || isWord(token, "among") || isWord(token, "amid")
      || isWord(token, "despite") || isWord(token, "throughout") || isWord(token, "under")
      || isWord(token, "over") || isWord(token, "within") || isWord(token, "without")
      || isWord(token, "toward") || isWord(token, "towards")
  }

  /// "just after the Battle of Tweebosch in March 1902": a name after "after", "before",
  /// "following", "since" or "until" is what the clause is dated against; a date right after
  /// it is its own, not the clause's.
  func isTemporalPreposition(before start: Int) -> Bool {
    var j = start - 1
    if j >= 0 && tokens[j].is(.determiner) { j -= 1 }
    guard j >= 0 else { return false }
    let token = tokens[j]
    return isWord(token, "after") || isWord(token, "before") || isWord(token, "following")
      || isWord(token, "since") || isWord(token, "until") || isWord(token, "prior")
  }

  /// Whether a form of "be" (with an adverb or two) stands at `j`, before a participle: "was
  /// first studied". "had recognized" is active, and its subject did the act.
  func isPassive(_ j: Int) -> Bool {
    var k = j
    while k > j - 2 && k >= 0 && tokens[k].is(.gapAdverb) { k -= 1 }
    guard k >= 0 else { return false }
    let token = tokens[k]
    return isWord(token, "was") || isWord(token, "were") || isWord(token, "is")
      || isWord(token, "are") || isWord(token, "been") || isWord(token, "be")
      || isWord(token, "being")
  }
}

/// Result phrases after a date: "Italy joined the two powers on May 20, 1882, creating the
/// Triple Alliance". A participle that says something came into being ("creating", "forming",
/// "establishing", "founding") with a name as its object dates that name's founding: the act the
/// date is bound to made it, whatever the clause's subject is. So does the clause verb of an
/// agreement dated by a fronted phrase: "Signed in March 1948, it set up the Western Union".
extension ClaimAttacher {
  /// The name a result participle right after the date (past a comma) founds.
  func founded(after date: DateMention) -> [Subject] {
    var k = date.tokens.upperBound
    if k < tokens.count && tokens[k].is(.comma) { k += 1 }
    guard k + 1 < tokens.count, sentenceOf[k] == sentenceOf[date.tokens.lowerBound],
      isFoundingParticiple(tokens[k])
    else { return [] }
    var name = k + 1
    if isWord(tokens[name], "the") { name += 1 }
    guard name < tokens.count, startsClaimable(name) else { return [] }
    return [(entityAt[name], .predicate(.founded), .following)]
  }

  private func isFoundingParticiple(_ token: Token) -> Bool {
    !token.has(.capitalized)
      && (isWord(token, "creating") || isWord(token, "forming") || isWord(token, "establishing")
        || isWord(token, "founding"))
  }

  /// "Signed in March 1948 by …, it set up the Western Union": an agreement dated by a fronted
  /// phrase that founds a named thing in its clause ("set up", "established", "created") dates
  /// that thing's founding, as "The Treaty of Rome established the EEC in 1957" does.
  func founded(by subject: Subject, after date: DateMention) -> [Subject] {
    guard entities[subject.entity].kind == .agreement else { return [] }
    let sentence = sentenceOf[date.tokens.lowerBound]
    var j = date.tokens.upperBound
    while j + 1 < tokens.count && sentenceOf[j] == sentence {
      if tokens[j].is(.semicolon) || tokens[j].is(.colon) { return [] }
      // The clause's first cue decides: a verb that founds ("established", "set up"), or none.
      if !tokens[j].has(.capitalized), let cue = cueAt(j) {
        let setUp = isWord(tokens[j], "set") && isWord(tokens[j + 1], "up")
        guard case .predicate(.founded) = cue, tokens[j].is(.finiteCue) || setUp else { return [] }
        var name = setUp ? j + 2 : j + 1
        if name < tokens.count && isWord(tokens[name], "the") { name += 1 }
        guard name < tokens.count, startsClaimable(name), entityAt[name] != subject.entity else {
          return []
        }
        return [(entityAt[name], .predicate(.founded), .consequence)]
      }
      j += 1
    }
    return []
  }
}

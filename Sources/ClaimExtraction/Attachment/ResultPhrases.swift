/// Result phrases after a date: "Italy joined the two powers on May 20, 1882, creating the
/// Triple Alliance". A participle that says something came into being ("creating", "forming",
/// "establishing", "founding") with a name as its object dates that name's founding: the act the
/// date is bound to made it, whatever the clause's subject is.
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
}

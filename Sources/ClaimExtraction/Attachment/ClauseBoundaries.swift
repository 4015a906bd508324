/// Clause boundaries: where the clause a date stands in begins, read back from the date. A
/// subordinating word with a clause of its own ("after the treaty was signed"), a conjunction
/// after a comma ("…, and the Warsaw Pact …") or a result phrase ("leading to", "paved the way
/// for") starts a clause whose subject is not the main clause's; a date inside one must not be
/// carried past it to that subject.
extension ClaimAttacher {
  /// "leading to", "resulting in", "culminated in", "paved the way for", "giving rise to": a
  /// phrase whose object is what it brought about.
  func opensResult(_ j: Int) -> Bool {
    let token = tokens[j]
    guard token.is(.resultVerb), !token.has(.capitalized), j + 1 < tokens.count else {
      return false
    }
    let next = tokens[j + 1]
    if isWord(next, "to") || isWord(next, "in") || isWord(next, "into") {
      return !isWord(token, "gave") && !isWord(token, "giving")
    }
    if isWord(next, "rise") { return isWord(token, "gave") || isWord(token, "giving") }
    return j + 2 < tokens.count && isWord(next, "the") && isWord(tokens[j + 2], "way")
  }

  /// "before", "after", "when", "because", "although" followed by a clause with its own subject
  /// (a determiner or a name, then a verb within a few words), not by a noun phrase alone ("after
  /// the war").
  func opensSubordinate(_ j: Int) -> Bool {
    let token = tokens[j]
    guard
      isWord(token, "before") || isWord(token, "after") || isWord(token, "when")
        || isWord(token, "because") || isWord(token, "although") || isWord(token, "though")
        || isWord(token, "while") || isWord(token, "whereas")
    else { return false }
    var k = j + 1
    var steps = 0
    while k < tokens.count && steps < 6 {
      // Verbs only: a cue noun ("after the withdrawal of Iraq") opens no clause.
      // ("after the childless king died in 1700": any past tense but an adjective after a
      // determiner.)
      if tokens[k].is(.actionVerb) || tokens[k].is(.auxiliary) || tokens[k].is(.eventVerb)
        || tokens[k].is(.finiteCue) || tokens[k].has(.pastLooking) && !tokens[k - 1].is(.determiner)
      {
        return steps > 0
      }
      if tokens[k].kind == .punct { return false }
      // A name counts as one word: "after the Siege of the International Legations ended".
      k = entityAt[k] >= 0 ? max(k + 1, entities[entityAt[k]].extent.upperBound) : k + 1
      steps += 1
    }
    return false
  }

  /// A conjunction that opens a clause of its own after a comma: "and", "but", "while".
  func startsClause(_ j: Int) -> Bool {
    let token = tokens[j]
    return isWord(token, "and") || isWord(token, "but") || isWord(token, "while")
      || isWord(token, "whereas") || isWord(token, "yet")
  }

  /// Words that open a subordinate clause, whose verb is not the main clause's: "twenty years
  /// after another treaty had ended the war".
  func subordinates(_ j: Int) -> Bool {
    let token = tokens[j]
    return isWord(token, "after") || isWord(token, "before") || isWord(token, "when")
      || isWord(token, "while") || isWord(token, "although") || isWord(token, "though")
      || isWord(token, "because") || isWord(token, "whereas") || isWord(token, "since")
      || isWord(token, "another") || token.is(.semicolon) || token.is(.colon)
  }
}

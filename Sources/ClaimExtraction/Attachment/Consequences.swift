/// Consequences: a dated agreement that ended a named war dates the war's end ("the treaty, signed
/// in 1842, ended the First Opium War"); a war that ended in a named agreement dates the
/// agreement. One date, two claims, because the text states both; a ratification, an act beside
/// the signing (`other`: "initialled") or a beginning is no end.
extension ClaimAttacher {
  /// An agreement dated here that ended a named war dates the war's end; a war that ended in a
  /// named agreement dates the agreement ("The Great Northern War … ends in the Treaty of
  /// Nystad").
  func withConsequences(_ found: [Subject], _ date: DateMention, sentence: Int? = nil)
    -> [Subject]
  {
    guard let main = found.first else { return found }
    // A ratification is not the date a war ended, even when the text says it ended it; nor is
    // an act before or beside the signing ("initialled in Ohio on …, signed in Paris on …").
    switch main.cue {
    case .predicate(.ratified), .predicate(.other): return found
    default: break
    }
    // "The Great Northern War (1700–1721) ended with the Treaty of Nystad": a span is not the
    // moment an agreement was signed or a war ended.
    if case .range = date.value { return found }
    // A war dated by its beginning ends in no treaty then.
    if entities[main.entity].kind == .event, case .predicate(.began) = main.cue { return found }
    if entities[main.entity].kind == .event, case .predicate(.founded) = main.cue { return found }
    let sentence = sentence ?? sentenceOf[date.tokens.lowerBound]
    let range = sentenceStarts[sentence]..<sentenceEnd(sentence)
    // A congress that ended a war settles it as a treaty does.
    let kind = entities[main.entity].kind == .organization ? .agreement : entities[main.entity].kind
    guard kind == .agreement || kind == .event else { return found }
    var result = found
    func add(_ other: Int) {
      guard other != main.entity, !result.contains(where: { $0.entity == other }) else { return }
      if kind == .agreement && entities[other].kind == .event {
        result.append((other, .predicate(.ended), .consequence))
      } else if kind == .event && entities[other].kind == .agreement {
        result.append((other, .predicate(.signed), .consequence))
      }
    }
    // From the dated name on, within its clause.
    var j = max(range.lowerBound, entities[main.entity].extent.upperBound)
    while j < range.upperBound && !subordinates(j) {
      if isEnding(j) {
        var k = j + 1
        var limit = j + 4
        while k < range.upperBound && k <= limit {
          // "The Great Northern War ended in 1721 with the Treaty of Nystad": the date itself
          // may stand between.
          if date.tokens.contains(k) {
            limit += date.tokens.count
            k = date.tokens.upperBound
            continue
          }
          guard
            tokens[k].is(.determiner) || isWord(tokens[k], "to") || isWord(tokens[k], "of")
              || isWord(tokens[k], "in") || isWord(tokens[k], "with") || isWord(tokens[k], "an")
              || isWord(tokens[k], "by")
              || tokens[k].is(.cue) && isWord(tokens[k], "end")
              // "ended Sweden's Kalmar War": a possessive before the name.
              || tokens[k].has(.possessive) && tokens[k].isCapitalizedWord && entityAt[k] < 0
              || isWord(tokens[k], "on") && date.tokens.contains(k + 1)
          else { break }
          k += 1
        }
        if k < range.upperBound, startsClaimable(k) {
          add(entityAt[k])
        } else if k < range.upperBound, let anaphor = anaphor(at: k), let other = anaphor.antecedent
        {
          // "Treaty of Paris ends the war": the war named before.
          add(other)
        }
      }
      // "brought the War of the Spanish Succession to a close", "… to an end"
      if isWord(tokens[j], "brought"), j + 1 < range.upperBound {
        let name = isWord(tokens[j + 1], "the") ? j + 2 : j + 1
        if name < range.upperBound, startsClaimable(name) {
          var k = entities[entityAt[name]].extent.upperBound
          if k < range.upperBound && isWord(tokens[k], "to") { k += 1 }
          if k < range.upperBound && (isWord(tokens[k], "a") || isWord(tokens[k], "an")) { k += 1 }
          if k < range.upperBound && (isWord(tokens[k], "close") || isWord(tokens[k], "end")) {
            add(entityAt[name])
          }
        }
      }
      j += 1
    }
    return result
  }

  /// "ended", "ending", "concluded", "brought an end to", "marked the end of".
  func isEnding(_ j: Int) -> Bool {
    guard tokens[j].is(.cue), !isWord(tokens[j], "until"), !isWord(tokens[j], "till") else {
      return false
    }
    switch tokens[j].info.cue {
    case .concluded: return true
    case .predicate(.ended):
      return !isWord(tokens[j], "end") || isWord(tokens[j - 1], "an")
        || isWord(tokens[j - 1], "the")
    default: return false
    }
  }
}

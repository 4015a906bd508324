/// A claim as the extractor finds it in one document: a dated statement about a named subject.
public struct ExtractedClaim: Hashable, Sendable {
  public var subject: EntityMention
  public var predicate: ClaimPredicate
  public var value: TemporalValue
  /// Where the date stands: the place a reviewer must look at and edit.
  public var date: DateMention
  /// The sentence, as a byte range.
  public var sentence: Range<Int>
  /// Which attachment rule produced it (see ``AttachmentRule``).
  public var rule: AttachmentRule
  public var confidence: Double
}

/// How a date was tied to its subject; each has a confidence that reflects how often it is right.
public enum AttachmentRule: String, Sendable, Codable, CaseIterable {
  /// "the Treaty of Westphalia (1648)"
  case parenthetical
  /// "the Treaty of Westminster in 1674", "NATO, founded in 1949"
  case following
  /// "the 1951 ANZUS Treaty"
  case preceding
  /// "In 1949, NATO was founded"
  case fronted
  /// "… the ANZUS Treaty. Signed in 1951, it …", "The treaty was signed in 1654."
  case anaphora

  public var confidence: Double {
    switch self {
    case .parenthetical: return 0.9
    case .following: return 0.85
    case .preceding: return 0.75
    case .fronted: return 0.7
    case .anaphora: return 0.6
    }
  }
}

/// Ties each checkable date to the entity it is about, and reads the predicate from cue words.
struct ClaimAttacher {
  let tokens: [Token]
  let entities: [EntityMention]
  let sentenceOf: [Int]
  let sentenceStarts: [Int]
  /// For each token, the entity whose extent covers it (an index into `entities`), or -1.
  let entityAt: [Int]

  init(tokens: [Token], entities: [EntityMention]) {
    self.tokens = tokens
    self.entities = entities
    var sentenceOf = [Int](repeating: 0, count: tokens.count)
    var starts: [Int] = []
    for (index, token) in tokens.enumerated() {
      if token.has(.sentenceStart) || index == 0 { starts.append(index) }
      sentenceOf[index] = starts.count - 1
    }
    self.sentenceOf = sentenceOf
    self.sentenceStarts = starts
    var entityAt = [Int](repeating: -1, count: tokens.count)
    for (index, entity) in entities.enumerated() where !entity.isDefinition {
      for token in entity.extent where entityAt[token] < 0 { entityAt[token] = index }
    }
    self.entityAt = entityAt
  }

  func attach(_ dates: [DateMention]) -> [ExtractedClaim] {
    var claims: [ExtractedClaim] = []
    for date in dates where !date.value.isVague {
      guard let (entityIndex, cue, rule) = subject(of: date) else { continue }
      let entity = entities[entityIndex]
      guard entity.kind != .other else { continue }
      let predicate = resolve(cue, for: entity.kind)
      claims.append(
        ExtractedClaim(
          subject: entity, predicate: predicate, value: date.value, date: date,
          sentence: sentenceRange(sentenceOf[date.tokens.lowerBound]), rule: rule,
          confidence: rule.confidence))
    }
    return claims
  }

  private func resolve(_ cue: Cue?, for kind: EntityKind) -> ClaimPredicate {
    switch cue {
    case .none: return .dated
    case .predicate(let predicate): return predicate
    case .concluded: return kind == .event ? .ended : .signed
    }
  }

  func sentenceRange(_ sentence: Int) -> Range<Int> {
    let first = sentenceStarts[sentence]
    let last =
      sentence + 1 < sentenceStarts.count ? sentenceStarts[sentence + 1] - 1 : tokens.count - 1
    return tokens[first].start..<tokens[last].end
  }

  // MARK: Rules

  private func subject(of date: DateMention) -> (Int, Cue?, AttachmentRule)? {
    let first = date.tokens.lowerBound
    let sentence = sentenceOf[first]
    let sentenceStart = sentenceStarts[sentence]
    // "ENTITY (1648)", "ENTITY (signed 1951)"
    var j = first - 1
    var parenCue: Cue?
    while j > sentenceStart && j >= first - 3, tokens[j].kind == .word,
      tokens[j].is(.cue) || isWord(tokens[j], "in") || isWord(tokens[j], "c")
        || tokens[j].is(.approximate)
    {
      if tokens[j].is(.cue) { parenCue = tokens[j].info.cue }
      j -= 1
    }
    if j > sentenceStart && tokens[j].is(.openParen), let entity = entityEnding(at: j - 1) {
      return (entity, parenCue, .parenthetical)
    }
    // "ENTITY in 1674", "ENTITY, founded in 1949,", "ENTITY was signed on 19 February 1674"
    if let found = following(first, sentenceStart) { return found }
    // "the 1951 ANZUS Treaty"
    let after = date.tokens.upperBound
    if after < tokens.count, sentenceOf[after] == sentence, entityAt[after] >= 0,
      entities[entityAt[after]].extent.lowerBound == after
    {
      return (entityAt[after], nil, .preceding)
    }
    // "In 1949, NATO was founded"; "Signed in 1951, it laid …"
    return fronted(date, sentenceStart)
  }

  private func following(_ first: Int, _ sentenceStart: Int) -> (Int, Cue?, AttachmentRule)? {
    guard first > sentenceStart else { return nil }
    let preposition = tokens[first - 1]
    let endsWell =
      isWord(preposition, "in") || isWord(preposition, "on") || isWord(preposition, "of")
      || isWord(preposition, "during") || preposition.is(.cue)
    guard endsWell else { return nil }
    var cue: Cue? = preposition.is(.cue) ? preposition.info.cue : nil
    var j = first - 2
    var steps = 0
    while j >= sentenceStart && steps < 6 {
      let token = tokens[j]
      if entityAt[j] >= 0 && entities[entityAt[j]].extent.upperBound == j + 1 {
        let entity = entityAt[j]
        let start = entities[entity].extent.lowerBound
        // "adopted by the National Convention in 1789": the date belongs to the adoption,
        // the entity is only its agent.
        if isAgent(start) { return nil }
        return (entity, cue ?? cueBefore(start), .following)
      }
      if token.is(.pronoun) || isAnaphoricNoun(j) {
        guard let antecedent = antecedent(before: j, noun: token) else { return nil }
        // "ratified the treaty on 14 January 1784"
        let start = token.is(.pronoun) ? j : j - 1
        return (antecedent, cue ?? cueBefore(start), .anaphora)
      }
      if token.is(.comma) || token.is(.auxiliary) || token.is(.gapAdverb) {
        j -= 1
        steps += 1
        continue
      }
      if token.is(.cue) && cue == nil && !token.has(.capitalized) {
        cue = token.info.cue
        j -= 1
        steps += 1
        continue
      }
      return nil
    }
    return nil
  }

  /// "the formation of NATO", "the signing of the Treaty of Paris": a cue noun two or three
  /// tokens before the entity.
  private func cueBefore(_ entityStart: Int) -> Cue? {
    var j = entityStart - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    guard j >= 0 else { return nil }
    // "Congress ratified the Treaty of Paris on …": a cue verb right before its object.
    if tokens[j].is(.cue) && !tokens[j].has(.capitalized)
      && sentenceOf[j] == sentenceOf[entityStart]
    {
      return tokens[j].info.cue
    }
    guard j >= 1, isWord(tokens[j], "of"), tokens[j - 1].is(.cue) else { return nil }
    return tokens[j - 1].info.cue
  }

  /// Whether the name starting at `start` follows "by": the agent of a passive verb.
  private func isAgent(_ start: Int) -> Bool {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    return j >= 0 && isWord(tokens[j], "by")
  }

  private func fronted(_ date: DateMention, _ sentenceStart: Int) -> (Int, Cue?, AttachmentRule)? {
    let first = date.tokens.lowerBound
    var j = first - 1
    guard j >= sentenceStart, isWord(tokens[j], "in") || isWord(tokens[j], "on") else { return nil }
    j -= 1
    var cue: Cue?
    if j >= sentenceStart && tokens[j].is(.cue) {
      cue = tokens[j].info.cue
      j -= 1
    }
    guard j < sentenceStart else { return nil }
    var k = date.tokens.upperBound
    guard k < tokens.count, tokens[k].is(.comma) else { return nil }
    k += 1
    if k < tokens.count && isWord(tokens[k], "the")
      && !(k + 1 < tokens.count && isAnaphoricNoun(k + 1))
    {
      k += 1
    }
    guard k < tokens.count, sentenceOf[k] == sentenceOf[first] else { return nil }
    if entityAt[k] >= 0 && entities[entityAt[k]].extent.lowerBound == k {
      let entity = entityAt[k]
      // A cue after the subject: "In 1949, NATO was founded".
      if cue == nil {
        var m = entities[entity].extent.upperBound
        var steps = 0
        while m < tokens.count && steps < 3
          && (tokens[m].is(.auxiliary) || tokens[m].is(.gapAdverb))
        {
          m += 1
          steps += 1
        }
        if m < tokens.count && tokens[m].is(.cue) { cue = tokens[m].info.cue }
      }
      return (entity, cue, .fronted)
    }
    // "Signed in 1951, it …", "Signed in 1951, the treaty …"
    guard cue != nil else { return nil }
    var m = k
    if isWord(tokens[m], "the") || isWord(tokens[m], "this") { m += 1 }
    guard m < tokens.count, tokens[m].is(.pronoun) || isAnaphoricNoun(m),
      let antecedent = antecedent(before: first, noun: tokens[m])
    else { return nil }
    return (antecedent, cue, .anaphora)
  }

  /// "the treaty", "this alliance": a lower-case kind noun after a determiner.
  private func isAnaphoricNoun(_ j: Int) -> Bool {
    guard j > 0, tokens[j].is(.kindNoun), !tokens[j].has(.capitalized) else { return false }
    let before = tokens[j - 1]
    return isWord(before, "the") || isWord(before, "this") || isWord(before, "that")
  }

  /// The last claimable entity in this sentence before `index` or in the two before it; for a
  /// noun ("the treaty") it must be of the noun's kind.
  private func antecedent(before index: Int, noun: Token) -> Int? {
    let sentence = sentenceOf[index]
    let earliest = sentenceStarts[max(0, sentence - 2)]
    var j = index - 1
    while j >= earliest {
      let entity = entityAt[j]
      if entity >= 0 {
        let kind = entities[entity].kind
        let fits = noun.is(.kindNoun) ? kind == noun.info.kind : kind != .other
        if fits { return entity }
        j = entities[entity].extent.lowerBound - 1
        continue
      }
      j -= 1
    }
    return nil
  }

  private func entityEnding(at j: Int) -> Int? {
    guard j >= 0, entityAt[j] >= 0, entities[entityAt[j]].extent.upperBound == j + 1 else {
      return nil
    }
    return entityAt[j]
  }
}

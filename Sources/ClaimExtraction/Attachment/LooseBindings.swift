/// Looser bindings after the name: the name a date follows through a preposition and a short
/// verb phrase ("NAME, which lasted from DATE", "NAME was signed on DATE"), an apposition
/// ("NAME, also known as OTHER, …") that names the subject again, a place ("in the United
/// States") that says where and not what, and the agreement through which something dated was
/// made ("… established in 1689 through the Treaty of X").
///
/// Each walks a few tokens back (or forward) over words that cannot be a subject of their own;
/// a word that could be stops the walk, so a date is never carried past a name it might be
/// about. A date goes to the thing it dates: when its phrase modifies the name it reaches ("X of
/// 1668", "X, signed in 1668,", "X, which …") the binding is tight and no other name of the
/// clause takes the date; when it modifies a noun phrase that names nothing ("the edict issued
/// in 1598") no name does (see NounPhrases.swift). An agreement that is the agent of a passive
/// verb ("sealed by the Treaty of X on …") is dated by the act.
extension ClaimAttacher {
  /// What the phrase a date stands in is bound to, read back from the date.
  enum Binding {
    /// A name, or an anaphor's antecedent. `tight` when the date's phrase modifies that name
    /// itself ("X of 1668", "X, signed in 1668,", "X, which lasted until 1648") rather than the
    /// clause's verb ("… confirmed X in 1668"): then the date is that name's and no other name's
    /// of the clause (save the war an agreement ended, ``withConsequences(_:_:sentence:)``).
    case named(Subject, tight: Bool)
    /// An explicit noun phrase that names nothing, with the date bound to it as tightly: "the
    /// edict issued in 1598", "The armistice, agreed on 15 December 1917, …". The date is that
    /// thing's, so it dates no name of the clause.
    case unnamed
    /// An agreement that is the agent of a passive verb, the date right after it: "sealed by the
    /// Treaty of Nanjing on 29 August 1842". The act's date is the agreement's, unless the verb
    /// is a cue that can be said of the clause's subject ("The League of Nations, established by
    /// the Treaty of Versailles in 1920, …": the League's founding).
    case agent(Subject, verb: Cue?)
  }

  /// "ENTITY in 1674", "ENTITY, founded in 1949,", "ENTITY was signed on 19 February 1674",
  /// "ENTITY, which lasted from 1618 to 1648".
  func following(_ first: Int, _ sentenceStart: Int, dateEnd: Int) -> Binding? {
    guard first > sentenceStart else { return nil }
    // "on the 2nd of February, 1848"; "between the years 1562 and 1598".
    var first = isWord(tokens[first - 1], "the") && first - 1 > sentenceStart ? first - 1 : first
    if first - 2 > sentenceStart,
      isWord(tokens[first - 1], "years") || isWord(tokens[first - 1], "year"),
      isWord(tokens[first - 2], "the")
    {
      first -= 2
    }
    // "signed in Vienna, 15 May 1955": a place and a comma before the date; the place's
    // preposition is the date's.
    if tokens[first - 1].is(.comma), first - 2 > sentenceStart,
      let place = entityEnding(at: first - 2), !claimable(place),
      let locative = locativeStart(entities[place].extent.lowerBound), locative > sentenceStart
    {
      first = locative + 1
    }
    let preposition = tokens[first - 1]
    // "The Battle of Culloden was the 16th of April of 1746": a copula and a day.
    if preposition.is(.auxiliary), first - 2 >= sentenceStart,
      let subject = entityEnding(at: first - 2), claimable(subject),
      (first..<dateEnd).contains(where: { tokens[$0].is(.month) })
    {
      return .named((subject, nil, .following), tight: true)
    }
    let endsWell =
      isWord(preposition, "in") || isWord(preposition, "on") || isWord(preposition, "of")
      || isWord(preposition, "during") || isWord(preposition, "from")
      || isWord(preposition, "between") || isWord(preposition, "since")
      || preposition.is(.cue) || preposition.is(.approximate)
    // "date the beginning of the Hundred Years' War to 1337": "to" only after a cue noun.
    let datedTo = isWord(preposition, "to")
    // "in the Battle of Grunwald at 15 July 1410": "at" a day, as translated text writes it.
    let atDay =
      isWord(preposition, "at") && (first..<dateEnd).contains(where: { tokens[$0].is(.month) })
    guard endsWell || datedTo || atDay else { return nil }
    // "… replaced the 1903 agreement": a year before a kind noun is that noun phrase's, not the
    // clause's.
    if isWord(tokens[first], "the"), dateEnd < tokens.count, tokens[dateEnd].is(.kindNoun),
      !tokens[dateEnd].has(.capitalized), entityAt[dateEnd] < 0
    {
      return .unnamed
    }
    // "the Geneva Conference, whose accords of 21 July 1954 …": the date is what the name
    // before "whose" did.
    if isWord(preposition, "of"), first >= 5, tokens[first - 2].is(.kindNoun),
      !tokens[first - 2].has(.capitalized), isWord(tokens[first - 3], "whose"),
      tokens[first - 4].is(.comma), let owner = entityEnding(at: first - 5), claimable(owner)
    {
      let cue: Cue? = tokens[first - 2].info.kind == .agreement ? .predicate(.signed) : nil
      return .named((owner, cue, .following), tight: true)
    }
    var cue: Cue? = preposition.is(.cue) ? preposition.info.cue : nil
    // How the walk back went: past a participle or a relative pronoun (the phrase modifies the
    // name it reaches), past a finite verb (the name is the verb's subject, or inside it).
    var participle =
      preposition.is(.cue) && !preposition.has(.capitalized) && !isWord(preposition, "until")
      && !isWord(preposition, "till")
    var relative = false
    var finiteVerb = false
    var j = first - 2
    var steps = 0
    // "the Treaty of Lisbon of 1668": a year after "of" right after the name; "X, signed in
    // 1668": a participle that can say what it says of X ("a treaty between …, and the
    // Schmalkaldic League, signed on …" is the treaty's signing, not the league's).
    func tight(_ end: Int, fits kind: EntityKind?) -> Bool {
      relative || isWord(preposition, "of") && end == first - 1
        || participle && !finiteVerb && (kind.map { says(cue, of: $0) } ?? true)
    }
    while j >= sentenceStart && steps < 8 {
      let token = tokens[j]
      if entityAt[j] >= 0 && entities[entityAt[j]].extent.upperBound == j + 1 {
        let entity = entityAt[j]
        let start = entities[entity].extent.lowerBound
        // "the creation of the Electoral College in the United States in 1787": a place names
        // where, not what.
        if !claimable(entity), let place = locativeStart(start) {
          j = place - 1
          steps += 1
          continue
        }
        // "confirmed the Treaty of Lisbon of 1668", "amended by the Single European Act of
        // 1986": the year is the name's own; the verb before it is another act, of another date.
        if isWord(preposition, "of") && j + 1 == first - 1 {
          // ("the Interim of 1548": a name of no kind that is claimed keeps its date too.)
          return claimable(entity) ? .named((entity, nil, .following), tight: true) : .unnamed
        }
        // "adopted by the National Convention in 1789": the date belongs to the adoption,
        // the entity is only its agent; not so past a comma ("ended by the Treaty of Paris,
        // signed on …").
        if isAgent(start) && !((j + 1)..<first).contains(where: { tokens[$0].is(.comma) }) {
          // "… officially ended, sealed by the Treaty of Nanjing on 29 August 1842": an
          // agreement acts when it is signed, so the act's date is its own (unless the clause
          // has a subject the act is said of, see ``Binding/agent(_:verb:)``).
          guard isPlainlyAgreement(entity), j + 1 == first - 1 else { return nil }
          return .agent((entity, nil, .following), verb: agentVerb(start))
        }
        // "A defence of the pact during the war came in 1944": past the clause's verb, a name
        // after a preposition is inside the subject's phrase, not the subject. (Not past a
        // relative clause: "ended with the Treaty of X, which was signed …".)
        if finiteVerb && !relative, insidePhrase(start) {
          return nil
        }
        // "The Baghdad Pact, officially known as the Middle East Treaty Organization, emerged
        // in 1955": an apposition names the subject again; the subject comes first.
        // ("…, also known as the Manila Pact, which was signed on …": a relative clause after
        // the apposition modifies the head name, and dates no other name of the clause.)
        if let head = appositionHead(start) {
          return .named((head, cue, .following), tight: relative && participle)
        }
        if datedTo && !hasNominalCue(start) { return nil }
        // "The Treaty of Karlowitz, concluded after the Battle of Zenta, was signed in 1699": a
        // verb that cannot be said of the name (a battle is not signed) is another's.
        if participle, !says(cue, of: entity) { return nil }
        return .named(
          (entity, cue ?? cueBefore(start) ?? actBefore(start), .following),
          tight: tight(j + 1, fits: entities[entity].kind)
            || j + 1 == first - 1 && isTemporalPreposition(before: start))
      }
      // "The War of the Pacific was a conflict that took place from 1879 to 1884", "the Holy
      // League, an alliance formed in 1684": a kind noun that describes the name before.
      if relative || participle, let described = describedName(j) {
        return .named((described, cue, .following), tight: true)
      }
      // "… until an armistice was signed at Panmunjom on …": a kind noun after "a" or "an" that
      // is the subject of the verb is a new thing without a name, never an anaphor.
      if finiteVerb && !relative && isIndefiniteSubject(j) { return .unnamed }
      if let anaphor = anaphor(at: j) {
        if finiteVerb && !relative, insidePhrase(anaphor.start) { return nil }
        guard let antecedent = anaphor.antecedent else {
          // ("its founding in 1949, NATO …": a possessive may point ahead, to the subject.)
          let noun = tokens[anaphor.end - 1].is(.kindNoun)
          return noun && tight(anaphor.end, fits: nil) ? .unnamed : nil
        }
        // "ratified the treaty on 14 January 1784"
        return .named(
          (antecedent, cue ?? cueBefore(anaphor.start) ?? actBefore(anaphor.start), .anaphora),
          tight: tight(anaphor.end, fits: entities[antecedent].kind))
      }
      if token.is(.comma) || token.is(.auxiliary) || token.is(.gapAdverb) || token.is(.relative)
        || token.is(.eventVerb)
      {
        if token.is(.auxiliary) || token.is(.eventVerb) { finiteVerb = true }
        if token.is(.relative) { relative = true }
        j -= 1
        steps += 1
        continue
      }
      if let here = cueAt(j), !token.has(.capitalized) {
        cue = cue ?? here
        participle = true
        j -= 1
        steps += 1
        continue
      }
      // "The treaty was first studied in 1900": a verb in the passive that dates nothing is an
      // act done to the subject.
      // ("The treaty was imposed on Germany in 1919": a verb that makes it dates it.)
      if token.has(.pastLooking), j > sentenceStart, isPassive(j - 1) {
        if !makes(token) { cue = cue ?? .predicate(.other) }
        j -= 1
        steps += 1
        continue
      }
      // "The treaty followed the decree issued in 1598": a noun phrase that names nothing, with
      // its own determiner, takes the date of its participle.
      // "… which followed the armistice of January 1871": so does a date after "of" (not a time
      // of it: "the summer of 1815", "the morning of 31 January 1965").
      if participle && !finiteVerb && !relative && isUnnamedPhrase(ending: j, sentenceStart) {
        return .unnamed
      }
      if isWord(preposition, "of") && j == first - 2 && !isTimeNoun(token)
        && isUnnamedPhrase(ending: j, sentenceStart, capitals: true)
      {
        return .unnamed
      }
      return nil
    }
    return nil
  }

  /// "an armistice", "a secret treaty": a kind noun after an indefinite article (and at most one
  /// lower-case word), as a subject: not after a form of "be" or a comma, where it describes the
  /// name before ("NATO, a military alliance, …", "It was a treaty …").
  func isIndefiniteSubject(_ j: Int) -> Bool {
    guard tokens[j].is(.kindNoun), entityAt[j] < 0, !tokens[j].has(.capitalized), j >= 1 else {
      return false
    }
    var k = j - 1
    if k >= 1 && tokens[k].kind == .word && !tokens[k].has(.capitalized)
      && !tokens[k].is(.determiner)
    {
      k -= 1
    }
    guard isWord(tokens[k], "a") || isWord(tokens[k], "an") else { return false }
    return k == 0
      || !(tokens[k - 1].is(.auxiliary) || tokens[k - 1].is(.comma) || isWord(tokens[k - 1], "as"))
  }

  /// The name a kind noun at `j` describes: "NAME was a (short) conflict", "NAME, an alliance"
  /// (an indefinite article, at most two lower-case words, after a form of "be" or a comma
  /// after the name).
  func describedName(_ j: Int) -> Int? {
    guard tokens[j].is(.kindNoun), !tokens[j].has(.capitalized), entityAt[j] < 0 else {
      return nil
    }
    var k = j - 1
    var words = 0
    while k >= 0 && words < 2 && tokens[k].kind == .word && !tokens[k].has(.capitalized)
      && !tokens[k].is(.determiner) && !tokens[k].is(.cue)
    {
      k -= 1
      words += 1
    }
    guard k >= 2, isWord(tokens[k], "a") || isWord(tokens[k], "an"),
      tokens[k - 1].is(.comma) || isWord(tokens[k - 1], "was") || isWord(tokens[k - 1], "were")
        || isWord(tokens[k - 1], "is"),
      sentenceOf[k - 2] == sentenceOf[j], let name = entityEnding(at: k - 2), claimable(name)
    else { return nil }
    return name
  }

  /// Where "in the United States", "at Ghent" starts, for a place name after such a preposition.
  private func locativeStart(_ start: Int) -> Int? {
    var j = start - 1
    if j >= 0 && isWord(tokens[j], "the") { j -= 1 }
    guard j >= 0, isWord(tokens[j], "in") || isWord(tokens[j], "at") || isWord(tokens[j], "near")
    else { return nil }
    return j
  }

  /// For a name after "known as", "also called", "or": the name before the comma that opens the
  /// apposition.
  func appositionHead(_ start: Int) -> Int? {
    var j = start - 1
    while j >= 0 && (isWord(tokens[j], "the") || tokens[j].is(.quote)) { j -= 1 }
    // "The Warsaw Pact, officially the Treaty of Friendship, …"
    if j >= 1 && tokens[j].is(.gapAdverb) && tokens[j - 1].is(.comma),
      let head = entityEnding(at: j - 2), claimable(head)
    {
      return head
    }
    guard j >= 0, isWord(tokens[j], "as") || isWord(tokens[j], "called") else { return nil }
    j -= 1
    // "also known as", "often referred to as", "sometimes called"
    var words = 0
    while j >= 0 && words < 4 && tokens[j].kind == .word && !tokens[j].has(.capitalized) {
      j -= 1
      words += 1
    }
    guard j >= 1, tokens[j].is(.comma), let head = entityEnding(at: j - 1), claimable(head) else {
      return nil
    }
    return head
  }

  /// "This alliance was established in 1668 through the Treaty of X": the treaty too.
  func through(_ date: DateMention) -> [Subject] {
    var k = date.tokens.upperBound
    // "… was signed in August 1939, when the Nazi-Soviet Pact was signed"
    var when = k
    if when < tokens.count && tokens[when].is(.comma) { when += 1 }
    if when + 2 < tokens.count && isWord(tokens[when], "when") {
      var name = when + 1
      if isWord(tokens[name], "the") { name += 1 }
      if name < tokens.count && startsClaimable(name) {
        let entity = entityAt[name]
        if let cue = verbCue(after: entities[entity].extent.upperBound) {
          return [(entity, cue, .following)]
        }
      }
    }
    // "the formation in January 1920 of the League of Nations"
    let first = date.tokens.lowerBound
    if first >= 2, k + 1 < tokens.count, isWord(tokens[k], "of"), let cue = cueAt(first - 2),
      isWord(tokens[first - 1], "in") || isWord(tokens[first - 1], "on")
    {
      let name = isWord(tokens[k + 1], "the") ? k + 2 : k + 1
      if name < tokens.count && startsClaimable(name) { return [(entityAt[name], cue, .following)] }
    }
    // "signed in Moscow on 26 May 1972 together with the ABM Treaty": that treaty too.
    if k + 1 < tokens.count && isWord(tokens[k], "together") && isWord(tokens[k + 1], "with") {
      k += 1
    }
    // "Their cooperation was formalised in 1902 with the Anglo-Japanese Alliance": the act
    // was that agreement's or that alliance's making.
    let with = k < tokens.count && isWord(tokens[k], "with")
    guard k + 1 < tokens.count,
      isWord(tokens[k], "through") || isWord(tokens[k], "by") || isWord(tokens[k], "under") || with
    else { return [] }
    k += 1
    if isWord(tokens[k], "the") { k += 1 }
    guard k < tokens.count, startsClaimable(k) else { return [] }
    let entity = entityAt[k]
    switch entities[entity].kind {
    case .agreement: return [(entity, .predicate(.signed), .following)]
    case .organization where with && madeByVerb(before: first):
      return [(entity, .predicate(.founded), .following)]
    default: return []
    }
  }

  /// "was formalised in 1902", "was sealed on …": a participle of making before the date's
  /// preposition, not a verb that places an event ("met with the Council in 1902").
  private func madeByVerb(before first: Int) -> Bool {
    guard first >= 2, isWord(tokens[first - 1], "in") || isWord(tokens[first - 1], "on") else {
      return false
    }
    let verb = tokens[first - 2]
    return verb.has(.pastLooking) && !verb.is(.eventVerb) && !verb.is(.actionVerb)
  }

  /// "What was Guadeloupe-Hidalgo of 1848?", "the Guilty Men of 1940": a name of several words
  /// (or a hyphenated one) with "of" and a bare year is dated by it, whatever its kind.
  func ofYear(_ date: DateMention) -> EntityMention? {
    let first = date.tokens.lowerBound
    guard first >= 2, isWord(tokens[first - 1], "of"), case .point(let value) = date.value,
      value.precision == .year, let entity = entityEnding(at: first - 2)
    else { return nil }
    let name = entities[entity]
    guard name.kind == .other, !name.isAcronym,
      name.tokens.count >= 2 || name.text.contains("-")
    else { return nil }
    var dated = name
    dated.kind = .event
    return dated
  }
}

import Foundation

/// A named entity found in a text: a run of capitalised words such as "Treaty of Westminster".
public struct EntityMention: Hashable, Sendable {
  /// Byte range of the name as written, without a trailing possessive.
  public var range: Range<Int>
  /// The name as written, with broken apostrophes repaired ("Thirty Years’ War").
  public var text: String
  /// The name normalised for matching: lower case, no apostrophes or dots, no leading "the".
  /// Computed on demand: most names found never become a claim's subject.
  public var key: String { EntityKey.normalize(text) }
  public var kind: EntityKind
  /// True for an all-capitals name such as "NATO".
  public var isAcronym: Bool
  /// Tokens of the name, and one past the acronym that defines it in parentheses, if any.
  var tokens: Range<Int>
  var extent: Range<Int>
  /// The acronym inside "Long Name (ACR)": the long name's extent speaks for both.
  var isDefinition = false
}

/// "Long Name (ACR)": the acronym names the same entity as the long name.
public struct AcronymDefinition: Hashable, Sendable {
  public var acronym: String
  public var acronymKey: String
  public var name: String
  public var nameKey: String
}

/// Finds names: runs of capitalised words joined by connectors ("of", "for", "of the").
///
/// A capitalised sentence opener is not a name ("Key examples …" gives nothing), nor are
/// leading function words ("The Warsaw Pact" gives "Warsaw Pact").
struct EntityRecognizer {
  func recognize(
    _ t: [Token], _ text: UnsafeBufferPointer<UInt8>, dateTokens: [Bool], hints: [TokenHints]
  ) -> (entities: [EntityMention], acronyms: [AcronymDefinition]) {
    var entities: [EntityMention] = []
    // Room for a name every eight tokens, more than prose has: growing the array copied every
    // name found so far, again and again. (Pages never written are never touched.)
    entities.reserveCapacity(t.count / 8)
    var acronyms: [AcronymDefinition] = []
    var i = 0
    while i < t.count {
      // "the battle of the Alma", "the siege of Sevastopol": a lower-case kind noun heads a
      // name that follows it with "of".
      var end = i + 1
      // (Most tokens start nothing: their hints say so without a read of the token.)
      guard
        hints[i].contains(.name)
          && (isNameWord(t, i, dateTokens) || t[i].is(.genericKind) || t[i].is(.kindNoun))
      else {
        i += 1
        continue
      }
      if !isNameWord(t, i, dateTokens) {
        if let sidesEnd = namedBySides(t, i, dateTokens) {
          entities.append(makeEntity(t, text, i, sidesEnd))
          i = sidesEnd
          continue
        }
        guard let nameStart = lowerCaseHead(t, i, dateTokens) else {
          i += 1
          continue
        }
        end = nameStart + 1
      }
      while end < t.count {
        // A name may wrap onto the next line of a paragraph, never into the next sentence.
        // "The Treaty of Nanjing Signed", "Negotiations Begin": a capitalised cue word in a
        // title-case heading is its verb, not part of the name.
        // "The Locarno Treaties The Locarno Treaties …" (two headings run together): a capital
        // "The" inside a run starts another name.
        if isNameWord(t, end, dateTokens) && !t[end].has(.sentenceStart)
          && joinsAcrossPossessive(t, end) && !(isHeadlineVerb(t[end]) && end - i >= 1)
          && !(isWord(t[end], "the") && end > i && !t[end - 1].is(.connector))
        {
          end += 1
          continue
        }
        // "Treaty of Westminster", "Treaty of the Pyrenees"; "Treaty on the Non-Proliferation
        // of …", "Convention on the Rights of …": "on" after an agreement's head word.
        if t[end].is(.connector) && !t[end].has(.capitalized) && !t[end].has(.sentenceStart)
          || joinsTopic(t, end)
        {
          var next = end + 1
          if next < t.count && isWord(t[next], "the") && !t[next].has(.capitalized) { next += 1 }
          if next < t.count && isNameWord(t, next, dateTokens) && !t[next].has(.sentenceStart)
            && !t[end - 1].has(.possessive)
          {
            end = next + 1
            continue
          }
        }
        if let spelled = spelledOutToAcronym(t, end, dateTokens) {
          end = spelled
          break
        }
        // "Crimean war", "the Versailles treaty": a lower-case kind noun after the name.
        // ("The war between …": not after an article alone.)
        if t[end].is(.kindNoun) && !t[end].has(.capitalized) && t[end].info.kind != .organization
          && !(end == i + 1 && t[i].is(.determiner))
          && !t[end - 1].has(.possessive)
          && !(i..<end).contains(where: { t[$0].is(.kindNoun) }) && !t[end].has(.lineBreakBefore)
          && !(end + 1 < t.count && isWord(t[end + 1], "of")
            && !dateTokens[min(end + 2, t.count - 1)])
        {
          end += 1
          break
        }
        // "War of 1812", "Revolution of 1905": a year after a bare kind noun is part of the name.
        if end + 1 < t.count && t[end - 1].is(.kindNoun) && t[end - 1].has(.capitalized)
          && isWord(t[end], "of") && t[end + 1].kind == .number && t[end + 1].digits == 4
          && dateTokens[end + 1]
          && (end - 1 == i || !t[end - 2].isCapitalizedWord || t[end - 2].is(.determiner))
        {
          end += 2
        }
        break
      }
      var next = end
      defer { i = next }
      var start = i
      while start < end && (t[start].is(.opener) || t[start].is(.determiner))
        && !t[start].has(.allCaps)
      {
        start += 1
      }
      guard start < end, !t[start].is(.connector) || t[start].has(.capitalized) else { continue }
      // "Russia and China Sign Treaty of Aigun": a headline's verb before a name is not part of
      // it.
      if end - start > 1, isHeadlineVerb(t[start]), t[start + 1].is(.kindNoun),
        t[start + 1].has(.capitalized)
      {
        start += 1
      }
      // "Context and Significance of the Treaty of Karlowitz", "Signing of the Treaty of
      // Paris": a title-case heading glues words to a name; the name is the kind noun's.
      if let connector = (start..<end).first(where: {
        t[$0].is(.connector) && !t[$0].has(.capitalized)
      }),
        !(start..<connector).contains(where: { t[$0].is(.kindNoun) })
      {
        let head =
          connector + 1 < end && isWord(t[connector + 1], "the") ? connector + 2 : connector + 1
        // "Outbreak of the Seven Years War", "Signing of the Peace": a cue word before "of" is
        // the event, not part of the name.
        let cueOnly = connector - start == 1 && t[start].is(.cue)
        if head + 1 < end && (t[head].is(.kindNoun) && t[head].has(.capitalized) || cueOnly) {
          start = head
        }
      }
      // "Alliances After 1945": a title-case preposition ends a name, it is not part of it.
      while end - start > 1 && t[end - 1].is(.opener) && !t[end - 1].is(.determiner)
        && !t[end - 1].has(.allCaps) && t[end - 1].kind == .word
      {
        end -= 1
      }
      // "Spanish–American War Timeline", "Chaco War Quiz": a page about the war, whose name is
      // the war's.
      if end - start > 1 && t[end - 1].has(.capitalized)
        && (isWord(t[end - 1], "timeline") || isWord(t[end - 1], "quiz"))
      {
        end -= 1
      }
      // "Treaty of Peace, Friendship and Boundaries, which …": an agreement's subject may be a
      // list of capitalised nouns, ended by a comma.
      if end - start >= 3, let listEnd = topicList(t, after: end) { end = listEnd }
      next = max(next, end)
      let single = end - start == 1
      if single && !t[start].has(.allCaps)
        && (opensSentence(t, start) || t[start].is(.kindNoun))
      {
        continue
      }
      // "North Atlantic Treaty Organization (NATO)"
      if end + 2 < t.count && t[end].is(.openParen) && t[end + 1].has(.allCaps)
        && t[end + 2].is(.closeParen) && !single,
        let nameStart = expansionStart(t, text, start, end, acronym: end + 1)
      {
        var entity = makeEntity(t, text, nameStart, end)
        let acronym = makeEntity(t, text, end + 1, end + 2)
        acronyms.append(
          AcronymDefinition(
            acronym: acronym.text, acronymKey: acronym.key, name: entity.text,
            nameKey: entity.key))
        entity.extent = nameStart..<(end + 3)
        next = end + 3
        var defined = acronym
        defined.isDefinition = true
        defined.kind = entity.kind == .other ? .organization : entity.kind
        entities.append(entity)
        entities.append(defined)
        continue
      }
      let entity = makeEntity(t, text, start, end)
      entities.append(entity)
    }
    acronyms.append(contentsOf: alternativeNames(t, entities))
    return (entities, acronyms)
  }

  /// "Treaty on …", "Agreement on …", "Convention on …": "on" joins a capitalised agreement head
  /// word to the subject it names, as "of" does.
  /// (Tested at the end of every run of capitalised words: the cheap tests first, and the
  /// spelling's hash computed once.)
  @inline(__always) private func joinsTopic(_ t: [Token], _ i: Int) -> Bool {
    i > 0 && t[i - 1].is(.kindNoun) && t[i].kind == .word && t[i].spelling == Self.on
      && t[i].stemEnd - t[i].start == 2 && !t[i].has(.capitalized) && t[i - 1].has(.capitalized)
  }

  /// "Organization for Security and Co-operation in Europe (OSCE)": "and" (and "in") inside a
  /// name that an acronym in parentheses right after it spells out. Where the name ends.
  private func spelledOutToAcronym(_ t: [Token], _ i: Int, _ dateTokens: [Bool]) -> Int? {
    guard isWord(t[i], "and"), !t[i].has(.capitalized) else { return nil }
    var k = i + 1
    var words = 0
    while k < t.count && words < 8
      && (isNameWord(t, k, dateTokens) && !t[k].has(.sentenceStart)
        || (t[k].is(.connector) || isWord(t[k], "in") || isWord(t[k], "and"))
          && !t[k].has(.capitalized))
    {
      k += 1
      words += 1
    }
    guard k + 2 < t.count, k > i + 1, t[k - 1].has(.capitalized), t[k].is(.openParen),
      t[k + 1].has(.allCaps), t[k + 2].is(.closeParen)
    else { return nil }
    return k
  }

  private static let on = StaticString("on").hashValueLower

  /// A cue word that is a verb in a title-case headline ("Treaty Signed", "Russia and China Sign
  /// Treaty of Aigun", "War Ends"), not a cue noun that may be part of a name ("Southeast Asia
  /// Collective Defense Treaty").
  private func isHeadlineVerb(_ token: Token) -> Bool {
    guard token.is(.cue) else { return false }
    return token.is(.finiteCue) || token.has(.pastLooking) || isWord(token, "sign")
      || isWord(token, "signs") || isWord(token, "ends") || isWord(token, "begins")
      || isWord(token, "forms") || isWord(token, "ratifies") || isWord(token, "joins")
      || isWord(token, "concludes") || isWord(token, "withdraws") || isWord(token, "enters")
      || isWord(token, "begin") || isWord(token, "end") || isWord(token, "start")
      || isWord(token, "starts")
  }

  /// ", Friendship and Boundaries" after "Treaty of Peace": single capitalised words joined by
  /// commas and a last "and", then a comma or a parenthesis. Where the list ends, or
  /// `nil`.
  private func topicList(_ t: [Token], after end: Int) -> Int? {
    guard end + 3 < t.count, t[end].is(.comma), isWord(t[end - 2], "of"),
      !t[end - 2].has(.capitalized), t[end - 3].is(.kindNoun), t[end - 3].has(.capitalized),
      t[end - 3].info.kind == .agreement
    else { return nil }
    func item(_ k: Int) -> Bool {
      k < t.count && t[k].isCapitalizedWord && !t[k].has(.allCaps) && !t[k].has(.sentenceStart)
        && !t[k].has(.lineBreakBefore) && !t[k].is(.determiner) && !t[k].is(.opener)
    }
    var k = end + 1
    while item(k) && k + 1 < t.count && t[k + 1].is(.comma) { k += 2 }
    guard item(k), k + 2 < t.count, isWord(t[k + 1], "and"), !t[k + 1].has(.capitalized),
      item(k + 2)
    else { return nil }
    let after = k + 3
    // (Not before a verb or a period: "under the Treaty of Paris, Britain and France …" lists
    // the parties.)
    guard after < t.count, t[after].is(.comma) || t[after].is(.openParen) else { return nil }
    return after
  }

  /// "The Ramses-Hattusili Treaty or Treaty of Kadesh was signed …": a name, "or", and a name
  /// of the same kind, as the subject of a verb, name one entity; the second is the one it is
  /// known by. Recorded like an acronym, so claims on the first resolve to the second.
  private func alternativeNames(_ t: [Token], _ entities: [EntityMention]) -> [AcronymDefinition] {
    var found: [AcronymDefinition] = []
    // (The names are read in place: copying each mention, with its text, for the test cost
    // two reference counts per name of the document.)
    for index in entities.indices
    where entities[index].kind != .other && index + 1 < entities.count {
      var j = entities[index].extent.upperBound
      if j < t.count && t[j].is(.comma) { j += 1 }
      guard j < t.count, isWord(t[j], "or"), entities[index + 1].extent.lowerBound == j + 1,
        entities[index + 1].kind == entities[index].kind
      else { continue }
      let first = entities[index]
      let second = entities[index + 1]
      guard second.key != first.key else { continue }
      let after = second.extent.upperBound
      guard after < t.count, t[after].is(.auxiliary) || t[after].is(.comma) else { continue }
      found.append(
        AcronymDefinition(
          acronym: first.text, acronymKey: first.key, name: second.text, nameKey: second.key))
    }
    return found
  }

  /// Where the long form of an acronym starts within a name: the longest tail of the name whose
  /// capitalised words' initials spell the acronym ("Members of the North Atlantic Treaty
  /// Organization (NATO)" defines NATO as "North Atlantic Treaty Organization"), else the
  /// longest tail that starts with the acronym's first letter.
  private func expansionStart(
    _ t: [Token], _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, acronym: Int
  ) -> Int? {
    let letters = (t[acronym].start..<t[acronym].stemEnd).map { text[$0] }
      .filter { isASCIILetterByte($0) && $0 < 0x61 }
    guard let firstLetter = letters.first else { return nil }
    var firstLetterMatch: Int?
    for candidate in start..<(end - 1) where t[candidate].isCapitalizedWord {
      let initials = (candidate..<end).filter { t[$0].isCapitalizedWord }.map { text[t[$0].start] }
      if initials == letters { return candidate }
      if firstLetterMatch == nil && text[t[candidate].start] == firstLetter {
        firstLetterMatch = candidate
      }
    }
    // "Treaty on the Non-Proliferation of Nuclear Weapons (NPT)": initials in another order;
    // a name that opens with its head word is the long form whole, not a headless tail.
    if let match = firstLetterMatch, match > start, t[start].is(.kindNoun),
      !(match..<end).contains(where: { t[$0].is(.kindNoun) })
    {
      return start
    }
    return firstLetterMatch
  }

  /// For a lower-case kind noun followed by "of" (and "the") and a name ("battle of the Alma"),
  /// the index of the name's first word.
  private func lowerCaseHead(_ t: [Token], _ i: Int, _ dateTokens: [Bool]) -> Int? {
    // "the assault on Malakoff", "the landing at Eupatoria" too (not "war on Russia").
    guard t[i].is(.kindNoun), t[i].info.kind == .event || t[i].info.kind == .agreement,
      i + 2 < t.count
    else { return nil }
    let strikes =
      isWord(t[i], "assault") || isWord(t[i], "attack") || isWord(t[i], "raid")
      || isWord(t[i], "landing") || isWord(t[i], "landings") || isWord(t[i], "bombing")
      || isWord(t[i], "bombardment")
    guard isWord(t[i + 1], "of") || strikes && (isWord(t[i + 1], "on") || isWord(t[i + 1], "at"))
    else { return nil }
    var next = i + 2
    if isWord(t[next], "the") && next + 1 < t.count { next += 1 }
    guard isNameWord(t, next, dateTokens), !t[next].has(.sentenceStart),
      !t[next].has(.lineBreakBefore)
    else { return nil }
    // "the last treaty of the Great Northern War": a name with a kind of its own is its own
    // entity, not the place of this one.
    var word = next
    while word < t.count && (isNameWord(t, word, dateTokens) || t[word].is(.connector)) {
      if t[word].is(.kindNoun) && t[word].has(.capitalized) { return nil }
      word += 1
    }
    return next
  }

  /// "the war between Sweden and Russia", "the union between Sweden and Norway": a generic kind
  /// noun after "the" and the two sides it is between name one thing, as a name does. Where the
  /// description ends.
  private func namedBySides(_ t: [Token], _ i: Int, _ dateTokens: [Bool]) -> Int? {
    guard t[i].is(.genericKind), !t[i].has(.capitalized), i >= 1, isWord(t[i - 1], "the"),
      i + 4 < t.count, isWord(t[i + 1], "between")
    else { return nil }
    var k = i + 2
    if isWord(t[k], "the") { k += 1 }
    guard isNameWord(t, k, dateTokens), !t[k].has(.sentenceStart) else { return nil }
    while k < t.count && isNameWord(t, k, dateTokens) && !t[k].has(.possessive) { k += 1 }
    guard k + 1 < t.count, isWord(t[k], "and") else { return nil }
    k += 1
    if k < t.count && isWord(t[k], "the") { k += 1 }
    guard k < t.count, isNameWord(t, k, dateTokens), !t[k].has(.sentenceStart) else { return nil }
    while k < t.count && isNameWord(t, k, dateTokens) && !t[k].has(.sentenceStart) { k += 1 }
    return k
  }

  /// The first word of a sentence, after any bullet, quote or parenthesis.
  private func opensSentence(_ t: [Token], _ i: Int) -> Bool {
    var j = i
    while j > 0 && !t[j].has(.sentenceStart) && t[j - 1].kind == .punct { j -= 1 }
    return t[j].has(.sentenceStart)
  }

  /// A capitalised word that is not part of a date (so "May 1940" is not a name).
  private func isNameWord(_ t: [Token], _ i: Int, _ dateTokens: [Bool]) -> Bool {
    t[i].isCapitalizedWord && !dateTokens[i]
  }

  /// A singular possessive ends a name ("Germany's Hitler") unless what follows names a kind of
  /// thing that owns it ("Mao's Army"? no: only plural possessives such as "Thirty Years' War").
  private func joinsAcrossPossessive(_ t: [Token], _ i: Int) -> Bool {
    let previous = t[i - 1]
    guard previous.has(.possessive) else { return true }
    return previous.has(.pluralPossessive)
  }

  private func makeEntity(
    _ t: [Token], _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) -> EntityMention {
    let last = t[end - 1].kind == .word ? t[end - 1].stemEnd : t[end - 1].end
    let bytes = UnsafeBufferPointer(rebasing: text[t[start].start..<last])
    var display = String(decoding: bytes, as: UTF8.self)
    // Rare repairs, tested on bytes so the common case builds one String and nothing else.
    if bytes.contains(0x0A) || bytes.contains(0x0D) {
      // A name wrapped across lines reads as one line.
      display = display.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    if bytes.contains(0xE0) { display = repairApostrophes(display) }
    let isAcronym = end - start == 1 && t[start].has(.allCaps)
    return EntityMention(
      range: t[start].start..<last, text: display,
      kind: kind(t, start, end, isAcronym: isAcronym), isAcronym: isAcronym, tokens: start..<end,
      extent: start..<end)
  }

  /// The kind comes from the head of the name: the last kind noun before the first connector
  /// ("Treaty of Westphalia" is a treaty, "North Atlantic Treaty Organization" an organisation).
  private func kind(_ t: [Token], _ start: Int, _ end: Int, isAcronym: Bool) -> EntityKind {
    var head: EntityKind?
    var afterConnector: EntityKind?
    var seenConnector = false
    for i in start..<end {
      if t[i].is(.connector) && !t[i].has(.capitalized) { seenConnector = true }
      guard let kind = t[i].info.kind, t[i].is(.kindNoun) else { continue }
      if seenConnector { afterConnector = afterConnector ?? kind } else { head = kind }
    }
    if let kind = head ?? afterConnector { return kind }
    if isAcronym && !t[start].is(.notAcronym) { return .organization }
    return .other
  }
}

private func isASCIILetterByte(_ byte: UInt8) -> Bool { (byte | 0x20) &- 97 < 26 }

/// Replaces apostrophe look-alikes, including the seed's mis-decoded "โ", with "’".
func repairApostrophes(_ text: String) -> String {
  guard text.unicodeScalars.contains(where: { $0.value == 0x0E42 }) else { return text }
  return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value == 0x0E42 ? "’" : $0 }))
}

/// Normalised keys for names.
public enum EntityKey {
  /// "The U.S.-Japan Security Treaty" and "US-Japan Security Treaty" give the same key;
  /// "Thirty Years’ War" and "Thirty Years' War" too.
  public static func normalize(_ name: String) -> String {
    if let key = normalizeASCII(name) { return key }
    var scalars = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in name.lowercased().unicodeScalars {
      switch scalar.value {
      case 0x27, 0x2018, 0x2019, 0x02BC, 0x0E42, 0x2E: continue
      case 0x20, 0x09, 0x0A, 0x0D, 0xA0:
        pendingSpace = !scalars.isEmpty
      case 0x2010...0x2015:
        scalars.append("-")
      default:
        if pendingSpace { scalars.append(" ") }
        pendingSpace = false
        scalars.append(scalar)
      }
    }
    var key = String(scalars)
    if key.hasPrefix("the ") { key.removeFirst(4) }
    return key
  }

  /// ``normalize(_:)`` of an ASCII name, byte by byte (nearly every name, and a claim's key is
  /// made for each claim a scan writes); nil for any other name.
  private static func normalizeASCII(_ name: String) -> String? {
    var name = name
    return name.withUTF8 { bytes -> String? in
      var key: [UInt8] = []
      key.reserveCapacity(bytes.count)
      var pendingSpace = false
      for byte in bytes {
        switch byte {
        case 0x80...: return nil
        case 0x27, 0x2E: continue
        case 0x20, 0x09, 0x0A, 0x0D: pendingSpace = !key.isEmpty
        default:
          if pendingSpace { key.append(0x20) }
          pendingSpace = false
          key.append(byte &- 65 < 26 ? byte | 0x20 : byte)
        }
      }
      let the: [UInt8] = [0x74, 0x68, 0x65, 0x20]
      let start = key.starts(with: the) ? 4 : 0
      return String(decoding: key[start...], as: UTF8.self)
    }
  }

  /// A looser key for finding a name written another way in a reference: accents folded,
  /// "the" dropped, the last word in the singular, and an agreement's head word made "treaty
  /// of": "Brest-Litovsk Treaty",
  /// "Treaty of Brest-Litovsk"; "Munich Accords", "Munich Agreement"; "Peace of Luneville",
  /// "Treaty of Lunéville"; "battle of the Inkerman", "Battle of Inkerman". Only for looking
  /// up references, never for grouping claims.
  public static func variant(_ key: String) -> String {
    // Folding through Foundation is slow; most keys are ASCII and need none.
    let folded =
      key.utf8.allSatisfy { $0 < 0x80 }
      ? key : key.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var words = folded.split(separator: " ").map(String.init).filter { $0 != "the" }
    // "Russian Revolutions", "Locarno Treaties": the head in the singular.
    if words.count >= 2, let last = words.last, last.count > 4 {
      if last.hasSuffix("ies") {
        words[words.count - 1] = String(last.dropLast(3)) + "y"
      } else if last.hasSuffix("s") && !last.hasSuffix("ss") && !last.hasSuffix("us") {
        words[words.count - 1] = String(last.dropLast())
      }
    }
    let heads: Set<String> = [
      "treaty", "peace", "accord", "accords", "agreement", "pact", "convention",
    ]
    if words.count >= 3, heads.contains(words[0]), words[1] == "of" {
      words[0] = "treaty"
    } else if words.count >= 2, let last = words.last, heads.contains(last), !words.contains("of") {
      words = ["treaty", "of"] + words.dropLast()
    }
    return words.joined(separator: " ")
  }
}

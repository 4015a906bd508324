/// A date expression found in a text.
public struct DateMention: Hashable, Sendable {
  /// Byte range in the document.
  public var range: Range<Int>
  public var value: TemporalValue
  /// Index of the first and one past the last token, for the claim attacher.
  var tokens: Range<Int>
  /// True when the text writes no year and the year comes from the dates before ("The war
  /// began in 1914. On 7 August, …" gives 1914-08-07). Such a date is a mention, never a claim:
  /// a reviewer could not see the year it is checked against.
  public var inferred = false
}

/// Finds date expressions in a token stream.
///
/// Full dates in both orders, ISO dates, month and year, ranges, BC/AD years, decades and
/// centuries are recognised by their shape. A bare number is a year only in context: four digits
/// in 1000–2199 that no currency sign, label ("page", "Resolution") or count noun ("troops",
/// "km") marks as a quantity; three digits only after an explicit BC date in the same text and
/// behind a preposition ("in 480"), the way histories of antiquity write them.
struct DateRecognizer {
  func recognize(_ tokens: [Token]) -> [DateMention] {
    recognize(tokens, hints: tokens.map(TokenHints.init))
  }

  /// `hints` as the tokenizer gives them (``Tokenizer/tokenizeText(_:)``).
  func recognize(_ tokens: [Token], hints: [TokenHints]) -> [DateMention] {
    var mentions: [DateMention] = []
    var beforeCommonEra = false
    // Set once the text dates something in the first millennium with a month or an era ("August
    // 843", "AD 870"): from then on it writes bare three-digit years too ("in 855").
    var earlyCommonEra = false
    // The year of the last date that wrote one, for dates that do not ("On 7 August").
    var contextYear: Int?
    var contextEnd = 0
    var i = 0
    while i < tokens.count {
      // Only a number or a word of ``WordClass/dateStarts`` can start a date (see
      // ``match(_:_:era:)`` and ``withoutYear(_:_:year:)``): the rest are skipped from their
      // hints, without a call or a read of the token.
      guard hints[i].contains(.date) else {
        i += 1
        continue
      }
      if let mention = match(
        tokens, i, era: beforeCommonEra ? .beforeCommonEra : earlyCommonEra ? .early : .modern)
      {
        if (1..<1000).contains(mention.value.span.start.year) { earlyCommonEra = true }
        if case .point(let date) = mention.value, date.year < 0 { beforeCommonEra = true }
        if case .range(let start, _) = mention.value, start.year < 0 { beforeCommonEra = true }
        if case .decade(let year) = mention.value, year < 0 { beforeCommonEra = true }
        switch mention.value {
        case .point(let date): contextYear = date.year
        case .range(_, let end): contextYear = end.year
        case .decade, .centuries: break
        }
        contextEnd = mention.tokens.upperBound
        mentions.append(mention)
        i = mention.tokens.upperBound
      } else if let year = contextYear, i - contextEnd <= Self.contextWindow,
        let mention = withoutYear(tokens, i, year: year)
      {
        mentions.append(mention)
        i = mention.tokens.upperBound
      } else {
        i += 1
      }
    }
    return Self.mergingCalendars(mentions, tokens)
  }

  /// "9 February 1674 Old Style (19 February 1674 New Style)", "… O.S. (… N.S.)": one date
  /// written in both calendars is one mention whose value spans both days, so neither reading
  /// contradicts the other.
  static func mergingCalendars(_ mentions: [DateMention], _ t: [Token]) -> [DateMention] {
    guard mentions.count > 1 else { return mentions }
    var merged: [DateMention] = []
    var index = 0
    while index < mentions.count {
      let first = mentions[index]
      if index + 1 < mentions.count, let style = calendarMark(t, first.tokens.upperBound),
        style < t.count, t[style].is(.openParen),
        mentions[index + 1].tokens.lowerBound == style + 1,
        case .point(let old) = first.value, case .point(let new) = mentions[index + 1].value
      {
        var end = mentions[index + 1].tokens.upperBound
        if let mark = calendarMark(t, end) { end = mark }
        if end < t.count && t[end].is(.closeParen) { end += 1 }
        var mention = first
        mention.tokens = first.tokens.lowerBound..<end
        mention.range = t[first.tokens.lowerBound].start..<t[end - 1].end
        mention.value = .range(min(old, new), max(old, new))
        merged.append(mention)
        index += 2
        continue
      }
      merged.append(first)
      index += 1
    }
    return merged
  }

  /// "Old Style", "New Style", "O.S.", "N.S." at `i`: where what follows starts.
  private static func calendarMark(_ t: [Token], _ i: Int) -> Int? {
    guard i < t.count else { return nil }
    if i + 1 < t.count && (isWord(t[i], "old") || isWord(t[i], "new")) && isWord(t[i + 1], "style")
    {
      return i + 2
    }
    if isWord(t[i], "o.s.") || isWord(t[i], "n.s.") || isWord(t[i], "os") || isWord(t[i], "ns") {
      return i + 1
    }
    if i + 1 < t.count && (isWord(t[i], "o.s") || isWord(t[i], "n.s")) && t[i + 1].is(.period) {
      return i + 2
    }
    return nil
  }

  /// How many tokens after a written year a date without one may take it: about two sentences.
  /// Further on, the narrative has often moved to another year (measured on WikiWars: see
  /// BENCHMARKS.md).
  static let contextWindow = 60

  /// "On 7 August", "by June 28": a day and a month after a preposition, in a text that gave a
  /// year before. The value takes that year and is marked inferred.
  private func withoutYear(_ t: [Token], _ i: Int, year: Int) -> DateMention? {
    guard i > 0, isWord(t[i - 1], "on") || isWord(t[i - 1], "by") || isWord(t[i - 1], "until")
    else { return nil }
    var month: Int
    var day: Int
    var end: Int
    if t[i].is(.month) && t[i].has(.capitalized), let (number, next) = dayNumber(t, i + 1) {
      (month, day, end) = (Int(t[i].info.month), number, next)
      // "June 28." leaves the period to the sentence.
      if end > i + 2 { end = i + 2 }
    } else if let (number, next) = dayNumber(t, i), next < t.count, t[next].is(.month),
      t[next].has(.capitalized) || t[i].has(.ordinalSuffix)
    {
      guard next == i + 1 else { return nil }
      (month, day, end) = (Int(t[next].info.month), number, next + 1)
    } else {
      return nil
    }
    // A year after all ("On 7 August 1914") is the ordinary rule's to read.
    if end < t.count && t[end].kind == .number { return nil }
    var found = mention(t, i, end, .point(CalendarDate(year: year, month: month, day: day)))
    found.inferred = true
    return found
  }

  /// What a bare three-digit number after a preposition reads as, from the dates before it.
  enum TextEra {
    /// Nothing before it was dated before the year 1000: it is a number.
    case modern
    /// An explicit BC date came before: "in 480" is 480 BC.
    case beforeCommonEra
    /// A first-millennium date with a month or an era came before: "in 855" is AD 855.
    case early
  }

  private func match(_ t: [Token], _ i: Int, era textEra: TextEra) -> DateMention? {
    let token = t[i]
    if token.kind == .word {
      if token.is(.month) { return monthFirst(t, i) }
      if token.is(.holiday) && token.has(.capitalized) { return holiday(t, i) }
      if token.is(.ordinalWord) { return century(t, i) }
      if token.is(.eraBefore) && i + 1 < t.count && t[i].has(.capitalized) {
        // "AD 79"
        let next = t[i + 1]
        if next.kind == .number && plainNumber(next) && next.digits <= 4 && next.number > 0 {
          return mention(t, i, i + 2, .point(CalendarDate(year: next.number)))
        }
      }
      return nil
    }
    guard token.kind == .number else { return nil }
    if token.has(.isoDate) {
      let date = CalendarDate(year: token.number, month: token.isoMonth, day: token.isoDay)
      return mention(t, i, i + 1, .point(date))
    }
    if token.has(.ordinalSuffix) {
      if let century = century(t, i) { return century }
      return dayFirst(t, i)
    }
    if token.has(.decadeSuffix) { return decade(t, i) }
    guard plainNumber(token) else { return nil }
    if token.digits <= 2 {
      if let day = dayFirst(t, i) { return day }
      // "31 BC": a year of one or two digits needs its era.
      guard token.number > 0, let era = era(t, i + 1), era.bc else { return nil }
      return mention(t, i, era.end, .point(CalendarDate(year: -token.number)))
    }
    return yearOrRange(t, i, era: textEra)
  }

  // MARK: Full dates

  /// "February 19, 1674", "June 20 of 1792", "November 1939", "February of 1940".
  private func monthFirst(_ t: [Token], _ i: Int) -> DateMention? {
    let month = Int(t[i].info.month)
    // "may" and "march" are verbs far more often than months when written in lower case.
    if (month == 5 || month == 3) && !t[i].has(.capitalized) { return nil }
    var j = i + 1
    if j < t.count && t[j].is(.period) && t[i].end - t[i].start <= 4 { j += 1 }  // "Feb."
    guard j < t.count else { return nil }
    if t[j].kind == .number && t[j].digits <= 2 && (plainNumber(t[j]) || t[j].has(.ordinalSuffix))
      && (1...31).contains(t[j].number)
    {
      var k = j + 1
      // "March 5-9, 1918", "February 4 to 11, 1945": a span of days; "November 28 to
      // December 1, 1943": a span across months.
      var lastDay: Int?
      var lastMonth = month
      if let joined = rangeJoiner(t, k) {
        if let (day, next) = dayNumber(t, joined), day > t[j].number {
          lastDay = day
          k = next
        } else if joined < t.count && t[joined].is(.month) && t[joined].has(.capitalized),
          let (day, next) = dayNumber(t, joined + 1), Int(t[joined].info.month) > month
        {
          lastDay = day
          lastMonth = Int(t[joined].info.month)
          k = next
        }
      }
      // "August 27 (September 6), 1689": the Old Style day and the New Style one; either is
      // the date, so the value spans both.
      if lastDay == nil, k + 3 < t.count, t[k].is(.openParen), t[k + 1].is(.month),
        t[k + 1].has(.capitalized), let (day, next) = dayNumber(t, k + 2), next < t.count,
        t[next].is(.closeParen)
      {
        lastDay = day
        lastMonth = Int(t[k + 1].info.month)
        k = next + 1
      }
      if k < t.count && (t[k].is(.comma) || isWord(t[k], "of")) { k += 1 }
      if let (year, end) = year(t, k, requireEra: false) {
        let date = CalendarDate(year: year, month: month, day: t[j].number)
        if let lastDay {
          return mention(
            t, i, end, .range(date, CalendarDate(year: year, month: lastMonth, day: lastDay)))
        }
        return mention(t, i, end, .point(date))
      }
      return nil
    }
    var k = j
    // "from March to May 1849", "March–May 1849": a span of months in one year.
    // "in March and May 1849" is two months; "between March and May 1849" a span.
    if let joined = rangeJoiner(t, k), !isWord(t[k], "and") || i > 0 && isWord(t[i - 1], "between"),
      joined < t.count, t[joined].is(.month),
      t[joined].has(.capitalized), Int(t[joined].info.month) > month,
      let (year, end) = year(t, joined + 1, requireEra: false)
    {
      return mention(
        t, i, end,
        .range(
          CalendarDate(year: year, month: month),
          CalendarDate(year: year, month: Int(t[joined].info.month))))
    }
    if k < t.count && (t[k].is(.comma) || isWord(t[k], "of")) { k += 1 }
    if let (year, end) = year(t, k, requireEra: false) {
      return mention(t, i, end, .point(CalendarDate(year: year, month: month)))
    }
    return nil
  }

  /// "Christmas 1914": a fixed-date holiday and a year.
  private func holiday(_ t: [Token], _ i: Int) -> DateMention? {
    var k = i + 1
    if k < t.count && (t[k].is(.comma) || isWord(t[k], "of")) { k += 1 }
    guard let (year, end) = year(t, k, requireEra: false) else { return nil }
    let date = CalendarDate(year: year, month: Int(t[i].info.month), day: Int(t[i].info.day))
    return mention(t, i, end, .point(date))
  }

  /// "19 February 1674", "the 19th of October 1950", "2 May, 1777".
  private func dayFirst(_ t: [Token], _ i: Int) -> DateMention? {
    let day = t[i].number
    guard (1...31).contains(day), t[i].digits <= 2 else { return nil }
    var j = i + 1
    // "29-30 September 1938", "29.–30. September 1938", "between 1 and 10 October 1938"
    var lastDay: Int?
    var afterPeriod = j
    if afterPeriod < t.count && t[afterPeriod].is(.period) { afterPeriod += 1 }
    // "28 November to 1 December 1943": a span across months, day first.
    if afterPeriod < t.count, t[afterPeriod].is(.month), t[afterPeriod].has(.capitalized),
      let joined = rangeJoiner(t, afterPeriod + 1), let (lastDay, next) = dayNumber(t, joined),
      next < t.count, t[next].is(.month), t[next].has(.capitalized),
      t[next].info.month > t[afterPeriod].info.month,
      let (year, end) = year(t, next + 1, requireEra: false)
    {
      return mention(
        t, i, end,
        .range(
          CalendarDate(year: year, month: Int(t[afterPeriod].info.month), day: day),
          CalendarDate(year: year, month: Int(t[next].info.month), day: lastDay)))
    }
    // "5/15 April 1654": the Old Style day and the New Style one.
    let dual = afterPeriod + 1 < t.count && t[afterPeriod].is(.slash) ? afterPeriod + 1 : nil
    if let joined = dual ?? rangeJoiner(t, afterPeriod), let (second, next) = dayNumber(t, joined),
      second > day, next < t.count, t[next].is(.month)
    {
      lastDay = second
      j = next
    }
    if j < t.count && isWord(t[j], "of") { j += 1 }
    guard j < t.count, t[j].is(.month) else { return nil }
    let month = Int(t[j].info.month)
    var k = j + 1
    if k < t.count && t[k].is(.period) && t[j].end - t[j].start <= 4 { k += 1 }
    // "30 January of 1902", as "January of 1902" reads.
    if k < t.count && (t[k].is(.comma) || isWord(t[k], "of")) { k += 1 }
    guard let (year, end) = year(t, k, requireEra: false) else { return nil }
    let date = CalendarDate(year: year, month: month, day: day)
    if let lastDay {
      return mention(t, i, end, .range(date, CalendarDate(year: year, month: month, day: lastDay)))
    }
    return mention(t, i, end, .point(date))
  }

  /// Where the second part of a span starts after "–", "to", "and", "through" or "until".
  private func rangeJoiner(_ t: [Token], _ k: Int) -> Int? {
    guard k + 1 < t.count else { return nil }
    if t[k].is(.dash) || isWord(t[k], "to") || isWord(t[k], "and") || isWord(t[k], "through")
      || isWord(t[k], "until") || isWord(t[k], "till")
    {
      return k + 1
    }
    return nil
  }

  /// A day of the month at `k` ("30", "30.", "1st") and where what follows it starts.
  private func dayNumber(_ t: [Token], _ k: Int) -> (Int, Int)? {
    guard k < t.count, t[k].kind == .number, t[k].digits <= 2,
      plainNumber(t[k]) || t[k].has(.ordinalSuffix), (1...31).contains(t[k].number)
    else { return nil }
    let next = k + 1 < t.count && t[k + 1].is(.period) ? k + 2 : k + 1
    return (t[k].number, next)
  }

  /// A year at token `i`: four digits, or any number with an era ("480 BC", "AD 79").
  private func year(_ t: [Token], _ i: Int, requireEra: Bool) -> (Int, Int)? {
    guard i < t.count else { return nil }
    if t[i].is(.eraBefore) && t[i].has(.capitalized) && i + 1 < t.count && t[i + 1].kind == .number
      && plainNumber(t[i + 1])
    {
      return (t[i + 1].number, i + 2)
    }
    guard t[i].kind == .number, plainNumber(t[i]), t[i].digits <= 4, t[i].number > 0 else {
      return nil
    }
    if let era = era(t, i + 1) { return (era.bc ? -t[i].number : t[i].number, era.end) }
    guard !requireEra else { return nil }
    // Right after a month, three digits are a year of the early middle ages ("August 843")
    // unless a word makes them a count ("on 5 June 300 men landed"); "January of 114" is not.
    let afterMonth = i > 0 && t[i - 1].is(.month)
    guard
      t[i].digits == 4
        || afterMonth && t[i].digits == 3 && t[i].number >= 100
          && !counted(t, i + 1)
    else {
      return nil
    }
    return (t[i].number, i + 1)
  }

  /// Whether the word at `i` counts the number before it: any word in lower case but a
  /// preposition, an auxiliary or a relative ("843 and", "843 was", "843 which").
  private func counted(_ t: [Token], _ i: Int) -> Bool {
    guard i < t.count, t[i].kind == .word else { return false }
    if t[i].is(.countNoun) { return true }
    return !t[i].has(.capitalized) && !t[i].is(.datePreposition) && !t[i].is(.auxiliary)
      && !t[i].is(.relative) && !t[i].is(.opener)
  }

  // MARK: Years and ranges

  private func yearOrRange(_ t: [Token], _ i: Int, era textEra: TextEra) -> DateMention? {
    let token = t[i]
    guard token.digits <= 4, token.number > 0 else { return nil }
    let explicitEra = era(t, i + 1)
    let fourDigitYear = token.digits == 4 && (1000...2199).contains(token.number)
    let implied = textEra != .modern && token.digits == 3 && hasYearPreposition(t, i)
    let impliedBC = implied && textEra == .beforeCommonEra
    guard
      explicitEra != nil || (fourDigitYear || implied && !counted(t, i + 1)) && looksLikeYear(t, i)
    else {
      // "from 499 to 493 BC": the era after the second number dates the first.
      if let range = range(t, i, firstEra: nil, impliedBC: false), range.value.span.start.year < 0 {
        return range
      }
      return nil
    }
    if let range = range(
      t, i, firstEra: explicitEra, impliedBC: impliedBC, early: implied && !impliedBC)
    {
      return range
    }
    if let explicitEra {
      let year = explicitEra.bc ? -token.number : token.number
      return mention(t, i, explicitEra.end, .point(CalendarDate(year: year)))
    }
    return mention(
      t, i, i + 1, .point(CalendarDate(year: impliedBC ? -token.number : token.number)))
  }

  /// "1618–1648", "1914-18", "264–146 BC", "from 1672 to 1674", "between 1950 and 1953".
  private func range(
    _ t: [Token], _ i: Int, firstEra: (bc: Bool, end: Int)?, impliedBC: Bool, early: Bool = false
  ) -> DateMention? {
    var j = firstEra?.end ?? i + 1
    guard j + 1 < t.count else { return nil }
    let joiner = t[j]
    // The word that opens the span: the one before the first year, or before "the year(s)".
    let previous = spanOpener(t, i) ?? (i > 0 ? t[i - 1] : nil)
    if joiner.is(.dash) || joiner.is(.slash) && firstEra == nil {
      // A slash joins only adjacent numbers ("1914/18"), never words.
      if joiner.is(.slash) && (joiner.has(.spaceBefore) || t[j + 1].has(.spaceBefore)) {
        return nil
      }
    } else if isWord(joiner, "to") || isWord(joiner, "until") || isWord(joiner, "till")
      || isWord(joiner, "through")
    {
      // "from 1672 to 1674", and in parentheses "(264 to 241 BC)".
      guard let previous,
        isWord(previous, "from") || isWord(previous, "between") || previous.is(.openParen)
      else {
        return nil
      }
    } else if isWord(joiner, "and") {
      guard let previous, isWord(previous, "between") else { return nil }
    } else {
      return nil
    }
    j += 1
    let second = t[j]
    guard second.kind == .number, plainNumber(second), second.digits <= 4, second.number > 0
    else { return nil }
    var secondYear = second.number
    var end = j + 1
    let secondEra = era(t, j + 1)
    if let secondEra { end = secondEra.end }
    let bc = firstEra?.bc ?? secondEra?.bc ?? impliedBC
    var firstYear = t[i].number
    if !bc && firstEra == nil && secondEra == nil {
      // "1914–18": the second year abbreviated to its last digits.
      if second.digits == 2 && t[i].digits == 4 {
        let century = firstYear / 100 * 100
        secondYear = century + second.number
        guard secondYear > firstYear else { return nil }
      } else if early {
        // "from 840 to 843", "between 869 and 1002" in a text about the early middle ages.
        guard (100...1099).contains(secondYear), secondYear > firstYear else { return nil }
      } else {
        guard second.digits == 4, (1000...2199).contains(secondYear), secondYear > firstYear,
          secondYear - firstYear < 500
        else { return nil }
      }
    }
    if bc {
      firstYear = -firstYear
      // "490 BC – AD 10" would carry its own era; a bare second number shares the first's.
      secondYear = secondEra.map { $0.bc ? -secondYear : secondYear } ?? -secondYear
      guard secondYear > firstYear else { return nil }
    } else if let secondEra, secondEra.bc {
      return nil
    }
    return mention(
      t, i, end, .range(CalendarDate(year: firstYear), CalendarDate(year: secondYear)))
  }

  /// "between the years 1562 and 1598", "from the year 1618 to 1648": the word before "the
  /// year(s)" ahead of the year at `i`.
  private func spanOpener(_ t: [Token], _ i: Int) -> Token? {
    guard i >= 3, isWord(t[i - 1], "years") || isWord(t[i - 1], "year"), isWord(t[i - 2], "the")
    else { return nil }
    return t[i - 3]
  }

  /// Whether the number at `i` reads as a year rather than a quantity or a label.
  private func looksLikeYear(_ t: [Token], _ i: Int) -> Bool {
    if i > 0 {
      let before = t[i - 1]
      if before.kind == .punct && !t[i].has(.spaceBefore)
        && (before.punct == .dollar || before.punct == .hash || before.punct == .other)
      {
        return false  // "$1949", "#1674", "£1500"
      }
      if before.is(.numberLabel) { return false }  // "page 1674", "Resolution 1441"
      if before.is(.period) && i > 1 && t[i - 2].is(.numberLabel) { return false }  // "No. 1674"
      if before.kind == .number && !before.has(.isoDate) { return false }
    }
    if i + 1 < t.count {
      let after = t[i + 1]
      if after.is(.percent) { return false }
      if after.is(.countNoun) && !hasStrongYearPreposition(t, i) { return false }
      // "some 1500 Cossacks": a quantifier and a plural make a count, capitalised or not.
      if after.kind == .word && after.pluralLooking && i > 0 && t[i - 1].is(.quantifier) {
        return false
      }
      // "butcher 1400 victims": a plural noun after a number that no preposition introduces.
      if after.kind == .word && !after.has(.capitalized) && after.pluralLooking
        && !after.is(.datePreposition) && !after.is(.auxiliary)
        && !(i > 0 && (t[i - 1].is(.datePreposition) || t[i - 1].is(.determiner)))
      {
        return false
      }
    }
    return true
  }

  /// For a bare three-digit number in a text about antiquity: "in 480", "after 479".
  private func hasYearPreposition(_ t: [Token], _ i: Int) -> Bool {
    guard i > 0 else { return false }
    let before = t[i - 1]
    return isWord(before, "in") || isWord(before, "by") || isWord(before, "since")
      || isWord(before, "until") || isWord(before, "till") || isWord(before, "after")
      || isWord(before, "before") || isWord(before, "during") || isWord(before, "from")
      || isWord(before, "circa") || isWord(before, "ca") || isWord(before, "c")
  }

  private func hasStrongYearPreposition(_ t: [Token], _ i: Int) -> Bool {
    guard i > 0 else { return false }
    let before = t[i - 1]
    return isWord(before, "in") || isWord(before, "since") || isWord(before, "until")
      || isWord(before, "during") || isWord(before, "by") || isWord(before, "early")
      || isWord(before, "late") || isWord(before, "till")
  }

  /// "BC", "B.C.", "BCE", "AD", "CE" at `i`; returns whether it counts backwards and where the
  /// era marker ends.
  private func era(_ t: [Token], _ i: Int) -> (bc: Bool, end: Int)? {
    guard i < t.count, t[i].kind == .word, t[i].has(.capitalized) else { return nil }
    if t[i].is(.era) { return (true, i + 1) }
    if t[i].is(.eraBefore) { return (false, i + 1) }
    // "B.C" followed by a sentence period is tokenised as "B.C" + "."; the word handles it.
    return nil
  }

  // MARK: Vague dates

  /// "the 1990s", "1930s", "the 470s BC".
  private func decade(_ t: [Token], _ i: Int) -> DateMention? {
    let token = t[i]
    guard token.digits == 3 || token.digits == 4 else { return nil }
    if let era = era(t, i + 1), era.bc {
      return mention(t, i, era.end, .decade(-token.number))
    }
    guard token.digits == 4, (1000...2190).contains(token.number) else { return nil }
    return mention(t, i, i + 1, .decade(token.number))
  }

  /// "the 19th century", "the nineteenth century", "the 19th and 20th centuries",
  /// "the 5th century BC".
  private func century(_ t: [Token], _ i: Int) -> DateMention? {
    guard let first = ordinalValue(t[i]), (1...21).contains(first) else { return nil }
    var last = first
    var j = i + 1
    if j + 1 < t.count && (isWord(t[j], "and") || isWord(t[j], "to") || t[j].is(.dash)),
      let second = ordinalValue(t[j + 1]), second > first, second <= 21
    {
      last = second
      j += 2
    }
    guard j < t.count, t[j].is(.century) else { return nil }
    j += 1
    if let era = era(t, j), era.bc {
      return mention(t, i, era.end, .centuries(-first, -last))
    }
    return mention(t, i, j, .centuries(first, last))
  }

  private func ordinalValue(_ token: Token) -> Int? {
    if token.kind == .number && token.has(.ordinalSuffix) { return token.number }
    if token.is(.ordinalWord) { return Int(token.info.ordinal) }
    return nil
  }

  // MARK: Helpers

  private func plainNumber(_ token: Token) -> Bool {
    token.kind == .number
      && token.flags.isDisjoint(with: [
        .grouped, .decimal, .ordinalSuffix, .decadeSuffix, .otherSuffix, .isoDate,
      ])
  }

  private func mention(_ t: [Token], _ start: Int, _ end: Int, _ value: TemporalValue)
    -> DateMention
  {
    DateMention(range: t[start].start..<t[end - 1].end, value: value, tokens: start..<end)
  }
}

/// Whether a word token spells `word` (ASCII, case-insensitive); lexicon words only.
@inline(__always) func isWord(_ token: Token, _ word: StaticString) -> Bool {
  guard token.kind == .word, token.stemEnd - token.start == word.utf8CodeUnitCount else {
    return false
  }
  return token.spelling == word.hashValueLower
}

extension StaticString {
  /// The FNV-1a hash of the lowercased spelling, to compare with ``Token/spelling``.
  var hashValueLower: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    withUTF8Buffer { buffer in
      for byte in buffer { hash = (hash ^ UInt64(asciiLower(byte))) &* 0x100_0000_01b3 }
    }
    return hash
  }
}

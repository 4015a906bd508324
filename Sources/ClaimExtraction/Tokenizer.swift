/// Punctuation the recognisers care about; everything else is `.other`.
enum Punct: UInt8, Sendable {
  case none, comma, period, openParen, closeParen, dash, slash, colon, semicolon, quote
  case dollar, percent, hash, terminal, apostrophe, ampersand, bullet, other
  /// "|", which separates the cells of a Markdown table.
  case pipe
}

struct TokenFlags: OptionSet, Sendable {
  let rawValue: UInt16
  /// First letter is upper case.
  static let capitalized = TokenFlags(rawValue: 1 << 0)
  /// Two or more letters and none lower case ("NATO", "U.S.", "SOFAs" is not).
  static let allCaps = TokenFlags(rawValue: 1 << 1)
  static let lineBreakBefore = TokenFlags(rawValue: 1 << 2)
  static let blankLineBefore = TokenFlags(rawValue: 1 << 3)
  static let sentenceStart = TokenFlags(rawValue: 1 << 4)
  /// A number written with thousands separators: "1,000" is never a year.
  static let grouped = TokenFlags(rawValue: 1 << 5)
  static let decimal = TokenFlags(rawValue: 1 << 6)
  /// "19th", "1st".
  static let ordinalSuffix = TokenFlags(rawValue: 1 << 7)
  /// "1990s", "1990's".
  static let decadeSuffix = TokenFlags(rawValue: 1 << 8)
  /// Letters glued to a number that are not an ordinal or decade ("1949km").
  static let otherSuffix = TokenFlags(rawValue: 1 << 9)
  /// The word ends in a possessive ("NATO's", "Years'").
  static let possessive = TokenFlags(rawValue: 1 << 10)
  static let spaceBefore = TokenFlags(rawValue: 1 << 11)
  /// An ISO 8601 date ("2009-12-19", optionally with a time) read as one token.
  static let isoDate = TokenFlags(rawValue: 1 << 12)
  /// A possessive apostrophe after a plural "s" ("Years'", "Ministers’"): names run on past it.
  static let pluralPossessive = TokenFlags(rawValue: 1 << 14)
  /// A lower-case word of four letters or more ending in "ed": a past tense or participle
  /// ("copied", "studied"), the verb whose object a name may be.
  static let pastLooking = TokenFlags(rawValue: 1 << 13)
  /// Ends in "s" but not "ss", "us" or "'s" (see ``Token/pluralLooking``).
  static let endsInPluralS = TokenFlags(rawValue: 1 << 15)
}

enum TokenKind: UInt8, Sendable { case word, number, punct }

/// What a token may start, kept in an array of one byte per token beside the tokens: the
/// recognisers look there for the few tokens where a date or a name may start, rather than in
/// the 40-byte tokens (waiting for those loads was most of their passes' time).
struct TokenHints: OptionSet, Sendable {
  let rawValue: UInt8
  /// A number, or a word of a class that may start a date (``WordClass/dateStarts``).
  static let date = TokenHints(rawValue: 1 << 0)
  /// A capitalised word, or a kind noun that may head a name ("the battle of the Alma").
  static let name = TokenHints(rawValue: 1 << 1)

  init(rawValue: UInt8) { self.rawValue = rawValue }

  init(_ token: Token) {
    var hints: TokenHints = []
    if token.kind == .number
      || token.kind == .word && !token.info.classes.isDisjoint(with: .dateStarts)
    {
      hints.insert(.date)
    }
    if token.isCapitalizedWord || token.is(.genericKind) || token.is(.kindNoun) {
      hints.insert(.name)
    }
    self = hints
  }
}

extension WordClass {
  /// The classes of the words that may start a date: the date recogniser reads nothing else.
  static var dateStarts: WordClass { [.month, .holiday, .ordinalWord, .eraBefore] }
}

/// A text's tokens, what each may start, and the first token of each sentence and line.
struct TokenizedText {
  var tokens: [Token]
  var hints: [TokenHints]
  var sentenceStarts: [Int]
  var lineStarts: [Int]
}

/// A token of a document: a byte range and what the recognisers need to know about it.
struct Token: Sendable {
  // Offsets are stored in 32 bits, and the fields in an order that leaves no padding: a token
  // takes 40 bytes rather than 64, and every pass of the extractor reads the whole array (a
  // megabyte of text is about 200,000 tokens). The tokenizer reads at most 4 GiB of a text.
  private var startOffset: UInt32
  private var endOffset: UInt32
  /// For words: where the stem ends. For ISO dates: the month (low byte) and the day (next
  /// byte), since a number has no stem; sharing the field keeps a token at 40 bytes.
  private var stemEndOffset: UInt32 = 0
  /// For numbers: the value of the digits (capped) and how many digits there were.
  var numberValue: Int32 = 0
  /// For words: the hash of the lowercased spelling, so rules can test for a word cheaply.
  var spelling: UInt64 = 0
  var info = WordInfo()
  // (`flags` before `kind`: it needs an even offset, and here it fills WordInfo's tail.)
  var flags: TokenFlags = []
  var kind: TokenKind
  var punct: Punct = .none
  var digitCount: UInt8 = 0

  init(start: Int, end: Int, kind: TokenKind) {
    startOffset = UInt32(truncatingIfNeeded: start)
    endOffset = UInt32(truncatingIfNeeded: end)
    self.kind = kind
  }

  var start: Int {
    get { Int(startOffset) }
    set { startOffset = UInt32(truncatingIfNeeded: newValue) }
  }
  var end: Int {
    get { Int(endOffset) }
    set { endOffset = UInt32(truncatingIfNeeded: newValue) }
  }
  /// For words: where the word ends without its possessive ("NATO" in "NATO’s").
  var stemEnd: Int {
    get { Int(stemEndOffset) }
    set { stemEndOffset = UInt32(truncatingIfNeeded: newValue) }
  }

  var number: Int { Int(numberValue) }
  var digits: Int { Int(digitCount) }
  /// For ISO dates: the month and day.
  var isoMonth: Int { Int(stemEndOffset & 0xFF) }
  var isoDay: Int { Int(stemEndOffset >> 8 & 0xFF) }
  mutating func setISODay(month: Int, day: Int) {
    stemEndOffset = UInt32(truncatingIfNeeded: month) | UInt32(truncatingIfNeeded: day) << 8
  }

  func has(_ flag: TokenFlags) -> Bool { flags.contains(flag) }
  func `is`(_ wordClass: WordClass) -> Bool { kind == .word && info.classes.contains(wordClass) }
  func `is`(_ mark: Punct) -> Bool { kind == .punct && punct == mark }
  var isCapitalizedWord: Bool { kind == .word && flags.contains(.capitalized) }
  /// Ends in "s" but not "ss" or "us" ("victims", not "was" or "class"), three letters or more.
  var pluralLooking: Bool { kind == .word && end - start >= 3 && flags.contains(.endsInPluralS) }
}

/// Splits UTF-8 text into words, numbers and punctuation in one pass, marking sentence starts.
///
/// It works on bytes so that a 100 MB scan never builds a `String` per word. Non-ASCII letters
/// (accented names) count as letters; general punctuation (curly quotes, dashes, bullets) does
/// not. The broken apostrophe of the seed ("Yearsโ", UTF-8 read as Windows-874) is treated as an
/// apostrophe between a Latin letter and a non-letter, so names stay whole; the encoding check
/// reports it separately.
struct Tokenizer {
  private let lexicon = Lexicon.shared

  func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [Token] {
    tokenizeWithStarts(text).tokens
  }

  /// The tokens, and the first token of each sentence and of each line (every token with a line
  /// break before it, and the first), in order: what the attacher indexes, found here while
  /// the tokens are in the cache rather than by another pass over the array.
  func tokenizeWithStarts(_ text: UnsafeBufferPointer<UInt8>) -> (
    tokens: [Token], sentenceStarts: [Int], lineStarts: [Int]
  ) {
    let tokenized = tokenizeText(text)
    return (tokenized.tokens, tokenized.sentenceStarts, tokenized.lineStarts)
  }

  /// The tokens, their hints, and where sentences and lines start.
  func tokenizeText(_ text: UnsafeBufferPointer<UInt8>) -> TokenizedText {
    // (Offsets are 32 bits: see ``Token``. A text that large could not be held in memory as
    // tokens anyway.)
    let text = UnsafeBufferPointer(rebasing: text.prefix(Int(UInt32.max)))
    var tokens: [Token] = []
    tokens.reserveCapacity(text.count / 5)
    var hints: [TokenHints] = []
    hints.reserveCapacity(text.count / 5)
    let count = text.count
    var i = 0
    var pendingFlags: TokenFlags = [.lineBreakBefore, .blankLineBefore]
    var newlinesSinceToken = 2
    var sentences = SentenceMarker()
    while i < count {
      let byte = text[i]
      // LF ends a line, and so does a CR that no LF follows (old Mac files): their sentences
      // and headings split as with LF. (CRLF: the CR is a space, the LF ends the line.)
      if byte == 0x0A || byte == 0x0D && (i + 1 == count || text[i + 1] != 0x0A) {
        newlinesSinceToken += 1
        pendingFlags.formUnion([.lineBreakBefore, .spaceBefore])
        if newlinesSinceToken >= 2 { pendingFlags.insert(.blankLineBefore) }
        i += 1
        continue
      }
      if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B {
        pendingFlags.insert(.spaceBefore)
        i += 1
        continue
      }
      var token: Token
      // ASCII digits and letters first: classifying the character is for the rest.
      if byte &- 48 < 10 {
        token = scanNumber(text, i)
      } else {
        // (One call of scanWord for ASCII and other letters, so that it is inlined.)
        var punctLength = 0
        var punct = Punct.none
        if (byte | 0x20) &- 97 >= 26 {
          let scalar = decodeScalar(text, i)
          if scalar.isSpace {
            pendingFlags.insert(.spaceBefore)
            i += scalar.length
            continue
          }
          if !scalar.isLetter {
            punctLength = scalar.length
            punct = scalar.punct
          }
        }
        if punctLength == 0 {
          token = scanWord(text, i)
        } else {
          token = Token(start: i, end: i + punctLength, kind: .punct)
          token.punct = punct
        }
      }
      token.flags.formUnion(pendingFlags)
      pendingFlags = []
      newlinesSinceToken = 0
      // Sentence starts are marked as the tokens come, while the last few are in the cache:
      // a second pass over the array (64 bytes a token) cost a twelfth of a scan.
      sentences.mark(&token, at: tokens.count, after: &tokens, text)
      hints.append(TokenHints(token))
      tokens.append(token)
      i = token.end
    }
    sentences.finish(&tokens)
    return TokenizedText(
      tokens: tokens, hints: hints, sentenceStarts: sentences.sentenceStarts,
      lineStarts: sentences.lineStarts)
  }

  @inline(__always)
  private func scanWord(_ text: UnsafeBufferPointer<UInt8>, _ start: Int) -> Token {
    let count = text.count
    var i = start
    // Every letter counts as upper or lower case, so the letters are `upper + lower`.
    var upper = 0
    var lower = 0
    var segmentLetters = 0
    var dots = 0
    var possessive = false
    var pluralPossessive = false
    var stemEnd = -1
    var segmentStart = start
    // The spelling hash (see ``Lexicon/spelling``) of `text[start..<i]`, kept up to date as the
    // bytes go by, and frozen where a possessive begins: reading each word twice cost a tenth of
    // extraction time. (No local function updates it: a captured variable lives in memory, not
    // in a register, and the loop below runs once per letter of the document.)
    var hash = Lexicon.spellingSeed
    var stemHash: UInt64 = 0
    while i < count {
      // A run of ASCII letters and digits, most words whole, in a loop of its own that keeps
      // its few variables in registers.
      var runLetters = 0
      var runUpper = 0
      var byte = text[i]
      while true {
        let folded = byte | 0x20
        if folded &- 97 < 26 {
          runLetters &+= 1
          runUpper &+= byte < 0x60 ? 1 : 0
          hash = Lexicon.spelling(hash, folded)
        } else if byte &- 48 < 10 {
          hash = Lexicon.spelling(hash, byte)
        } else {
          break
        }
        i &+= 1
        guard i < count else { break }
        byte = text[i]
      }
      upper &+= runUpper
      lower &+= runLetters &- runUpper
      segmentLetters &+= runLetters
      guard i < count else { break }
      if byte < 0x80 {
        if byte == 0x2E {  // '.' inside initialisms: "U.S.", "B.C.", "e.g."
          if segmentLetters == 1 && i + 1 < count
            && (isASCIILetter(text, i + 1)
              && (i + 2 >= count || text[i + 2] == 0x2E || !isLetterStart(text, i + 2)) || dots > 0)
          {
            dots += 1
            segmentLetters = 0
            hash = Lexicon.spelling(hash, byte)
            i += 1
            continue
          }
          break
        }
        if byte == 0x2D {  // '-' joining letters: "U.S.-Japan", "Co-operation"
          if i + 1 < count && isLetterStart(text, i + 1) && !endsDatePrefix(text, segmentStart, i) {
            segmentLetters = 0
            segmentStart = i + 1
            hash = Lexicon.spelling(hash, byte)
            i += 1
            continue
          }
          break
        }
        guard byte == 0x27 else { break }
      }
      // An en dash or a Unicode hyphen between two letters joins them as '-' does:
      // "Kellogg–Briand", "Molotov–Ribbentrop" (E2 80 90/91/93).
      if byte == 0xE2 && i + 3 < count && text[i + 1] == 0x80
        && (text[i + 2] == 0x90 || text[i + 2] == 0x91 || text[i + 2] == 0x93)
        && i > start && isLetterStart(text, i + 3) && segmentLetters > 0
        && !endsDatePrefix(text, segmentStart, i)
      {
        segmentLetters = 0
        segmentStart = i + 3
        hash = Lexicon.spelling(hash, text, i, i + 3)
        i += 3
        continue
      }
      let scalar = decodeScalar(text, i)
      // An apostrophe, straight or curly: "NATO's", "don't", "Years' War", "NATOโs".
      if scalar.isApostrophe && i > start {
        let after = i + scalar.length
        if after < count && isASCIILetter(text, after) {
          if (after + 1 >= count || !isLetterStart(text, after + 1)) && text[after] | 0x20 == 0x73 {
            possessive = true
            stemEnd = i
            stemHash = hash
          }
          hash = Lexicon.spelling(hash, text, i, after)
          i = after
          continue
        }
        if text[i - 1] | 0x20 == 0x73 {
          possessive = true
          pluralPossessive = true
          stemEnd = i
          stemHash = hash
          i = after
        }
        break
      }
      guard scalar.isLetter else { break }
      segmentLetters += 1
      if scalar.isUpper { upper += 1 } else { lower += 1 }
      hash = Lexicon.spelling(hash, text, i, i + scalar.length)
      i += scalar.length
    }
    // A trailing period that closes an initialism belongs to it ("U.S." but not "end.").
    if dots > 0 && segmentLetters == 1 && i < count && text[i] == 0x2E {
      hash = Lexicon.spelling(hash, 0x2E)
      i += 1
    }
    var token = Token(start: start, end: i, kind: .word)
    if i - start >= 3 && text[i - 1] == 0x73 && text[i - 2] != 0x73 && text[i - 2] != 0x75
      && text[i - 2] != 0x27
    {
      token.flags.insert(.endsInPluralS)
    }
    token.stemEnd = possessive && stemEnd > start ? stemEnd : i
    // (The first byte is in a register: only a non-ASCII letter needs decoding.)
    let first = text[start]
    if first < 0x80 ? first &- 65 < 26 : decodeScalar(text, start).isUpper {
      token.flags.insert(.capitalized)
    }
    if upper >= 2 && (lower == 0 || lower == 1 && possessive) {
      token.flags.insert(.allCaps)
    }
    if possessive { token.flags.insert(.possessive) }
    if i - start >= 4 && text[i - 1] == 0x64 && text[i - 2] == 0x65 && text[start] &- 97 < 26 {
      token.flags.insert(.pastLooking)
    }
    if pluralPossessive { token.flags.insert(.pluralPossessive) }
    // (After a plural possessive `hash` stopped at the apostrophe, but the stem ends there.)
    token.spelling = token.stemEnd == i ? hash : stemHash
    if token.stemEnd - start <= 16,
      let info = lexicon.lookup(text, start, token.stemEnd, spelling: token.spelling)
    {
      token.info = info
    }
    return token
  }

  /// "mid-June" and "August-September" split at the hyphen so the months can be read as dates.
  private func endsDatePrefix(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool
  {
    let spelling = Lexicon.spelling(text, start, end)
    if spelling == Self.mid { return end - start == 3 }
    return lexicon.lookup(text, start, end, spelling: spelling)?.classes.contains(.month) ?? false
  }

  private static let mid = StaticString("mid").hashValueLower

  @inline(__always)
  private func scanNumber(_ text: UnsafeBufferPointer<UInt8>, _ start: Int) -> Token {
    let count = text.count
    var i = start
    var value = 0
    var digits = 0
    var token = Token(start: start, end: start, kind: .number)
    while i < count {
      let byte = text[i]
      if byte &- 48 < 10 {
        if digits < 9 { value = value * 10 + Int(byte - 48) }
        digits += 1
        i += 1
        continue
      }
      // "1,000" groups thousands; "1914, 1918" does not (a space follows the comma).
      if byte == 0x2C && i + 3 < count && isDigit(text, i + 1) && isDigit(text, i + 2)
        && isDigit(text, i + 3) && (i + 4 >= count || !isDigit(text, i + 4))
      {
        token.flags.insert(.grouped)
        i += 1
        continue
      }
      if byte == 0x2E && i + 1 < count && isDigit(text, i + 1) {
        token.flags.insert(.decimal)
        i += 1
        continue
      }
      break
    }
    token.numberValue = Int32(value)
    token.digitCount = UInt8(min(digits, 255))
    // ISO 8601: 2009-12-19, optionally followed by a time.
    if digits == 4 && !token.has(.grouped) && !token.has(.decimal) && i + 5 < count
      && text[i] == 0x2D && isDigit(text, i + 1) && isDigit(text, i + 2) && text[i + 3] == 0x2D
      && isDigit(text, i + 4) && isDigit(text, i + 5) && (i + 6 >= count || !isDigit(text, i + 6))
    {
      let month = Int(text[i + 1] - 48) * 10 + Int(text[i + 2] - 48)
      let day = Int(text[i + 4] - 48) * 10 + Int(text[i + 5] - 48)
      if (1...12).contains(month) && (1...31).contains(day) {
        token.flags.insert(.isoDate)
        token.setISODay(month: month, day: day)
        i += 6
        if i + 8 < count && text[i] == 0x54 && isDigit(text, i + 1) && isDigit(text, i + 2)
          && text[i + 3] == 0x3A
        {
          i += 3
          while i < count && (isDigit(text, i) || text[i] == 0x3A) { i += 1 }
        }
        token.end = i
        return token
      }
    }
    // Letters glued to the digits: ordinals, decades, units.
    if i < count && isASCIILetter(text, i) {
      var j = i
      while j < count && isASCIILetter(text, j) { j += 1 }
      let suffixLength = j - i
      let first = text[i] | 0x20
      let second = suffixLength > 1 ? text[i + 1] | 0x20 : 0
      if suffixLength == 2
        && (first == 0x73 && second == 0x74 || first == 0x6E && second == 0x64
          || first == 0x72 && second == 0x64 || first == 0x74 && second == 0x68)
      {
        token.flags.insert(.ordinalSuffix)
      } else if suffixLength == 1 && first == 0x73 && value % 10 == 0 {
        token.flags.insert(.decadeSuffix)
      } else {
        token.flags.insert(.otherSuffix)
      }
      i = j
    } else if i + 1 < count && text[i] == 0x27 && text[i + 1] | 0x20 == 0x73 && value % 10 == 0
      && (i + 2 >= count || !isASCIILetter(text, i + 2))
    {
      token.flags.insert(.decadeSuffix)
      i += 2
    }
    token.end = i
    return token
  }
}

/// Marks the first token of each sentence, one token at a time as the tokenizer makes them.
///
/// A sentence ends at `.`, `!` or `?` before a capital, digit or quote (not after an initial or
/// a known abbreviation such as "ca."), and at a line break unless the line plainly runs on
/// (the next line starts lower case, or this one ends in a lower-case word or a comma): that
/// keeps hard-wrapped Markdown paragraphs whole and headings apart.
private struct SentenceMarker {
  /// The first token of the line and of the sentence the last token is in.
  private var lineStart = 0
  private var sentenceStart = 0
  /// Every token marked so far that starts a sentence, and every one that starts a line.
  private(set) var sentenceStarts: [Int] = []
  private(set) var lineStarts: [Int] = []

  /// Marks `token`, which will be `tokens[index]`, given the tokens before it.
  @inline(__always)
  mutating func mark(
    _ token: inout Token, at index: Int, after tokens: inout [Token],
    _ text: UnsafeBufferPointer<UInt8>
  ) {
    if index == 0 || token.has(.lineBreakBefore) { lineStarts.append(index) }
    markSentence(&token, at: index, after: &tokens, text)
    // (A cut made for the token before was listed first: the list stays in order.)
    if token.has(.sentenceStart) { sentenceStarts.append(index) }
  }

  private mutating func markSentence(
    _ token: inout Token, at index: Int, after tokens: inout [Token],
    _ text: UnsafeBufferPointer<UInt8>
  ) {
    guard index > 0 else {
      token.flags.insert(.sentenceStart)
      return
    }
    let previous = tokens[index - 1]
    // (The token before is marked for good: cap its sentence now, in the same pass.)
    sentenceStart = capSentence(&tokens, at: index - 1, previous, start: sentenceStart)
    let previousLine = lineStart
    if token.has(.lineBreakBefore) { lineStart = index }
    if token.has(.blankLineBefore) {
      token.flags.insert(.sentenceStart)
      return
    }
    let startsUpper =
      token.kind == .number || token.isCapitalizedWord || token.is(.quote)
      || token.is(.openParen) || token.is(.bullet) || token.is(.dash) || token.is(.hash)
    if token.has(.lineBreakBefore) {
      // ("2. It ended a long war" over "The war broke out …": a numbered heading ends at its
      // line even in lower case.)
      let runsOn =
        token.kind == .word && !token.has(.capitalized)
        || previous.kind == .word && !previous.has(.capitalized)
          && !(token.isCapitalizedWord && isNumberedHeading(tokens, previousLine, index))
        || previous.is(.comma)
      if !runsOn {
        token.flags.insert(.sentenceStart)
        return
      }
    }
    if previous.is(.terminal) && startsUpper {
      token.flags.insert(.sentenceStart)
    } else if previous.is(.period) && token.isCapitalizedWord && !token.has(.spaceBefore)
      && index >= 2 && tokens[index - 2].kind == .number && tokens[index - 2].digits == 4
    {
      // "… in 1853.In 1854, …": a year, a period and a capital with the space left out.
      token.flags.insert(.sentenceStart)
    } else if previous.is(.period) && startsUpper && token.has(.spaceBefore)
      && !(index >= 2 && abbreviates(tokens[index - 2], text, before: token))
    {
      token.flags.insert(.sentenceStart)
    } else if previous.kind == .word && text[previous.end - 1] == 0x2E && startsUpper
      && token.has(.spaceBefore) && !previous.is(.approximate)
    {
      // An initialism ends the sentence only when the next word could start one: "in the
      // U.S. The treaty" breaks, "U.S. Secretary" (a capitalised name) is left alone.
      if token.is(.opener) || token.is(.determiner) || token.is(.pronoun) {
        token.flags.insert(.sentenceStart)
      }
    }
  }

  /// Caps the last sentence once every token is marked.
  mutating func finish(_ tokens: inout [Token]) {
    guard let last = tokens.last else { return }
    _ = capSentence(&tokens, at: tokens.count - 1, last, start: sentenceStart)
  }
}

extension SentenceMarker {
  /// The most tokens a sentence may have. The attachment rules walk back and forth inside a
  /// sentence (clauses, antecedents, fronted dates), so a text with no full stop ("in 1814 "
  /// repeated for a megabyte) would make them quadratic. The longest sentence of the dev sets,
  /// the seeds and WikiWars has 130 tokens; a sentence past this cap is hostile or a list, and
  /// is cut in pieces.
  static let maxSentenceTokens = 256

  /// Starts a new sentence at `index` when the one it is in has run for ``maxSentenceTokens``
  /// tokens: after the last comma, semicolon, colon or line break of its second half, else right
  /// there. Returns where the sentence of `index` now starts.
  private mutating func capSentence(
    _ tokens: inout [Token], at index: Int, _ token: Token, start: Int
  ) -> Int {
    if token.has(.sentenceStart) { return index }
    let cap = Self.maxSentenceTokens
    guard index - start >= cap else { return start }
    var cut = index
    var k = index
    while k > start + cap / 2 {
      if tokens[k].has(.lineBreakBefore) || isClausePunctuation(tokens[k - 1]) {
        cut = k
        break
      }
      k -= 1
    }
    tokens[cut].flags.insert(.sentenceStart)
    sentenceStarts.append(cut)
    return cut
  }

  private func isClausePunctuation(_ token: Token) -> Bool {
    token.is(.comma) || token.is(.semicolon) || token.is(.colon)
  }
}

/// Whether the line from `start` to `end` is a short numbered or Markdown heading: "2. It ended
/// a long war", "3) Aftermath", "## The treaty".
private func isNumberedHeading(_ tokens: [Token], _ start: Int, _ end: Int) -> Bool {
  guard end - start <= 12, start + 1 < end else { return false }
  if tokens[start].is(.hash) { return true }
  return tokens[start].kind == .number && tokens[start].digits <= 2
    && (tokens[start + 1].is(.period) || tokens[start + 1].is(.closeParen))
}

/// Whether a word before a period is an abbreviation the sentence runs on after: a middle
/// initial ("Luis G. Cuevas"; not "I", "V" or "X", which end "World War I."), a title ("Gen.
/// Scott"), a month before its day ("Sept. 5, 1905") or "c." before a year.
private func abbreviates(_ word: Token, _ text: UnsafeBufferPointer<UInt8>, before next: Token)
  -> Bool
{
  guard word.kind == .word else { return false }
  let length = word.end - word.start
  if length == 1 && word.has(.capitalized) {
    let letter = text[word.start]
    return letter != 0x49 && letter != 0x56 && letter != 0x58
  }
  if word.is(.month) && length <= 4 { return next.kind == .number }
  // "c. 1259 BC", "ca. 1700"
  if word.is(.approximate) && length <= 6 { return next.kind == .number }
  return word.is(.title)
}

// MARK: - UTF-8 helpers

struct ScalarInfo {
  var length: Int
  var isLetter: Bool
  var isUpper: Bool
  var isSpace: Bool
  var isApostrophe: Bool
  var punct: Punct
}

/// Classifies the scalar at `index` without decoding it into a `Character`.
@inline(__always)
func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> ScalarInfo {
  let byte = text[index]
  if byte < 0x80 {
    let isLetter = byte &- 65 < 26 || byte &- 97 < 26
    var punct = Punct.other
    switch byte {
    case 0x2C: punct = .comma
    case 0x2E: punct = .period
    case 0x28, 0x5B: punct = .openParen
    case 0x29, 0x5D: punct = .closeParen
    case 0x2D: punct = .dash
    case 0x2F: punct = .slash
    case 0x3A: punct = .colon
    case 0x3B: punct = .semicolon
    case 0x22: punct = .quote
    case 0x27: punct = .apostrophe
    case 0x24: punct = .dollar
    case 0x25: punct = .percent
    case 0x23: punct = .hash
    case 0x21, 0x3F: punct = .terminal
    case 0x26: punct = .ampersand
    case 0x2A: punct = .bullet
    case 0x7C: punct = .pipe
    default: break
    }
    return ScalarInfo(
      length: 1, isLetter: isLetter, isUpper: byte &- 65 < 26, isSpace: false,
      isApostrophe: byte == 0x27, punct: isLetter ? .none : punct)
  }
  let length: Int
  var value: UInt32
  if byte >= 0xF0 {
    length = 4
    value = UInt32(byte & 0x07)
  } else if byte >= 0xE0 {
    length = 3
    value = UInt32(byte & 0x0F)
  } else if byte >= 0xC0 {
    length = 2
    value = UInt32(byte & 0x1F)
  } else {
    // A stray continuation byte: callers replace invalid UTF-8 first, so this is rare.
    return ScalarInfo(
      length: 1, isLetter: false, isUpper: false, isSpace: false, isApostrophe: false,
      punct: .other)
  }
  var available = 1
  while available < length && index + available < text.count
    && text[index + available] & 0xC0 == 0x80
  {
    value = value << 6 | UInt32(text[index + available] & 0x3F)
    available += 1
  }
  guard available == length else {
    return ScalarInfo(
      length: available, isLetter: false, isUpper: false, isSpace: false, isApostrophe: false,
      punct: .other)
  }
  var info = ScalarInfo(
    length: length, isLetter: false, isUpper: false, isSpace: false, isApostrophe: false,
    punct: .other)
  switch value {
  case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
    info.isSpace = true
  case 0x2018, 0x2019, 0x02BC, 0x0E42:
    // U+0E42 is where a UTF-8 apostrophe lands when read as Windows-874; between Latin letters
    // it can only be that.
    info.isApostrophe = true
    info.punct = .apostrophe
    info.isLetter = value == 0x0E42
  case 0x201C, 0x201D, 0x00AB, 0x00BB, 0x201E: info.punct = .quote
  case 0x2010...0x2015, 0x2212: info.punct = .dash
  case 0x2022, 0x2023, 0x25AA, 0x25CF, 0x2043, 0x00B7: info.punct = .bullet
  case 0x2026: info.punct = .terminal
  case 0x00A1...0x00BF, 0x00D7, 0x00F7, 0x2016...0x2017, 0x201A...0x201B, 0x201F...0x2BFF,
    0xFE00...0xFE0F, 0x1F000...0x1FAFF, 0x3001...0x303F, 0xFF01...0xFF0F:
    break
  default:
    info.isLetter = true
    // Latin-1 and Latin Extended-A capitals; other scripts have no case that names rely on.
    info.isUpper =
      (0xC0...0xDE).contains(value) && value != 0xD7
      || (0x100...0x17F).contains(value) && value % 2 == 0
      || (0x391...0x3A9).contains(value) || (0x410...0x42F).contains(value)
  }
  return info
}

@inline(__always) func isDigit(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
  text[i] &- 48 < 10
}

@inline(__always) func isASCIILetter(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
  (text[i] | 0x20) &- 97 < 26
}

@inline(__always) func isLetterStart(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
  if text[i] < 0x80 { return isASCIILetter(text, i) }
  let scalar = decodeScalar(text, i)
  return scalar.isLetter && !scalar.isApostrophe
}

@inline(__always) func isUpperStart(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
  if text[i] < 0x80 { return text[i] &- 65 < 26 }
  return decodeScalar(text, i).isUpper
}

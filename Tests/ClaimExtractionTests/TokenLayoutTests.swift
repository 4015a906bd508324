import Testing

@testable import ClaimExtraction

/// Every pass of the extractor reads the whole token array, so a token's size is memory
/// traffic; ISO dates keep their month and day in the field a word keeps its stem end in.
@Suite("Token layout")
struct TokenLayoutTests {
  @Test("a token takes 40 bytes")
  func size() {
    #expect(MemoryLayout<Token>.stride == 40)
  }

  @Test("an ISO date keeps its month and day; a possessive word its stem and plural ending")
  func sharedFields() {
    let text = "On 2009-12-19 the Allies’ treaty and NATO's victims met."
    let bytes = Array(text.utf8)
    let tokens = bytes.withUnsafeBufferPointer { Tokenizer().tokenize($0) }
    let date = tokens.first { $0.has(.isoDate) }
    #expect(date?.number == 2009)
    #expect(date?.isoMonth == 12)
    #expect(date?.isoDay == 19)
    func word(_ spelled: String) -> Token? {
      tokens.first { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) == spelled }
    }
    let allies = word("Allies’")
    #expect(
      allies.map { String(decoding: bytes[$0.start..<$0.stemEnd], as: UTF8.self) } == "Allies")
    #expect(allies?.has(.pluralPossessive) == true)
    let nato = word("NATO's")
    #expect(nato.map { String(decoding: bytes[$0.start..<$0.stemEnd], as: UTF8.self) } == "NATO")
    #expect(word("victims")?.pluralLooking == true)
    #expect(word("treaty")?.pluralLooking == false)
  }

  @Test(
    "the hints mark every token where a date or a name may start",
    arguments: [
      "The Treaty of Kiel was signed on 14 January 1814; the battle of the Alma, Easter 1855.",
      "the war between Sweden and Russia ended in the 1990s, in the nineteenth century, AD 79.",
      "",
    ])
  func hints(_ text: String) {
    let bytes = Array(text.utf8)
    let tokenized = bytes.withUnsafeBufferPointer { Tokenizer().tokenizeText($0) }
    #expect(tokenized.hints.count == tokenized.tokens.count)
    for (token, hints) in zip(tokenized.tokens, tokenized.hints) {
      let mayStartDate =
        token.kind == .number || token.is(.month) || token.is(.holiday)
        || token.is(.ordinalWord) || token.is(.eraBefore)
      #expect(hints.contains(.date) == mayStartDate)
      let mayStartName = token.isCapitalizedWord || token.is(.genericKind) || token.is(.kindNoun)
      #expect(hints.contains(.name) == mayStartName)
    }
    let dates = bytes.withUnsafeBufferPointer {
      DateRecognizer().recognize(Tokenizer().tokenize($0))
    }
    #expect(DateRecognizer().recognize(tokenized.tokens, hints: tokenized.hints) == dates)
  }
}

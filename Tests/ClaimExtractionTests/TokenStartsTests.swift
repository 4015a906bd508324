import Testing

@testable import ClaimExtraction

/// The tokenizer lists where sentences and lines start, and the attacher indexes the tokens
/// from those lists rather than from the flags: both must agree, cut sentences included.
@Suite("Sentence and line starts listed by the tokenizer")
struct TokenStartsTests {
  @Test(
    "the lists are the tokens flagged, in order",
    arguments: [
      "The Treaty of Kiel was signed in 1814. It ended the war.\n\nWar resumed in 1815.\r\nEnd.",
      String(
        repeating: "The Treaty of Kiel was signed in 1814 by Denmark and the war ended ", count: 40),
      String(repeating: "in 1814, ", count: 600),
      "# Heading\n- item one\n- item two\rold Mac line\n\n",
      "",
    ])
  func agree(_ text: String) {
    let bytes = Array(text.utf8)
    let (tokens, sentenceStarts, lineStarts) = bytes.withUnsafeBufferPointer {
      Tokenizer().tokenizeWithStarts($0)
    }
    let flaggedSentences = tokens.indices.filter { tokens[$0].has(.sentenceStart) }
    let flaggedLines = tokens.indices.filter { $0 == 0 || tokens[$0].has(.lineBreakBefore) }
    #expect(sentenceStarts == flaggedSentences)
    #expect(lineStarts == flaggedLines)
    #expect(tokens.isEmpty || sentenceStarts.first == 0)
  }
}

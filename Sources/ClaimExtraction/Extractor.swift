/// Everything the extractor finds in one document.
public struct Extraction: Sendable {
  public var dates: [DateMention]
  public var entities: [EntityMention]
  public var acronyms: [AcronymDefinition]
  public var claims: [ExtractedClaim]
  public var encodingIssues: [EncodingIssue]
  /// Byte ranges of the sentences, in order: where verification looks for a subject's name.
  public var sentences: [Range<Int>]
}

/// Text in, mentions and claims out: pure, no file or network I/O, safe to call from any thread.
public struct Extractor: Sendable {
  /// Changes whenever the same text can give different claims: ledger files record it, and a
  /// scan re-extracts documents whose ledger was written by another version.
  public static let version = "4"

  public init() {}

  /// Extracts from UTF-8 bytes. Invalid UTF-8 should be repaired first (``UTF8Repair``); stray
  /// bytes are tolerated but never part of a mention.
  public func extract(_ bytes: [UInt8]) -> Extraction {
    bytes.withUnsafeBufferPointer { extract($0) }
  }

  public func extract(_ text: UnsafeBufferPointer<UInt8>) -> Extraction {
    let tokenized = Tokenizer().tokenizeText(text)
    let tokens = tokenized.tokens
    let dates = DateRecognizer().recognize(tokens, hints: tokenized.hints)
    var dateTokens = [Bool](repeating: false, count: tokens.count)
    for date in dates { for index in date.tokens { dateTokens[index] = true } }
    let (entities, acronyms) = EntityRecognizer().recognize(
      tokens, text, dateTokens: dateTokens, hints: tokenized.hints)
    let attacher = ClaimAttacher(
      tokens: tokens, entities: entities, dateTokens: dateTokens,
      sentenceStarts: tokenized.sentenceStarts, lineStarts: tokenized.lineStarts)
    return Extraction(
      dates: dates, entities: entities, acronyms: acronyms, claims: attacher.attach(dates, text),
      encodingIssues: EncodingCheck.scan(text),
      sentences: attacher.sentenceStarts.indices.map(attacher.sentenceRange))
  }

  /// Only the date mentions: what the quality benchmark scores.
  public func dates(_ text: UnsafeBufferPointer<UInt8>) -> [DateMention] {
    DateRecognizer().recognize(Tokenizer().tokenize(text))
  }
}

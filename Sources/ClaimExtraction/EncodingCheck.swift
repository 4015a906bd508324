/// A place where the text looks mis-decoded: a UTF-8 character read in a legacy code page.
public struct EncodingIssue: Hashable, Sendable {
  public var offset: Int
  public var length: Int
  /// What stands in the text.
  public var found: String
  /// What was probably meant.
  public var expected: String
}

/// Finds mojibake: the bytes of a UTF-8 punctuation mark decoded in a legacy code page and
/// re-encoded. The seed's "NATOโs" is U+2019 (E2 80 99) read as Windows-874, where E2 is "โ"
/// and the other two bytes vanished; "â€™" is the same mark read as Windows-1252.
public enum EncodingCheck {
  public static func scan(_ text: UnsafeBufferPointer<UInt8>) -> [EncodingIssue] {
    var issues: [EncodingIssue] = []
    let count = text.count
    var i = 0
    while i + 2 < count {
      // Both marks start with a byte past ASCII: skip eight ASCII bytes at a time.
      if i + 8 <= count, let base = text.baseAddress,
        UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
        continue
      }
      let byte = text[i]
      if byte == 0xE0 && text[i + 1] == 0xB9 && text[i + 2] == 0x82 {
        // "โ" between a Latin letter and a Latin letter, space or punctuation: not Thai.
        let before = i > 0 && isASCIILetter(text, i - 1)
        let after = i + 3 >= count || text[i + 3] < 0x80
        if before && after {
          issues.append(EncodingIssue(offset: i, length: 3, found: "โ", expected: "’"))
        }
        i += 3
        continue
      }
      if byte == 0xC3 && text[i + 1] == 0xA2 && i + 5 < count && text[i + 2] == 0xE2
        && text[i + 3] == 0x82 && text[i + 4] == 0xAC
      {
        // "â€" followed by the Windows-1252 reading of the third byte.
        var length = 5
        var found = "â€"
        var expected = "’"
        if i + 7 < count && text[i + 5] == 0xE2 && text[i + 6] == 0x84 && text[i + 7] == 0xA2 {
          length = 8
          found = "â€™"
        } else if i + 7 < count && text[i + 5] == 0xC5 && text[i + 6] == 0x93 {
          length = 7
          found = "â€œ"
          expected = "“"
        }
        issues.append(EncodingIssue(offset: i, length: length, found: found, expected: expected))
        i += length
        continue
      }
      i += 1
    }
    return issues
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A line and column in a document, both 1-based, as an editor shows them: a column counts
/// Unicode scalars (one for "’" or "โ", whatever its UTF-8 length), each byte that is not valid
/// UTF-8 counts as one character (as the scan repairs it, one for one), a leading byte order mark
/// is no character, and LF, CRLF and a lone CR each end a line.
public struct SourcePosition: Hashable, Sendable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// Maps byte offsets of a document to lines and columns.
public struct LineIndex: Sendable {
  private let lineStarts: [Int]
  private let text: [UInt8]

  public init(_ text: [UInt8]) {
    // Line 1 starts after a byte order mark: an editor does not show it.
    let bom = text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF
    var starts = [bom ? 3 : 0]
    text.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress else { return }
      let count = bytes.count
      if memchr(base, 0x0D, count) == nil {
        // No CR (the usual case): only LF ends a line, and memchr finds them fast.
        var offset = 0
        while offset < count, let found = memchr(base + offset, 0x0A, count - offset) {
          offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
          starts.append(offset)
        }
        return
      }
      for (offset, byte) in bytes.enumerated() {
        // LF ends a line; so does CR, unless an LF follows (CRLF ends it at the LF).
        if byte == 0x0A || byte == 0x0D && (offset + 1 == count || bytes[offset + 1] != 0x0A) {
          starts.append(offset + 1)
        }
      }
    }
    self.lineStarts = starts
    self.text = text
  }

  /// Positions of offsets asked for in increasing order, counting columns only from the last
  /// position: a 20 MB file with no line break and a claim every 70 bytes stays linear.
  public struct Cursor {
    fileprivate let index: LineIndex
    fileprivate var offset = 0
    fileprivate var position = SourcePosition(line: 1, column: 1)

    public mutating func position(of target: Int) -> SourcePosition {
      let lineStart = index.lineStart(containing: target)
      if target < offset || lineStart > offset {
        position = index.position(of: target)
        offset = target
        return position
      }
      let column = position.column + index.characters(from: offset, to: target)
      offset = target
      position = SourcePosition(line: position.line, column: column)
      return position
    }
  }

  public func cursor() -> Cursor { Cursor(index: self) }

  private func lineStart(containing offset: Int) -> Int {
    lineStarts[lineNumber(containing: offset) - 1]
  }

  private func lineNumber(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  public func position(of offset: Int) -> SourcePosition {
    let line = lineNumber(containing: offset)
    let start = lineStarts[line - 1]
    return SourcePosition(line: line, column: 1 + characters(from: start, to: offset))
  }

  /// How many characters an editor shows from `start` up to `end`: one per Unicode scalar, one
  /// per byte that is not valid UTF-8 (a stray continuation byte, a cut sequence).
  private func characters(from start: Int, to end: Int) -> Int {
    var count = 0
    var i = max(0, start)
    let end = min(end, text.count)
    text.withUnsafeBufferPointer { bytes in
      while i < end {
        // ASCII, nearly every byte, without the call.
        if bytes[i] < 0x80 {
          i += 1
        } else {
          i += max(1, validSequenceLength(at: i))
        }
        count += 1
      }
    }
    return count
  }

  /// The length of the well-formed UTF-8 sequence at `i`, or 0 (RFC 3629: no overlong forms,
  /// no surrogates, nothing past U+10FFFF).
  private func validSequenceLength(at i: Int) -> Int {
    let lead = text[i]
    if lead < 0x80 { return 1 }
    func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      i + k < text.count && range.contains(text[i + k])
    }
    switch lead {
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }

  /// The text of a byte range with line breaks and runs of spaces folded to one space.
  public func normalizedText(_ range: Range<Int>) -> String {
    let clamped = max(0, range.lowerBound)..<min(text.count, range.upperBound)
    var folded: [UInt8] = []
    folded.reserveCapacity(clamped.count)
    var pendingSpace = false
    for byte in text[clamped] {
      if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        pendingSpace = !folded.isEmpty
        continue
      }
      if pendingSpace { folded.append(0x20) }
      pendingSpace = false
      folded.append(byte)
    }
    return repairApostrophes(String(decoding: folded, as: UTF8.self))
  }
}

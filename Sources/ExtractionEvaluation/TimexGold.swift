import Foundation

/// One gold TIMEX2 annotation: where it stands in the plain text and its normalised value.
public struct GoldTimex: Sendable {
  /// Byte range in the text with the annotations removed.
  public var range: Range<Int>
  public var text: String
  /// The `val` attribute, e.g. `1939-09-01`, `BC0490`, `1940-SP`, `P2M`; empty when absent.
  public var value: String

  /// The calendar date the value names, when it names one with a year.
  public var date: (year: Int, month: Int?, day: Int?)? {
    let scalars = Array(value.utf8)
    var i = 0
    var sign = 1
    if scalars.count >= 2 && scalars[0] == UInt8(ascii: "B") && scalars[1] == UInt8(ascii: "C") {
      sign = -1
      i = 2
    }
    guard let year = digits(scalars, i, 4) else { return nil }
    i += 4
    var month: Int?
    var day: Int?
    if i + 2 < scalars.count && scalars[i] == UInt8(ascii: "-"), let m = digits(scalars, i + 1, 2),
      (1...12).contains(m)
    {
      month = m
      i += 3
      if i + 2 < scalars.count && scalars[i] == UInt8(ascii: "-"), let d = digits(scalars, i + 1, 2)
      {
        day = d
      }
    }
    return (sign * year, month, day)
  }

  /// True when the annotated text writes the year out ("November 1939", "490 BC"), as opposed
  /// to a value a reader infers ("April" in a paragraph about 1940).
  public var statesYear: Bool {
    guard let date else { return false }
    let target = abs(date.year)
    var number = 0
    var inNumber = false
    for byte in text.utf8 {
      if byte >= 48 && byte <= 57 {
        number = inNumber ? number * 10 + Int(byte - 48) : Int(byte - 48)
        inNumber = true
      } else {
        if inNumber && number == target { return true }
        inNumber = false
      }
    }
    return inNumber && number == target
  }
}

private func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
  guard start + count <= bytes.count else { return nil }
  var value = 0
  for byte in bytes[start..<(start + count)] {
    guard byte >= 48 && byte <= 57 else { return nil }
    value = value * 10 + Int(byte - 48)
  }
  return value
}

/// Reads inline TIMEX2 annotations (the WikiWars `keyinline` files).
public enum TimexGoldReader {
  public enum Failure: Error, CustomStringConvertible {
    case unbalanced(offset: Int)
    public var description: String {
      switch self {
      case .unbalanced(let offset): return "unbalanced TIMEX2 tag at byte \(offset)"
      }
    }
  }

  /// Removes the TIMEX2 tags (nested ones too) and returns the plain text with the gold spans.
  /// The plain text equals the corpus's `in/*.sgm` file byte for byte.
  public static func parse(_ annotated: [UInt8]) throws -> (text: [UInt8], gold: [GoldTimex]) {
    var text: [UInt8] = []
    text.reserveCapacity(annotated.count)
    var open: [(start: Int, value: String)] = []
    var gold: [GoldTimex] = []
    let openTag = Array("<TIMEX2".utf8)
    let closeTag = Array("</TIMEX2>".utf8)
    var i = 0
    while i < annotated.count {
      if annotated[i] == UInt8(ascii: "<") {
        if hasPrefix(annotated, i, closeTag) {
          guard let last = open.popLast() else { throw Failure.unbalanced(offset: i) }
          let span = last.start..<text.count
          gold.append(
            GoldTimex(
              range: span, text: String(decoding: text[span], as: UTF8.self), value: last.value))
          i += closeTag.count
          continue
        }
        if hasPrefix(annotated, i, openTag),
          let end = annotated[i...].firstIndex(of: UInt8(ascii: ">"))
        {
          let tag = String(decoding: annotated[i..<end], as: UTF8.self)
          open.append((text.count, attribute("val", in: tag) ?? ""))
          i = end + 1
          continue
        }
      }
      text.append(annotated[i])
      i += 1
    }
    guard open.isEmpty else { throw Failure.unbalanced(offset: annotated.count) }
    gold.sort {
      ($0.range.lowerBound, $1.range.upperBound) < ($1.range.lowerBound, $0.range.upperBound)
    }
    return (text, gold)
  }

  private static func hasPrefix(_ bytes: [UInt8], _ at: Int, _ prefix: [UInt8]) -> Bool {
    at + prefix.count <= bytes.count && bytes[at..<(at + prefix.count)].elementsEqual(prefix)
  }

  private static func attribute(_ name: String, in tag: String) -> String? {
    let lower = tag.lowercased()
    guard let range = lower.range(of: " \(name)=\"") else { return nil }
    let rest = tag[range.upperBound...]
    guard let close = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<close])
  }
}

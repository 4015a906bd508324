import Foundation

/// Writes indented JSON straight to bytes, for the large machine-written files (evidence,
/// reports): `JSONEncoder` spent most of a `verify` of ten thousand claims in its generic
/// containers. Callers write keys in sorted order, so the output is as deterministic as
/// ``CanonicalJSON``: two-space indentation, `"key" : value`, a final newline.
public struct PrettyJSON {
  public private(set) var bytes: [UInt8] = []
  /// Writes `<`, `>` and `&` in strings as `\u003c`, `\u003e`, `\u0026`, so the text can sit
  /// inside an HTML `<script>` element without closing it.
  private let htmlSafe: Bool
  /// No line breaks or indentation: for files only programs read (SARIF).
  private let compact: Bool
  /// Byte for byte what ``CanonicalJSON`` (`JSONEncoder`) writes: an empty array or object
  /// spans two lines, and backspace and form feed are escaped as `\b` and `\f`. The ledger
  /// files are written this way, so that files written before and after the change compare
  /// equal and a scan rewrites nothing.
  private let encoderStyle: Bool
  /// For each open object or array: whether it has a member yet.
  private var hasMembers: [Bool] = []
  /// A key was just written: the next value follows it on the same line.
  private var afterKey = false

  public init(
    capacity: Int = 0, htmlSafe: Bool = false, compact: Bool = false, encoderStyle: Bool = false
  ) {
    self.htmlSafe = htmlSafe
    self.compact = compact
    self.encoderStyle = encoderStyle
    bytes.reserveCapacity(capacity)
  }

  /// The text with its final newline.
  public var data: Data {
    mutating get {
      bytes.append(0x0A)
      defer { bytes.removeLast() }
      return Data(bytes)
    }
  }

  public mutating func beginObject() { open(0x7B) }
  public mutating func endObject() { close(0x7D) }
  public mutating func beginArray() { open(0x5B) }
  public mutating func endArray() { close(0x5D) }

  public mutating func key(_ name: String) {
    separate()
    appendString(name)
    if compact {
      bytes.append(0x3A)
    } else {
      bytes.append(contentsOf: [0x20, 0x3A, 0x20])  // " : "
    }
    afterKey = true
  }

  public mutating func string(_ value: String) {
    separate()
    appendString(value)
  }

  public mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }

  public mutating func double(_ value: Double) {
    separate()
    // `JSONEncoder` writes a whole number without its ".0" (a confidence of 1 is `1`).
    if encoderStyle && value.rounded() == value && abs(value) < 1e15 {
      bytes.append(contentsOf: String(Int(value)).utf8)
    } else {
      bytes.append(contentsOf: String(value).utf8)
    }
  }

  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  /// `key : value` for a string, left out when the value is nil (as `JSONEncoder` does).
  public mutating func member(_ name: String, _ value: String?) {
    guard let value else { return }
    key(name)
    string(value)
  }

  public mutating func member(_ name: String, _ value: Int) {
    key(name)
    int(value)
  }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    hasMembers.append(false)
  }

  private mutating func close(_ bracket: UInt8) {
    let had = hasMembers.removeLast()
    if had {
      newline()
    } else if encoderStyle && !compact {
      bytes.append(0x0A)
      newline()
    }
    bytes.append(bracket)
  }

  /// Before a member or element: a comma after the previous one, a line break, indentation.
  private mutating func separate() {
    if afterKey {
      afterKey = false
      return
    }
    guard !hasMembers.isEmpty else { return }
    if hasMembers[hasMembers.count - 1] { bytes.append(0x2C) }
    hasMembers[hasMembers.count - 1] = true
    newline()
  }

  private mutating func newline() {
    guard !compact else { return }
    bytes.append(0x0A)
    for _ in 0..<hasMembers.count { bytes.append(contentsOf: [0x20, 0x20]) }
  }

  private static let hex = Array("0123456789abcdef".utf8)

  private mutating func appendString(_ text: String) {
    bytes.append(0x22)
    var text = text
    text.withUTF8 { utf8 in
      // Runs of bytes that need no escape are copied whole.
      var runStart = 0
      let htmlSafe = self.htmlSafe
      let encoderStyle = self.encoderStyle
      for (index, byte) in utf8.enumerated()
      where byte < 0x20 || byte == 0x22 || byte == 0x5C
        || (htmlSafe && (byte == 0x3C || byte == 0x3E || byte == 0x26))
      {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        runStart = index + 1
        switch byte {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case 0x08 where encoderStyle: bytes.append(contentsOf: [0x5C, 0x62])
        case 0x0C where encoderStyle: bytes.append(contentsOf: [0x5C, 0x66])
        default:
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
          bytes.append(Self.hex[Int(byte >> 4)])
          bytes.append(Self.hex[Int(byte & 0x0F)])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    bytes.append(0x22)
  }
}

extension PrettyJSON {
  /// A claim's value as every JSON file of the tool writes it.
  public mutating func value(_ value: ClaimValue) {
    beginObject()
    member("display", value.display)
    member("edtf", value.edtf)
    member("precision", value.precision.rawValue)
    endObject()
  }
}

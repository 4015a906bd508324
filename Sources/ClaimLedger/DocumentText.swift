import ClaimExtraction
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a document was not read: it is not a regular file, or it is too large. Both are
/// reported and the document skipped; neither is a failure of the scan.
public enum DocumentSkip: Error, Equatable, Sendable, CustomStringConvertible {
  /// A FIFO, socket or device (or a link to one): reading it could block or never end.
  case notRegularFile(kind: String)
  case tooLarge(limit: Int)

  public var description: String {
    switch self {
    case .notRegularFile(let kind): return "not a regular file (\(kind)), skipped"
    case .tooLarge(let limit): return "larger than \(limit) bytes, skipped"
    }
  }
}

/// A document's bytes as the extractor reads them, and what was wrong with them.
///
/// Byte offsets always refer to the file as it is on disk: invalid UTF-8 bytes are replaced
/// one for one (with SUB, 0x1A, the ASCII "substitute" character), and HTML markup is blanked
/// out with spaces rather than removed, so a claim's line and column are those an editor shows.
public struct DocumentText: Sendable {
  /// The bytes on disk.
  public var raw: [UInt8]
  /// What the extractor reads.
  public var readable: [UInt8]
  /// Offset of the first invalid UTF-8 byte and how many there were.
  public var invalidUTF8: (firstOffset: Int, count: Int)?

  /// The largest document read unless `documents.maxBytes` in config.yaml says otherwise:
  /// above any article (a 20 MB single-line file is still scanned), far below what would
  /// exhaust memory (a link to /dev/zero was read until the scan aborted at 2 GB).
  public static let defaultMaxBytes = 32 * 1024 * 1024

  /// Reads a document as `scan` and `mentions` do: only a regular file (a link to one is
  /// fine), at most `limit` bytes. Throws ``DocumentSkip`` for anything else, and
  /// `POSIXFileError` when the file cannot be read. Opening never blocks: a FIFO is refused
  /// before it is opened, and the open itself is non-blocking in case one is swapped in.
  public static func read(_ path: String, limit: Int = defaultMaxBytes) throws -> [UInt8] {
    var status = stat()
    guard stat(path, &status) == 0 else { throw POSIXFileError(code: errno) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      if status.st_mode & S_IFMT == S_IFDIR { throw POSIXFileError(code: EISDIR) }
      throw DocumentSkip.notRegularFile(kind: fileKind(status.st_mode))
    }
    guard Int(status.st_size) <= limit else { throw DocumentSkip.tooLarge(limit: limit) }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else { throw POSIXFileError(code: errno) }
    defer { close(fd) }
    guard fstat(fd, &status) == 0 else { throw POSIXFileError(code: errno) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw DocumentSkip.notRegularFile(kind: fileKind(status.st_mode))
    }
    // The file may grow while it is read: read one byte past the limit to notice. The buffer
    // is not zeroed first (the read fills it): clearing a megabyte per document showed in
    // profiles of a scan.
    let expected = min(Int(status.st_size), limit) + 1
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
      initialized = readFully(fd, UnsafeMutableRawBufferPointer(buffer), &failure)
    }
    if failure != 0 { throw POSIXFileError(code: failure) }
    if bytes.count == expected && bytes.count <= limit {
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while bytes.count <= limit {
        let wanted = min(chunk.count, limit + 1 - bytes.count)
        let got = chunk.withUnsafeMutableBytes { buffer in
          readFully(fd, UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), &failure)
        }
        if failure != 0 { throw POSIXFileError(code: failure) }
        if got == 0 { break }
        bytes.append(contentsOf: chunk[..<got])
      }
    }
    guard bytes.count <= limit else { throw DocumentSkip.tooLarge(limit: limit) }
    return bytes
  }

  /// Whether the bytes look like a binary file rather than text: a NUL byte in the first 8 KB,
  /// the test git uses.
  /// The first line of a Markdown report; an HTML report says `<meta name="generator"
  /// content="ClaimLedger">` in its head.
  public static let reportMarker = "<!-- ClaimLedger report: not a document to scan -->"

  /// Whether the file is a report this tool wrote (the HTML and Markdown formats, which a
  /// folder of documents can hold): its quotes of every claim are not new claims.
  public static func isReport(_ bytes: [UInt8]) -> Bool {
    let head = String(decoding: bytes.prefix(1_024), as: UTF8.self)
    return head.hasPrefix(reportMarker)
      || head.contains("<meta name=\"generator\" content=\"ClaimLedger\">")
  }

  public static func isBinary(_ bytes: [UInt8]) -> Bool {
    bytes.prefix(8000).contains(0)
  }

  public init(raw: [UInt8], isHTML: Bool) {
    self.raw = raw
    // Valid UTF-8 that is not HTML is read as it is: `readable` shares `raw`'s storage rather
    // than copying a megabyte per document.
    let firstInvalid = raw.withUnsafeBufferPointer { firstInvalidByte($0, from: 0) }
    guard firstInvalid != nil || isHTML else {
      self.readable = raw
      self.invalidUTF8 = nil
      return
    }
    var readable = raw
    var invalid = 0
    if let firstInvalid {
      readable.withUnsafeMutableBufferPointer { buffer in
        var i = firstInvalid
        while let next = firstInvalidByte(UnsafeBufferPointer(buffer), from: i) {
          invalid += 1
          buffer[next] = 0x1A
          i = next + 1
        }
      }
    }
    if isHTML { HTMLMask.blank(&readable) }
    self.readable = readable
    self.invalidUTF8 = firstInvalid.map { ($0, invalid) }
  }
}

/// Reads until `buffer` is full or the file ends; returns how many bytes were read. On an
/// error, sets `failure` to its `errno` (an interrupted read is tried again).
private func readFully(
  _ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ failure: inout Int32
) -> Int {
  guard let base = buffer.baseAddress else { return 0 }
  var filled = 0
  while filled < buffer.count {
    let result = read(fd, base + filled, buffer.count - filled)
    if result < 0 {
      if errno == EINTR { continue }
      failure = errno
      return filled
    }
    if result == 0 { break }
    filled += result
  }
  return filled
}

/// The offset of the first byte from `start` on that is not part of well-formed UTF-8, if any.
/// Eight ASCII bytes at a time: most documents are mostly ASCII.
private func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
  guard let base = bytes.baseAddress else { return nil }
  let count = bytes.count
  var i = start
  while i < count {
    if i + 8 <= count
      && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
    {
      i += 8
      continue
    }
    let length = validSequenceLength(bytes, i)
    if length == 0 { return i }
    i += length
  }
  return nil
}

/// The length of the well-formed UTF-8 sequence at `i`, or 0 when it is not well formed
/// (overlong forms, surrogates and values past U+10FFFF included).
private func validSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
  let lead = bytes[i]
  if lead < 0x80 { return 1 }
  let count = bytes.count
  func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
    i + offset < count && bytes[i + offset] >= low && bytes[i + offset] <= high
  }
  switch lead {
  case 0xC2...0xDF: return continuation(1) ? 2 : 0
  case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
  case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
  case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
  case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
  case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
  case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
  default: return 0
  }
}

/// Blanks HTML markup in place: tags, comments, and the contents of `script` and `style`
/// become spaces (line breaks stay), and character references become their character where it
/// is ASCII punctuation, padded with spaces. Prose keeps its byte offsets.
enum HTMLMask {
  static func blank(_ bytes: inout [UInt8]) {
    var i = 0
    let count = bytes.count
    while i < count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "<") {
        let end: Int
        if starts(bytes, i, "<!--") {
          end = find(bytes, i + 4, "-->").map { $0 + 3 } ?? count
        } else if starts(bytes, i, "<script") || starts(bytes, i, "<style") {
          let closer = starts(bytes, i, "<script") ? "</script" : "</style"
          let closing = find(bytes, i, closer) ?? count
          end =
            closing < count
            ? (bytes[closing...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? count) : count
        } else {
          end = bytes[i...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? count
        }
        // Block-level tags end a sentence; a blank line (two newlines) is how the tokenizer
        // knows, but adding bytes would move offsets, so a tag just becomes spaces.
        for j in i..<end where bytes[j] != 0x0A { bytes[j] = 0x20 }
        i = end
        continue
      }
      if byte == UInt8(ascii: "&"),
        let semicolon = bytes[i..<min(count, i + 10)].firstIndex(of: UInt8(ascii: ";"))
      {
        let name = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
        let replacement: UInt8? =
          switch name {
          case "amp": UInt8(ascii: "&")
          case "apos", "#39", "#x27", "rsquo", "lsquo", "#8217", "#8216": UInt8(ascii: "'")
          case "quot", "ldquo", "rdquo", "#34", "#8220", "#8221": UInt8(ascii: "\"")
          case "ndash", "mdash", "#8211", "#8212": UInt8(ascii: "-")
          case "nbsp", "#160": UInt8(ascii: " ")
          case "lt": UInt8(ascii: "<")
          case "gt": UInt8(ascii: ">")
          default: nil
          }
        if let replacement {
          bytes[i] = replacement
          for j in (i + 1)...semicolon { bytes[j] = 0x20 }
          i = semicolon + 1
          continue
        }
      }
      i += 1
    }
  }

  private static func starts(_ bytes: [UInt8], _ i: Int, _ prefix: String) -> Bool {
    let utf8 = Array(prefix.utf8)
    guard i + utf8.count <= bytes.count else { return false }
    for (offset, byte) in utf8.enumerated() where asciiLowercase(bytes[i + offset]) != byte {
      return false
    }
    return true
  }

  private static func find(_ bytes: [UInt8], _ from: Int, _ needle: String) -> Int? {
    var i = from
    while i < bytes.count {
      if starts(bytes, i, needle) { return i }
      i += 1
    }
    return nil
  }

  private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte | 0x20 : byte
  }
}

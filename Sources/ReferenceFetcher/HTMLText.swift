internal import CLibXML2
import Foundation

/// Turns a fetched page into plain text with libxml2's HTML parser.
///
/// Script, style and navigation are dropped, entities decoded, block elements become line
/// breaks. The charset comes from the Content-Type header when it names one, else from the
/// page's `<meta charset>` (libxml2 reads it); ISO-8859-1 is read as Windows-1252, as browsers
/// do, since pages labelled Latin-1 routinely use its curly quotes.
public enum HTMLText {
  public static func text(html: [UInt8], contentType: String?) -> String {
    read(html: html, contentType: contentType).text
  }

  /// A page's text, with a warning when the page could not be read whole as a tree.
  public static func read(html: [UInt8], contentType: String?) -> PageText {
    read(html: html, contentType: contentType, liftDepthLimit: true)
  }

  /// `liftDepthLimit` false parses as libxml2 does by default (it stops 256 elements deep);
  /// tests use it to stand for a libxml2 whose limit HTML_PARSE_HUGE does not lift (2.11 and
  /// later stop at 2048 even with it).
  static func read(html: [UInt8], contentType: String?, liftDepthLimit: Bool) -> PageText {
    let charset = contentType.flatMap(Self.charset(in:))
    guard let tree = parse(html, charset: charset, liftDepthLimit: liftDepthLimit) else {
      return PageText(text: "", warning: nil)
    }
    if !tree.halted { return PageText(text: tree.text, warning: nil) }
    // libxml2 stopped part-way (nesting past its depth limit): what came after that point
    // would be missing. The page is read again with its tags flattened, which keeps every
    // word and loses only the structure.
    // (Should the flat reading come out shorter, say on markup it reads otherwise, the
    // tree's part is kept.)
    let flat = parse(flattened(html), charset: charset, liftDepthLimit: liftDepthLimit)
    var text = tree.text
    if let flat, flat.text.utf8.count >= text.utf8.count { text = flat.text }
    return PageText(
      text: text,
      warning: "the page nests its elements deeper than the HTML parser follows; its text was"
        + " read without its structure")
  }

  private static func parse(_ html: [UInt8], charset: String?, liftDepthLimit: Bool) -> (
    text: String, halted: Bool
  )? {
    var options =
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
    // XML_PARSE_HUGE is the same bit as HTML_PARSE_HUGE, which libxml2 2.9 does not name.
    if liftDepthLimit { options |= XML_PARSE_HUGE.rawValue }
    // htmlReadMemory, not a parser context of our own: it guesses UTF-8 from the bytes when
    // no charset is named, as htmlCtxtReadMemory does not. Whether it stopped part-way is
    // read from the thread's last error, which HTML_PARSE_NOERROR keeps (only its printing
    // is suppressed): a recovered syntax error is an error, a halt is fatal.
    xmlResetLastError()
    let document = html.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, charset, Int32(options))
      }
    }
    let halted = xmlGetLastError()?.pointee.level == XML_ERR_FATAL
    guard let document else { return nil }
    defer { xmlFreeDoc(document) }
    var writer = TextWriter()
    if let root = xmlDocGetRootElement(document) { writer.visit(root) }
    return (writer.finish(), halted)
  }

  /// The page with every tag but a few dropped: block elements become `<br>`, inline ones
  /// nothing; `<meta>` stays (it may name the charset), as do script and style with their
  /// content (which is not HTML). Entities and the charset are still libxml2's to decode.
  static func flattened(_ html: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(html.count)
    var index = 0
    func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
    func startsWith(_ bytes: [UInt8], at position: Int) -> Bool {
      guard position + bytes.count <= html.count else { return false }
      for offset in bytes.indices where lowercased(html[position + offset]) != bytes[offset] {
        return false
      }
      return true
    }
    func skip(past end: [UInt8], from position: Int) -> Int {
      var position = position
      while position < html.count && !startsWith(end, at: position) { position += 1 }
      return min(html.count, position + end.count)
    }
    let commentStart = Array("<!--".utf8)
    let commentEnd = Array("-->".utf8)
    let tagClose = Array(">".utf8)
    let lineBreak = Array("<br>".utf8)
    while index < html.count {
      let byte = html[index]
      guard byte == UInt8(ascii: "<") else {
        output.append(byte)
        index += 1
        continue
      }
      if startsWith(commentStart, at: index) {
        index = skip(past: commentEnd, from: index + 4)
        continue
      }
      var nameStart = index + 1
      if nameStart < html.count && html[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
      var nameEnd = nameStart
      while nameEnd < html.count
        && (lowercased(html[nameEnd]).isASCIILetter || (0x30...0x39).contains(html[nameEnd]))
      {
        nameEnd += 1
      }
      let isTag =
        nameEnd > nameStart || (nameStart < html.count && html[nameStart] == UInt8(ascii: "!"))
      guard isTag else {
        output.append(byte)  // a bare "<" in text
        index += 1
        continue
      }
      let name = String(decoding: html[nameStart..<nameEnd].map(lowercased), as: UTF8.self)
      let tagEnd = skip(past: tagClose, from: nameEnd)
      let closing = nameStart > index + 1
      // Their content is not markup (script, style) or not body text (title): kept whole,
      // for the parser to treat as it always does.
      if !closing && (name == "script" || name == "style" || name == "title") {
        let end = skip(past: Array("</\(name)".utf8), from: tagEnd)
        let close = skip(past: tagClose, from: end)
        output.append(contentsOf: html[index..<close])
        index = close
        continue
      }
      if name == "meta" {
        output.append(contentsOf: html[index..<tagEnd])
      } else if TextWriter.blocks.contains(name) {
        output.append(contentsOf: lineBreak)
      }
      index = tagEnd
    }
    return output
  }

  /// Whether a content type is one this module turns into text.
  public static func isHTML(_ contentType: String?) -> Bool {
    guard let contentType = contentType?.lowercased() else { return false }
    return contentType.hasPrefix("text/html") || contentType.hasPrefix("application/xhtml")
  }

  /// The charset parameter of a Content-Type, mapped the way browsers map it.
  static func charset(in contentType: String) -> String? {
    for parameter in contentType.split(separator: ";").dropFirst() {
      let parts = parameter.split(separator: "=", maxSplits: 1)
      guard parts.count == 2,
        parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
      else { continue }
      let name = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'")).lowercased()
      switch name {
      case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii": return "windows-1252"
      default: return name
      }
    }
    return nil
  }
}

/// A page's plain text, and why some of it may have lost its structure.
public struct PageText: Sendable, Equatable {
  public var text: String
  /// Set when the page could not be read whole as a tree and was read flat instead.
  public var warning: String?
}

extension UInt8 {
  fileprivate var isASCIILetter: Bool { (0x61...0x7A).contains(self) }
}

/// Walks the parsed tree and writes its text.
private struct TextWriter {
  private var lines: [String] = []
  private var current = ""
  private var pendingSpace = false

  static let skipped: Set<String> = [
    "script", "style", "nav", "noscript", "template", "svg", "iframe", "head", "button",
    "select", "form", "object", "canvas",
  ]
  static let blocks: Set<String> = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "blockquote", "pre", "dl", "dt", "dd", "figcaption", "figure",
    "address", "hr", "main", "aside", "header", "footer", "caption", "body", "td", "th",
  ]

  /// Walks the tree depth first with a stack of its own: a page may nest elements a hundred
  /// thousand deep, more than a thread's stack holds frames for. Siblings are walked in a
  /// loop; only a descent pushes (where to go on after the children, and whether a block
  /// ends there).
  mutating func visit(_ root: UnsafeMutablePointer<xmlNode>) {
    var stack: [(next: UnsafeMutablePointer<xmlNode>?, endsBlock: Bool)] = []
    var node: UnsafeMutablePointer<xmlNode>? = root
    while true {
      guard let current = node else {
        guard let (next, endsBlock) = stack.popLast() else { return }
        if endsBlock { breakLine() }
        node = next
        continue
      }
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        let name = String(cString: current.pointee.name).lowercased()
        if Self.skipped.contains(name) || attribute("role", of: current) == "navigation" {
          break
        }
        let block = Self.blocks.contains(name)
        if block { breakLine() }
        if let children = current.pointee.children {
          stack.append((current.pointee.next, block))
          node = children
          continue
        }
        if block { breakLine() }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { append(content) }
      default:
        break
      }
      node = current.pointee.next
    }
  }

  private func attribute(_ name: String, of node: UnsafeMutablePointer<xmlNode>) -> String? {
    guard let value = xmlGetProp(node, name) else { return nil }
    defer { clibxml2_free(value) }
    return String(cString: value).lowercased()
  }

  /// Appends text with runs of white space folded to one space, working on UTF-8 bytes
  /// (Character-level white-space tests were most of the time spent here).
  private mutating func append(_ text: UnsafePointer<xmlChar>) {
    var bytes: [UInt8] = []
    var pointer = text
    while pointer.pointee != 0 {
      let byte = pointer.pointee
      pointer += 1
      let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
      // U+00A0 (no-break space) is C2 A0 in UTF-8: white space too.
      if byte == 0xC2 && pointer.pointee == 0xA0 {
        pointer += 1
        pendingSpace = !current.isEmpty || !bytes.isEmpty
        continue
      }
      if isSpace {
        pendingSpace = !current.isEmpty || !bytes.isEmpty
        continue
      }
      if pendingSpace { bytes.append(0x20) }
      pendingSpace = false
      bytes.append(byte)
    }
    current += String(decoding: bytes, as: UTF8.self)
  }

  private mutating func breakLine() {
    if !current.isEmpty { lines.append(current) }
    current = ""
    pendingSpace = false
  }

  mutating func finish() -> String {
    breakLine()
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }
}

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
    let charset = contentType.flatMap(Self.charset(in:))
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
    let document = html.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, charset, options)
      }
    }
    guard let document else { return "" }
    defer { xmlFreeDoc(document) }
    var writer = TextWriter()
    if let root = xmlDocGetRootElement(document) { writer.visit(root) }
    return writer.finish()
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

  mutating func visit(_ node: UnsafeMutablePointer<xmlNode>) {
    var child: UnsafeMutablePointer<xmlNode>? = node
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        let name = String(cString: current.pointee.name).lowercased()
        let role = attribute("role", of: current)
        if Self.skipped.contains(name) || role == "navigation" {
          break
        }
        let block = Self.blocks.contains(name)
        if block { breakLine() }
        if let children = current.pointee.children { visit(children) }
        if block { breakLine() }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { append(content) }
      default:
        break
      }
      child = current.pointee.next
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

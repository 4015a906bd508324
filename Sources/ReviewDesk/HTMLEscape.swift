import Foundation

/// Text made safe for HTML. Everything the desk shows comes from files anyone may have
/// written (documents, notes, reviewer names, fetched pages), so every string goes through
/// ``escape(_:)`` and every link through ``safeURL(_:)``; only the page templates are markup.
enum HTML {
  /// Text content or a quoted attribute value: `& < > " '` escaped, and control characters
  /// (a terminal escape in a document) shown as their Unicode pictures rather than passed on.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 {
          out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
        } else if scalar.value == 0x7F {
          out += "\u{2421}"
        } else if (0x80..<0xA0).contains(scalar.value) || scalar.value == 0x2028
          || scalar.value == 0x2029
        {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// The URL when it is an http or https one, for an `href`; nil for anything else
  /// (`javascript:`, `data:`), which is then shown as text and never as a link.
  static func safeURL(_ text: String) -> String? {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", url.host != nil
    else { return nil }
    return text
  }

  /// A value for a query string or a path segment: everything but unreserved characters
  /// percent-encoded.
  static func urlComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(
      CharacterSet(charactersIn: "\u{0}"..."\u{7F}"))
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}

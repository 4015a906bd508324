import Foundation

/// Dated things about one subject drawn on one time axis, as inline SVG: the picture that shows
/// "1651 here, 1654 and 1674 in the references" at a glance. The review desk's subject page and
/// the HTML report's conflicts draw it.
///
/// The picture is one row per item, grouped by kind (documents' claims, then reference dates,
/// then verdicts) and sorted by year inside each group, so labels never overlap however many
/// items share a year. Each row has its label on the left (a link when the item has one) and
/// its mark on the shared axis with the year written beside it, so the years are text a reader,
/// a screen reader and a test can find. Items in conflict are drawn in red with a heavy outline
/// and bold labels, so the difference survives a black-and-white print.
///
/// Every text is escaped and control characters are replaced; the SVG holds no script, no
/// event handler, no style element and no external reference, and links are kept only when
/// they are http(s), a fragment or a path on the same site.
public enum TimelineSVG {
  /// One dated thing on the axis.
  public struct Item: Sendable, Hashable {
    /// What kind of source dates it: drawn in its own group with its own mark.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
      /// A claim in one of the workspace's documents.
      case document
      /// A date a fetched reference gives.
      case reference
      /// A reviewer's verdict, placed at the date it judged.
      case verdict
    }

    /// What the row says: a place, a source's title, a reviewer.
    public var label: String
    /// The year, or a span's first year. Counted as `CalendarDate` counts: negative before the
    /// common era, no year zero (`-490` is 490 BC, `-1` is 1 BC, `1` is AD 1).
    public var year: Int
    /// A span's last year, inclusive (`nil` or equal to `year` for one year).
    public var endYear: Int?
    public var kind: Kind
    /// Drawn with class `conflict`: its value contradicts another item's.
    public var conflict: Bool
    /// Where the label leads: `https://…`, `http://…`, `#fragment` or `/path`; anything else
    /// (a `javascript:` URL from a hand-edited registry, say) is dropped and the label is text.
    public var link: String?

    public init(
      label: String, year: Int, endYear: Int? = nil, kind: Kind, conflict: Bool = false,
      link: String? = nil
    ) {
      self.label = label
      self.year = year
      self.endYear = endYear
      self.kind = kind
      self.conflict = conflict
      self.link = link
    }

    /// "1651", "490 BC", "1618–1648", "490–479 BC", "27 BC–AD 14".
    public var yearText: String {
      guard let endYear, endYear != year else { return TimelineSVG.yearText(year) }
      if year < 0 && endYear < 0 { return "\(-year)–\(-endYear) BC" }
      if year < 0 { return "\(-year) BC–AD \(endYear)" }
      return "\(year)–\(endYear)"
    }
  }

  /// Rows past this many are counted, not drawn: a subject named in ten thousand documents
  /// would otherwise make a picture of megabytes that no one can read.
  public static let maximumRows = 400

  /// The SVG element for `items`, titled `title` (its accessible name). Deterministic: the same
  /// items give the same bytes.
  public static func render(_ items: [Item], title: String) -> String {
    var svg = HTMLText(capacity: 1_024 + items.count * 320)
    let ordered = items.enumerated().sorted { a, b in
      let left = (a.element.kind.order, a.element.year, a.offset)
      let right = (b.element.kind.order, b.element.year, b.offset)
      return left < right
    }.map(\.element)
    let drawn = Array(ordered.prefix(maximumRows))
    var rows: [Row] = []
    var group: Item.Kind?
    for item in drawn {
      if group != item.kind { rows.append(.heading(item.kind)) }
      group = item.kind
      rows.append(.item(item))
    }
    if ordered.count > drawn.count { rows.append(.omitted(ordered.count - drawn.count)) }
    if rows.isEmpty { rows.append(.empty) }

    let scale = Scale(items: drawn)
    let axisY = Layout.top + rows.count * Layout.rowHeight + 6
    let height = axisY + 28
    svg.raw(
      "<svg class=\"timeline\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\""
        + " viewBox=\"0 0 \(Layout.width) \(height)\" width=\"\(Layout.width)\""
        + " height=\"\(height)\" style=\"max-width:100%;height:auto\""
        + " font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#1b1b1b\">\n<title>")
    svg.text(clean(title))
    svg.raw("</title>\n")
    grid(scale, axisY: axisY, &svg)
    for (index, row) in rows.enumerated() {
      let y = Layout.top + index * Layout.rowHeight + Layout.rowHeight / 2
      switch row {
      case .heading(let kind):
        svg.raw("<text class=\"group\" x=\"4\" y=\"\(y + 4)\" font-weight=\"700\">")
        svg.text(kind.heading)
        svg.raw("</text>\n")
      case .item(let item):
        draw(item, y: y, scale, &svg)
      case .omitted(let count):
        svg.raw("<text class=\"omitted\" x=\"12\" y=\"\(y + 4)\" font-style=\"italic\">")
        svg.text("and \(count) more not drawn")
        svg.raw("</text>\n")
      case .empty:
        svg.raw("<text class=\"empty\" x=\"12\" y=\"\(y + 4)\" font-style=\"italic\">")
        svg.text("Nothing dated to draw.")
        svg.raw("</text>\n")
      }
    }
    svg.raw("</svg>")
    return String(decoding: svg.bytes, as: UTF8.self)
  }

  /// "1651", "490 BC".
  static func yearText(_ year: Int) -> String { year < 0 ? "\(-year) BC" : "\(year)" }

  /// A link the picture may carry, or `nil`.
  static func safeLink(_ link: String?) -> String? {
    guard let link, !link.isEmpty,
      !link.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { return nil }
    if ReportInput.linkable(link) != nil || link.hasPrefix("#") { return link }
    // A path on this site; `//host` and `/\host` are other sites to a browser.
    if link.hasPrefix("/") && !link.hasPrefix("//") && !link.hasPrefix("/\\") { return link }
    return nil
  }

  /// Control characters (terminal escapes, NUL) are not allowed in XML and mean nothing in a
  /// picture: each becomes U+FFFD, so a reader still sees that something was there.
  static func clean(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      scalars.append(scalar.properties.generalCategory == .control ? "\u{FFFD}" : scalar)
    }
    return String(scalars)
  }

  private enum Row {
    case heading(Item.Kind)
    case item(Item)
    case omitted(Int)
    case empty
  }

  /// Where things go, in SVG user units.
  private enum Layout {
    static let width = 720
    static let top = 4
    static let rowHeight = 22
    /// Labels are cut to this many characters (the whole label is the row's tooltip).
    static let labelCharacters = 40
    /// The axis runs between these.
    static let axisStart = 300
    static let axisEnd = 650
  }

  /// Years to x positions. Years are made continuous first (1 BC is next to AD 1), and the
  /// domain is padded so no mark sits on the picture's edge.
  private struct Scale {
    var low: Double
    var high: Double
    let ticks: [Int]

    init(items: [Item]) {
      let positions = items.flatMap {
        [Self.position($0.year), Self.position($0.endYear ?? $0.year)]
      }
      var low = Double(positions.min() ?? 2000)
      var high = Double(positions.max() ?? 2000)
      if high - low < 10 {
        let middle = (low + high) / 2
        low = middle - 5
        high = middle + 5
      } else {
        let pad = (high - low) * 0.05
        low -= pad
        high += pad
      }
      self.low = low
      self.high = high
      ticks = Self.ticks(low: low, high: high)
    }

    /// Astronomical numbering: 1 BC is 0, 490 BC is -489.
    static func position(_ year: Int) -> Int { year < 0 ? year + 1 : year }

    func x(_ year: Int) -> Double {
      let fraction = (Double(Self.position(year)) - low) / (high - low)
      return Double(Layout.axisStart) + fraction * Double(Layout.axisEnd - Layout.axisStart)
    }

    /// Round years (1, 2 or 5 times a power of ten) at most eight to the axis, written as
    /// years are (no year zero: a tick there is left out).
    private static func ticks(low: Double, high: Double) -> [Int] {
      let span = high - low
      var step = 1
      while Double(step) * 8 < span {
        let magnitude = step
        if Double(magnitude * 2) * 8 >= span {
          step = magnitude * 2
        } else if Double(magnitude * 5) * 8 >= span {
          step = magnitude * 5
        } else {
          step = magnitude * 10
        }
      }
      // Round in the numbering readers use (500 BC, not 501 BC); there is no year zero.
      var ticks: [Int] = []
      var year = Int(((low - 1) / Double(step)).rounded(.up)) * step
      while Double(position(year)) <= high {
        if year != 0 && Double(position(year)) >= low { ticks.append(year) }
        year += step
      }
      return ticks
    }
  }

  private static func grid(_ scale: Scale, axisY: Int, _ svg: inout HTMLText) {
    svg.raw("<g class=\"axis\" stroke=\"#ccc\">\n")
    svg.raw(
      "<line x1=\"\(Layout.axisStart)\" y1=\"\(axisY)\" x2=\"\(Layout.axisEnd)\" y2=\"\(axisY)\""
        + " stroke=\"#777\"></line>\n")
    for tick in scale.ticks {
      let x = format(scale.x(tick))
      svg.raw(
        "<line x1=\"\(x)\" y1=\"\(Layout.top)\" x2=\"\(x)\" y2=\"\(axisY + 4)\""
          + " stroke-dasharray=\"2 3\"></line>\n")
      svg.raw(
        "<text class=\"tick\" x=\"\(x)\" y=\"\(axisY + 18)\" text-anchor=\"middle\""
          + " stroke=\"none\" fill=\"#555\" font-size=\"11\">")
      svg.text(yearText(tick))
      svg.raw("</text>\n")
    }
    svg.raw("</g>\n")
  }

  private static func draw(_ item: Item, y: Int, _ scale: Scale, _ svg: inout HTMLText) {
    let label = clean(item.label)
    let classes = "item \(item.kind.rawValue)" + (item.conflict ? " conflict" : "")
    let colour = item.conflict ? "#c62828" : item.kind.colour
    svg.raw("<g class=\"\(classes)\">\n<title>")
    svg.text(label + ": " + item.yearText + (item.conflict ? " (in conflict)" : ""))
    svg.raw("</title>\n")
    let link = safeLink(item.link)
    if let link {
      svg.raw("<a href=\"")
      svg.text(link)
      svg.raw("\">")
    }
    svg.raw(
      "<text class=\"label\" x=\"12\" y=\"\(y + 4)\""
        + (item.conflict ? " font-weight=\"700\"" : "") + (link != nil ? " fill=\"#0b57a5\"" : "")
        + ">")
    svg.text(shortened(label))
    svg.raw("</text>")
    if link != nil { svg.raw("</a>") }
    svg.raw("\n")

    let start = scale.x(item.year)
    var end = start
    let stroke = item.conflict ? " stroke=\"#1b1b1b\" stroke-width=\"2\"" : ""
    if let endYear = item.endYear, endYear != item.year {
      end = max(scale.x(endYear), start + 4)
      svg.raw(
        "<rect class=\"mark span\" x=\"\(format(start))\" y=\"\(y - 4)\""
          + " width=\"\(format(end - start))\" height=\"8\" rx=\"3\" fill=\"\(colour)\"\(stroke)>"
          + "</rect>\n")
    } else {
      svg.raw(mark(item.kind, x: start, y: y, colour: colour, stroke: stroke) + "\n")
    }
    // The year beside its mark, on the side with room.
    let room = Double(Layout.width) - end > 64
    let textX = room ? end + 9 : start - 9
    svg.raw(
      "<text class=\"year\" x=\"\(format(textX))\" y=\"\(y + 4)\""
        + (room ? "" : " text-anchor=\"end\"")
        + (item.conflict ? " font-weight=\"700\" fill=\"#8e0000\"" : "") + ">")
    svg.text(item.yearText)
    svg.raw("</text>\n</g>\n")
  }

  /// A circle for a document's claim, a diamond for a reference, a square for a verdict: kinds
  /// told apart by shape as well as colour.
  private static func mark(_ kind: Item.Kind, x: Double, y: Int, colour: String, stroke: String)
    -> String
  {
    let cx = format(x)
    switch kind {
    case .document:
      return "<circle class=\"mark\" cx=\"\(cx)\" cy=\"\(y)\" r=\"5\" fill=\"\(colour)\"\(stroke)>"
        + "</circle>"
    case .reference:
      let points = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
        .map { "\(format($0.0)),\($0.1)" }.joined(separator: " ")
      return "<polygon class=\"mark\" points=\"\(points)\" fill=\"\(colour)\"\(stroke)></polygon>"
    case .verdict:
      return "<rect class=\"mark\" x=\"\(format(x - 4.5))\" y=\"\(y - 5)\" width=\"9\""
        + " height=\"9\" fill=\"\(colour)\"\(stroke)></rect>"
    }
  }

  /// Long labels lose their middle: a place keeps its file's start and its line and column
  /// ("articles/coalit…rly-modern-europe.md:10:51"), a title its first words and its end.
  private static func shortened(_ label: String) -> String {
    guard label.count > Layout.labelCharacters else { return label }
    let head = (Layout.labelCharacters - 1) * 2 / 5
    let tail = Layout.labelCharacters - 1 - head
    return String(label.prefix(head)) + "\u{2026}" + String(label.suffix(tail))
  }

  /// One decimal: enough for a picture, and the same bytes on every machine.
  private static func format(_ value: Double) -> String {
    String(format: "%.1f", value)
  }
}

extension TimelineSVG.Item.Kind {
  /// Groups top to bottom: what the documents say, then what the references and reviewers say.
  var order: Int {
    switch self {
    case .document: return 0
    case .reference: return 1
    case .verdict: return 2
    }
  }

  var heading: String {
    switch self {
    case .document: return "Documents"
    case .reference: return "References"
    case .verdict: return "Verdicts"
    }
  }

  var colour: String {
    switch self {
    case .document: return "#1565c0"
    case .reference: return "#555555"
    case .verdict: return "#2e7d32"
    }
  }
}

import Foundation

// A stand-in for ClaimReports' TimelineSVG (written at the same time by another helper, with
// this API); when that is merged this file goes and the desk uses the shared one.

/// A subject's dates on one time axis, as inline SVG with no script.
public enum TimelineSVG {
  public enum Kind: String, Sendable { case document, reference, verdict }

  public struct Item: Sendable, Equatable {
    public var label: String
    /// Astronomical-style signed year: -490 for 490 BC.
    public var year: Int
    public var endYear: Int?
    public var kind: Kind
    public var conflict: Bool
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
  }

  public static func render(_ items: [Item], title: String) -> String {
    let width = 760.0
    let rowHeight = 22.0
    let top = 30.0
    let height = top + rowHeight * Double(max(items.count, 1)) + 30
    let years = items.flatMap { [$0.year, $0.endYear ?? $0.year] }
    let low = (years.min() ?? 0) - 1
    let high = (years.max() ?? 0) + 1
    func x(_ year: Int) -> Double {
      40 + (width - 80) * Double(year - low) / Double(max(high - low, 1))
    }
    var svg = "<svg class=\"timeline\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\""
    svg += " viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\""
    svg += " height=\"\(Int(height))\">\n<title>\(escape(title))</title>\n"
    let axis = height - 20
    svg += "<line class=\"axis\" x1=\"40\" y1=\"\(axis)\" x2=\"\(width - 40)\" y2=\"\(axis)\""
    svg += " stroke=\"#555\"/>\n"
    for (index, item) in items.enumerated() {
      let y = top + rowHeight * Double(index)
      let classes = "item \(item.kind.rawValue)" + (item.conflict ? " conflict" : "")
      var group = "<g class=\"\(classes)\">"
      let start = x(item.year)
      if let end = item.endYear, end != item.year {
        group += "<rect x=\"\(start)\" y=\"\(y - 5)\" width=\"\(x(end) - start)\" height=\"10\"/>"
      } else {
        group += "<circle cx=\"\(start)\" cy=\"\(y)\" r=\"5\"/>"
      }
      group += "<line x1=\"\(start)\" y1=\"\(y)\" x2=\"\(start)\" y2=\"\(axis)\""
      group += " stroke-dasharray=\"2,3\" stroke=\"#999\"/>"
      let year =
        yearText(item.year) + (item.endYear.map { $0 != item.year ? "–" + yearText($0) : "" } ?? "")
      group +=
        "<text x=\"\(start + 9)\" y=\"\(y + 4)\">\(escape(year)) \(escape(item.label))</text>"
      group += "</g>"
      if let link = item.link, link.hasPrefix("/"), !link.hasPrefix("//") {
        group = "<a href=\"\(escape(link))\">" + group + "</a>"
      }
      svg += group + "\n"
    }
    svg += "</svg>\n"
    return svg
  }

  private static func yearText(_ year: Int) -> String { year < 0 ? "\(-year) BC" : "\(year)" }

  private static func escape(_ text: String) -> String { HTML.escape(text) }
}

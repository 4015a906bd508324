import ClaimLedger
import ClaimReports
import Foundation
import TestServers
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG read back by an XML parser, so the tests see what a browser's SVG parser sees and
/// prove the picture is well-formed XML (a stray `<` or control character would fail it).
final class SVGDocument: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text: String
    /// Names of the enclosing elements, outermost first.
    var ancestors: [String]
    /// Classes of the enclosing elements.
    var ancestorClasses: [String]

    var classes: Set<Substring> { Set((attributes["class"] ?? "").split(separator: " ")) }
  }

  private(set) var elements: [Element] = []
  private var open: [Int] = []
  private(set) var error: Error?

  init(_ svg: String) {
    super.init()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = self
    if !parser.parse() { error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    let ancestors = open.map { elements[$0] }
    elements.append(
      Element(
        name: name, attributes: attributes, text: "", ancestors: ancestors.map(\.name),
        ancestorClasses: ancestors.compactMap { $0.attributes["class"] }))
    open.append(elements.count - 1)
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    open.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    for index in open { elements[index].text += string }
  }

  func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  /// The year labels beside the marks.
  var years: [String] { elements.filter { $0.classes.contains("year") }.map(\.text) }
}

@Suite("Timeline SVG")
struct TimelineTests {
  typealias Item = TimelineSVG.Item

  static let westminster: [Item] = [
    Item(label: "docs/a.md:3:5", year: 1651, kind: .document, conflict: true, link: "#C-1"),
    Item(label: "docs/b.md:9:1", year: 1674, kind: .document, conflict: true, link: "#C-2"),
    Item(label: "Treaty of Westminster (1654)", year: 1654, kind: .reference),
    Item(label: "Ann: refuted", year: 1651, kind: .verdict),
  ]

  @Test("both conflicting years are text in svg.timeline; conflicting values have class conflict")
  func bothYears() throws {
    let svg = TimelineSVG.render(Self.westminster, title: "Dates given for Westminster")
    let document = SVGDocument(svg)
    #expect(document.error == nil)
    let root = try #require(document.elements.first)
    #expect(root.name == "svg")
    #expect(root.attributes["class"] == "timeline" && root.attributes["role"] == "img")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    // The accessible name is the first child.
    #expect(document.elements[1].name == "title")
    #expect(document.elements[1].text == "Dates given for Westminster")
    // Every year is the text of a <text> element.
    let texts = document.all("text").map(\.text)
    for year in ["1651", "1674", "1654"] { #expect(texts.contains(year)) }
    // Conflicting items carry the class, others do not; each kind has its own class.
    let items = document.elements.filter { $0.classes.contains("item") }
    #expect(items.count == 4)
    let conflicting = items.filter { $0.classes.contains("conflict") }
    #expect(conflicting.count == 2)
    #expect(conflicting.allSatisfy { $0.classes.contains("document") })
    #expect(Set(conflicting.map(\.text)).count == 2)
    #expect(conflicting.contains { $0.text.contains("1651") })
    #expect(conflicting.contains { $0.text.contains("1674") })
    #expect(items.filter { $0.classes.contains("reference") }.count == 1)
    #expect(items.filter { $0.classes.contains("verdict") }.count == 1)
    // Grouped by kind, documents first, years ascending inside a group.
    #expect(
      document.all("text").filter { $0.attributes["class"] == "group" }.map(\.text)
        == ["Documents", "References", "Verdicts"])
    #expect(document.years == ["1651", "1674", "1654", "1651"])
    // Marks lie on one axis: 1651 left of 1654 left of 1674.
    let circles = document.all("circle").compactMap { Double($0.attributes["cx"] ?? "") }
    let diamond = try #require(document.all("polygon").first?.attributes["points"])
    let diamondX = try #require(Double(diamond.split(separator: ",")[0]))
    #expect(circles.count == 2 && circles[0] < diamondX && diamondX < circles[1])
  }

  @Test("hostile labels, titles and links stay text: no script, no handler, no javascript: link")
  func escaping() throws {
    let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(1)> & 'q'"#
    let items = [
      Item(
        label: hostile, year: 1672, kind: .document, conflict: true, link: "javascript:alert(1)"),
      Item(
        label: "Dover \u{1B}[31mred\u{1B}[0m", year: 1670, kind: .reference, link: "//evil.example"),
      Item(label: "x", year: 1671, kind: .verdict, link: "/\\evil.example"),
      Item(label: "y", year: 1671, kind: .verdict, link: "/claims/C-1\n"),
      Item(label: "kept", year: 1673, kind: .reference, link: "/claims/C-2?x=\"><b>"),
    ]
    let svg = TimelineSVG.render(items, title: "</title><script>alert(2)</script>")
    let document = SVGDocument(svg)
    #expect(document.error == nil)
    #expect(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<b>"))
    #expect(!svg.contains("\u{1B}"))
    #expect(document.all("script").isEmpty && document.all("img").isEmpty)
    #expect(!document.elements.contains { $0.attributes.keys.contains { $0.hasPrefix("on") } })
    #expect(document.elements[1].text == "</title><script>alert(2)</script>")
    // Labels are shortened for the row; the whole label is the row's tooltip, as text.
    let tooltips = document.all("title").map(\.text)
    #expect(tooltips.contains(hostile + ": 1672 (in conflict)"))
    #expect(tooltips.contains("Dover \u{FFFD}[31mred\u{FFFD}[0m: 1670"))
    // Only the same-site path survives; its quotes are escaped inside the attribute.
    let links = document.all("a").compactMap { $0.attributes["href"] }
    #expect(links == ["/claims/C-2?x=\"><b>"])
    #expect(svg.contains("href=\"/claims/C-2?x=&quot;&gt;&lt;b&gt;\""))
    #expect(!svg.lowercased().contains("javascript:"))
    #expect(!svg.contains("evil.example"))
  }

  @Test("years before the common era: 490 BC written so, 1 BC next to AD 1, BC ticks")
  func beforeTheCommonEra() throws {
    let marathon = TimelineSVG.render(
      [
        Item(label: "Herodotus", year: -490, kind: .document, conflict: true),
        Item(label: "later", year: -480, kind: .document, conflict: true),
      ], title: "Marathon")
    let document = SVGDocument(marathon)
    #expect(document.error == nil)
    #expect(document.years == ["490 BC", "480 BC"])
    let ticks = document.all("text").filter { $0.attributes["class"] == "tick" }.map(\.text)
    #expect(!ticks.isEmpty && ticks.allSatisfy { $0.hasSuffix(" BC") })
    #expect(!marathon.contains("-490") && !marathon.contains(">0<"))

    // Across the era: 1 BC and AD 1 are one year apart on the axis, as 1 and 2 are.
    let across = SVGDocument(
      TimelineSVG.render(
        [
          Item(label: "a", year: -1, kind: .document),
          Item(label: "b", year: 1, kind: .document),
          Item(label: "c", year: 2, kind: .document),
          Item(label: "d", year: -10, kind: .document),
          Item(label: "e", year: 10, kind: .document),
        ], title: "Across"))
    let x = across.all("circle").compactMap { Double($0.attributes["cx"] ?? "") }
    #expect(x.count == 5)
    // Sorted by year: -10, -1, 1, 2, 10.
    #expect(abs((x[2] - x[1]) - (x[3] - x[2])) < 0.2)
    #expect(across.years == ["10 BC", "1 BC", "1", "2", "10"])
    #expect(
      !across.all("text").contains { $0.attributes["class"] == "tick" && $0.text == "0" })
  }

  @Test("spans are bars from first to last year, labelled with both; one-year spans are points")
  func spans() throws {
    let svg = TimelineSVG.render(
      [
        Item(label: "war", year: 1618, endYear: 1648, kind: .document, conflict: true),
        Item(label: "reference", year: 1618, endYear: 1650, kind: .reference),
        Item(label: "Augustus", year: -27, endYear: 14, kind: .reference),
        Item(label: "Persian wars", year: -499, endYear: -449, kind: .reference),
        Item(label: "one", year: 1630, endYear: 1630, kind: .document),
      ], title: "Spans")
    let document = SVGDocument(svg)
    #expect(document.error == nil)
    #expect(
      document.years == ["1618–1648", "1630", "499–449 BC", "27 BC–AD 14", "1618–1650"])
    let bars = document.elements.filter { $0.classes.contains("span") }
    #expect(bars.count == 4)
    #expect(bars.allSatisfy { (Double($0.attributes["width"] ?? "") ?? 0) >= 4 })
    let war = try #require(bars.first { $0.ancestorClasses.contains("item document conflict") })
    let reference = try #require(
      bars.first {
        $0.ancestorClasses.last == "item reference" && $0.attributes["x"] == war.attributes["x"]
      })
    // Same start, the longer span is wider.
    #expect(
      try #require(Double(reference.attributes["width"] ?? ""))
        > (try #require(Double(war.attributes["width"] ?? ""))))
    #expect(document.all("circle").count == 1)
  }

  @Test("links kept: fragments, same-site paths, http(s); rows past the limit are counted")
  func linksAndLimit() throws {
    let svg = TimelineSVG.render(
      [
        Item(label: "a", year: 1900, kind: .document, link: "#C-1"),
        Item(label: "b", year: 1901, kind: .document, link: "/claims/C-2"),
        Item(label: "c", year: 1902, kind: .reference, link: "https://example.org/wiki/C"),
        Item(label: "d", year: 1903, kind: .reference, link: "HTTP://example.org/D"),
        Item(label: "e", year: 1904, kind: .reference, link: "data:text/html,<b>"),
      ], title: "Links")
    let links = SVGDocument(svg).all("a").compactMap { $0.attributes["href"] }
    #expect(links == ["#C-1", "/claims/C-2", "https://example.org/wiki/C", "HTTP://example.org/D"])

    // A long place keeps its line and column in the row; the tooltip has all of it.
    let place = "articles/coalitions-in-early-modern-europe.md:10:51"
    let long = SVGDocument(
      TimelineSVG.render([Item(label: place, year: 1670, kind: .document)], title: "Long"))
    let shown = try #require(long.all("text").first { $0.attributes["class"] == "label" }?.text)
    #expect(shown.count == 40 && shown.hasPrefix("articles/") && shown.hasSuffix(".md:10:51"))
    #expect(long.all("title").contains { $0.text == place + ": 1670" })

    let many = (0..<1_000).map { Item(label: "claim \($0)", year: 1000 + $0, kind: .document) }
    let big = SVGDocument(TimelineSVG.render(many, title: "Many"))
    #expect(big.error == nil)
    #expect(big.years.count == TimelineSVG.maximumRows)
    #expect(big.all("text").contains { $0.text == "and 600 more not drawn" })

    let empty = SVGDocument(TimelineSVG.render([], title: "Nothing"))
    #expect(empty.error == nil && empty.elements.first?.attributes["class"] == "timeline")
    #expect(empty.all("text").contains { $0.text == "Nothing dated to draw." })
    // Deterministic: the same items give the same bytes.
    #expect(
      TimelineSVG.render(Self.westminster, title: "W")
        == TimelineSVG.render(Self.westminster, title: "W"))
  }

  @Test("the HTML report draws one timeline per conflict: its values and the references' dates")
  func htmlReport() throws {
    let fixture = try ReviewedWorkspace()
    let data = try fixture.render(.html)
    let html = String(decoding: data, as: UTF8.self)
    let ledger = try Ledger.load(fixture.workspace)
    try #require(ledger.conflicts.count == 1)
    // One picture per conflict, inside the conflict's article.
    #expect(html.components(separatedBy: "<svg class=\"timeline\"").count - 1 == 1)
    let article = try #require(
      html.range(of: "<article class=\"conflict\"").flatMap { start in
        html.range(of: "</article>", range: start.upperBound..<html.endIndex).map {
          String(html[start.lowerBound..<$0.upperBound])
        }
      })
    let svgStart = try #require(article.range(of: "<svg"))
    let svgEnd = try #require(article.range(of: "</svg>"))
    let svg = SVGDocument(String(article[svgStart.lowerBound..<svgEnd.upperBound]))
    #expect(svg.error == nil)
    #expect(svg.elements[1].text == "Dates given for Treaty of Dover")
    // The documents' two values, in conflict, linked to their claims.
    let documents = svg.elements.filter {
      $0.classes.contains("item") && $0.classes.contains("document")
    }
    #expect(documents.count == 2 && documents.allSatisfy { $0.classes.contains("conflict") })
    #expect(svg.years.prefix(2) == ["1670", "1672"])
    let claimIDs = Set(ledger.conflicts[0].claims.map { "#" + $0.claim.id })
    let links = svg.all("a").compactMap { $0.attributes["href"] }
    #expect(links.filter { $0.hasPrefix("#") }.count == 2)
    #expect(links.filter { $0.hasPrefix("#") }.allSatisfy { claimIDs.contains($0) })
    // The reference's date, 1 June 1670, from the evidence; its hostile title stays text.
    let references = svg.elements.filter {
      $0.classes.contains("item") && $0.classes.contains("reference")
    }
    #expect(references.count == 1, "\(references.map(\.text))")
    #expect(references.first?.text.contains("1670") == true)
    #expect(references.first?.classes.contains("conflict") == false)
    #expect(
      svg.all("title").contains {
        $0.text == #"Dover <script>alert("title")</script> & "friends": 1670"#
      })
    #expect(links.contains(fixture.nginx.base + "/dover.html"))
    #expect(!html.contains("<script>alert"))
    // The browser's parser sees it too, with nothing that can run.
    let page = HTMLInspector(data)
    #expect(page.eventHandlers.isEmpty)
    #expect(page.all("svg").count == 1)
  }
}

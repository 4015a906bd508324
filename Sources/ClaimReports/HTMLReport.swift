import ClaimLedger
import Foundation

/// Bytes of HTML: every text goes through ``text(_:)``, which escapes it; only the report's
/// own markup goes through ``raw(_:)``.
struct HTMLText {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

  /// Text content or an attribute value: `& < > " '` escaped.
  mutating func text(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      var runStart = 0
      for (index, byte) in utf8.enumerated() {
        let entity: StaticString
        switch byte {
        case 0x26: entity = "&amp;"
        case 0x3C: entity = "&lt;"
        case 0x3E: entity = "&gt;"
        case 0x22: entity = "&quot;"
        case 0x27: entity = "&#39;"
        default: continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        bytes.append(
          contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
        runStart = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
  }

  /// `<tag class="…">text</tag>`.
  mutating func element(_ tag: String, _ content: String, class name: String? = nil) {
    raw("<\(tag)")
    if let name { raw(" class=\"\(name)\"") }
    raw(">")
    text(content)
    raw("</\(tag)>")
  }

  /// A link when the URL is http(s), else the text alone.
  mutating func link(_ content: String, to url: String?) {
    guard let url, let safe = ReportInput.linkable(url) else {
      text(content)
      return
    }
    raw("<a href=\"")
    text(safe)
    raw("\">")
    text(content)
    raw("</a>")
  }
}

/// One self-contained HTML file: no external assets, no JavaScript, readable and printable.
/// Conflicts come first with every place each value appears; then each document with its
/// claims in context, a status badge, the evidence quotes (linked to the source and naming
/// the snapshot) and each verdict's history; then the sources.
enum HTMLReport {
  static func render(_ input: ReportInput) -> Data {
    var html = HTMLText(capacity: input.ledger.claims.count * 900 + 16_384)
    html.raw("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    html.raw("<meta name=\"generator\" content=\"ClaimLedger\">\n<title>")
    html.text(input.title)
    html.raw("</title>\n<style>\n\(stylesheet)</style>\n")
    if ClaimReviewReport.isConfigured(input.settings) {
      // ClaimReview JSON-LD for search engines; its strings escape <, > and &, so no text in
      // it can close this element.
      html.raw("<script type=\"application/ld+json\">\n")
      html.raw(String(decoding: ClaimReviewReport.render(input, htmlSafe: true), as: UTF8.self))
      html.raw("</script>\n")
    }
    html.raw("</head>\n<body>\n<header>\n<h1>")
    html.text(input.title)
    html.raw("</h1>\n")
    summary(input, &html)
    html.raw("</header>\n<main>\n")
    conflicts(input, &html)
    documents(input, &html)
    sources(input, &html)
    html.raw("</main>\n<footer><p>Made by ClaimLedger from the ledger, evidence and verdict log")
    html.raw(" of this workspace. Statuses are derived: the latest verdict wins.</p></footer>\n")
    html.raw("</body>\n</html>\n")
    return Data(html.bytes)
  }

  private static func summary(_ input: ReportInput, _ html: inout HTMLText) {
    html.raw("<p class=\"lede\">")
    html.text(input.lede)
    html.raw(
      "</p>\n<table class=\"summary\">\n<thead><tr><th>Status</th><th>Claims</th></tr></thead>\n<tbody>\n"
    )
    for (status, count) in input.statusCounts {
      html.raw("<tr><td>")
      badge(status.rawValue, &html)
      html.raw("</td><td class=\"count\">\(count)</td></tr>\n")
    }
    html.raw("</tbody>\n</table>\n")
    suggestions(input, &html)
    html.raw("<nav><a href=\"#conflicts\">Conflicts</a> · <a href=\"#documents\">Documents</a>")
    html.raw(" · <a href=\"#sources\">Sources</a></nav>\n")
  }

  /// What the evidence suggests for undecided claims, with the claims to read first (those it
  /// contradicts, then the mixed ones) linked from the summary.
  private static func suggestions(_ input: ReportInput, _ html: inout HTMLText) {
    let counts = input.suggestionCounts
    guard counts.contains(where: { $0.count > 0 }) else { return }
    html.raw(
      "<table class=\"summary\" id=\"suggestions\">\n<thead><tr><th>Evidence suggests"
        + " (no verdict yet)</th><th>Claims</th></tr></thead>\n<tbody>\n")
    for (suggestion, count) in counts {
      html.raw("<tr><td>")
      if count > 0, suggestion == .contradicted || suggestion == .mixed {
        html.raw("<a href=\"#suggests-\(suggestion.rawValue)\">")
        badge(suggestion.rawValue, &html)
        html.raw("</a>")
      } else {
        badge(suggestion.rawValue, &html)
      }
      html.raw("</td><td class=\"count\">\(count)</td></tr>\n")
    }
    html.raw("</tbody>\n</table>\n")
    for suggestion in [Suggestion.contradicted, .mixed] {
      let claims = input.suggested(suggestion)
      guard !claims.isEmpty else { continue }
      html.raw("<section class=\"read-first\" id=\"suggests-\(suggestion.rawValue)\">\n<h2>")
      html.text("Read first: evidence suggests \(suggestion.rawValue) (\(claims.count))")
      html.raw("</h2>\n<ul>\n")
      for claim in claims {
        html.raw("<li><a href=\"#")
        html.text(claim.claim.id)
        html.raw("\">")
        html.text(claim.place)
        html.raw("</a> ")
        html.text(claim.summary)
        html.raw("</li>\n")
      }
      html.raw("</ul>\n</section>\n")
    }
  }

  private static func conflicts(_ input: ReportInput, _ html: inout HTMLText) {
    let ledger = input.ledger
    html.raw("<section id=\"conflicts\">\n<h2>Conflicts (\(ledger.conflicts.count))</h2>\n")
    if ledger.conflicts.isEmpty { html.raw("<p>No claims contradict each other.</p>\n") }
    for conflict in ledger.conflicts {
      conflictBlock(conflict, input, &html)
    }
    let settled = input.settledConflicts
    if !settled.isEmpty {
      html.raw("<h3>Settled by a reviewer (\(settled.count))</h3>\n")
      for (conflict, _) in settled { conflictBlock(conflict, input, &html) }
    }
    let notes = input.notes
    if !notes.isEmpty {
      html.raw("<h3>Not conflicts (\(notes.count))</h3>\n<ul class=\"notes\">\n")
      for note in notes {
        html.raw("<li><code>")
        html.text(note.place)
        html.raw("</code> ")
        html.text(note.message)
        html.raw("</li>\n")
      }
      html.raw("</ul>\n")
    }
    html.raw("</section>\n")
  }

  private static func conflictBlock(
    _ conflict: Conflict, _ input: ReportInput, _ html: inout HTMLText
  ) {
    html.raw("<article class=\"conflict\" id=\"")
    html.text(conflict.id)
    html.raw("\">\n<h3>")
    html.text("\u{201C}\(conflict.entity.name)\u{201D} is given ")
    html.text(conflict.values.map(\.display).joined(separator: " and "))
    html.raw(" <code>")
    html.text(conflict.id)
    html.raw("</code></h3>\n<ul>\n")
    for (value, claims) in ReportInput.places(of: conflict) {
      html.raw("<li><strong>")
      html.text(value.display)
      html.raw("</strong>, \(claims.count == 1 ? "1 place" : "\(claims.count) places"):<ul>\n")
      for claim in claims {
        html.raw("<li><a href=\"#")
        html.text(claim.claim.id)
        html.raw("\">")
        html.text(claim.place)
        html.raw("</a> ")
        html.element("q", claim.claim.sentence)
        html.raw("</li>\n")
      }
      html.raw("</ul></li>\n")
    }
    html.raw("</ul>\n<figure class=\"timeline\">")
    html.raw(
      TimelineSVG.render(
        timeline(of: conflict, input), title: "Dates given for \(conflict.entity.name)"))
    html.raw("</figure>\n")
    verdictHistory(input.verdicts[conflict.id] ?? [], input, &html)
    html.raw("</article>\n")
  }

  /// A conflict on one time axis: one row per value with its places (a value given in a
  /// thousand places is still one row), then one per date a reference gives where `verify`
  /// found evidence for the conflict's claims.
  static func timeline(of conflict: Conflict, _ input: ReportInput) -> [TimelineSVG.Item] {
    var items: [TimelineSVG.Item] = []
    for (value, claims) in ReportInput.places(of: conflict) {
      guard let span = value.temporal?.span, let first = claims.first else { continue }
      let more = claims.count > 1 ? " and \(claims.count - 1) more" : ""
      items.append(
        TimelineSVG.Item(
          label: first.place + more, year: span.start.year, endYear: span.end.year,
          kind: .document, conflict: true, link: "#" + first.claim.id))
    }
    var seen = Set<String>()
    for claim in conflict.claims {
      for evidence in input.ledger.review.evidence[claim.claim.id] ?? [] {
        guard let value = evidence.value, let span = value.temporal?.span,
          // The picture is in years: 1 June 1670 and 1670 from one source are one row.
          seen.insert("\(evidence.source)\u{0}\(span.start.year)\u{0}\(span.end.year)").inserted
        else { continue }
        let source = input.sources[evidence.source]
        items.append(
          TimelineSVG.Item(
            label: source?.title ?? evidence.source, year: span.start.year,
            endYear: span.end.year, kind: .reference, link: source?.url ?? evidence.url))
      }
    }
    return items
  }

  private static func documents(_ input: ReportInput, _ html: inout HTMLText) {
    html.raw("<section id=\"documents\">\n<h2>Documents (\(input.documents.count))</h2>\n")
    for (path, claims) in input.documents {
      html.raw("<article class=\"document\">\n<h3>")
      html.text(path)
      html.raw(" <small>\(claims.count == 1 ? "1 claim" : "\(claims.count) claims")</small></h3>\n")
      for claim in claims { claimBlock(claim, input, &html) }
      html.raw("</article>\n")
    }
    html.raw("</section>\n")
  }

  private static func claimBlock(
    _ resolved: ResolvedClaim, _ input: ReportInput, _ html: inout HTMLText
  ) {
    let claim = resolved.claim
    html.raw("<div class=\"claim\" id=\"")
    html.text(claim.id)
    html.raw("\">\n<p class=\"head\">")
    badge(resolved.status.rawValue, &html)
    if let suggestion = resolved.suggestion, resolved.status == .evidenceFound {
      html.raw(" ")
      html.element("span", "suggests \(suggestion.rawValue)", class: "suggestion")
    }
    html.raw(
      " <span class=\"place\">line \(claim.location.line), column \(claim.location.column)</span> ")
    html.element("strong", resolved.entity.name)
    html.raw(" ")
    html.text("\(claim.predicate.rawValue) \(claim.value.display)")
    html.raw(" <code>")
    html.text(claim.id)
    html.raw("</code></p>\n<blockquote>")
    html.text(claim.sentence)
    html.raw("</blockquote>\n")
    if let conflict = input.conflictOf[claim.id] {
      html.raw("<p class=\"note\">In conflict: <a href=\"#")
      html.text(conflict.id)
      html.raw("\">")
      // The values that contradict this one, a few of them: a treaty given four thousand
      // dates would otherwise list them all at each of its claims.
      let (shown, more) = conflict.contradictingValues(claim.id, limit: Conflict.valuesShown)
      html.text(
        "\(conflict.entity.name) is also given "
          + shown.map(\.display).joined(separator: ", ")
          + (more > 0 ? " and \(more) other date\(more == 1 ? "" : "s")" : ""))
      html.raw("</a></p>\n")
    }
    let evidence = input.ledger.review.evidence[claim.id] ?? []
    if !evidence.isEmpty {
      html.raw("<ul class=\"evidence\">\n")
      for item in evidence {
        html.raw("<li>")
        badge(item.stance.rawValue, &html)
        html.raw(" ")
        html.element("q", item.quote)
        html.raw(" — ")
        let source = input.sources[item.source]
        html.link(source?.title ?? item.source, to: source?.url ?? item.url)
        html.raw(", snapshot <code title=\"")
        html.text(item.snapshot)
        html.raw("\">")
        html.text(String(item.snapshot.prefix(12)))
        html.raw("</code>, line \(item.line)</li>\n")
      }
      html.raw("</ul>\n")
    }
    verdictHistory(input.verdicts[claim.id] ?? [], input, &html)
    html.raw("</div>\n")
  }

  private static func verdictHistory(
    _ verdicts: [VerdictRecord], _ input: ReportInput, _ html: inout HTMLText
  ) {
    guard !verdicts.isEmpty else { return }
    html.raw("<ol class=\"verdicts\">\n")
    for verdict in verdicts {
      html.raw("<li><time datetime=\"")
      html.text(verdict.time)
      html.raw("\">")
      html.text(verdict.time)
      html.raw("</time> ")
      badge(verdict.status.rawValue, &html)
      html.raw(" by ")
      html.text(verdict.reviewer)
      if let note = verdict.note {
        html.raw(": ")
        html.text(note)
      }
      if let cited = verdict.evidence {
        html.raw(" — cites ")
        let source = input.sources[cited.source]
        html.link(source?.title ?? cited.source, to: source?.url)
        if let quote = cited.quote {
          html.raw(" ")
          html.element("q", quote)
        }
        if let snapshot = cited.snapshot {
          html.raw(", snapshot <code title=\"")
          html.text(snapshot)
          html.raw("\">")
          html.text(String(snapshot.prefix(12)))
          html.raw("</code>")
        }
      }
      html.raw(" <code>")
      html.text(verdict.id)
      html.raw("</code></li>\n")
    }
    html.raw("</ol>\n")
  }

  private static func sources(_ input: ReportInput, _ html: inout HTMLText) {
    let current = input.ledger.review.currentSnapshots
    html.raw("<section id=\"sources\">\n<h2>Sources (\(input.sources.count))</h2>\n")
    guard !input.sources.isEmpty else {
      html.raw("<p>No references are registered.</p>\n</section>\n")
      return
    }
    html.raw("<table>\n<thead><tr><th>Id</th><th>Title</th><th>Publisher</th><th>Kind</th>")
    html.raw("<th>Reliability</th><th>Snapshot</th></tr></thead>\n<tbody>\n")
    for source in input.sources.values.sorted(by: { $0.id < $1.id }) {
      html.raw("<tr><td><code>")
      html.text(source.id)
      html.raw("</code></td><td>")
      html.link(source.title ?? source.url, to: source.url)
      html.raw("</td><td>")
      html.text(source.publisher ?? "")
      html.raw("</td><td>")
      html.text(source.kind.rawValue)
      html.raw("</td><td>")
      html.text(source.reliability.rawValue)
      html.raw("</td><td>")
      if let snapshot = current[source.id] {
        html.raw("<code title=\"")
        html.text(snapshot)
        html.raw("\">")
        html.text(String(snapshot.prefix(12)))
        html.raw("</code>")
      } else {
        html.text("not fetched")
      }
      html.raw("</td></tr>\n")
    }
    html.raw("</tbody>\n</table>\n</section>\n")
  }

  private static func badge(_ name: String, _ html: inout HTMLText) {
    html.raw("<span class=\"badge b-")
    html.text(name)
    html.raw("\">")
    html.text(name)
    html.raw("</span>")
  }

  /// Badges carry their meaning in words and borders as well as colour, so a black-and-white
  /// print keeps it.
  static let stylesheet = """
    body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #1b1b1b; }
    h1 { margin-bottom: 0.25rem; } h2 { border-bottom: 2px solid #ccc; margin-top: 2rem; }
    code { font-size: 0.85em; color: #555; }
    table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; }
    td.count { text-align: right; font-variant-numeric: tabular-nums; }
    nav { margin: 1rem 0; }
    .conflict, .claim { border-left: 4px solid #ccc; padding: 0.25rem 0 0.25rem 1rem; margin: 1rem 0; }
    .conflict { border-left-color: #b35900; }
    figure.timeline { margin: 0.5rem 0; overflow-x: auto; }
    blockquote { margin: 0.25rem 0; padding-left: 0.75rem; border-left: 2px solid #eee; color: #333; }
    .place, .suggestion, .note { color: #555; font-size: 0.9em; }
    .evidence, .verdicts { margin: 0.25rem 0; font-size: 0.95em; }
    .badge { display: inline-block; border: 1px solid #777; border-radius: 0.25rem; padding: 0 0.4rem; font-size: 0.8em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
    .b-supported, .b-supports { background: #e3f4e3; border-color: #2e7d32; color: #1b5e20; }
    .b-refuted, .b-contradicts { background: #fde7e7; border-color: #c62828; color: #8e0000; }
    .b-mixed, .b-needs-review { background: #fff4d6; border-color: #b38600; color: #6d5200; }
    .b-evidence-found, .b-mentions { background: #e6f0fb; border-color: #1565c0; color: #0d47a1; }
    .b-distinct-entities, .b-resolved, .b-unverifiable, .b-not-a-claim, .b-unverified { background: #f1f1f1; }
    footer { margin-top: 3rem; color: #666; font-size: 0.85em; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11pt; }
      nav { display: none; }
      .claim, .conflict, figure.timeline { break-inside: avoid; }
      a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #555; }
      .badge { background: none !important; }
    }

    """
}

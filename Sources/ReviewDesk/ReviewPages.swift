import ClaimExtraction
import ClaimLedger
import ClaimReports
import Foundation

/// The pages a reviewer decides on: the queue, a claim's or a conflict's page, a subject's
/// timeline, and the verdict form they share.
extension Pages {
  // MARK: Queue

  static func queue(
    _ items: [VerdictTarget], at index: Int, filter: String?, ledger: Ledger, visitor: Visitor,
    context: ClaimContext
  ) -> String {
    var body = "<h1>Queue</h1>\n"
    let filterQuery = filter.map { "&subject=" + HTML.urlComponent($0) } ?? ""
    body += """
      <form id="queue-filter" method="get" action="/queue">
      <label>Filter <input id="filter" name="subject" value="\(HTML.escape(filter ?? ""))" \
      placeholder="subject or document"></label>
      <button type="submit">Filter</button>
      </form>

      """
    guard index < items.count else {
      body += "<p id=\"queue-empty\">Nothing waiting for review"
      body += filter == nil ? "." : " that matches the filter."
      body += "</p>\n"
      return layout(title: "Queue", visitor: visitor, body: body)
    }
    let item = items[index]
    body += "<p class=\"position\">Item \(index + 1) of \(items.count). "
    if index > 0 {
      body += "<a rel=\"prev\" href=\"/queue?at=\(index - 1)\(filterQuery)\">previous (k)</a> "
    }
    if index + 1 < items.count {
      body += "<a rel=\"next\" href=\"/queue?at=\(index + 1)\(filterQuery)\">next (j)</a>"
    }
    body += "</p>\n"
    body += "<article id=\"queue-item\" data-target=\"\(HTML.escape(item.id))\">\n"
    body += targetDetails(item, ledger: ledger, context: context)
    body += verdictForm(
      item, visitor: visitor, returnTo: "/queue?at=\(index)\(filterQuery)")
    body += "</article>\n"
    return layout(title: "Queue", visitor: visitor, body: body)
  }

  // MARK: Claim and conflict pages

  static func target(
    _ target: VerdictTarget, ledger: Ledger, visitor: Visitor, context: ClaimContext
  ) -> String {
    var body = ""
    switch target {
    case .claim(let claim):
      body += "<h1>Claim \(HTML.escape(claim.claim.id))</h1>\n"
    case .conflict(let conflict):
      body += "<h1>Conflict \(HTML.escape(conflict.id))</h1>\n"
    }
    body += "<article id=\"target\" data-target=\"\(HTML.escape(target.id))\">\n"
    body += targetDetails(target, ledger: ledger, context: context)
    body += "<h2>History</h2>\n<ol id=\"history\">\n"
    for verdict in ledger.history(of: target.id) {
      body += "<li>" + verdictLine(verdict, withTarget: false) + "</li>\n"
    }
    body += "</ol>\n"
    body += verdictForm(
      target, visitor: visitor,
      returnTo: "/" + (target.id.hasPrefix("K-") ? "conflicts" : "claims")
        + "/" + target.id)
    body += "</article>\n"
    return layout(title: target.id, visitor: visitor, body: body)
  }

  /// What a reviewer needs to decide: the sentence with its date marked, the claims it
  /// conflicts with, the evidence with its stance and sources, earlier verdicts.
  static func targetDetails(_ target: VerdictTarget, ledger: Ledger, context: ClaimContext)
    -> String
  {
    var body = ""
    switch target {
    case .claim(let item):
      let claim = item.claim
      body += "<p class=\"claim\">" + subjectLink(item.entity) + " "
      body += HTML.escape(claim.predicate.rawValue) + " <strong>"
      body += HTML.escape(claim.value.display) + "</strong> · "
      body += "<span class=\"place\">\(HTML.escape(item.document)):\(claim.location.line):"
      body += "\(claim.location.column)</span> · " + statusBadge(item.status)
      if let suggestion = item.suggestion {
        body += " · evidence suggests <em>\(HTML.escape(suggestion.rawValue))</em>"
      }
      body += "</p>\n"
      body += sentence(item, context: context)
      let conflicts = ledger.conflicts.filter { conflict in
        conflict.claims.contains { $0.claim.id == claim.id }
      }
      for conflict in conflicts {
        body += "<section class=\"conflicts-with\"><h2>Conflicts with ("
        body += conflictLink(conflict) + ")</h2>\n<ul>\n"
        for other in conflict.claims where other.claim.id != claim.id {
          body += "<li class=\"conflict\">" + claimLink(other.claim.id) + " "
          body += HTML.escape(other.claim.value.display) + " at "
          body += HTML.escape(other.document) + ":\(other.claim.location.line): "
          body += "<q>" + HTML.escape(other.claim.sentence) + "</q></li>\n"
        }
        body += "</ul>\n</section>\n"
      }
      body += evidence(ledger.review.evidence[claim.id] ?? [], context: context)
    case .conflict(let conflict):
      body += "<p class=\"claim\">" + subjectLink(conflict.entity) + " given "
      body += conflict.values.map { "<strong>" + HTML.escape($0.display) + "</strong>" }
        .joined(separator: ", ")
      body += "</p>\n<ul class=\"conflict-claims\">\n"
      for claim in conflict.claims {
        body += "<li class=\"conflict\">" + claimLink(claim.claim.id) + " "
        body += HTML.escape(claim.document) + ":\(claim.claim.location.line) "
        body += statusBadge(claim.status) + sentence(claim, context: context) + "</li>\n"
      }
      body += "</ul>\n"
    }
    let earlier = ledger.history(of: target.id)
    if !earlier.isEmpty {
      body += "<section class=\"earlier\"><h2>Earlier verdicts</h2>\n<ul>\n"
      for verdict in earlier.suffix(5) {
        body += "<li>" + verdictLine(verdict, withTarget: false) + "</li>\n"
      }
      body += "</ul>\n</section>\n"
    }
    return body
  }

  /// The claim's sentence with its date inside `<mark>`.
  static func sentence(_ claim: ResolvedClaim, context: ClaimContext) -> String {
    let sentence = claim.claim.sentence
    if let written = context.dateText(of: claim),
      let range = Self.place(of: written.date, after: written.before, in: sentence)
    {
      return "<blockquote class=\"sentence\">" + HTML.escape(String(sentence[..<range.lowerBound]))
        + "<mark>" + HTML.escape(written.date) + "</mark>"
        + HTML.escape(String(sentence[range.upperBound...])) + "</blockquote>\n"
    }
    // The date as written is not in the folded sentence: mark the value after it.
    return "<blockquote class=\"sentence\">" + HTML.escape(sentence) + " <mark>"
      + HTML.escape(claim.claim.value.display) + "</mark></blockquote>\n"
  }

  /// Where the date stands in the sentence: of its occurrences ("founded in 1920, and the
  /// Treaty of Versailles (1920)"), the one whose preceding words match the document's.
  static func place(of date: String, after before: String, in sentence: String)
    -> Range<String.Index>?
  {
    var best: (range: Range<String.Index>, score: Int)?
    var searchFrom = sentence.startIndex
    while let range = sentence.range(of: date, range: searchFrom..<sentence.endIndex) {
      let prefix = Array(sentence[..<range.lowerBound])
      let context = Array(before)
      var score = 0
      while score < prefix.count, score < context.count,
        prefix[prefix.count - 1 - score] == context[context.count - 1 - score]
      {
        score += 1
      }
      if score > (best?.score ?? -1) { best = (range, score) }
      searchFrom = range.upperBound
    }
    return best?.range
  }

  static func evidence(_ items: [Evidence], context: ClaimContext) -> String {
    guard !items.isEmpty else { return "<p class=\"no-evidence\">No evidence found yet.</p>\n" }
    var body = "<section class=\"evidence\"><h2>Evidence</h2>\n<ul>\n"
    for item in items {
      body += "<li><span class=\"stance \(item.stance.rawValue)\">\(item.stance.rawValue)</span> "
      body += "<q>" + HTML.escape(item.quote) + "</q> — "
      let title = context.sources[item.source]?.title ?? item.source
      if let url = HTML.safeURL(item.url) {
        body += "<a href=\"\(HTML.escape(url))\" rel=\"noopener noreferrer\">"
        body += HTML.escape(title) + "</a>"
      } else {
        body += HTML.escape(title) + " (" + HTML.escape(item.url) + ")"
      }
      if Snapshot.isHash(item.snapshot) {
        body += " (<a href=\"/snapshots/\(item.snapshot)#line-\(item.line)\">snapshot</a>, "
        body += "line \(item.line))"
      }
      body += "</li>\n"
    }
    body += "</ul>\n</section>\n"
    return body
  }

  /// The form that records a verdict, with one button per status the target takes; none for
  /// a reader.
  static func verdictForm(_ target: VerdictTarget, visitor: Visitor, returnTo: String) -> String {
    guard visitor.reviewer != nil, let session = visitor.session else {
      return "<p class=\"read-only\">You can read but not record verdicts.</p>\n"
    }
    let statuses: [VerdictStatus]
    switch target {
    case .claim: statuses = VerdictStatus.forClaims
    case .conflict: statuses = [.distinctEntities, .resolved]
    }
    let keys: [VerdictStatus: String] = [
      .supported: "s", .refuted: "r", .mixed: "m", .unverifiable: "u", .notAClaim: "n",
    ]
    var body = """
      <form id="verdict" method="post" action="/verdicts">
      <input type="hidden" name="target" value="\(HTML.escape(target.id))">
      <input type="hidden" name="csrf" value="\(HTML.escape(session.csrf))">
      <input type="hidden" name="return" value="\(HTML.escape(returnTo))">
      <label>Note <textarea name="note" rows="2" maxlength="\(Desk.noteLimit)"></textarea></label>
      <div class="buttons">

      """
    for status in statuses {
      let key = keys[status].map { " <kbd>\($0)</kbd>" } ?? ""
      body += "<button type=\"submit\" name=\"status\" value=\"\(status.rawValue)\">"
      body += "\(status.rawValue)\(key)</button>\n"
    }
    body += "</div>\n</form>\n"
    return body
  }

  // MARK: Subject page

  static func subject(
    _ entity: Entity, claims: [ResolvedClaim], ledger: Ledger, visitor: Visitor,
    context: ClaimContext
  ) -> String {
    var body = "<h1>\(HTML.escape(entity.name))</h1>\n"
    body += "<p>\(claims.count) claims about this subject.</p>\n"
    body += TimelineSVG.render(
      SubjectTimeline.items(entity: entity, claims: claims, ledger: ledger),
      title: "Dates of " + entity.name)
    body += "<table id=\"claims\">\n<thead><tr><th>Claim</th><th>Place</th><th>Claim</th>"
    body += "<th>Status</th></tr></thead>\n<tbody>\n"
    for item in claims {
      body += "<tr><td>" + claimLink(item.claim.id) + "</td><td>" + HTML.escape(item.document)
      body += ":\(item.claim.location.line)</td><td>" + HTML.escape(item.claim.predicate.rawValue)
      body += " " + HTML.escape(item.claim.value.display) + "</td><td>"
      body += statusBadge(item.status) + "</td></tr>\n"
    }
    body += "</tbody>\n</table>\n"
    return layout(title: entity.name, visitor: visitor, body: body)
  }
}

import ClaimExtraction
import ClaimLedger
import Foundation

/// The desk's HTML, rendered on the server. Every string from the workspace goes through
/// ``HTML/escape(_:)``; the only script is `/static/desk.js` (keyboard shortcuts), so every
/// page reads and every form works without it.
enum Pages {
  /// A page without navigation (login, errors).
  static func bare(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(HTML.escape(title)) · ClaimLedger desk</title>
    <link rel="stylesheet" href="/static/desk.css">
    <script src="/static/desk.js" defer></script>
    </head>
    <body>
    <main>
    \(body)
    </main>
    </body>
    </html>

    """
  }

  /// A page with the navigation and, for a session, the logout form (with its CSRF token).
  static func layout(title: String, visitor: Visitor, body: String) -> String {
    var nav = """
      <nav><a href="/">Overview</a> <a href="/queue">Queue</a> <a href="/claims">Claims</a>
      <span class="who">\(HTML.escape(visitor.shownName))</span>
      """
    if let session = visitor.session, case .account = session.holder {
      nav += """
        <form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" \
        value="\(session.csrf)"><button type="submit">Log out</button></form>
        """
    }
    nav += "</nav>\n"
    return bare(title: title, body: nav + body)
  }

  // MARK: Login

  static func login(csrf: String, error: String?, name: String = "") -> String {
    var body = "<h1>Log in</h1>\n"
    if let error { body += "<p class=\"error\">\(HTML.escape(error))</p>\n" }
    body += """
      <form id="login" method="post" action="/login">
      <input type="hidden" name="csrf" value="\(HTML.escape(csrf))">
      <label>Name <input name="username" autocomplete="username" value="\(HTML.escape(name))" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Log in</button>
      </form>
      """
    return bare(title: "Log in", body: body)
  }

  // MARK: Overview

  static func overview(_ ledger: Ledger, visitor: Visitor) -> String {
    var counts: [ClaimStatus: Int] = [:]
    for claim in ledger.claims { counts[claim.status, default: 0] += 1 }
    var body = "<h1>Overview</h1>\n"
    body += "<p>\(ledger.claims.count) claims in \(ledger.documents.count) documents, "
    body += "\(ledger.conflicts.count) conflicts. "
    let waiting = ReviewQueue.items(ledger).count
    body += "<a href=\"/queue\">\(waiting) waiting for review</a>.</p>\n"
    body += "<h2>Conflicts</h2>\n"
    if ledger.conflicts.isEmpty {
      body += "<p>None.</p>\n"
    } else {
      body += "<ul class=\"conflicts\">\n"
      for conflict in ledger.conflicts {
        body += "<li class=\"conflict\">" + conflictLink(conflict) + ": "
        body += subjectLink(conflict.entity) + " given "
        body += conflict.values.map { HTML.escape($0.display) }.joined(separator: ", ")
        body += "</li>\n"
      }
      body += "</ul>\n"
    }
    body += "<h2>Claims by status</h2>\n<table id=\"status-counts\">\n"
    body += "<thead><tr><th>Status</th><th>Claims</th></tr></thead>\n<tbody>\n"
    for status in ClaimStatus.allCases {
      body += "<tr><td><a href=\"/claims?status=\(status.rawValue)\">\(status.rawValue)</a></td>"
      body += "<td>\(counts[status] ?? 0)</td></tr>\n"
    }
    body += "</tbody>\n</table>\n"
    body += "<h2>Recent verdicts</h2>\n"
    let recent = ledger.review.verdicts.suffix(10).reversed()
    if recent.isEmpty {
      body += "<p>None yet.</p>\n"
    } else {
      body += "<ul class=\"verdicts\">\n"
      for verdict in recent {
        body += "<li>" + verdictLine(verdict, withTarget: true) + "</li>\n"
      }
      body += "</ul>\n"
    }
    return layout(title: "Overview", visitor: visitor, body: body)
  }

  // MARK: Claims list

  struct ClaimFilters: Sendable {
    var status: ClaimStatus?
    var subject: String?
    var document: String?
    var reviewer: String?

    /// The query string these filters make, for links.
    var query: String {
      var parts: [String] = []
      if let status { parts.append("status=" + status.rawValue) }
      if let subject { parts.append("subject=" + HTML.urlComponent(subject)) }
      if let document { parts.append("document=" + HTML.urlComponent(document)) }
      if let reviewer { parts.append("reviewer=" + HTML.urlComponent(reviewer)) }
      return parts.joined(separator: "&")
    }
  }

  /// The most rows a list shows: a page of ten thousand claims helps nobody.
  static let listLimit = 500

  static func claims(
    _ claims: [ResolvedClaim], filters: ClaimFilters, ledger: Ledger, visitor: Visitor
  ) -> String {
    var body = "<h1>Claims</h1>\n"
    body += "<form id=\"filters\" method=\"get\" action=\"/claims\">\n"
    body += "<label>Status <select name=\"status\"><option value=\"\">any</option>"
    for status in ClaimStatus.allCases {
      let selected = filters.status == status ? " selected" : ""
      body += "<option value=\"\(status.rawValue)\"\(selected)>\(status.rawValue)</option>"
    }
    body += "</select></label>\n"
    for (name, value) in [
      ("subject", filters.subject), ("document", filters.document), ("reviewer", filters.reviewer),
    ] {
      let id = name == "subject" ? " id=\"filter\"" : ""
      body += "<label>\(name.capitalized) <input name=\"\(name)\"\(id)"
      body += " value=\"\(HTML.escape(value ?? ""))\"></label>\n"
    }
    body += "<button type=\"submit\">Filter</button>\n</form>\n"
    body += "<p>\(claims.count) claims"
    if claims.count > listLimit { body += ", the first \(listLimit) shown" }
    body += ".</p>\n"
    body += "<table id=\"claims\">\n<thead><tr><th>Claim</th><th>Place</th><th>Subject</th>"
    body += "<th>Claim</th><th>Status</th></tr></thead>\n<tbody>\n"
    for item in claims.prefix(listLimit) {
      let claim = item.claim
      body += "<tr data-target=\"\(HTML.escape(claim.id))\"><td>" + claimLink(claim.id) + "</td>"
      body += "<td>\(HTML.escape(item.document)):\(claim.location.line)</td>"
      body += "<td>" + subjectLink(item.entity) + "</td>"
      body +=
        "<td>\(HTML.escape(claim.predicate.rawValue)) \(HTML.escape(claim.value.display))</td>"
      body += "<td>" + statusBadge(item.status) + "</td></tr>\n"
    }
    body += "</tbody>\n</table>\n"
    return layout(title: "Claims", visitor: visitor, body: body)
  }

  // MARK: Pieces

  static func claimLink(_ id: String) -> String {
    "<a href=\"/claims/\(HTML.urlComponent(id))\">\(HTML.escape(id))</a>"
  }

  static func conflictLink(_ conflict: Conflict) -> String {
    "<a href=\"/conflicts/\(HTML.urlComponent(conflict.id))\">\(HTML.escape(conflict.id))</a>"
  }

  static func subjectLink(_ entity: Entity) -> String {
    "<a class=\"subject\" href=\"/subjects/\(HTML.urlComponent(entity.key))\">"
      + HTML.escape(entity.name) + "</a>"
  }

  static func statusBadge(_ status: ClaimStatus) -> String {
    "<span class=\"status \(status.rawValue)\">\(status.rawValue)</span>"
  }

  static func verdictLine(_ verdict: VerdictRecord, withTarget: Bool) -> String {
    var line = "<time>\(HTML.escape(verdict.time))</time> "
    if withTarget {
      line +=
        verdict.kind == .conflict
        ? "<a href=\"/conflicts/\(HTML.urlComponent(verdict.target))\">"
          + HTML.escape(verdict.target) + "</a> "
        : claimLink(verdict.target) + " "
    }
    line += "<span class=\"verdict \(HTML.escape(verdict.status.rawValue))\">"
    line += HTML.escape(verdict.status.rawValue) + "</span> by <span class=\"reviewer\">"
    line += HTML.escape(verdict.reviewer) + "</span>"
    if let note = verdict.note { line += ": <span class=\"note\">" + HTML.escape(note) + "</span>" }
    return line
  }
}

import ClaimLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import ReviewDesk
import Testing

@Suite("desk pages in local mode")
struct LocalModeTests {
  static let policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none';"
    + " base-uri 'none'; frame-ancestors 'none'"

  @Test("overview: counts by status, conflicts, a strict HttpOnly session cookie, the CSP header")
  func overview() async throws {
    let folder = try DeskWorkspace()
    try await folder.desk().test { client in
      let response = try await client.execute(uri: "/", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentSecurityPolicy] == Self.policy)
      #expect(response.headers[.contentType] == "text/html; charset=utf-8")
      let page = response.text
      #expect(page.contains("<h1>Overview</h1>"))
      #expect(page.contains("<table id=\"status-counts\">"))
      #expect(
        page.contains("<td><a href=\"/claims?status=unverified\">unverified</a></td><td>19</td>"))
      #expect(page.contains("K-c0a7870fbca2") && page.contains("K-1b29e1341c51"))
      #expect(page.contains("<script src=\"/static/desk.js\" defer></script>"))
      #expect(!page.contains("<script>"))
      let cookie = try #require(response.setCookieHeader)
      #expect(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
          && cookie.contains("Path=/"))
    }
  }

  @Test(
    "queue: the item, its sentence with the date marked, the verdict form; a verdict lands and the queue moves on"
  )
  func queueAndVerdict() async throws {
    let folder = try DeskWorkspace()
    try await folder.desk().test { client in
      let first = try await client.execute(uri: "/queue", method: .get)
      let cookie = try #require(first.sessionCookie)
      let page = first.text
      // Conflicts come first: the queue starts with one.
      #expect(page.contains("<article id=\"queue-item\" data-target=\"K-"))
      #expect(page.contains("<blockquote class=\"sentence\">"))
      #expect(page.contains("<button type=\"submit\" name=\"status\" value=\"distinct-entities\">"))
      #expect(page.contains("<input id=\"filter\" name=\"subject\""))
      // The third item is a claim: five buttons, the date inside <mark>.
      let third = try await client.execute(
        uri: "/queue?at=2", method: .get, headers: headers(cookie: cookie))
      let claimPage = third.text
      let target = try #require(
        claimPage.range(of: "data-target=\"C-").map { claimPage[$0.upperBound...].prefix(12) })
      let id = "C-" + target
      #expect(claimPage.contains("<mark>"))
      for status in ["supported", "refuted", "mixed", "unverifiable", "not-a-claim"] {
        #expect(claimPage.contains("name=\"status\" value=\"\(status)\""))
      }
      #expect(claimPage.contains("<form id=\"verdict\" method=\"post\" action=\"/verdicts\">"))
      #expect(claimPage.contains("<input type=\"hidden\" name=\"return\" value=\"/queue?at=2\">"))
      #expect(claimPage.contains("<textarea name=\"note\""))
      #expect(claimPage.contains("rel=\"prev\" href=\"/queue?at=1\""))
      let csrf = try #require(csrfToken(in: claimPage))

      let posted = try await client.execute(
        uri: "/verdicts", method: .post, headers: headers(cookie: cookie, form: true),
        body: form([
          ("target", id), ("status", "supported"), ("note", "checked"), ("csrf", csrf),
          ("return", "/queue?at=2"),
        ]))
      #expect(posted.status == .seeOther)
      #expect(posted.headers[.location] == "/queue?at=2")
      let lines = folder.verdictLines()
      #expect(lines.count == 1)
      #expect(lines.first?.contains("\"reviewer\":\"Local Reviewer <local@example.org>\"") == true)
      #expect(try VerdictLog(workspace: folder.workspace).audit().problem == nil)
      let next = try await client.execute(
        uri: "/queue?at=2", method: .get, headers: headers(cookie: cookie))
      #expect(!next.text.contains("data-target=\"\(id)\""))

      // The claim's page shows it in its history.
      let claim = try await client.execute(
        uri: "/claims/" + id, method: .get, headers: headers(cookie: cookie))
      #expect(claim.status == .ok)
      #expect(claim.text.contains("<ol id=\"history\">\n<li>"))
      #expect(
        claim.text.contains(
          "supported</span> by <span class=\"reviewer\">Local Reviewer &lt;local@example.org&gt;</span>: <span class=\"note\">checked</span>"
        ))
    }
  }

  @Test("the date marked is the claim's own, not an earlier one of the same text in its sentence")
  func markedDate() async throws {
    let folder = try DeskWorkspace()
    try await folder.desk().test { client in
      let page = try await client.execute(uri: "/conflicts/K-c0a7870fbca2", method: .get).text
      #expect(
        page.contains(
          "The League of Nations was founded in 1920, and the Treaty of Versailles (<mark>1920</mark>)"
        ))
      #expect(page.contains("The Treaty of Versailles in <mark>1919</mark> showed"))
    }
  }

  @Test("a form post without the session's CSRF token is refused (403) and writes nothing")
  func csrf() async throws {
    let folder = try DeskWorkspace()
    let id = try folder.ledger().claims[0].claim.id
    try await folder.desk().test { client in
      let page = try await client.execute(uri: "/", method: .get)
      let cookie = try #require(page.sessionCookie)
      for fields in [
        [("target", id), ("status", "supported")],
        [("target", id), ("status", "supported"), ("csrf", "")],
        [("target", id), ("status", "supported"), ("csrf", String(repeating: "0", count: 64))],
      ] {
        let posted = try await client.execute(
          uri: "/verdicts", method: .post, headers: headers(cookie: cookie, form: true),
          body: form(fields))
        #expect(posted.status == .forbidden)
        #expect(posted.text.contains("CSRF"))
      }
      // A valid token without the session cookie is refused too.
      let queue = try await client.execute(
        uri: "/queue?at=3", method: .get, headers: headers(cookie: cookie))
      let token = try #require(csrfToken(in: queue.text))
      let cookieless = try await client.execute(
        uri: "/verdicts", method: .post, headers: formHeaders,
        body: form([("target", id), ("status", "supported"), ("csrf", token)]))
      #expect(cookieless.status == .forbidden)
    }
    #expect(!FileManager.default.fileExists(atPath: folder.verdictsFile))
  }

  @Test("claims filtered by status, subject, document and reviewer; a bad status is 422")
  func filters() async throws {
    let folder = try DeskWorkspace()
    let ledger = try folder.ledger()
    let dover = ledger.claims.filter { $0.entity.name == "Treaty of Dover" }
    try VerdictRecorder(workspace: folder.workspace).record(
      on: .claim(dover[0]), status: .refuted, reviewer: "Ada <ada@example.org>")
    try await folder.desk().test { client in
      let all = try await client.execute(uri: "/claims", method: .get)
      #expect(all.text.components(separatedBy: "<tr data-target=").count - 1 == 19)
      let refuted = try await client.execute(uri: "/claims?status=refuted", method: .get)
      #expect(refuted.text.components(separatedBy: "<tr data-target=").count - 1 == 1)
      #expect(refuted.text.contains(dover[0].claim.id))
      let subject = try await client.execute(uri: "/claims?subject=Treaty+of+Dover", method: .get)
      #expect(subject.text.components(separatedBy: "<tr data-target=").count - 1 == dover.count)
      let document = try await client.execute(
        uri: "/claims?document=articles%2Falliances-after-1945.md", method: .get)
      let inDocument = ledger.claims.filter { $0.document == "articles/alliances-after-1945.md" }
      #expect(
        document.text.components(separatedBy: "<tr data-target=").count - 1 == inDocument.count)
      let reviewer = try await client.execute(uri: "/claims?reviewer=ada", method: .get)
      #expect(reviewer.text.components(separatedBy: "<tr data-target=").count - 1 == 1)
      let bad = try await client.execute(uri: "/claims?status=bogus", method: .get)
      #expect(bad.status == .unprocessableContent)
      #expect(bad.text.contains("&#39;bogus&#39; is not a status"))
    }
  }

  @Test("the subject page draws every dated claim on one timeline, the conflicting years marked")
  func subjectTimeline() async throws {
    let folder = try DeskWorkspace()
    try await folder.desk().test { client in
      let page = try await client.execute(uri: "/subjects/treaty%20of%20dover", method: .get)
      #expect(page.status == .ok)
      let text = page.text
      #expect(text.contains("<svg class=\"timeline\" role=\"img\""))
      #expect(text.contains(">1670</text>") && text.contains(">1672</text>"))
      #expect(text.contains("class=\"item document conflict\""))
      let missing = try await client.execute(uri: "/subjects/no%20such%20thing", method: .get)
      #expect(missing.status == .notFound)
    }
  }

  @Test(
    "verdicts on a conflict: only distinct-entities and resolved; a settled conflict leaves the queue"
  )
  func conflictVerdict() async throws {
    let folder = try DeskWorkspace()
    try await folder.desk().test { client in
      let first = try await client.execute(uri: "/conflicts/K-1b29e1341c51", method: .get)
      #expect(first.status == .ok)
      let cookie = try #require(first.sessionCookie)
      let csrf = try #require(csrfToken(in: first.text))
      #expect(!first.text.contains("value=\"supported\""))
      let posted = try await client.execute(
        uri: "/verdicts", method: .post, headers: headers(cookie: cookie, form: true),
        body: form([
          ("target", "K-1b29e1341c51"), ("status", "resolved"), ("csrf", csrf),
          ("return", "https://evil.example/"),
        ]))
      #expect(posted.status == .seeOther)
      // A return address elsewhere is not followed: the queue instead.
      #expect(posted.headers[.location] == "/queue")
      #expect(try folder.ledger().conflicts.map(\.id) == ["K-c0a7870fbca2"])
    }
  }

  @Test(
    "without a reviewer (no git identity, no CLAIMLEDGER_REVIEWER) local mode reads but records nothing"
  )
  func noReviewer() async throws {
    let folder = try DeskWorkspace()
    let id = try folder.ledger().claims[0].claim.id
    try await folder.desk(reviewer: nil).test { client in
      let page = try await client.execute(uri: "/claims/" + id, method: .get)
      #expect(page.status == .ok)
      #expect(!page.text.contains("<form id=\"verdict\""))
      let api = try await client.execute(
        uri: "/api/verdicts", method: .post, headers: jsonHeaders,
        body: ByteBuffer(string: "{\"target\":\"\(id)\",\"status\":\"supported\"}"))
      #expect(api.status == .forbidden)
    }
    #expect(folder.verdictLines().isEmpty)
  }

  @Test("local mode refuses a non-loopback address, saying why, until accounts exist")
  func nonLoopback() throws {
    let folder = try DeskWorkspace()
    for host in ["0.0.0.0", "192.168.1.10", "example.org", "::"] {
      #expect {
        try folder.desk(host: host).checkStart()
      } throws: { error in
        "\(error.localizedDescription)".contains("not a loopback address")
          && "\(error.localizedDescription)".contains("local mode")
      }
    }
    for host in ["127.0.0.1", "localhost", "::1", "127.0.0.2"] {
      try folder.desk(host: host).checkStart()
    }
    try folder.accounts().add(
      name: "ada", email: "ada@example.org", role: .reviewer, password: "correct horse")
    try folder.desk(host: "0.0.0.0").checkStart()
  }
}

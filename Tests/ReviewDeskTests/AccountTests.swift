import ClaimLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import ReviewDesk
import Testing

@Suite("desk accounts, logins and tokens")
struct AccountTests {
  /// A workspace with a reviewer (ada) and a reader (bo).
  static func withAccounts() throws -> DeskWorkspace {
    let folder = try DeskWorkspace()
    let accounts = folder.accounts()
    try accounts.add(
      name: "ada", email: "ada@example.org", role: .reviewer, password: "correct horse")
    try accounts.add(name: "bo", email: "bo@example.org", role: .reader, password: "battery staple")
    return folder
  }

  /// Logs in through the form; returns the session cookie.
  static func logIn(_ client: some TestClientProtocol, _ name: String, _ password: String)
    async throws -> String?
  {
    let page = try await client.execute(uri: "/login", method: .get)
    guard let cookie = page.sessionCookie, let csrf = csrfToken(in: page.text) else { return nil }
    let posted = try await client.execute(
      uri: "/login", method: .post, headers: headers(cookie: cookie, form: true),
      body: form([("username", name), ("password", password), ("csrf", csrf)]))
    guard posted.status == .seeOther else { return nil }
    return posted.sessionCookie
  }

  @Test("files: names in reviewers.yaml, hashes only in .secrets.json (0600, ignored by git)")
  func files() throws {
    let folder = try Self.withAccounts()
    let yaml = try String(contentsOfFile: folder.root + "/Claims/reviewers.yaml", encoding: .utf8)
    #expect(
      yaml.contains("  - name: \"ada\"\n    email: \"ada@example.org\"\n    role: reviewer\n"))
    #expect(yaml.contains("role: reader"))
    #expect(!yaml.contains("$2b$") && !yaml.contains("correct horse"))
    let secretsPath = folder.root + "/Claims/.secrets.json"
    let secrets = try String(contentsOfFile: secretsPath, encoding: .utf8)
    #expect(secrets.contains("$2b$04$") && !secrets.contains("correct horse"))
    let mode =
      try FileManager.default.attributesOfItem(atPath: secretsPath)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let ignore = try String(contentsOfFile: folder.root + "/Claims/.gitignore", encoding: .utf8)
    #expect(ignore.contains("\n.secrets.json\n"))

    let token = try folder.accounts().issueToken(name: "ada")
    #expect(token.hasPrefix("cld_") && token.count == 68)
    let after = try String(contentsOfFile: secretsPath, encoding: .utf8)
    #expect(!after.contains(token) && !after.contains(String(token.dropFirst(4))))
    #expect(try folder.accounts().list().map(\.name) == ["ada", "bo"])
    #expect(try folder.accounts().revoke(name: "ada") == 1)
    try folder.accounts().remove(name: "bo")
    #expect(try folder.accounts().list().map(\.name) == ["ada"])
    #expect(!(try String(contentsOfFile: secretsPath, encoding: .utf8)).contains("\"bo\""))
  }

  @Test(
    "a workspace from an older init gets .secrets.json added to Claims/.gitignore before the first secret is written"
  )
  func olderWorkspace() throws {
    let folder = try DeskWorkspace()
    let ignore = folder.root + "/Claims/.gitignore"
    try Data("# mine\n*.bak".utf8).write(to: URL(fileURLWithPath: ignore))
    try folder.accounts().add(
      name: "ada", email: "ada@example.org", role: .reviewer, password: "correct horse")
    let text = try String(contentsOfFile: ignore, encoding: .utf8)
    #expect(text.hasPrefix("# mine\n*.bak\n#"))
    #expect(text.hasSuffix("\n.secrets.json\n"))
    try folder.accounts().add(
      name: "bo", email: "bo@example.org", role: .reader, password: "battery staple")
    #expect(try String(contentsOfFile: ignore, encoding: .utf8) == text)
  }

  @Test(
    "refused accounts: duplicate names, bad emails, short or over-long passwords, markup in names")
  func refusedAccounts() throws {
    let folder = try Self.withAccounts()
    let accounts = folder.accounts()
    let cases: [(String, String, String, String)] = [
      ("ADA", "a@example.org", "long enough", "already a reviewer"),
      ("cy", "not-an-email", "long enough", "not an email address"),
      ("cy", "cy@example.org", "short", "too short"),
      ("cy", "cy@example.org", String(repeating: "p", count: 73), "only its first 72 bytes"),
      ("<script>", "cy@example.org", "long enough", "no control character"),
      ("cy\u{1B}[2J", "cy@example.org", "long enough", "no control character"),
      (" cy", "cy@example.org", "long enough", "neither starts nor ends"),
    ]
    for (name, email, password, message) in cases {
      #expect {
        try accounts.add(name: name, email: email, role: .reviewer, password: password)
      } throws: { error in
        error.localizedDescription.contains(message)
      }
    }
    #expect(throws: LedgerError.self) { try accounts.remove(name: "nobody") }
    #expect(throws: LedgerError.self) { try accounts.issueToken(name: "nobody") }
    #expect(try accounts.list().count == 2)
  }

  @Test(
    "pages need a login; a wrong password shows an error; readers see everything and record nothing"
  )
  func login() async throws {
    let folder = try Self.withAccounts()
    let id = try folder.ledger().claims[0].claim.id
    try await folder.desk().test { client in
      let anonymous = try await client.execute(uri: "/", method: .get)
      #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login")
      let loginPage = try await client.execute(uri: "/login", method: .get)
      let page = loginPage.text
      #expect(page.contains("<form id=\"login\" method=\"post\" action=\"/login\">"))
      #expect(page.contains("name=\"username\"") && page.contains("name=\"password\""))
      #expect(page.contains("<button type=\"submit\">"))
      let cookie = try #require(loginPage.sessionCookie)
      let csrf = try #require(csrfToken(in: page))
      let wrong = try await client.execute(
        uri: "/login", method: .post, headers: headers(cookie: cookie, form: true),
        body: form([("username", "ada"), ("password", "wrong password"), ("csrf", csrf)]))
      #expect(wrong.status == .unauthorized)
      #expect(wrong.text.contains("<p class=\"error\">"))
      let noToken = try await client.execute(
        uri: "/login", method: .post, headers: headers(cookie: cookie, form: true),
        body: form([("username", "ada"), ("password", "correct horse")]))
      #expect(noToken.status == .forbidden)

      let reader = try #require(try await Self.logIn(client, "bo", "battery staple"))
      let claimPage = try await client.execute(
        uri: "/claims/" + id, method: .get, headers: headers(cookie: reader))
      #expect(claimPage.status == .ok)
      #expect(!claimPage.text.contains("<form id=\"verdict\""))
      #expect(claimPage.text.contains("<form id=\"logout\""))
      let readerToken = try #require(csrfToken(in: claimPage.text))
      let refused = try await client.execute(
        uri: "/verdicts", method: .post, headers: headers(cookie: reader, form: true),
        body: form([("target", id), ("status", "supported"), ("csrf", readerToken)]))
      #expect(refused.status == .forbidden)

      let reviewer = try #require(try await Self.logIn(client, "ada", "correct horse"))
      let queue = try await client.execute(
        uri: "/queue?at=2", method: .get, headers: headers(cookie: reviewer))
      let token = try #require(csrfToken(in: queue.text))
      let target = try #require(
        queue.text.range(of: "data-target=\"").map {
          String(queue.text[$0.upperBound...].prefix(14))
        })
      let posted = try await client.execute(
        uri: "/verdicts", method: .post, headers: headers(cookie: reviewer, form: true),
        body: form([("target", target), ("status", "unverifiable"), ("csrf", token)]))
      #expect(posted.status == .seeOther)

      // Logging out ends the session.
      let logout = try await client.execute(
        uri: "/logout", method: .post, headers: headers(cookie: reviewer, form: true),
        body: form([("csrf", token)]))
      #expect(logout.status == .seeOther)
      let afterwards = try await client.execute(
        uri: "/", method: .get, headers: headers(cookie: reviewer))
      #expect(afterwards.headers[.location] == "/login")
    }
    #expect(folder.verdictLines().count == 1)
    #expect(folder.verdictLines()[0].contains("\"reviewer\":\"ada <ada@example.org>\""))
  }

  @Test(
    "login attempts are rate-limited per name: the sixth try in the window is refused even with the right password"
  )
  func rateLimit() async throws {
    let folder = try Self.withAccounts()
    try await folder.desk().test { client in
      let page = try await client.execute(uri: "/login", method: .get)
      let cookie = try #require(page.sessionCookie)
      let csrf = try #require(csrfToken(in: page.text))
      for _ in 0..<5 {
        let wrong = try await client.execute(
          uri: "/login", method: .post, headers: headers(cookie: cookie, form: true),
          body: form([("username", "ada"), ("password", "guess guess"), ("csrf", csrf)]))
        #expect(wrong.status == .unauthorized)
      }
      let limited = try await client.execute(
        uri: "/login", method: .post, headers: headers(cookie: cookie, form: true),
        body: form([("username", "ada"), ("password", "correct horse"), ("csrf", csrf)]))
      #expect(limited.status == .tooManyRequests)
      #expect(limited.text.contains("<p class=\"error\">Too many failed attempts"))
      // Another name is not held up by ada's failures.
      #expect(try await Self.logIn(client, "bo", "battery staple") != nil)
    }
  }

  @Test(
    "the API needs a token once accounts exist: 401 without or with a bad one, 403 for a reader, revoked tokens stop working"
  )
  func tokens() async throws {
    let folder = try Self.withAccounts()
    let id = try folder.ledger().claims[1].claim.id
    let adaToken = try folder.accounts().issueToken(name: "ada")
    let boToken = try folder.accounts().issueToken(name: "bo")
    let body = ByteBuffer(string: "{\"target\":\"\(id)\",\"status\":\"supported\",\"note\":\"ok\"}")
    let desk = folder.desk()
    try await desk.test { client in
      let none = try await client.execute(uri: "/api/claims", method: .get)
      #expect(none.status == .unauthorized)
      #expect(none.headers[.wwwAuthenticate] == "Bearer")
      let bad = try await client.execute(
        uri: "/api/claims", method: .get,
        headers: bearer("cld_" + String(repeating: "0", count: 64)))
      #expect(bad.status == .unauthorized)
      let malformed = try await client.execute(
        uri: "/api/claims", method: .get, headers: [.authorization: "Basic YWRhOmNvcnJlY3Q="])
      #expect(malformed.status == .unauthorized)
      let reader = try await client.execute(
        uri: "/api/claims", method: .get, headers: bearer(boToken))
      #expect(reader.status == .ok)
      let readerPost = try await client.execute(
        uri: "/api/verdicts", method: .post, headers: bearer(boToken), body: body)
      #expect(readerPost.status == .forbidden)
      let noTokenPost = try await client.execute(
        uri: "/api/verdicts", method: .post, headers: jsonHeaders, body: body)
      #expect(noTokenPost.status == .unauthorized)
      let created = try await client.execute(
        uri: "/api/verdicts", method: .post, headers: bearer(adaToken), body: body)
      #expect(created.status == .created)
      #expect(created.json["reviewer"] as? String == "ada <ada@example.org>")

      try folder.accounts().revoke(name: "ada")
      let revoked = try await client.execute(
        uri: "/api/verdicts", method: .post, headers: bearer(adaToken), body: body)
      #expect(revoked.status == .unauthorized)
    }
    #expect(folder.verdictLines().count == 1)
  }
}

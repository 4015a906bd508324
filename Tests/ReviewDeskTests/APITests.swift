import ClaimLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import ReviewDesk
import Testing

@Suite("desk JSON API")
struct APITests {
  @Test("GET /api/claims gives the CLI's JSON, filtered by status, subject and document")
  func claims() async throws {
    let folder = try DeskWorkspace()
    let ledger = try folder.ledger()
    try await folder.desk().test { client in
      let all = try await client.execute(uri: "/api/claims", method: .get)
      #expect(all.status == .ok)
      #expect(all.headers[.contentType] == "application/json; charset=utf-8")
      // Byte for byte what `claimledger claims --format json` prints.
      #expect(all.text == (try Listing.json(Listing.Claims(ledger.claims))))
      let nato = try await client.execute(uri: "/api/claims?subject=NATO", method: .get)
      #expect((nato.json["claims"] as? [[String: Any]])?.count == 2)
      let document = try await client.execute(
        uri: "/api/claims?document=articles/alliances-after-1945.md", method: .get)
      let claims = try #require(document.json["claims"] as? [[String: Any]])
      #expect(
        !claims.isEmpty
          && claims.allSatisfy { $0["document"] as? String == "articles/alliances-after-1945.md" })
      let unverified = try await client.execute(uri: "/api/claims?status=unverified", method: .get)
      #expect((unverified.json["claims"] as? [[String: Any]])?.count == 19)
      let bad = try await client.execute(uri: "/api/claims?status=maybe", method: .get)
      #expect(bad.status == .unprocessableContent)
      #expect((bad.json["error"] as? String)?.contains("'maybe' is not a status") == true)
    }
  }

  @Test("GET /api/claims/{id} with evidence and history; GET /api/conflicts")
  func claimAndConflicts() async throws {
    let folder = try DeskWorkspace()
    let ledger = try folder.ledger()
    let claim = ledger.claims[3]
    try VerdictRecorder(workspace: folder.workspace).record(
      on: .claim(claim), status: .mixed, reviewer: "Ada", note: "two sources disagree")
    try await folder.desk().test { client in
      let one = try await client.execute(uri: "/api/claims/" + claim.claim.id, method: .get)
      #expect(one.status == .ok)
      let body = one.json
      #expect((body["claim"] as? [String: Any])?["id"] as? String == claim.claim.id)
      #expect((body["claim"] as? [String: Any])?["status"] as? String == "mixed")
      #expect((body["evidence"] as? [Any])?.isEmpty == true)
      let verdicts = try #require(body["verdicts"] as? [[String: Any]])
      #expect(verdicts.count == 1 && verdicts[0]["note"] as? String == "two sources disagree")
      let unknown = try await client.execute(uri: "/api/claims/C-000000000000", method: .get)
      #expect(unknown.status == .notFound)
      #expect(unknown.json["error"] != nil)
      let conflicts = try await client.execute(uri: "/api/conflicts", method: .get)
      #expect(conflicts.text == (try Listing.json(Listing.Conflicts(ledger.conflicts))))
    }
  }

  @Test(
    "POST /api/verdicts: 201 with the verdict; 422 bad status or oversized note; 404 unknown id; 400 not JSON; 415 not sent as JSON; 413 past the limit"
  )
  func postVerdicts() async throws {
    let folder = try DeskWorkspace()
    let id = try folder.ledger().claims[0].claim.id
    try await folder.desk().test { client in
      func post(_ body: String, headers: HTTPFields = jsonHeaders) async throws -> TestResponse {
        try await client.execute(
          uri: "/api/verdicts", method: .post, headers: headers, body: ByteBuffer(string: body))
      }
      let created = try await post(
        "{\"target\":\"\(id)\",\"status\":\"refuted\",\"note\":\"1672 in the treaty text\"}")
      #expect(created.status == .created)
      #expect(created.json["target"] as? String == id)
      #expect(created.json["status"] as? String == "refuted")
      #expect(created.json["reviewer"] as? String == "Local Reviewer <local@example.org>")
      #expect((created.json["id"] as? String)?.hasPrefix("V-") == true)

      let badStatus = try await post("{\"target\":\"\(id)\",\"status\":\"true-ish\"}")
      #expect(badStatus.status == .unprocessableContent)
      #expect((badStatus.json["error"] as? String)?.contains("'true-ish' is not a verdict") == true)
      let conflictStatus = try await post("{\"target\":\"\(id)\",\"status\":\"resolved\"}")
      #expect(conflictStatus.status == .unprocessableContent)
      let longNote = String(repeating: "n", count: 4001)
      let tooLong = try await post(
        "{\"target\":\"\(id)\",\"status\":\"supported\",\"note\":\"\(longNote)\"}")
      #expect(tooLong.status == .unprocessableContent)
      #expect((tooLong.json["error"] as? String)?.contains("4001 characters") == true)
      let missing = try await post("{\"status\":\"supported\"}")
      #expect(missing.status == .unprocessableContent)
      let unknown = try await post("{\"target\":\"C-0000000000ff\",\"status\":\"supported\"}")
      #expect(unknown.status == .notFound)
      let traversal = try await post("{\"target\":\"../../etc/passwd\",\"status\":\"supported\"}")
      #expect(traversal.status == .notFound)
      for malformed in ["{", "[1,2]", "not json", "{\"target\": 5}", ""] {
        let response = try await post(malformed)
        #expect(response.status == .badRequest, "\(malformed)")
        #expect(response.json["error"] != nil)
      }
      let formPost = try await post(
        "{\"target\":\"\(id)\",\"status\":\"supported\"}", headers: formHeaders)
      #expect(formPost.status == .unsupportedMediaType)
      let huge = try await post(
        "{\"target\":\"\(id)\",\"status\":\"supported\",\"note\":\""
          + String(repeating: "x", count: 200_000) + "\"}")
      #expect(huge.status == .contentTooLarge)
    }
    // Only the one good verdict was written, and the chain is whole.
    #expect(folder.verdictLines().count == 1)
    #expect(try VerdictLog(workspace: folder.workspace).audit().problem == nil)
  }

  @Test("the desk reads the files again when the CLI (or another desk) changed them")
  func freshAfterChanges() async throws {
    let folder = try DeskWorkspace()
    let claim = try folder.ledger().claims[2]
    try await folder.desk().test { client in
      let before = try await client.execute(uri: "/api/claims/" + claim.claim.id, method: .get)
      #expect((before.json["verdicts"] as? [Any])?.count == 0)
      try VerdictRecorder(workspace: folder.workspace).record(
        on: .claim(claim), status: .supported, reviewer: "CLI")
      let after = try await client.execute(uri: "/api/claims/" + claim.claim.id, method: .get)
      #expect((after.json["verdicts"] as? [Any])?.count == 1)
      #expect((after.json["claim"] as? [String: Any])?["status"] as? String == "supported")

      try Data("The Treaty of Utrecht was signed in 1713.\n".utf8).write(
        to: URL(fileURLWithPath: folder.root + "/articles/utrecht.md"))
      _ = try Scan(workspace: folder.workspace).perform(paths: [])
      let claims = try await client.execute(
        uri: "/api/claims?subject=Treaty+of+Utrecht", method: .get)
      #expect((claims.json["claims"] as? [Any])?.count == 1)
    }
  }

  @Test("bad requests never take the server down: unknown routes, traversal in ids, huge bodies")
  func badRequests() async throws {
    let folder = try DeskWorkspace()
    let before = try String(contentsOfFile: folder.root + "/Claims/config.yaml", encoding: .utf8)
    try await folder.desk().test { client in
      for uri in [
        "/nowhere", "/api/nowhere", "/claims/..%2F..%2Fetc%2Fpasswd", "/claims/C-zz",
        "/api/claims/..%2F..%2FClaims%2Fconfig.yaml", "/snapshots/..%2F..%2Fetc%2Fpasswd",
        "/subjects/..%2F..", "/conflicts/C-1234", "/static/../Claims/config.yaml",
        "/claims/C-00000000%00",
      ] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .notFound, "\(uri)")
        #expect(!response.text.contains("schema:"), "\(uri)")
        #expect(response.headers[.contentSecurityPolicy] != nil)
      }
      let huge = try await client.execute(
        uri: "/verdicts", method: .post, headers: formHeaders,
        body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 1_000_000))
      #expect(huge.status == .contentTooLarge)
      let nonsense = try await client.execute(
        uri: "/verdicts", method: .post, headers: formHeaders,
        body: ByteBuffer(bytes: [0xFF, 0xFE, 0x00, 0x25, 0x25, 0x3D]))
      #expect(nonsense.status == .forbidden)
      // Still serving.
      let after = try await client.execute(uri: "/api/conflicts", method: .get)
      #expect(after.status == .ok)
    }
    #expect(
      try String(contentsOfFile: folder.root + "/Claims/config.yaml", encoding: .utf8) == before)
    #expect(!FileManager.default.fileExists(atPath: folder.verdictsFile))
  }
}

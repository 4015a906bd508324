import ClaimLedger
import ClaimVerification
import Foundation
import TestServers
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A workspace with one short article: two claims in conflict, one claim apart.
func reviewWorkspace() throws -> TemporaryWorkspace {
  let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
  try workspace.write(
    "docs/a.md",
    """
    The Treaty of Dover was signed in 1670.

    The Peace of Westphalia was signed in 1648.

    Years later the Treaty of Dover of 1672 was remembered.
    """)
  try workspace.scan()
  return workspace
}

func logLines(_ workspace: TemporaryWorkspace) throws -> [String] {
  try String(contentsOfFile: workspace.root + "/Claims/verdicts.jsonl", encoding: .utf8)
    .split(separator: "\n").map(String.init)
}

func writeLog(_ workspace: TemporaryWorkspace, _ lines: [String]) throws {
  try workspace.write("Claims/verdicts.jsonl", lines.map { $0 + "\n" }.joined())
}

@Suite("Verdicts and the hash-chained log", .serialized)
struct VerdictTests {
  func record(
    _ workspace: TemporaryWorkspace, _ id: String, _ status: VerdictStatus, note: String? = nil,
    evidence: String? = nil
  ) throws -> VerdictRecord {
    let ledger = try Ledger.load(workspace.workspace)
    return try VerdictRecorder(workspace: workspace.workspace).record(
      on: try ledger.target(id), status: status, reviewer: "Ann <ann@example.org>", note: note,
      evidence: evidence)
  }

  func claimId(_ workspace: TemporaryWorkspace, year: String) throws -> String {
    try #require(
      try Ledger.load(workspace.workspace).claims.first { $0.claim.value.edtf == year }
    ).claim.id
  }

  @Test("lines chain: each names the previous hash; the latest verdict wins; history keeps all")
  func chain() throws {
    let workspace = try reviewWorkspace()
    let id = try claimId(workspace, year: "1648")
    let first = try record(workspace, id, .unverifiable)
    let second = try record(workspace, id, .supported, note: "checked in two encyclopedias")
    #expect(first.prev == VerdictLog.genesis)
    #expect(second.prev == first.hash)
    let ledger = try Ledger.load(workspace.workspace)
    #expect(ledger.claims.first { $0.claim.id == id }?.status == .supported)
    #expect(ledger.history(of: id).map(\.status) == [.unverifiable, .supported])
    #expect(try VerdictLog(workspace: workspace.workspace).audit().problem == nil)
    // Lines are canonical JSON: sorted keys, the hash over the line without it.
    let line = try #require(try logLines(workspace).last)
    #expect(line.hasPrefix("{\"claim\":{\"document\":\"docs/a.md\""))
    #expect(line.contains("\"note\":\"checked in two encyclopedias\""))
  }

  @Test("a prefix of an id is enough when it fits one; unknown and ambiguous ids are errors")
  func ids() throws {
    let workspace = try reviewWorkspace()
    let ledger = try Ledger.load(workspace.workspace)
    let id = try claimId(workspace, year: "1648")
    #expect(try ledger.target(String(id.prefix(8))).id == id)
    #expect(throws: LedgerError.unknownId("C-000000", candidates: [])) {
      try ledger.target("C-000000")
    }
    #expect(throws: LedgerError.self) { try ledger.target("C-") }
  }

  @Test("a distinct-entities verdict stops a conflict being reported; history keeps it")
  func distinctEntities() throws {
    let workspace = try reviewWorkspace()
    let conflict = try #require(try Ledger.load(workspace.workspace).conflicts.first)
    _ = try record(workspace, conflict.id, .distinctEntities, note: "two treaties of Dover")
    let ledger = try Ledger.load(workspace.workspace)
    #expect(ledger.conflicts.isEmpty)
    #expect(ledger.settledConflicts.map(\.id) == [conflict.id])
    #expect(try workspace.scan().diagnostics.isEmpty)
    // Claim verdicts are not conflict verdicts.
    #expect(throws: LedgerError.self) {
      _ = try record(workspace, try claimId(workspace, year: "1670"), .distinctEntities)
    }
  }

  @Test("a not-a-claim verdict takes a claim out of its conflict")
  func notAClaim() throws {
    let workspace = try reviewWorkspace()
    _ = try record(workspace, try claimId(workspace, year: "1672"), .notAClaim)
    #expect(try Ledger.load(workspace.workspace).conflicts.isEmpty)
  }

  @Test("a claim whose sentence changed since its verdict needs review")
  func sentenceChanged() throws {
    let workspace = try reviewWorkspace()
    _ = try record(workspace, try claimId(workspace, year: "1648"), .supported)
    try workspace.write(
      "docs/a.md",
      """
      The Treaty of Dover was signed in 1670.

      After long talks the Peace of Westphalia was signed in 1648.

      Years later the Treaty of Dover of 1672 was remembered.
      """)
    try workspace.scan()
    let ledger = try Ledger.load(workspace.workspace)
    #expect(ledger.claims.first { $0.claim.value.edtf == "1648" }?.status == .needsReview)
    // The others never had a verdict.
    #expect(ledger.claims.first { $0.claim.value.edtf == "1670" }?.status == .unverified)
  }

  @Test("a claim whose cited snapshot was replaced by a re-fetch with other content needs review")
  func snapshotReplaced() throws {
    let workspace = try reviewWorkspace()
    let nginx = try Nginx(files: ["ref.html": Array("<p>The Peace of Westphalia (1648).</p>".utf8)])
    try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "ref", url: nginx.base + "/ref.html"))
    _ = try FetchReferences(workspace: workspace.workspace).perform()
    let id = try claimId(workspace, year: "1648")
    let verdict = try record(workspace, id, .supported, evidence: "ref")
    #expect(verdict.evidence?.snapshot?.count == 64)
    #expect(
      try Ledger.load(workspace.workspace).claims.first { $0.claim.id == id }?.status == .supported)
    // The same content again changes nothing; other content makes the verdict stale.
    _ = try FetchReferences(workspace: workspace.workspace).perform()
    #expect(
      try Ledger.load(workspace.workspace).claims.first { $0.claim.id == id }?.status == .supported)
    try Data("<p>The Peace of Westphalia was signed in 1648, in two cities.</p>".utf8).write(
      to: URL(fileURLWithPath: nginx.root + "/ref.html"))
    let refetch = try FetchReferences(workspace: workspace.workspace).perform()
    #expect(refetch.fetched.count == 1)
    #expect(
      try Ledger.load(workspace.workspace).claims.first { $0.claim.id == id }?.status
        == .needsReview)
  }

  @Test("audit finds an edited, a deleted and two swapped lines at the right line")
  func tampering() throws {
    let workspace = try reviewWorkspace()
    let id = try claimId(workspace, year: "1648")
    for index in 1...6 { _ = try record(workspace, id, .supported, note: "check \(index)") }
    let log = VerdictLog(workspace: workspace.workspace)
    let original = try logLines(workspace)

    var edited = original
    edited[2] = edited[2].replacingOccurrences(of: "check 3", with: "check three")
    try writeLog(workspace, edited)
    let edit = try #require(try log.audit().problem)
    #expect(edit.kind == .edited && edit.line == 3)

    var deleted = original
    deleted.remove(at: 3)
    try writeLog(workspace, deleted)
    let removal = try #require(try log.audit().problem)
    #expect(removal.kind == .removed && removal.line == 4)

    var swapped = original
    swapped.swapAt(1, 2)
    try writeLog(workspace, swapped)
    let reorder = try #require(try log.audit().problem)
    #expect(reorder.kind == .reordered && reorder.line == 2)

    var firstGone = original
    firstGone.removeFirst()
    try writeLog(workspace, firstGone)
    #expect(try log.audit().problem?.line == 1)

    try writeLog(workspace, original)
    #expect(try log.audit().problem == nil)
    // --repair touches nothing when the damage is not a torn last line.
    try writeLog(workspace, edited)
    #expect(throws: LedgerError.self) { _ = try log.repairTornTail() }
    #expect(try logLines(workspace) == edited)
  }

  @Test("a torn last line is reported, blocks appends, and --repair removes only it")
  func tornTail() throws {
    let workspace = try reviewWorkspace()
    let id = try claimId(workspace, year: "1648")
    for index in 1...3 { _ = try record(workspace, id, .supported, note: "\(index)") }
    let log = VerdictLog(workspace: workspace.workspace)
    let whole = try Data(contentsOf: URL(fileURLWithPath: log.path))
    let torn = whole + Data(#"{"claim":{"document":"docs/a.md","pre"#.utf8)
    try torn.write(to: URL(fileURLWithPath: log.path))
    let problem = try #require(try log.audit().problem)
    #expect(problem.kind == .torn && problem.line == 4)
    #expect(throws: LedgerError.self) { _ = try record(workspace, id, .refuted) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: log.path)) == torn)
    #expect(try log.repairTornTail() == torn.count - whole.count)
    #expect(try Data(contentsOf: URL(fileURLWithPath: log.path)) == whole)
    #expect(try log.audit().problem == nil)
    _ = try record(workspace, id, .refuted)
    #expect(try log.audit().lines == 4)
  }

  @Test("unknown ids, conflict-only statuses, empty reviewers and stray quotes write nothing")
  func refusals() throws {
    let workspace = try reviewWorkspace()
    let id = try claimId(workspace, year: "1648")
    _ = try record(workspace, id, .supported)
    let before = try Data(
      contentsOf: URL(fileURLWithPath: workspace.root + "/Claims/verdicts.jsonl"))
    let ledger = try Ledger.load(workspace.workspace)
    let recorder = VerdictRecorder(workspace: workspace.workspace)
    #expect(throws: LedgerError.self) {
      try recorder.record(on: try ledger.target(id), status: .supported, reviewer: "  ")
    }
    #expect(throws: LedgerError.self) {
      try recorder.record(on: try ledger.target(id), status: .resolved, reviewer: "Ann")
    }
    #expect(throws: LedgerError.self) {
      try recorder.record(
        on: try ledger.target(id), status: .supported, reviewer: "Ann", evidence: "nowhere")
    }
    #expect(throws: LedgerError.self) {
      try recorder.record(
        on: try ledger.target(id), status: .supported, reviewer: "Ann", quote: "words")
    }
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: workspace.root + "/Claims/verdicts.jsonl"))
        == before)
  }

  @Test("the review queue: conflicts first, then contradicted claims, then the rest")
  func queue() throws {
    let workspace = try reviewWorkspace()
    let nginx = try Nginx(files: [
      "ref.html": Array("<p>The Peace of Westphalia was signed in 1649.</p>".utf8)
    ])
    try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "ref", url: nginx.base + "/ref.html"))
    _ = try FetchReferences(workspace: workspace.workspace).perform()
    try Verifier(workspace: workspace.workspace).perform()
    let ledger = try Ledger.load(workspace.workspace)
    let order = ReviewQueue.items(ledger).map { item -> String in
      switch item {
      case .conflict(let conflict): return "conflict " + conflict.entity.name
      case .claim(let claim): return claim.claim.value.edtf
      }
    }
    #expect(order == ["conflict Treaty of Dover", "1648", "1670", "1672"])
    // A claim with a verdict leaves the queue.
    _ = try record(workspace, try claimId(workspace, year: "1670"), .supported)
    #expect(ReviewQueue.items(try Ledger.load(workspace.workspace)).count == 3)
  }
}

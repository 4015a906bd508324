import ClaimExtraction
import ClaimLedger
import ClaimVerification
import Foundation
import TestServers
import Testing

/// Reference pages written for these tests: one on each Treaty of Westminster.
let westminster1674Page = Array(
  """
  <html><head><title>Treaty of Westminster (1674)</title></head><body>
  <nav>Home | History | Treaties</nav>
  <h1>The peace of 1674</h1>
  <p>The Treaty of Westminster was signed on 19 February 1674 by England and the Dutch
  Republic.</p>
  <p>It ended the Third Anglo-Dutch War; New Netherland went back to England.</p>
  </body></html>
  """.utf8)

let westminster1654Page = Array(
  """
  <html><head><title>Treaty of Westminster (1654)</title></head><body>
  <h1>The peace of 1654</h1>
  <p>The Treaty of Westminster was signed on 5 April 1654 and ended the First Anglo-Dutch
  War.</p>
  <p>Oliver Cromwell's envoys negotiated the Treaty of Westminster with the States General.</p>
  </body></html>
  """.utf8)

@Suite("Verification against fetched references", .serialized)
struct VerificationTests {
  /// The first seed essay, in a workspace whose registry holds both reference pages, fetched.
  func seedWithReferences(
    covers: [String] = ["Treaty of Westminster"], covers1654: [String]? = nil
  ) throws -> (TemporaryWorkspace, Nginx) {
    let nginx = try Nginx(files: [
      "w1674.html": westminster1674Page, "w1654.html": westminster1654Page,
    ])
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [seeds]\n")
    try FileManager.default.createSymbolicLink(
      atPath: workspace.root + "/seeds", withDestinationPath: seedsFolder)
    try workspace.scan()
    let registry = SourceRegistry(workspace: workspace.workspace)
    try registry.add(Source(id: "w1674", url: nginx.base + "/w1674.html", covers: covers))
    try registry.add(
      Source(id: "w1654", url: nginx.base + "/w1654.html", covers: covers1654 ?? covers))
    let fetched = try FetchReferences(workspace: workspace.workspace).perform()
    #expect(fetched.fetched.count == 2)
    return (workspace, nginx)
  }

  func claim(_ ledger: Ledger, year: String) throws -> ResolvedClaim {
    try #require(
      ledger.claims.first {
        $0.entity.name == "Treaty of Westminster" && $0.claim.value.edtf == year
      })
  }

  @Test(
    "the 1651 claim fits neither Treaty of Westminster the references know; 1674 is supported")
  func westminster() throws {
    let (workspace, _) = try seedWithReferences()
    let report = try Verifier(workspace: workspace.workspace).perform()
    #expect(report.snapshots == 2)
    let ledger = try Ledger.load(workspace.workspace)
    let wrong = try claim(ledger, year: "1651")
    let evidence = ledger.review.evidence[wrong.claim.id] ?? []
    let contradicting = evidence.filter { $0.stance == .contradicts }
    // Each page's lead dates its treaty: each is about one Treaty of Westminster.
    #expect(Set(contradicting.map(\.source)) == ["w1654", "w1674"])
    #expect(Set(contradicting.compactMap(\.value?.edtf)) == ["1654", "1674"])
    #expect(contradicting.allSatisfy { $0.about != nil })
    #expect(!evidence.contains { $0.stance == .supports })
    #expect(wrong.status == .evidenceFound && wrong.suggestion == .contradicted)
    let warning = try #require(report.diagnostics.first)
    #expect(
      warning.message
        == "\"Treaty of Westminster\" dated 1651 here, but the references know Treaties of Westminster of 1654 and 1674"
    )
    #expect(report.diagnostics.count == 1)

    let right = try claim(ledger, year: "1674")
    let rightEvidence = ledger.review.evidence[right.claim.id] ?? []
    let support = rightEvidence.filter { $0.stance == .supports }
    #expect(support.map(\.source) == ["w1674"])
    // The page on the treaty of 1654 says nothing about the one of 1674.
    #expect(!rightEvidence.contains { $0.source == "w1654" })
    let quote = try #require(support.first)
    #expect(
      quote.quote
        == "The Treaty of Westminster was signed on 19 February 1674 by England and the Dutch Republic."
    )
    // The place is in the snapshot's text file, and the hash names the snapshot.
    let store = SnapshotStore(workspace: workspace.workspace)
    let text = try String(contentsOfFile: store.textPath(quote.snapshot), encoding: .utf8)
    let line = text.components(separatedBy: "\n")[quote.line - 1]
    #expect(
      Array(line.unicodeScalars)[(quote.column - 1)...].starts(with: "19 February".unicodeScalars))
    #expect(right.status == .evidenceFound && right.suggestion == .supported)
    // A claim on a subject no reference names stays unverified.
    #expect(
      ledger.claims.contains { $0.entity.name.contains("Westphalia") && $0.status == .unverified })
  }

  @Test("verify writes the same bytes twice, sorted, with no times")
  func deterministic() throws {
    let (workspace, _) = try seedWithReferences()
    let first = try Verifier(workspace: workspace.workspace).perform()
    #expect(first.changed)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.workspace.evidenceFile))
    let second = try Verifier(workspace: workspace.workspace).perform()
    #expect(!second.changed)
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.workspace.evidenceFile)) == bytes)
    let file = try #require(try EvidenceFile.load(workspace.workspace))
    #expect(file.claims.map(\.claim) == file.claims.map(\.claim).sorted())
    #expect(file.snapshots.map(\.source) == ["w1654", "w1674"])
  }

  @Test("sources that cover a subject are the only ones searched for it")
  func coverage() throws {
    let (workspace, _) = try seedWithReferences(covers1654: [])
    try Verifier(workspace: workspace.workspace).perform()
    let ledger = try Ledger.load(workspace.workspace)
    let wrong = try claim(ledger, year: "1651")
    #expect(Set((ledger.review.evidence[wrong.claim.id] ?? []).map(\.source)) == ["w1674"])
  }

  @Test("reference claims compare by the conflict rules: precision, predicates, ranges")
  func stances() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write(
      "docs/a.md",
      """
      The Thirty Years' War ended in 1648.

      The North Atlantic Treaty Organization was founded in 1949.

      The Treaty of Paris was signed in 1783.
      """)
    try workspace.write(
      "Claims/aliases.yaml",
      """
      schema: 1
      same: []
      distinct:
        - name: Treaty of Paris
          entities:
            - name: Treaty of Paris (1763)
              years: [1763]
            - name: Treaty of Paris (1783)
              years: [1783]
      """)
    try workspace.scan()
    let page = Array(
      """
      <p>The Thirty Years' War (1618–1648) devastated Central Europe.</p>
      <p>NATO was mentioned in 1999, and the North Atlantic Treaty Organization (NATO) was
      founded in April 1949.</p>
      <p>The Treaty of Paris was signed in 1763.</p>
      """.utf8)
    let nginx = try Nginx(files: ["ref.html": page])
    try SourceRegistry(workspace: workspace.workspace).add(
      Source(id: "ref", url: nginx.base + "/ref.html"))
    _ = try FetchReferences(workspace: workspace.workspace).perform()
    try Verifier(workspace: workspace.workspace).perform()
    let ledger = try Ledger.load(workspace.workspace)
    func stances(_ name: String) -> [Stance] {
      let claim = ledger.claims.first { $0.entity.name.contains(name) }!
      return (ledger.review.evidence[claim.claim.id] ?? []).map(\.stance)
    }
    // "ended 1648" agrees with the range's end.
    #expect(stances("Thirty Years") == [.supports])
    // Founded 1949 and founded April 1949 agree at the shared precision; a year NATO is
    // merely mentioned in does not contradict its founding.
    #expect(stances("North Atlantic") == [.supports])
    // The 1763 treaty is another entity by aliases.yaml: no evidence for the 1783 one.
    #expect(stances("Treaty of Paris") == [])
  }
}

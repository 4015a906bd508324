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

/// Pages written for these tests: two Treaties of Paris told apart only by their titles, and
/// a page with a caption.
@Suite("References about one of several entities of a name", .serialized)
struct ReferenceIdentityTests {
  let document = """
    The Treaty of Paris was signed in 1763 after the Seven Years' War.

    The Treaty of Paris was signed in 1783 and recognised the United States.

    Some say the Treaty of Paris was signed in 1795.

    The Warsaw Pact was signed in 1955.

    The Treaty of Versailles dates from 1919.
    """

  @Test("titles tell same-named entities apart in scans and in verification")
  func treatiesOfParis() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write("docs/a.md", document)
    // Without references, three years of one treaty conflict.
    #expect(try workspace.scan().ledger.conflicts.count == 1)
    let nginx = try Nginx(files: [
      "p1763.html": Array(
        "<h1>Treaty of Paris (1763)</h1><p>The treaty ended the Seven Years' War.</p>".utf8),
      "p1783.html": Array(
        """
        <h1>Treaty of Paris (1783)</h1>
        <p>The Treaty of Paris was signed on 3 September 1783 by Britain and the United States.</p>
        """.utf8),
      "pact.html": Array(
        """
        <h1>Warsaw Pact</h1>
        <p>The Warsaw Pact in 1990</p>
        <p>The Warsaw Pact was signed on 14 May 1955 in Warsaw.</p>
        """.utf8),
      "versailles.html": Array(
        """
        <h1>Treaty of Versailles</h1>
        <p>The Treaty of Versailles was a peace treaty. It was signed on 28 June 1919.</p>
        """.utf8),
    ])
    let registry = SourceRegistry(workspace: workspace.workspace)
    for (id, title, covers) in [
      ("p1763", "Treaty of Paris (1763)", "Treaty of Paris"),
      ("p1783", "Treaty of Paris (1783) - Wikipedia", "Treaty of Paris"),
      ("pact", "Warsaw Pact", "Warsaw Pact"),
      ("versailles", "Treaty of Versailles", "Treaty of Versailles"),
    ] {
      try registry.add(
        Source(id: id, url: nginx.base + "/\(id).html", title: title, covers: [covers]))
    }
    // Two claims that fit the two treaties the titles name are no conflict: the scan suggests
    // the split; 1795 fits neither and still conflicts.
    let scanned = try workspace.scan().ledger
    #expect(scanned.conflicts.count == 1)
    #expect(scanned.conflicts[0].values.map(\.edtf) == ["1763", "1783", "1795"])
    // The warning at 1763 names only the value that contradicts it.
    #expect(
      scanned.conflicts[0].diagnostics[0].message
        == "\"Treaty of Paris\" signed 1763 here but 1795 at docs/a.md:5:44")
    let notes = scanned.splitSuggestions.flatMap(\.diagnostics)
    #expect(notes.count == 2)
    #expect(
      notes.first?.message
        == "\"Treaty of Paris\" 1763 and 1783 fit 2 entities the references know (Treaty of Paris (1763), Treaty of Paris (1783)): not a contradiction; confirm the split with a 'distinct' entry in Claims/aliases.yaml"
    )

    _ = try FetchReferences(workspace: workspace.workspace).perform()
    let report = try Verifier(workspace: workspace.workspace).perform()
    let ledger = try Ledger.load(workspace.workspace)
    func claim(_ name: String, _ year: String) throws -> ResolvedClaim {
      try #require(
        ledger.claims.first { $0.entity.name == name && $0.claim.value.edtf == year })
    }
    // Each fitting claim is supported, by the title where the page gives no dated sentence.
    #expect(try claim("Treaty of Paris", "1763").suggestion == .supported)
    #expect(try claim("Treaty of Paris", "1783").suggestion == .supported)
    let wrong = try claim("Treaty of Paris", "1795")
    #expect(wrong.suggestion == .contradicted)
    #expect(
      report.diagnostics.map(\.message).contains(
        "\"Treaty of Paris\" signed 1795 here, but the references know Treaties of Paris of 1763 and 1783"
      ))
    // A caption states no event: "The Warsaw Pact in 1990" does not contradict 1955.
    let pact = try claim("Warsaw Pact", "1955")
    #expect(pact.suggestion == .supported)
    #expect(!(ledger.review.evidence[pact.claim.id] ?? []).contains { $0.stance == .contradicts })
    // "dated 1919" agrees with "signed on 28 June 1919" at the shared precision.
    #expect(try claim("Treaty of Versailles", "1919").suggestion == .supported)
  }

  @Test("support from the sentence or the lead that writes the date; names written another way")
  func supportAndVariants() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write(
      "docs/a.md",
      """
      The Kalmar Union was formed in 1397.

      The Brest-Litovsk Treaty was signed on 3 March 1918.

      The Munich Accords were signed in September 1938.
      """)
    try workspace.scan()
    let nginx = try Nginx(files: [
      // The date stands beside the name, in a sentence the extractor finds no claim in.
      "kalmar.html": Array(
        """
        <h1>Kalmar Union</h1>
        <p>The Kalmar Union was a personal union in Scandinavia, agreed at Kalmar, that from 1397 to 1523 joined three kingdoms under one monarch.</p>
        """.utf8),
      "brest.html": Array(
        "<h1>Treaty of Brest-Litovsk</h1><p>The Treaty of Brest-Litovsk was signed on 3 March 1918.</p>"
          .utf8),
      "munich.html": Array(
        "<h1>Munich Agreement</h1><p>The Munich Agreement was signed on 30 September 1938.</p>"
          .utf8),
    ])
    let registry = SourceRegistry(workspace: workspace.workspace)
    for (id, covers) in [
      ("kalmar", "Kalmar Union"), ("brest", "Treaty of Brest-Litovsk"),
      ("munich", "Munich Agreement"),
    ] {
      try registry.add(Source(id: id, url: nginx.base + "/\(id).html", covers: [covers]))
    }
    _ = try FetchReferences(workspace: workspace.workspace).perform()
    try Verifier(workspace: workspace.workspace).perform()
    let ledger = try Ledger.load(workspace.workspace)
    func suggestion(_ name: String) -> Suggestion? {
      ledger.claims.first { $0.entity.name == name }?.suggestion
    }
    #expect(suggestion("Kalmar Union") == .supported)
    // "Brest-Litovsk Treaty" is found as "Treaty of Brest-Litovsk"; "Munich Accords" as
    // "Munich Agreement".
    #expect(suggestion("Brest-Litovsk Treaty") == .supported)
    #expect(suggestion("Munich Accords") == .supported)
  }
}

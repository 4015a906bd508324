import ClaimExtraction
import Foundation
import Testing

@testable import ClaimLedger

/// The pull parser must read exactly what JSONDecoder reads from the files this tool writes.
@Suite("Reading ledger files and verdict lines without JSONDecoder")
struct JSONScannerTests {
  @Test("the committed example ledger: the same records as JSONDecoder")
  func exampleLedger() throws {
    let folder = repositoryRoot + "/Claims/ledger/articles"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(names.count == 3)
    for name in names {
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
      let scanned = try #require(LedgerDocument.scan(bytes))
      #expect(scanned == (try JSONDecoder().decode(LedgerDocument.self, from: Data(bytes))))
    }
  }

  @Test("escapes, non-ASCII text, unknown keys, and refusals of what it does not know")
  func escapes() throws {
    let sentence = "Quotes \" and \\ backslash,\ttab, line\nbreak, \u{1} control, café, 𝄞 and 条約."
    let document = LedgerDocument(
      document: "docs/é \"x\".md", sha256: String(repeating: "a", count: 64), extractor: "1",
      claims: [
        Claim(
          id: "C-000000000001",
          subject: Subject(
            text: "Treaty of Westminster", key: "treaty of westminster", kind: .agreement),
          predicate: .signed, value: ClaimValue(.point(CalendarDate(year: -490))),
          location: Location(line: 2, column: 3, byteStart: 10, byteEnd: 16),
          subjectLocation: Location(line: 2, column: 1, byteStart: 0, byteEnd: 5),
          sentence: sentence, rule: .following, confidence: 0.85)
      ],
      acronyms: [Acronym(acronym: "NATO", name: "North Atlantic Treaty Organization")],
      notices: [Notice(kind: .encoding, line: 1, column: 2, message: "a \"note\"")])
    let bytes = [UInt8](try CanonicalJSON.encode(document))
    #expect(LedgerDocument.scan(bytes) == document)
    // \u escapes and surrogate pairs, as other writers produce them; an unknown key skipped.
    var text = String(decoding: bytes, as: UTF8.self)
    text = text.replacingOccurrences(of: "𝄞", with: "\\ud834\\udd1e")
      .replacingOccurrences(
        of: "\"schema\" : 1", with: "\"schema\" : 1, \"later\" : [1, {\"a\" : null}]")
    #expect(LedgerDocument.scan(Array(text.utf8)) == document)
    // Trailing garbage and a broken value are refused (JSONDecoder then reports them).
    #expect(LedgerDocument.scan(bytes + Array("x".utf8)) == nil)
    #expect(
      LedgerDocument.scan(
        Array(text.replacingOccurrences(of: "\"line\" : 2", with: "\"line\" : 2.5").utf8)) == nil)
  }

  @Test("verdict lines as written are read by the scanner, notes with escapes included")
  func verdictLines() throws {
    var record = VerdictRecord(
      time: "2026-11-22T05:00:00Z", target: "C-000000000001", kind: .claim, status: .refuted,
      reviewer: "Ann \"A\" <ann@example.org>", note: "line\nbreak and \\ and </script>",
      evidence: VerdictRecord.Citation(
        source: "ref", snapshot: String(repeating: "b", count: 64), quote: "q"),
      claim: VerdictRecord.ClaimForm(
        document: "a.md", subject: "x", predicate: "signed", value: "1651", sentence: "S."))
    let line = try VerdictLog.encodeLine(&record)
    let scanned = line.dropLast().withUnsafeBytes {
      VerdictRecord.scan($0.bindMemory(to: UInt8.self))
    }
    #expect(scanned == record)
  }

  @Test("the evidence file as written is read by the scanner, the same as JSONDecoder reads it")
  func evidenceFile() throws {
    let file = EvidenceFile(
      snapshots: [
        EvidenceFile.Searched(
          source: "ref", sha256: String(repeating: "c", count: 64), url: "https://r.example/a")
      ],
      claims: [
        EvidenceFile.ClaimEvidence(
          claim: "C-000000000001",
          evidence: [
            Evidence(
              source: "ref", snapshot: String(repeating: "c", count: 64),
              url: "https://r.example/a",
              stance: .contradicts, quote: "It was \"signed\" in 1674 \\ </script>", line: 3,
              column: 7, predicate: .signed, value: ClaimValue(.point(CalendarDate(year: 1674)))),
            Evidence(
              source: "ref", snapshot: String(repeating: "c", count: 64),
              url: "https://r.example/a",
              stance: .mentions, quote: "Named here.", line: 4, column: 1, predicate: nil,
              value: nil),
          ])
      ])
    let bytes = [UInt8](file.encoded())
    let scanned = try #require(EvidenceFile.Stored.scan(bytes))
    let decoded = try JSONDecoder().decode(EvidenceFile.Stored.self, from: Data(bytes))
    #expect(scanned.claims.count == 1 && scanned.snapshots.count == 1)
    #expect(scanned.claims[0].evidence.map(\.quote) == decoded.claims[0].evidence.map(\.quote))
    #expect(scanned.claims[0].evidence.map(\.value) == decoded.claims[0].evidence.map(\.value))
    #expect(scanned.claims[0].evidence.map(\.stance) == [.contradicts, .mentions])
  }
}

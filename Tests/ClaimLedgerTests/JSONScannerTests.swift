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
    // Schema 2: the passages under their snapshot, the claim citing them by stance.
    let passages = try #require(scanned.snapshots[0].passages)
    #expect(passages == decoded.snapshots[0].passages)
    #expect(passages.map(\.quote) == file.claims[0].evidence.map(\.quote))
    #expect(passages.map(\.value) == file.claims[0].evidence.map(\.value))
    #expect(scanned.claims[0].references == decoded.claims[0].references)
    #expect(
      scanned.claims[0].references
        == [
          .contradicts: [.init(snapshot: 0, passage: 0, offset: nil)],
          .mentions: [.init(snapshot: 0, passage: 1, offset: nil)],
        ])
  }
}

@Suite("Damaged numbers in the tool's JSON files")
struct DamagedNumberTests {
  func ledgerBytes() throws -> [UInt8] {
    let document = LedgerDocument(
      document: "docs/a.md", sha256: String(repeating: "a", count: 64), extractor: "4",
      claims: [
        Claim(
          id: "C-000000000001",
          subject: Subject(text: "Treaty of Dover", key: "treaty of dover", kind: .agreement),
          predicate: .signed, value: ClaimValue(.point(CalendarDate(year: 1670))),
          location: Location(line: 2, column: 3, byteStart: 10, byteEnd: 14),
          subjectLocation: Location(line: 2, column: 1, byteStart: 0, byteEnd: 5),
          sentence: "S.", rule: .following, confidence: 0.85)
      ], acronyms: [], notices: [])
    return [UInt8](try CanonicalJSON.encode(document))
  }

  @Test(
    "an integer of any length, out of range, or a byte range backwards: an error at its line",
    arguments: [
      ("\"line\" : 2", "\"line\" : 99999999999999999999999", "out of range"),
      ("\"line\" : 2", "\"line\" : -99999999999999999999999", "out of range"),
      ("\"line\" : 2", "\"line\" : 9223372036854775807", "out of range"),
      ("\"column\" : 3", "\"column\" : 0", "out of range"),
      ("\"byteStart\" : 10", "\"byteStart\" : 20", "after byteEnd"),
      ("\"confidence\" : 0.85", "\"confidence\" : 1e400", "out of range"),
      ("\"schema\" : 1", "\"schema\" : 18446744073709551616", "out of range"),
    ])
  func outOfRange(original: String, damaged: String, reason: String) throws {
    let text = String(decoding: try ledgerBytes(), as: UTF8.self)
    let range = try #require(text.range(of: original))
    let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    let bytes = Array(text.replacingCharacters(in: range, with: damaged).utf8)
    #expect(LedgerDocument.scan(bytes) == nil)
    do {
      _ = try LedgerDocument.read(bytes, shown: "L.json")
      Issue.record("\(damaged) was accepted")
    } catch let error as LedgerError {
      guard case .malformedFile(let path, let errorLine, _, let message) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(path == "L.json")
      #expect(errorLine == line)
      #expect(message.contains(reason), "\(message)")
    }
  }

  @Test("JSONDecoder's path checks the same ranges (keys in another order)")
  func decoderPath() throws {
    let json = """
      {"line": 1, "column": 1, "byteStart": 9, "byteEnd": 3}
      """
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Location.self, from: Data(json.utf8))
    }
    let fine = try JSONDecoder().decode(
      Location.self, from: Data(#"{"line": 1, "column": 1, "byteStart": 3, "byteEnd": 9}"#.utf8))
    #expect(fine == Location(line: 1, column: 1, byteStart: 3, byteEnd: 9))
  }
}

@Suite("Diagnostics in file order")
struct DiagnosticOrderTests {
  @Test("one line per place and finding: a note given twice for one place is printed once")
  func duplicates() {
    let note = Diagnostic(
      path: "docs/07.txt", line: 8, column: 94, severity: .note, message: "possibly two",
      code: "split")
    let other = Diagnostic(
      path: "docs/07.txt", line: 8, column: 94, severity: .note, message: "one day in two",
      code: "calendar")
    let earlier = Diagnostic(path: "docs/01.txt", line: 1, severity: .warning, message: "w")
    #expect(Diagnostic.inFileOrder([note, other, note, earlier]) == [earlier, other, note])
  }
}

import ClaimExtraction
import Foundation
import Testing

@testable import ClaimLedger

/// A scan writes ledger files without `JSONEncoder`; the bytes must stay those `JSONEncoder`
/// wrote, or every ledger committed before would be rewritten by the next scan.
@Suite("Ledger files written directly: the bytes JSONEncoder wrote")
struct LedgerFileBytesTests {
  @Test("the committed example ledger: the same bytes as CanonicalJSON")
  func realLedgers() throws {
    let folder = repositoryRoot + "/Claims/ledger/articles"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(!names.isEmpty)
    for name in names {
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
      let document = try JSONDecoder().decode(LedgerDocument.self, from: data)
      #expect(document.ledgerFileBytes() == data)
      #expect(document.ledgerFileBytes() == (try CanonicalJSON.encode(document)))
    }
  }

  @Test("escapes, control characters, empty lists, whole and fractional confidences")
  func edgeCases() throws {
    var controls = ""
    for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    let awkward = "Quotes \" \\ / \u{7F} \u{2028} café 𝄞 条約 <b>&amp;</b> " + controls
    func claim(_ confidence: Double, _ sentence: String) -> Claim {
      Claim(
        id: "C-000000000001",
        subject: Subject(text: awkward, key: "treaty of ghent", kind: .agreement),
        predicate: .signed,
        value: ClaimValue(edtf: "1814-12-24", precision: .day, display: "24 December 1814"),
        location: Location(line: 3, column: 7, byteStart: 120, byteEnd: 136),
        subjectLocation: Location(line: 1, column: 1, byteStart: 0, byteEnd: 15),
        sentence: sentence, rule: .clause, confidence: confidence)
    }
    let full = LedgerDocument(
      document: "docs/é \"x\"/a\\b.md", sha256: String(repeating: "a", count: 64), extractor: "4",
      claims: [0, 0.5, 0.85, 1, 0.1 + 0.2, 0.9999].map { claim($0, awkward) },
      acronyms: [Acronym(acronym: "NATO", name: "North \"Atlantic\"\tTreaty")],
      notices: [Notice(kind: .encoding, line: 2, column: 5, message: awkward)])
    let empty = LedgerDocument(
      document: "empty.md", sha256: String(repeating: "0", count: 64), extractor: "4",
      claims: [], acronyms: [], notices: [])
    for document in [full, empty] {
      #expect(document.ledgerFileBytes() == (try CanonicalJSON.encode(document)))
    }
  }

  @Test("a scan of the seeds writes what CanonicalJSON writes for each record")
  func scannedSeeds() throws {
    let workspace = try TemporaryWorkspace()
    for seed in try FileManager.default.contentsOfDirectory(atPath: seedsFolder) {
      try workspace.write(
        "docs/" + seed, try Data(contentsOf: URL(fileURLWithPath: seedsFolder + "/" + seed)))
    }
    try workspace.scan()
    let written = try workspace.claimsSnapshot().filter { $0.key.hasPrefix("ledger/") }
    #expect(written.count >= 2)
    for data in written.values {
      let document = try JSONDecoder().decode(LedgerDocument.self, from: data)
      #expect(!document.claims.isEmpty)
      #expect(data == (try CanonicalJSON.encode(document)))
    }
  }
}

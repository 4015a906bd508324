import ClaimExtraction
import Foundation
import TestServers
import Testing

@testable import ClaimLedger
@testable import ClaimVerification

/// What one source adds to one claim is bounded (the dated sentences first, then a few
/// mentions), and `evidence.json` lists each passage of a snapshot once, however many claims
/// cite it.
@Suite("Evidence per claim and source is bounded; passages are written once", .serialized)
struct EvidenceBoundTests {
  /// A page that names the Treaty of Dover 100 times: 30 sentences date it 1670, 20 date it
  /// 1672, 50 name it without a date. Its title and lead name no treaty (a page about the
  /// treaty of 1670 would take 1672 for another one).
  static let longPage: String = {
    var sentences = [
      "The envoys met often.", "Letters were exchanged in every season.", "Nothing was settled.",
    ]
    for index in 0..<100 {
      switch index % 10 {
      case 0, 2, 4: sentences.append("The Treaty of Dover was signed in 1670.")
      case 6, 8: sentences.append("Some say the Treaty of Dover was signed in 1672.")
      default: sentences.append("The Treaty of Dover was discussed again in council.")
      }
    }
    return "<html><body><h1>Notes on diplomacy</h1><p>" + sentences.joined(separator: " ")
      + "</p></body></html>"
  }()

  @Test("a page naming the subject 50 times with dates and 50 without gives a claim 5, 5 and 2")
  func capPerClaimAndSource() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    let report = try workspace.verify(
      "The Treaty of Dover was signed in 1670.\n\nThe Treaty of Dover was signed in 1670 again.\n",
      against: ["dover.html": Self.longPage, "again.html": Self.longPage])
    #expect(report.suggestions == [.mixed: 2])

    let file = try #require(try EvidenceFile.load(workspace.workspace))
    #expect(file.claims.count == 2)
    for claim in file.claims {
      for source in ["again", "dover"] {
        var byStance: [Stance: Int] = [:]
        for item in claim.evidence where item.source == source {
          byStance[item.stance, default: 0] += 1
        }
        // The cap, by stance: five of each dated stance, two mentions.
        #expect(
          byStance == [.supports: 5, .contradicts: 5, .mentions: 2], "\(source): \(byStance)")
      }
    }
    // Every passage the cap left out is counted, by stance: per claim and page 25 more
    // supporting, 15 more contradicting, 48 more mentions.
    #expect(report.passagesLeftOutByStance == [.supports: 100, .contradicts: 60, .mentions: 192])
    #expect(report.passagesLeftOut == 352)
  }

  @Test("one passage cited by many claims is written once; the file reads back the same")
  func passagesOnce() throws {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    var document: [String] = []
    for index in 0..<40 {
      document.append("The Treaty of Dover was signed in \(index % 2 == 0 ? 1670 : 1671).")
    }
    let report = try workspace.verify(
      document.joined(separator: "\n\n"),
      against: [
        "dover.html":
          "<html><body><h1>Dover</h1><p>The Treaty of Dover was signed in 1670. It was secret.</p></body></html>"
      ])
    #expect(report.claims == 40)

    let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.workspace.evidenceFile))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.components(separatedBy: "was signed in 1670.").count - 1 == 1, "\(text)")
    #expect(text.contains("\"schema\" : 2"))
    let file = try #require(try EvidenceFile.load(workspace.workspace))
    #expect(file.claims.count == 40)
    #expect(file.byClaim.values.allSatisfy { $0.count == 1 && $0[0].quote.contains("1670") })
    // Written again from what was read: the same bytes.
    #expect(file.encoded() == bytes)
  }

  static let snapshotA = String(repeating: "a", count: 64)
  static let snapshotB = String(repeating: "b", count: 64)

  static func sample() -> EvidenceFile {
    let value1674 = ClaimValue(.point(CalendarDate(year: 1674)))
    func item(
      _ source: String, _ stance: Stance, _ quote: String, _ line: Int,
      value: ClaimValue? = nil, about: String? = nil
    ) -> Evidence {
      Evidence(
        source: source, snapshot: source == "a" ? snapshotA : snapshotB,
        url: "https://r.example/" + source, stance: stance, quote: quote, line: line, column: 3,
        predicate: value == nil ? nil : .signed, value: value, about: about)
    }
    let contradicting = item(
      "a", .contradicts, "It was \"signed\" in 1674 \\ </script>", 3, value: value1674)
    let mention = item("a", .mentions, "Named here.", 4)
    let identity = item(
      "b", .contradicts, "Treaty of X (1674)", 1, value: value1674, about: "Treaty of X (1674)")
    return EvidenceFile(
      snapshots: [
        .init(source: "a", sha256: snapshotA, url: "https://r.example/a"),
        .init(source: "b", sha256: snapshotB, url: "https://r.example/b"),
        .init(source: "c", sha256: String(repeating: "c", count: 64), url: "https://r.example/c"),
      ],
      claims: [
        .init(claim: "C-000000000001", evidence: [contradicting, mention, identity]),
        .init(claim: "C-000000000002", evidence: [mention]),
        .init(claim: "C-000000000003", evidence: [contradicting, identity]),
      ])
  }

  @Test("schema 2 round trip: the scanner and JSONDecoder read what was written")
  func roundTrip() throws {
    let workspace = try TemporaryWorkspace()
    let file = Self.sample()
    let bytes = file.encoded()
    try bytes.write(to: URL(fileURLWithPath: workspace.workspace.evidenceFile))
    let loaded = try #require(try EvidenceFile.load(workspace.workspace))
    #expect(loaded == file)
    #expect(loaded.encoded() == bytes)
    // Each passage once, whatever cites it.
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.components(separatedBy: "Named here.").count - 1 == 1)
    #expect(text.components(separatedBy: "Treaty of X (1674)").count - 1 == 2)  // quote, about
    // The scanner and the decoder agree.
    let scanned = try #require(EvidenceFile.Stored.scan([UInt8](bytes)))
    let decoded = try JSONDecoder().decode(EvidenceFile.Stored.self, from: bytes)
    #expect(scanned.schema == 2 && decoded.schema == 2)
    #expect(scanned.snapshots.map(\.passages) == decoded.snapshots.map(\.passages))
    #expect(scanned.claims.map(\.references) == decoded.claims.map(\.references))
    // Evidence given in another order is written in the file's order: the same bytes.
    var shuffled = file
    shuffled.claims.reverse()
    shuffled.claims[2].evidence.reverse()
    #expect(shuffled.encoded() == bytes)
  }

  @Test("an evidence.json of schema 1, as older builds wrote it, is still read")
  func schemaOne() throws {
    let workspace = try TemporaryWorkspace()
    let text = """
      {
        "claims" : [
          {
            "claim" : "C-000000000001",
            "evidence" : [
              {
                "column" : 3,
                "line" : 3,
                "predicate" : "signed",
                "quote" : "It was signed in 1674.",
                "source" : "a",
                "stance" : "contradicts",
                "value" : {
                  "display" : "1674",
                  "edtf" : "1674",
                  "precision" : "year"
                }
              },
              {
                "column" : 1,
                "line" : 4,
                "quote" : "Named here.",
                "source" : "a",
                "stance" : "mentions"
              }
            ]
          }
        ],
        "schema" : 1,
        "snapshots" : [
          {
            "sha256" : "\(Self.snapshotA)",
            "source" : "a",
            "url" : "https://r.example/a"
          }
        ]
      }

      """
    try workspace.write("Claims/evidence.json", text)
    let file = try #require(try EvidenceFile.load(workspace.workspace))
    let evidence = try #require(file.byClaim["C-000000000001"])
    #expect(evidence.map(\.stance) == [.contradicts, .mentions])
    #expect(evidence.map(\.snapshot) == [Self.snapshotA, Self.snapshotA])
    #expect(evidence[0].value == ClaimValue(.point(CalendarDate(year: 1674))))
    #expect(evidence[1].line == 4 && evidence[1].predicate == nil)
    // Written again, it is schema 2.
    #expect(String(decoding: file.encoded(), as: UTF8.self).contains("\"schema\" : 2"))
  }

  @Test(
    "a reference out of range in schema 2: an error naming the file and the line",
    arguments: [
      ("[1,0]", "[7,0]", "snapshot 7"),
      ("[1,0]", "[1,9]", "passage 9"),
      ("[1,0]", "[-1,0]", "out of range"),
      ("[1,0]", "[1,99999999999999999999]", "out of range"),
    ])
  func damagedReference(original: String, damaged: String, reason: String) throws {
    let text = String(decoding: Self.sample().encoded(), as: UTF8.self)
    let range = try #require(text.range(of: original))
    let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    let workspace = try TemporaryWorkspace()
    try workspace.write(
      "Claims/evidence.json", text.replacingCharacters(in: range, with: damaged))
    do {
      _ = try EvidenceFile.load(workspace.workspace)
      Issue.record("\(damaged) was accepted")
    } catch let error as LedgerError {
      guard case .malformedFile(let path, let errorLine, _, let message) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(path == "Claims/evidence.json")
      #expect(errorLine == line)
      #expect(message.contains(reason), "\(message)")
      #expect(message.contains("run 'claimledger verify'"), "\(message)")
    }
  }

  @Test("a damaged line or column in a passage is an error at its line, as in schema 1")
  func damagedPassage() throws {
    let text = String(decoding: Self.sample().encoded(), as: UTF8.self)
    let original = "\"line\":4,"
    let range = try #require(text.range(of: original))
    let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    let workspace = try TemporaryWorkspace()
    try workspace.write(
      "Claims/evidence.json",
      text.replacingCharacters(in: range, with: "\"line\":99999999999999999999999,"))
    #expect {
      _ = try EvidenceFile.load(workspace.workspace)
    } throws: { error in
      guard case LedgerError.malformedFile(_, let errorLine, _, let message) = error else {
        return false
      }
      return errorLine == line && message.contains("out of range")
    }
  }
}

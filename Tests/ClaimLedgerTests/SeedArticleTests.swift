import ClaimExtraction
import ClaimLedger
import Foundation
import Testing

/// The two seed essays, read in place through a symbolic link from a temporary workspace.
@Suite("Seed articles")
struct SeedArticleTests {
  let first = "seeds/000_2068536ff10de2e3.txt"
  let second = "seeds/001_bcaa689cecf9b9c1.txt"

  func scanSeeds() throws -> (TemporaryWorkspace, ScanReport) {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [seeds]\n")
    try FileManager.default.createSymbolicLink(
      atPath: workspace.root + "/seeds", withDestinationPath: seedsFolder)
    return (workspace, try workspace.scan())
  }

  @Test("one conflict: the Treaty of Westminster in 1674 (line 11) and in 1651 (line 24)")
  func westminster() throws {
    let (_, report) = try scanSeeds()
    #expect(report.ledger.conflicts.count == 1)
    let conflict = try #require(report.ledger.conflicts.first)
    #expect(conflict.entity.name == "Treaty of Westminster")
    #expect(conflict.claims.map(\.document) == [first, first])
    let places = conflict.claims.map {
      "\($0.claim.location.line):\($0.claim.location.column) \($0.claim.value.edtf)"
    }
    #expect(places == ["11:310", "24:290"].enumerated().map { "\($1) \(["1674", "1651"][$0])" })
    // The columns point at the year: check them against the file itself.
    let lines = try String(
      contentsOfFile: seedsFolder + "/000_2068536ff10de2e3.txt", encoding: .utf8
    )
    .components(separatedBy: "\n")
    for member in conflict.claims {
      let line = Array(lines[member.claim.location.line - 1].unicodeScalars)
      let start = member.claim.location.column - 1
      #expect(
        String(String.UnicodeScalarView(line[start..<(start + 4)])) == member.claim.value.edtf)
    }
    let messages = conflict.diagnostics.map(\.formatted)
    #expect(
      messages[0]
        == "\(first):11:310: warning: \"Treaty of Westminster\" dated 1674 here but 1651 at \(first):24:290 [conflict \(conflict.id)]"
    )
  }

  @Test("NATO dated 1949 on lines 12, 17 and 25 under one canonical subject, no conflict")
  func nato() throws {
    let (_, report) = try scanSeeds()
    let nato = report.claims(in: first).filter { $0.claim.value.edtf == "1949" }
    #expect(nato.map(\.claim.location.line) == [12, 17, 25])
    #expect(Set(nato.map(\.entity.key)) == ["north atlantic treaty organization"])
    #expect(nato[1].claim.subject.text == "North Atlantic Treaty Organization")
    #expect(nato[0].claim.subject.text == "NATO")
    #expect(!report.ledger.conflicts.contains { $0.entity.key == nato[0].entity.key })
  }

  @Test("the Treaty of Westphalia 1648 on line 17")
  func westphalia() throws {
    let (_, report) = try scanSeeds()
    let westphalia = report.claims(in: first).filter { $0.entity.name == "Treaty of Westphalia" }
    #expect(westphalia.map { "\($0.claim.location.line) \($0.claim.value.edtf)" } == ["17 1648"])
  }

  @Test("the ANZUS Treaty, signed 1951, line 100 of the second essay")
  func anzus() throws {
    let (_, report) = try scanSeeds()
    let claims = report.claims(in: second)
    #expect(claims.count == 1)
    #expect(claims.first?.entity.name == "ANZUS Treaty")
    #expect(claims.first?.claim.predicate == .signed)
    #expect(claims.first?.claim.value.edtf == "1951")
    #expect(claims.first?.claim.location.line == 100)
  }

  @Test("no claim on a vague date or on a subject that is not a named entity")
  func noSpuriousClaims() throws {
    let (_, report) = try scanSeeds()
    #expect(report.ledger.claims.count == 8)
    // "the Treaty of Westphalia (1648), which concluded the Thirty Years’ War": the war ended
    // when the treaty was signed.
    let war = report.claims(in: first).filter { $0.entity.name == "Thirty Years’ War" }
    #expect(
      war.map { "\($0.claim.location.line) \($0.claim.predicate) \($0.claim.value.edtf)" } == [
        "17 ended 1648"
      ])
    for item in report.ledger.claims {
      #expect(item.claim.value.temporal != nil)
      #expect(item.claim.value.precision != .century && item.claim.value.precision != .decade)
      #expect(item.entity.kind != .other)
      #expect(item.claim.subject.text.first?.isUppercase == true)
    }
    // "the 19th and 20th centuries" stands on line 12: only the NATO claim is there.
    #expect(report.claims(in: first).filter { $0.claim.location.line == 12 }.count == 1)
  }

  @Test("the broken apostrophe is reported once as a probable encoding error")
  func encoding() throws {
    let (_, report) = try scanSeeds()
    let notices = report.diagnostics.filter { $0.code == "encoding" }
    #expect(notices.count == 1)
    #expect(notices.first?.path == first)
    #expect(notices.first?.line == 17)
    #expect(notices.first?.message.contains("\"โ\"") == true)
    #expect(notices.first?.message.contains("4 places") == true)
  }
}

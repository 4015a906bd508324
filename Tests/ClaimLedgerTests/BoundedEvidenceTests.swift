import ClaimLedger
import ClaimVerification
import Foundation
import TestServers
import Testing

/// A reference page can name a subject thousands of times; what one page adds to a claim is
/// bounded, and the suggestion is the same as if every passage were kept.
@Suite("Evidence from one page is bounded", .serialized)
struct BoundedEvidenceTests {
  @Test("a page naming the subject 4,000 times gives each of 300 claims a few passages")
  func longPage() throws {
    // The page mentions the treaty in 4,000 sentences, dates it 1670 in 300 of them and
    // 1672 in the very last one.
    var sentences: [String] = []
    for index in 0..<4_000 {
      sentences.append(
        index % 13 == 0
          ? "The Treaty of Dover was signed in 1670."
          : "The Treaty of Dover was discussed again in council.")
    }
    sentences.append("Some say the Treaty of Dover was signed in 1672.")
    let page = "<html><body><p>" + sentences.joined(separator: " ") + "</p></body></html>"
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    var document: [String] = []
    for index in 0..<300 {
      document.append("The Treaty of Dover was signed in \(index % 2 == 0 ? 1670 : 1671).")
    }
    let report = try workspace.verify(
      document.joined(separator: "\n\n"), against: ["dover.html": page])
    #expect(report.claims == 300)
    // What the cap left out is counted for the summary: thousands of mentions per claim.
    #expect(report.passagesLeftOut > 300 * 1_000)

    let file = try #require(try EvidenceFile.load(workspace.workspace))
    #expect(file.claims.count == 300)
    for claim in file.claims {
      var byStance: [Stance: Int] = [:]
      for item in claim.evidence { byStance[item.stance, default: 0] += 1 }
      #expect(byStance.values.allSatisfy { $0 <= 5 }, "\(claim.claim): \(byStance)")
    }
    // The same suggestions as a three-sentence page of the same text gives (checked by hand:
    // the page is taken to be about the Treaty of Dover of 1670).
    let ledger = try Ledger.load(workspace.workspace)
    let suggestions = Dictionary(
      grouping: ledger.claims, by: { $0.claim.value.edtf }
    ).mapValues { Set($0.compactMap(\.suggestion)) }
    #expect(suggestions["1670"] == [.supported])
    #expect(suggestions["1671"] == [.contradicted])
    let size =
      try FileManager.default.attributesOfItem(atPath: workspace.workspace.evidenceFile)[
        .size] as! Int
    #expect(size < 2_000_000, "evidence.json is \(size) bytes")
  }
}

import ExtractionEvaluation
import Foundation
import Testing

/// The date extractor against the TIMEX2 gold of the WikiWars development set: a regression
/// guard at the issue's targets (BENCHMARKS.md has the figures).
@Suite("Date quality on WikiWars dev")
struct WikiWarsQualityTests {
  @Test("precision at least 0.95 and recall at least 0.90 on expressions that state a year")
  func quality() throws {
    let folder = sharedFolder + "/eval/wikiwars-dev/keyinline"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names.count == 11)
    let scores = try names.map { name in
      try DateScore.score(
        document: name,
        annotated: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
    }
    let total = DateScore.total(scores)
    #expect(total.goldWithYear > 800)
    #expect(total.precision >= 0.95, "precision \(total.precision)")
    #expect(total.recall >= 0.90, "recall \(total.recall)")
  }

  @Test("the gold reader removes tags exactly, nested ones included")
  func goldReader() throws {
    let annotated = Array(
      #"On <TIMEX2 val="1939-09-01">September 1, 1939</TIMEX2>, <TIMEX2 val="P2M" anchor_val="1940"><TIMEX2 val="1940">1940</TIMEX2> months</TIMEX2>."#
        .utf8)
    let (text, gold) = try TimexGoldReader.parse(annotated)
    #expect(String(decoding: text, as: UTF8.self) == "On September 1, 1939, 1940 months.")
    #expect(gold.map(\.text) == ["September 1, 1939", "1940 months", "1940"])
    #expect(gold[0].statesYear && gold[2].statesYear && !gold[1].statesYear)
    #expect(gold[0].date?.year == 1939 && gold[0].date?.day == 1)
  }
}

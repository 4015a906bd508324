import ClaimExtraction
import Testing

@Suite("Named entities")
struct EntityRecognitionTests {
  func names(_ text: String) -> [String] { extract(text).entities.map(\.text) }

  @Test("capitalised names with connectors")
  func connectors() {
    let found = names(
      "It followed the Treaty of Westminster and the North Atlantic Treaty Organization, "
        + "then the Peace of Westphalia and the Treaty of the Pyrenees.")
    #expect(
      found == [
        "Treaty of Westminster", "North Atlantic Treaty Organization", "Peace of Westphalia",
        "Treaty of the Pyrenees",
      ])
  }

  @Test("hyphenated and dotted names share a key")
  func hyphenatedAndDotted() {
    let entities = extract("the U.S.-Japan Security Treaty and the US-Japan Security Treaty")
      .entities
    #expect(entities.map(\.text) == ["U.S.-Japan Security Treaty", "US-Japan Security Treaty"])
    #expect(entities[0].key == "us-japan security treaty")
    #expect(entities[0].key == entities[1].key)
    #expect(entities[0].kind == .agreement)
  }

  @Test("acronyms and possessives, including the broken apostrophe")
  func possessives() {
    let entities = extract(
      "NATO’s charter, NATOโs members and NATO's staff; the Thirty Yearsโ War."
    )
    .entities
    #expect(entities.map(\.text) == ["NATO", "NATO", "NATO", "Thirty Years’ War"])
    #expect(entities.allSatisfy { $0.isAcronym == ($0.text == "NATO") })
    #expect(entities[3].key == "thirty years war")
    #expect(entities[3].kind == .event)
  }

  @Test("a capitalised sentence opener is not part of a name")
  func sentenceOpener() {
    #expect(
      names("Key examples of early military alliances include the Treaty of Westphalia.")
        == ["Treaty of Westphalia"])
    #expect(names("The Warsaw Pact was a mirror image.") == ["Warsaw Pact"])
    #expect(names("Notable cases include NATO.") == ["NATO"])
  }

  @Test("a name may wrap onto the next line but not into the next sentence")
  func wrapping() {
    #expect(names("the League of\nNations was founded") == ["League of Nations"])
    #expect(
      names("Early Alliances and Treaties\nThe history of the Warsaw Pact").contains("Warsaw Pact"))
  }

  @Test("Long Name (ACR) defines an acronym")
  func acronymDefinition() {
    let result = extract("the formation of the North Atlantic Treaty Organization (NATO) in 1949")
    #expect(result.acronyms.count == 1)
    #expect(result.acronyms.first?.acronym == "NATO")
    #expect(result.acronyms.first?.name == "North Atlantic Treaty Organization")
    #expect(extract("the status of forces agreements (SOFAs) matter").acronyms.isEmpty)
  }

  @Test("the seed's broken apostrophes are found as encoding errors")
  func encodingIssues() {
    let issues = extract("NATOโs principles and the Thirty Yearsโ War; ไทย โรงเรียน").encodingIssues
    #expect(issues.count == 2)
    #expect(issues.allSatisfy { $0.found == "โ" && $0.expected == "’" })
    #expect(extract("Itâ€™s done").encodingIssues.map(\.found) == ["â€™"])
  }
}

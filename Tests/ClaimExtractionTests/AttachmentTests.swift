import ClaimExtraction
import Testing

@Suite("Attaching dates to subjects")
struct AttachmentTests {
  @Test(
    "patterns",
    arguments: [
      (
        "Notable examples include the Treaty of Westminster in 1674, which",
        "Treaty of Westminster|dated|1674"
      ),
      (
        "the Treaty of Westphalia (1648), which concluded the war",
        "Treaty of Westphalia|dated|1648"
      ),
      ("The formation of NATO in 1949 epitomized", "NATO|founded|1949"),
      ("the signing of the Treaty of Paris in 1783 ended", "Treaty of Paris|signed|1783"),
      ("the 1951 ANZUS Treaty bound them", "ANZUS Treaty|dated|1951"),
      ("NATO, founded in 1949, grew.", "NATO|founded|1949"),
      ("The Treaty of Paris was signed on 3 September 1783.", "Treaty of Paris|signed|1783-09-03"),
      ("In 1949, NATO was founded by twelve states.", "NATO|founded|1949"),
      ("The Warsaw Pact was dissolved in 1991.", "Warsaw Pact|dissolved|1991"),
      ("The Korean War began in 1950.", "Korean War|began|1950"),
      ("The Thirty Years' War ended in 1648.", "Thirty Years' War|ended|1648"),
      ("The Thirty Years' War concluded in 1648.", "Thirty Years' War|ended|1648"),
      ("The Treaty of Dover was concluded in 1670.", "Treaty of Dover|signed|1670"),
      ("The Treaty of Lisbon was ratified in 2009.", "Treaty of Lisbon|ratified|2009"),
      ("The Seven Years' War (1756–1763) spread.", "Seven Years' War|dated|1756/1763"),
      (
        "Congress ratified the Treaty of Paris on January 14, 1784.",
        "Treaty of Paris|ratified|1784-01-14"
      ),
    ])
  func patterns(text: String, expected: String) {
    #expect(claims(text) == [expected])
  }

  @Test("across a sentence boundary")
  func anaphora() {
    #expect(
      claims("They relied on the ANZUS Treaty. Signed in 1951, it laid the foundation.")
        == ["ANZUS Treaty|signed|1951"])
    #expect(
      claims(
        "England and the Dutch agreed the Treaty of Westminster. The treaty was signed in 1654.")
        == ["Treaty of Westminster|signed|1654"])
    let claim = extract("They relied on the ANZUS Treaty. Signed in 1951, it laid foundations.")
      .claims[0]
    #expect(claim.rule == .anaphora)
  }

  @Test("no claim without a named subject of a checkable kind")
  func noSubject() {
    #expect(
      claims("As the world transitioned through the 19th and 20th centuries, it grew.").isEmpty)
    #expect(claims("In 1939 Germany was a large country.").isEmpty)
    // (An actor and a verb that tells an event make an unnamed event, with a comma after the
    // fronted date or without: "In 1939 Germany attacked Poland".)
    #expect(claims("In 1939 Germany attacked Poland.") == ["Germany attacked Poland|dated|1939"])
    #expect(claims("In 1939, Germany attacked Poland.") == ["Germany attacked Poland|dated|1939"])
    #expect(claims("Troops arrived in 1944 and stayed.").isEmpty)
    #expect(claims("Early alliances in 1648 mattered.").isEmpty)
    // The agent of a passive verb is not what the date is about.
    #expect(claims("The tax was adopted by the National Convention in 1789.").isEmpty)
  }

  @Test("the acronym in Long Name (ACR) makes the long name the subject")
  func definitionSubject() {
    #expect(
      claims("the formation of the North Atlantic Treaty Organization (NATO) in 1949")
        == ["North Atlantic Treaty Organization|founded|1949"])
  }

  @Test("an unnamed event's text has each run of white space as one space")
  func eventText() {
    #expect(
      claims("German troops\n  occupied Metz in 1870.")
        == ["German troops occupied Metz|dated|1870"])
    #expect(
      claims("Prussian troops occupied\u{00A0}Metz in 1870.")
        == ["Prussian troops occupied Metz|dated|1870"])
  }
}

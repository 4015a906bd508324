import ClaimExtraction
import Testing

/// Dates that belong to something else than the name nearest in the clause: a timeline item
/// that tells its own event, an alias in the agent of a passive, "whose accords of DATE", a
/// body of an organisation, "the 1955 agreement" after a verb, "the 1984 treaty" that names no
/// earlier treaty. Sentences written for this test, each rule with a case it fires on and one
/// it must leave alone.
@Suite("Dates of another thing than the clause's name")
struct OwnEventAndAliasTests {
  @Test("a timeline item whose actor declares war dates no topic; 'X Timeline' names X")
  func declarationInTimeline() {
    #expect(
      claims("Crimean War Timeline\n\nMarch 28, 1854 – Britain declares war on Russia.\n")
        .isEmpty)
    #expect(
      claims("Crimean War Timeline\n\n1856 – Signed at Paris.\n") == ["Crimean War|dated|1856"])
    #expect(claims("Crimean War Quiz\n\n1856 – Signed at Paris.\n") == ["Crimean War|dated|1856"])
    // The item speaks of the topic with a determiner: it dates the topic.
    #expect(
      claims("Treaty of Nystad\n\n1721\n\nIn the town the first treaty was concluded.\n")
        == ["Treaty of Nystad|dated|1721"])
  }

  @Test("a relative clause after an alias dates the head name only")
  func aliasInAgent() {
    #expect(
      claims(
        "CENTO was an alliance, created by the Mutual Cooperation Pact, also known as the Baghdad Pact, which was signed on 24 February 1955."
      ) == ["Mutual Cooperation Pact|signed|1955-02-24"])
    // Without a relative clause the apposition still names the subject again.
    #expect(
      claims(
        "The Baghdad Pact, officially known as the Middle East Treaty Organization, emerged in 1955."
      )
      .contains("Baghdad Pact|founded|1955"))
  }

  @Test("'whose accords of DATE' dates the name before 'whose'")
  func whoseAccords() {
    #expect(
      claims(
        "The Paris Peace Accords ended the fighting. It was formed in the wake of the Paris Conference, whose accords of 27 January 1973 had ended the war."
      ) == ["Paris Conference|signed|1973-01-27"])
    // "whose leader" is not an agreement: no predicate of signing.
    #expect(
      !claims("It came after the Paris Conference, whose delegates of 1973 had left.")
        .contains("Paris Conference|signed|1973"))
  }

  @Test("'the organisation' is not a body of it ('X Council')")
  func bodyOfOrganisation() {
    #expect(
      claims(
        "The Central Treaty Organization (CENTO) grew weak. Following a decision taken by the CENTO Council in March 1979, the organisation was formally dissolved on 16 August 1979."
      ) == ["Central Treaty Organization|dissolved|1979-08-16"])
    #expect(
      claims("The Arab League met. The organisation was formally enlarged on 16 August 1979.")
        == ["Arab League|other|1979-08-16"])
  }

  @Test("a year before a kind noun after a verb is that noun's, not the subject's")
  func yearBeforeNounAfterVerb() {
    #expect(
      !claims("Signed on 12 August 1970, the Moscow Treaty replaced the 1955 agreement.")
        .contains("Moscow Treaty|other|1955"))
    #expect(
      claims("The Moscow Treaty was signed in 1970.") == ["Moscow Treaty|signed|1970"])
  }

  @Test("'the 1984 treaty' stands for a treaty named before only when its date fits")
  func yearedAnaphor() {
    #expect(
      !claims(
        "The Basic Treaty guaranteed the rights. On 1 July 1997, Britain handed Hong Kong to China, as the 1984 treaty required."
      ).contains("Basic Treaty|dated|1984"))
    #expect(
      claims("The Basic Treaty (1984) guaranteed the rights. Later the 1984 treaty was praised.")
        == ["Basic Treaty|dated|1984", "Basic Treaty|dated|1984"])
  }

  @Test("a fronted 'between DATE and DATE' dates the subject's beginning and end")
  func frontedPair() {
    #expect(
      claims(
        "The Congress of Vienna was pivotal. Held between November 1814 and June 1815, it redrew the map."
      ) == ["Congress of Vienna|began|1814-11", "Congress of Vienna|ended|1815-06"])
    // No name after the pair: nothing is dated.
    #expect(claims("Between 1814 and 1815, the diplomats in Vienna redrew the map.").isEmpty)
  }

  @Test("two dates in a name's parenthesis are its beginning and end")
  func parentheticalSpan() {
    #expect(
      claims("The Crimean War (October 1853 – February 1856) was long.")
        == ["Crimean War|began|1853-10", "Crimean War|ended|1856-02"])
    // An agreement's two dates are two acts, of no stated kind.
    #expect(
      claims("The Dayton Agreement (21 November 1995 – 14 December 1995) ended it.")
        .allSatisfy { !$0.contains("began") })
  }

  @Test("an agreement's subject may be a list of capitalised nouns, ended by a comma")
  func commaListName() {
    #expect(
      claims(
        "The Treaty of Peace, Friendship and Commerce, which ended the dispute, was signed in Lima on 21 July 1838."
      ) == ["Treaty of Peace, Friendship and Commerce|signed|1838-07-21"])
    // A list of the parties after the name is not part of it.
    #expect(
      claims("After the Treaty of Paris, Britain and France signed a truce in 1856.")
        .allSatisfy { !$0.contains("Britain") })
  }

  @Test("a timeline item that names nothing but dates 'the treaty' with a verb dates the treaty")
  func anaphorInTimelineItem() {
    let timeline =
      "Crimean War Timeline\n\nMarch 30, 1856 – The Treaty of Paris is signed.\n\n"
      + "April 27, 1856 – After a debate, the Senate ratifies the treaty by one vote.\n"
    #expect(
      claims(timeline)
        == ["Treaty of Paris|signed|1856-03-30", "Treaty of Paris|ratified|1856-04-27"])
    // No verb that dates it: the item does not date the treaty.
    #expect(
      !claims(
        "Crimean War Timeline\n\nMarch 30, 1856 – The Treaty of Paris is signed.\n\n"
          + "April 27, 1856 – After a debate, the Senate praised the treaty.\n"
      ).contains { $0.hasPrefix("Treaty of Paris|") && $0.hasSuffix("1856-04-27") })
  }

  @Test("a table row dates a further name in its first name's cell that a verb dates")
  func tableCell() {
    let table =
      "| Date | Milestone | Place |\n|---|---|---|\n"
      + "| 4 April 1949 | Washington Treaty signed and the North Atlantic Treaty Organization founded | Washington |\n"
      + "| 1 July 1991 | Warsaw Pact dissolved; Soviet Union in crisis | Prague |\n"
    // "Soviet Union in crisis" has no verb: not dated.
    #expect(
      claims(table) == [
        "Washington Treaty|dated|1949-04-04",
        "North Atlantic Treaty Organization|founded|1949-04-04",
        "Warsaw Pact|dated|1991-07-01",
      ])
  }
}

import ClaimExtraction
import Testing

/// Dates that must not go to a name they do not date, and the names they do date: timeline
/// items with their own actor, quiz answers, unnamed things after "a", names headed "Treaty on",
/// dates after a second verb, "the final treaty", result participles. Sentences written for
/// this test, each rule with a case it fires on and one it must leave alone.
@Suite("Dates go only to the names they date")
struct AttachmentTrustTests {
  @Test("a timeline item whose actor does something of their own dates no section topic")
  func timelineActor() {
    #expect(
      claims("The War of the Austrian Succession\n\n1740 – Frederick succeeds his father.\n")
        .isEmpty)
    #expect(
      claims("The Peace of Westphalia\n\n1648 – Signed at Münster.\n")
        == ["Peace of Westphalia|dated|1648"])
    // A plural noun before another lower-case word is no verb: the line tells no event of
    // its own, and dates the section's war.
    #expect(
      claims("The Korean War\n\n1951: Chinese forces hold Seoul\n")
        == ["Korean War|dated|1951"])
  }

  @Test("an answer with a bold label dates what the question above names")
  func boldAnswer() {
    #expect(
      claims(
        "Alliance Quiz\n\n**Q2. When was the Warsaw Pact established?**\n\n**Answer:** 1955.\n")
        == ["Warsaw Pact|founded|1955"])
    #expect(
      claims("Q. In which year did Spain join NATO?\n\nAnswer: 1982.\n")
        == ["NATO|other|1982"])
    // A question that names nothing: the answer dates nothing, not the page's title.
    #expect(
      claims("The Great War Quiz\n\n**Q1. When did the guns fall silent?**\n\n**Answer:** 1918.\n")
        .isEmpty)
  }

  @Test("a noun after 'a' or 'an' is a new thing, no anaphor for the name before")
  func indefiniteNounPhrase() {
    #expect(
      !claims(
        "The Second Boer War dragged on until a peace treaty was signed at Vereeniging on 31 May 1902."
      ).contains("Second Boer War|signed|1902-05-31"))
    #expect(
      !claims(
        "The Gulf War was short. In the end an armistice was agreed at Safwan on 3 March 1991."
      )
      .contains { $0.hasPrefix("Gulf War") })
    // An apposition after a comma describes the name before.
    #expect(
      claims("SEATO, a defensive alliance founded in 1954, was weak.")
        == ["SEATO|founded|1954"])
    // "the treaty" still stands for the name.
    #expect(
      claims("The Treaty of Vereeniging ended the war. The treaty was signed on 31 May 1902.")
        == ["Treaty of Vereeniging|signed|1902-05-31"])
  }

  @Test("'Treaty on …', 'Convention on …' are names; 'opened for signature' is a signing")
  func treatyOnNames() {
    #expect(
      claims("The Treaty on European Union was signed on 7 February 1992.")
        == ["Treaty on European Union|signed|1992-02-07"])
    #expect(
      claims(
        "Treaties of the Eighties\n\nNovember 20, 1989 — The Convention on the Rights of the Child (CRC) was opened for signature in New York.\n"
      ) == ["Convention on the Rights of the Child|signed|1989-11-20"])
    // "on" before a date is no part of a name.
    #expect(
      claims("The Warsaw Pact on 14 May 1955 bound eight states.")
        == ["Warsaw Pact|dated|1955-05-14"])
  }

  @Test("a date after a second verb is its own phrase's, not the first verb's object's")
  func secondVerb() {
    #expect(
      claims(
        "The Great Northern War began in 1700. Charles XII renewed the war and won a victory at the Battle of Narva on 30 November 1700."
      ) == ["Great Northern War|began|1700", "Battle of Narva|dated|1700-11-30"])
    #expect(
      claims("The Great Northern War began in 1700. Tsar Peter renewed the war in 1707.")
        == ["Great Northern War|began|1700", "Great Northern War|other|1707"])
  }

  @Test("'the final treaty' is no other treaty named before, unless it is the only one")
  func finalTreaty() {
    #expect(
      claims(
        "The Treaty of Campo Formio had failed. The Armistice of Steyr held. The final treaty was signed on 9 February 1801."
      ).isEmpty)
    #expect(
      claims(
        "The Treaty of Lunéville took long to negotiate. The final treaty was signed on 9 February 1801."
      ) == ["Treaty of Lunéville|signed|1801-02-09"])
  }

  @Test("a result participle after the date founds the name it governs")
  func resultParticiple() {
    #expect(
      claims("Saxony joined the two kings on 5 January 1850, creating the Four Kings' Alliance.")
        .contains("Four Kings' Alliance|founded|1850-01-05"))
    #expect(
      claims(
        "The Treaty of Rome was signed on 25 March 1957, establishing the European Economic Community."
      ) == [
        "Treaty of Rome|signed|1957-03-25", "European Economic Community|founded|1957-03-25",
      ])
    #expect(
      !claims("Saxony joined the two kings on 5 January 1850, creating a crisis.")
        .contains { $0.contains("founded") })
  }
}

import ClaimExtraction
import Testing

/// Ways of stating a date that the rules first missed: an article before a leading date,
/// participle phrases with a list or an aside, relative clauses on a predicate noun, ratified
/// alliances, "30 January of 1902". Sentences written for this test.
@Suite("Dates stated through articles, asides and predicate nouns")
struct LeadingDatesAndPhrasesTests {
  @Test("a date led by 'The' at the start of a timeline line")
  func articleBeforeLeadingDate() {
    #expect(
      claims(
        "The Treaty Years\n\nThe 14th of August 1814 – Sweden and Norway sign the Convention of Moss.\n"
      ) == ["Convention of Moss|signed|1814-08-14"])
    // Not a timeline item: the date is the subject of its own sentence.
    #expect(claims("The Convention of Moss\n\nThe 14th of August 1814 saw rain at Moss.\n").isEmpty)
  }

  @Test("a fronted participle's phrase runs on past a list or an aside to its subject")
  func longParticiplePhrase() {
    #expect(
      claims(
        "**Q2. Which pact came first?**\n\n**Answer:** The Treaty of Dunkirk. Signed on 4 March 1947 by Britain, France and their lawyers, it bound them against Germany.\n"
      ) == ["Treaty of Dunkirk|signed|1947-03-04"])
    #expect(
      claims(
        "## The Treaty of Jassy\n\nSigned on 9 January 1792 in the town of Iași (then Jassy, in Moldavia), the treaty ended a war."
      ).contains("Treaty of Jassy|signed|1792-01-09"))
    // No anaphor after the phrase: nothing it dates.
    #expect(
      claims("Signed on 4 March 1947 by Britain, France and Belgium, many letters went out.")
        .isEmpty)
  }

  @Test("a fronted agreement that founds a named thing in its clause dates the founding")
  func frontedAgreementFounds() {
    #expect(
      claims(
        "**Q3. Which treaty made the common market?**\n\n**Answer:** The Treaty of Rome. Signed on 25 March 1957 by France, Italy and four others, it established the European Economic Community.\n"
      ) == [
        "Treaty of Rome|signed|1957-03-25", "European Economic Community|founded|1957-03-25",
      ])
    // Not when the subject is no agreement.
    #expect(
      claims("Founded on 4 April 1949 by twelve states, NATO set up the Military Committee.")
        == ["NATO|founded|1949-04-04"])
    // A name right after the phrase's comma is its subject, whatever follows.
    #expect(
      claims(
        "Signed on 10 August 1920, the Treaty of Sèvres carved up Anatolia, and it never took effect."
      ) == ["Treaty of Sèvres|signed|1920-08-10"])
  }

  @Test("a relative clause on a predicate noun is about the subject the noun describes")
  func predicateNounRelative() {
    #expect(
      claims(
        "The Treaty of Portsmouth is a peace treaty which was signed at the naval yard on 5 September 1905, and it ended the Russo-Japanese War."
      ) == ["Treaty of Portsmouth|signed|1905-09-05", "Russo-Japanese War|ended|1905-09-05"])
    // A noun that is the object of another verb describes nothing of the subject.
    #expect(
      claims("The Treaty of Portsmouth mentions a protocol which was signed on 1 May 1905.").isEmpty
    )
  }

  @Test("an alliance may be ratified; a battle is not")
  func ratifiedAlliance() {
    #expect(
      claims("France answered with the Balkan League, finally ratified in March 1912.")
        == ["Balkan League|ratified|1912-03"])
    #expect(
      claims("Britain answered with the Battle of Inkerman, finally ratified in March 1855.")
        .isEmpty)
  }

  @Test("a timeline item's clause joined by ', and' dates the object of its own cue verb")
  func joinedClauseObject() {
    #expect(
      claims(
        "Timeline\n\n1839 – The Treaty of London is signed, and the powers renew the Quadruple Alliance.\n"
      ) == ["Treaty of London|signed|1839", "Quadruple Alliance|other|1839"])
    // A verb that dates nothing dates nothing it governs.
    #expect(
      claims(
        "Timeline\n\n1839 – The Treaty of London is signed, and Belgium guards the Scheldt Convention.\n"
      ) == ["Treaty of London|signed|1839"])
  }

  @Test("'the surrender of X' names an event")
  func surrender() {
    #expect(
      claims("Korea stayed under Japan until the surrender of Japan in 1945.")
        == ["surrender of Japan|dated|1945"])
    #expect(claims("Japan refused to surrender in 1944.").isEmpty)
  }

  @Test("'30 January of 1902' is a day, as 'January of 1902' is a month")
  func dayMonthOfYear() {
    let found = dates("The alliance was made on the 30 January of 1902.")
    #expect(found.map(\.0) == ["30 January of 1902"])
    #expect(found.map(\.1) == ["1902-01-30"])
  }
}

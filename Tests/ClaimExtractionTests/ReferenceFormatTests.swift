import ClaimExtraction
import Testing

/// How encyclopedia pages write dates: infobox lines, Old Style and New Style, "c." and
/// "circa". Text written for these tests.
@Suite("Reference formats")
struct ReferenceFormatTests {
  @Test("an infobox line dates the page's subject")
  func infobox() {
    #expect(
      claims("Treaty of Westminster\n\nDate Signed: 19 February 1674\nLocation: Westminster\n")
        == ["Treaty of Westminster|signed|1674-02-19"])
  }

  @Test("two calendars: one date whose value spans both days")
  func dualDating() {
    #expect(
      dates("Signed 5/15 April 1654").map(\.1) == ["1654-04-05/1654-04-15"])
    #expect(
      dates("signed on 9 February 1674 Old Style (19 February 1674 New Style).").map(\.1)
        == ["1674-02-09/1674-02-19"])
    #expect(
      dates("on 9 February 1674 O.S. (19 February 1674 N.S.)").map(\.1) == [
        "1674-02-09/1674-02-19"
      ])
    #expect(
      dates("August 27 (September 6), 1689 saw the treaty").map(\.1) == ["1689-08-27/1689-09-06"])
    // One claim, not two that contradict each other.
    #expect(
      claims(
        "The Treaty of Westminster was signed on 9 February 1674 Old Style (19 February 1674 New Style)."
      )
        == ["Treaty of Westminster|signed|1674-02-09/1674-02-19"])
  }

  @Test("c. and circa")
  func approximate() {
    #expect(
      claims("The Treaty of Kadesh (c. 1259 BC) is the oldest.") == ["Treaty of Kadesh|dated|-1258"]
    )
    #expect(
      claims("The Treaty of Kadesh was signed circa 1259 BC.") == ["Treaty of Kadesh|signed|-1258"])
  }

  @Test("how encyclopedia leads phrase dates")
  func leads() {
    // An en dash joins a name.
    #expect(
      claims("The Kellogg–Briand Pact was an agreement signed on August 27, 1928, by many states.")
        == ["Kellogg–Briand Pact|signed|1928-08-27"])
    // "X or Y" names one entity, known as Y.
    let kadesh = extract("The Ramses-Hattusili Treaty or Treaty of Kadesh was signed in 1259 BC.")
    #expect(
      kadesh.acronyms.map { "\($0.acronym) → \($0.name)" } == [
        "Ramses-Hattusili Treaty → Treaty of Kadesh"
      ])
    // The last item of a list after "between" is no clause of its own.
    #expect(
      claims(
        "The Peace of Augsburg was a treaty between Charles V, Holy Roman Emperor, and the Schmalkaldic League, signed on 25 September 1555 in Augsburg."
      ).contains("Peace of Augsburg|signed|1555-09-25"))
    #expect(
      dates("held from 28 November to 1 December 1943 in Tehran").map(\.1) == [
        "1943-11-28/1943-12-01"
      ])
  }

  @Test("pronouns: the subject before, never an object elsewhere; 'signed into law' ratifies")
  func pronouns() {
    #expect(
      claims(
        "The Treaty of Ghent was the peace treaty that ended the War of 1812. It took effect in 1815. Both sides signed it on December 24, 1814."
      ).contains("Treaty of Ghent|signed|1814-12-24"))
    #expect(
      claims(
        "Pretoria Convention\n\nThe poverty of the republic prompted the government to annex it in 1877."
      )
      .isEmpty)
    #expect(
      claims("The Treaty of Ghent was signed into law by the Prince Regent on December 30, 1814.")
        == ["Treaty of Ghent|ratified|1814-12-30"])
  }

  @Test("names written another way share a loose key")
  func variants() {
    #expect(
      EntityKey.variant("brest-litovsk treaty") == EntityKey.variant("treaty of brest-litovsk"))
    #expect(EntityKey.variant("munich accords") == EntityKey.variant("munich agreement"))
    #expect(EntityKey.variant("peace of luneville") == EntityKey.variant("treaty of lunéville"))
    #expect(EntityKey.variant("battle of the inkerman") == EntityKey.variant("battle of inkerman"))
    #expect(EntityKey.variant("russian revolutions") == EntityKey.variant("russian revolution"))
    // Different places stay different.
    #expect(EntityKey.variant("treaty of paris") != EntityKey.variant("treaty of versailles"))
  }
}

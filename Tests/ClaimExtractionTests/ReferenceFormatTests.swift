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
}

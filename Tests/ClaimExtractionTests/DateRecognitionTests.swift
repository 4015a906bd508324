import ClaimExtraction
import Testing

@Suite("Date expressions")
struct DateRecognitionTests {
  @Test(
    "bare years in context",
    arguments: [
      ("NATO was formed in 1949.", "1949"),
      ("the Treaty of Westphalia (1648), which", "1648"),
      ("the alliance of 1674 held", "1674"),
      ("by 1951, the pact", "1951"),
      ("Early 1941 brought", "1941"),
      ("mid-1916 saw heavy losses", "1916"),
    ])
  func bareYears(text: String, year: String) {
    let found = dates(text)
    #expect(found.count == 1)
    #expect(found.first?.1 == year)
    #expect(found.first?.2 == .year)
    #expect(found.first?.0 == year)
  }

  @Test(
    "full dates in both orders, ISO dates, month and year",
    arguments: [
      ("signed on 19 February 1674 at", "19 February 1674", "1674-02-19", DatePrecision.day),
      ("signed on February 19, 1674 at", "February 19, 1674", "1674-02-19", .day),
      ("on the 19th of October 1950 the", "19th of October 1950", "1950-10-19", .day),
      ("dated 2009-12-19 in", "2009-12-19", "2009-12-19", .day),
      ("stamped 2009-12-19T17:00:00 by", "2009-12-19T17:00:00", "2009-12-19", .day),
      ("In November 1939 Finland", "November 1939", "1939-11", .month),
      ("in February of 1940 the", "February of 1940", "1940-02", .month),
      ("until mid-June 1944 they", "June 1944", "1944-06", .month),
      ("in Feb. 1674 the", "Feb. 1674", "1674-02", .month),
      ("home by Christmas 1914, they said", "Christmas 1914", "1914-12-25", .day),
    ])
  func fullDates(text: String, surface: String, value: String, precision: DatePrecision) {
    let found = dates(text)
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.0 == surface)
    #expect(found.first?.1 == value)
    #expect(found.first?.2 == precision)
  }

  @Test(
    "ranges",
    arguments: [
      ("the Thirty Years' War (1618–1648) was", "1618–1648", "1618/1648"),
      ("the war of 1914-1918 ended", "1914-1918", "1914/1918"),
      ("fought 1914–18 in", "1914–18", "1914/1918"),
      ("from 1672 to 1674 the", "1672 to 1674", "1672/1674"),
      ("between 1950 and 1953 the", "1950 and 1953", "1950/1953"),
      ("lasting from 499 to 493 BC.", "499 to 493 BC", "-0498/-0492"),
      ("First Punic War (264 to 241 BC) began", "264 to 241 BC", "-0263/-0240"),
      ("the Punic Wars (264–146 BC) were", "264–146 BC", "-0263/-0145"),
      ("talks on March 5-9, 1918 ended", "March 5-9, 1918", "1918-03-05/1918-03-09"),
    ])
  func ranges(text: String, surface: String, value: String) {
    let found = dates(text)
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.0 == surface)
    #expect(found.first?.1 == value)
    #expect(found.first?.2 == .range)
  }

  @Test(
    "eras",
    arguments: [
      ("In 490 BC the Persians", "490 BC", "-0489"),
      ("in 480 BCE the", "480 BCE", "-0479"),
      ("by 149 B.C. the", "149 B.C.", "-0148"),
      ("Pompeii fell in AD 79 when", "AD 79", "0079"),
      ("founded in 330 AD by", "330 AD", "0330"),
    ])
  func eras(text: String, surface: String, value: String) {
    let found = dates(text)
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.0 == surface)
    #expect(found.first?.1 == value)
  }

  @Test("a bare three-digit year counts only after an explicit BC date")
  func impliedEra() {
    let found = dates("The revolt began in 499 BC. After 494 the fleet sailed. It had 300 ships.")
    #expect(found.map(\.1) == ["-0498", "-0493"])
    #expect(dates("In 494 the fleet sailed.").isEmpty)
  }

  @Test(
    "decades and centuries are vague mentions",
    arguments: [
      ("in the 1990s the", "1990s", "199X", DatePrecision.decade),
      ("the 1930's were", "1930's", "193X", .decade),
      ("the 470s BC saw", "470s BC", "-047X", .decade),
      ("in the 19th century the", "19th century", "18XX", .century),
      ("the nineteenth century was", "nineteenth century", "18XX", .century),
      (
        "through the 19th and 20th centuries, military", "19th and 20th centuries", "18XX/19XX",
        .century
      ),
    ])
  func vague(text: String, surface: String, value: String, precision: DatePrecision) {
    let bytes = Array(text.utf8)
    let found = Extractor().extract(bytes).dates
    #expect(found.count == 1)
    #expect(found.first.map { String(decoding: bytes[$0.range], as: UTF8.self) } == surface)
    #expect(found.first?.value.edtf == value)
    #expect(found.first?.value.precision == precision)
    #expect(found.first?.value.isVague == true)
  }

  @Test(
    "numbers that are not years",
    arguments: [
      "an army of 1,000 troops", "with 1500 soldiers", "see page 1674 of the report",
      "it cost $1949 then", "a front of 1949 km", "Resolution 1441 demanded",
      "some 1949.5 units", "rose by 1950% overnight", "they butchered 1400 victims",
      "sent 1200 men", "No. 1674 was", "the 10,000 dead", "with some 1500 Cossacks",
      "nearly 1200 Germans died",
    ])
  func notYears(text: String) {
    #expect(dates(text).isEmpty, "\(dates(text))")
  }

  @Test("years next to quantities stay years behind a date preposition")
  func yearsBeforeNouns() {
    #expect(dates("In 1862 troops moved north.").map(\.1) == ["1862"])
    #expect(dates("The 2003 invasion of Iraq").map(\.1) == ["2003"])
  }
}

import Foundation
import ReferenceFetcher
import Testing

@Suite("Header values from servers")
struct HeaderValueTests {
  @Test("Retry-After: delta-seconds or an HTTP-date; anything else is absent")
  func retryAfter() {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
    #expect(RetryAfter.seconds("120", now: now) == 120)
    #expect(RetryAfter.seconds("0", now: now) == 0)
    #expect(RetryAfter.seconds("0000000000000000007", now: now) == 7)
    #expect(RetryAfter.seconds("99999999999999999999999999", now: now) == 1e9)
    #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:50:37 GMT", now: now) == 60)
    #expect(RetryAfter.seconds("Sunday, 06-Nov-94 08:51:37 GMT", now: now) == 120)
    #expect(RetryAfter.seconds("Sun Nov  6 08:52:37 1994", now: now) == 180)
    #expect(RetryAfter.seconds("Sat, 05 Nov 1994 08:49:37 GMT", now: now) == 0)  // past
    for garbage in [
      "nan", "NaN", "inf", "-inf", "1e400", "-5", "+3", "1.5", "0x10", "", " ", "soon",
      "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 6 Nov 1994 08:49:37 GMT",
      "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun Nov 6 08:49 1994",
    ] {
      #expect(RetryAfter.seconds(garbage, now: now) == nil, "\(garbage.debugDescription)")
    }
  }
}

@Suite("Header field values")
struct HeaderFieldValueTests {
  @Test("visible ASCII, SP, HTAB and obs-text pass; CR, LF, NUL and other controls do not")
  func fieldValues() {
    for good in ["\"a\"", "W/\"x-1\"", "Tue, 01 Dec 2026 10:00:00 GMT", "a\tb", "caf\u{E9}"] {
      #expect(HeaderFieldValue.isValid(good), "\(good.debugDescription)")
    }
    for bad in [
      "", "\"a\"\rX: 1", "\"a\"\nX: 1", "\"a\"\r\nX: 1", "a\u{0}b", "a\u{1B}b", "a\u{7F}",
    ] {
      #expect(!HeaderFieldValue.isValid(bad), "\(bad.debugDescription)")
    }
  }
}

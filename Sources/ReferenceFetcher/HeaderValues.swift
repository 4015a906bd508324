import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The `Retry-After` header of a 429 or 503, read as RFC 9110 (section 10.2.3) defines it:
/// delta-seconds (digits only) or an HTTP-date. Anything else (`nan`, `inf`, `1e400`, `-5`,
/// `soon`) is no value at all, as if the header were absent: a number that `Double` happens to
/// read is not thereby a wait a server may ask for.
public enum RetryAfter {
  /// The seconds to wait from `now`, never negative; nil when the value is neither form.
  /// Delta-seconds too long to matter read as a billion: callers cap the wait anyway.
  public static func seconds(_ value: String, now: Date = Date()) -> Double? {
    let digits = value.utf8
    if !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) {
      let significant = value.drop { $0 == "0" }
      guard significant.count <= 9 else { return 1e9 }
      return Double(Int(significant) ?? 0)
    }
    guard let date = HTTPDate.parse(value) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }
}

/// The three forms of HTTP-date that RFC 9110 (section 5.6.7) asks recipients to accept:
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`), all in GMT.
enum HTTPDate {
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  static let longDays = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]

  static func parse(_ text: String, now: Date = Date()) -> Date? {
    let fields = text.split(separator: " ")
    if fields.count == 6, fields[5] == "GMT", fields[0].hasSuffix(","),
      days.contains(String(fields[0].dropLast())),
      let day = number(fields[1], width: 2...2), let month = month(fields[2]),
      let year = number(fields[3], width: 4...4)
    {
      return date(year: year, month: month, day: day, time: fields[4])
    }
    if fields.count == 4, fields[3] == "GMT", fields[0].hasSuffix(","),
      longDays.contains(String(fields[0].dropLast()))
    {
      let parts = fields[1].split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3, let day = number(parts[0], width: 2...2),
        let month = month(parts[1]), let short = number(parts[2], width: 2...2)
      else { return nil }
      // A two-digit year more than 50 years ahead is the latest past year ending so.
      let thisYear = Calendar(identifier: .gregorian).component(.year, from: now)
      var year = thisYear - thisYear % 100 + short
      if year > thisYear + 50 { year -= 100 }
      return date(year: year, month: month, day: day, time: fields[2])
    }
    if fields.count == 5, days.contains(String(fields[0])), let month = month(fields[1]),
      let day = number(fields[2], width: 1...2), let year = number(fields[4], width: 4...4)
    {
      return date(year: year, month: month, day: day, time: fields[3])
    }
    return nil
  }

  private static func month(_ name: Substring) -> Int? {
    months.firstIndex(of: String(name)).map { $0 + 1 }
  }

  /// Digits only, of the width given.
  private static func number(_ text: Substring, width: ClosedRange<Int>) -> Int? {
    guard width.contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) })
    else { return nil }
    return Int(text)
  }

  private static func date(year: Int, month: Int, day: Int, time: Substring) -> Date? {
    let parts = time.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, let hour = number(parts[0], width: 2...2),
      let minute = number(parts[1], width: 2...2), let second = number(parts[2], width: 2...2),
      (1...31).contains(day), hour < 24, minute < 60, second <= 60
    else { return nil }
    var fields = tm()
    fields.tm_year = Int32(year - 1900)
    fields.tm_mon = Int32(month - 1)
    fields.tm_mday = Int32(day)
    fields.tm_hour = Int32(hour)
    fields.tm_min = Int32(minute)
    fields.tm_sec = Int32(second)
    return Date(timeIntervalSince1970: Double(timegm(&fields)))
  }
}

/// What may stand in a header field's value (RFC 9110 section 5.5: visible ASCII, SP, HTAB and
/// obs-text). A validator with a CR or LF in it (a server's bare CR, a fetch log edited by
/// hand) would, sent back, start a header of its own: such values are neither stored nor sent.
public enum HeaderFieldValue {
  public static func isValid(_ value: String) -> Bool {
    !value.isEmpty
      && value.utf8.allSatisfy {
        $0 == 0x09 || $0 == 0x20 || (0x21...0x7E).contains($0) || $0 >= 0x80
      }
  }

  /// The value when it is valid, else nil (as if it were absent).
  public static func valid(_ value: String?) -> String? {
    guard let value, isValid(value) else { return nil }
    return value
  }
}

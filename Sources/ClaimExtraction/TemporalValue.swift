/// A calendar date known to year, month or day precision.
///
/// Years before the common era are negative and there is no year zero (490 BC is `-490`), the
/// way historians count; ``edtf`` converts to the astronomical numbering that ISO 8601 uses.
public struct CalendarDate: Hashable, Comparable, Sendable {
  public var year: Int
  public var month: Int?
  public var day: Int?

  public init(year: Int, month: Int? = nil, day: Int? = nil) {
    self.year = year
    self.month = month
    self.day = day
  }

  public var precision: DatePrecision {
    if day != nil { return .day }
    if month != nil { return .month }
    return .year
  }

  /// True when both dates can describe the same day: equal on every field both state.
  /// 1674 and 19 February 1674 agree; 1674-02 and 1674-03 do not.
  public func agrees(with other: CalendarDate) -> Bool {
    guard year == other.year else { return false }
    if let m = month, let n = other.month, m != n { return false }
    if let d = day, let e = other.day, d != e { return false }
    return true
  }

  /// Extended Date/Time Format (ISO 8601-2): `1674`, `1674-02`, `1674-02-19`, `-0489` for 490 BC.
  public var edtf: String {
    let astronomical = year < 0 ? year + 1 : year
    var text = astronomical < 0 ? "-" + pad(-astronomical, 4) : pad(astronomical, 4)
    if let month { text += "-" + pad(month, 2) }
    if let day { text += "-" + pad(day, 2) }
    return text
  }

  /// How a reader writes it: `1674`, `February 1674`, `19 February 1674`, `490 BC`.
  public var display: String {
    var text = year < 0 ? "\(-year) BC" : "\(year)"
    if let month {
      text = Self.monthNames[month - 1] + " " + text
      if let day { text = "\(day) " + text }
    }
    return text
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
  }

  public static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]
}

private func pad(_ number: Int, _ width: Int) -> String {
  let digits = String(number)
  return digits.count >= width
    ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// How exactly a date expression pins down time.
public enum DatePrecision: String, Sendable, Codable, CaseIterable {
  case day, month, year, range, decade, century
}

/// The normalised value of a date expression.
public enum TemporalValue: Hashable, Sendable {
  /// One date at year, month or day precision.
  case point(CalendarDate)
  /// A span such as "1618–1648" or "between 1950 and 1953", both ends inclusive.
  case range(CalendarDate, CalendarDate)
  /// "the 1990s": the first year of the decade.
  case decade(Int)
  /// "the 19th century" or "the 19th and 20th centuries": first and last century, 1-based.
  case centuries(Int, Int)

  public var precision: DatePrecision {
    switch self {
    case .point(let date): return date.precision
    case .range: return .range
    case .decade: return .decade
    case .centuries: return .century
    }
  }

  /// Decades and centuries are too vague to check: they are mentions, never claim values.
  public var isVague: Bool {
    switch self {
    case .decade, .centuries: return true
    case .point, .range: return false
    }
  }

  /// The value in Extended Date/Time Format: `1674-02-19`, `1618/1648`, `199X`, `18XX/19XX`.
  public var edtf: String {
    switch self {
    case .point(let date): return date.edtf
    case .range(let start, let end): return start.edtf + "/" + end.edtf
    case .decade(let year):
      return year < 0 ? "-" + pad(-year / 10, 3) + "X" : pad(year / 10, 3) + "X"
    case .centuries(let first, let last):
      let from = pad(first - 1, 2) + "XX"
      return first == last ? from : from + "/" + pad(last - 1, 2) + "XX"
    }
  }

  /// How a reader writes it, for diagnostics.
  public var display: String {
    switch self {
    case .point(let date): return date.display
    case .range(let start, let end):
      if start.year < 0 && end.year < 0 && start.month == nil && end.month == nil {
        return "\(-start.year)–\(-end.year) BC"
      }
      return start.display + "–" + end.display
    case .decade(let year): return year < 0 ? "the \(-year)s BC" : "the \(year)s"
    case .centuries(let first, let last):
      return first == last
        ? "the \(ordinal(first)) century" : "the \(ordinal(first))–\(ordinal(last)) centuries"
    }
  }

  /// The years a value covers, inclusive, for containment checks.
  public var span: (start: CalendarDate, end: CalendarDate) {
    switch self {
    case .point(let date): return (date, date)
    case .range(let start, let end): return (start, end)
    case .decade(let year): return (CalendarDate(year: year), CalendarDate(year: year + 9))
    case .centuries(let first, let last):
      return (CalendarDate(year: (first - 1) * 100 + 1), CalendarDate(year: last * 100))
    }
  }
}

private func ordinal(_ number: Int) -> String {
  let suffix: String
  switch (number % 10, number % 100) {
  case (_, 11...13): suffix = "th"
  case (1, _): suffix = "st"
  case (2, _): suffix = "nd"
  case (3, _): suffix = "rd"
  default: suffix = "th"
  }
  return "\(number)\(suffix)"
}

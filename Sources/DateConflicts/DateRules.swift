import ClaimExtraction

/// When two dates given for one subject cannot both be true.
///
/// What compares depends on the kind of subject:
/// - an agreement is signed once: `dated` and `signed` (and `founded`) compare with each other;
/// - an organisation exists over time: only the same event compares (`founded` with
///   `founded`), a year it is merely mentioned in does not contradict another;
/// - a war or revolution spans time: `began` with `began`, `ended` with `ended`, and a year
///   it is `dated` to must fall inside a range given for it; `began` and `ended` must match a
///   range's ends.
/// Values agree at their shared precision: 1674 and 19 February 1674 agree; 1651 and 1674 do
/// not; a point agrees with a range that contains it.
public enum DateRules {
  /// Whether a subject of `kind` said to be `a` and `b` is said two incompatible things.
  public static func contradicts(
    _ a: (ClaimPredicate, TemporalValue), _ b: (ClaimPredicate, TemporalValue), kind: EntityKind
  ) -> Bool {
    // Other events in a subject's life (a member withdrew, it was renewed) date nothing.
    if a.0 == .other || b.0 == .other { return false }
    switch kind {
    case .agreement:
      let signing: Set<ClaimPredicate> = [.dated, .signed, .founded]
      if signing.contains(a.0) && signing.contains(b.0) || a.0 == b.0 {
        return !consistent(a.1, b.1)
      }
      return false
    case .organization, .other:
      guard a.0 == b.0, a.0 != .dated else { return false }
      return !consistent(a.1, b.1)
    case .event:
      return eventContradicts(a, b) || eventContradicts(b, a)
    }
  }

  private static func eventContradicts(
    _ a: (ClaimPredicate, TemporalValue), _ b: (ClaimPredicate, TemporalValue)
  ) -> Bool {
    switch (a.0, b.0) {
    case (.began, .began), (.ended, .ended):
      return !consistent(a.1, b.1)
    case (.dated, .dated):
      // Two years in a war are both true; two spans given for it must match.
      if case .range = a.1, case .range = b.1 { return !sameRange(a.1, b.1) }
      if case .range = a.1 { return !consistent(a.1, b.1) }
      return false
    // A span given for a war is usually its fighting, and a war "ended" is as often dated by
    // its armistice as by its treaty: "(April–August 1898)" and "the treaty of 10 December
    // 1898 ended the war" are both true. The ends of a span contradict only another year.
    case (.began, .dated):
      if case .range(let start, _) = b.1 { return !sameYear(a.1, start) }
      return false
    case (.ended, .dated):
      if case .range(_, let end) = b.1 { return !sameYear(a.1, end) }
      return false
    default:
      return false
    }
  }

  /// Whether two values can both be true: equal at their shared precision, or one inside the
  /// other when one is a range.
  public static func consistent(_ a: TemporalValue, _ b: TemporalValue) -> Bool {
    switch (a, b) {
    case (.point(let x), .point(let y)):
      return x.agrees(with: y)
    case (.range, .range):
      return sameRange(a, b)
    case (.range(let start, let end), .point(let date)),
      (.point(let date), .range(let start, let end)):
      return within(date, start, end)
    default:
      return true
    }
  }

  private static func sameYear(_ value: TemporalValue, _ date: CalendarDate) -> Bool {
    consistent(value, .point(CalendarDate(year: date.year)))
  }

  private static func sameRange(_ a: TemporalValue, _ b: TemporalValue) -> Bool {
    guard case .range(let s1, let e1) = a, case .range(let s2, let e2) = b else { return false }
    return s1.agrees(with: s2) && e1.agrees(with: e2)
  }

  private static func within(_ date: CalendarDate, _ start: CalendarDate, _ end: CalendarDate)
    -> Bool
  {
    if date.agrees(with: start) || date.agrees(with: end) { return true }
    return start < date && date < end
  }
}

/// Days in the Julian and the Gregorian calendar: "30 August 1721" (Julian, Old Style, as
/// Russia and Sweden counted) is "10 September 1721" (Gregorian, New Style). The offset is 10
/// days from 1582 to February 1700, 11 to February 1800, 12 to February 1900 and 13 after; the
/// Gregorian calendar was adopted between 1582 and 1923, so only dates in those years can be
/// one day written two ways.
public enum OldStyle {
  /// The years in which a date may be written Old Style.
  public static let years = 1582...1923

  /// The Julian day number of a date at day precision, read in either calendar.
  public static func julianDay(_ date: CalendarDate, gregorian: Bool) -> Int? {
    guard let month = date.month, let day = date.day, years.contains(date.year) else {
      return nil
    }
    let a = (14 - month) / 12
    let y = date.year + 4800 - a
    let m = month + 12 * a - 3
    let common = day + (153 * m + 2) / 5 + 365 * y + y / 4
    return gregorian ? common - y / 100 + y / 400 - 32045 : common - 32083
  }
}

/// A date as a span of years, for telling which of two dates other dates lie nearer, and for
/// judging two dates by their years only.
public struct ContextYear: Sendable, Hashable {
  public var low: Int
  public var high: Int

  public init?(_ value: TemporalValue) {
    switch value {
    case .point(let date): (low, high) = (date.year, date.year)
    case .range(let start, let end): (low, high) = (start.year, end.year)
    case .decade, .centuries: return nil
    }
  }

  public var middle: Int { (low + high) / 2 }

  public func distance(to other: ContextYear) -> Int {
    if other.high < low { return low - other.high }
    if other.low > high { return other.low - high }
    return 0
  }
}

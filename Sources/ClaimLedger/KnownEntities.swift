import ClaimExtraction
import DateConflicts
import Foundation

/// Entities of one name that the references tell apart by a date: the pages "Treaty of
/// Westminster (1654)" and "Treaty of Westminster (1674)" make two treaties known. Two claims
/// whose dates fit two of them are about two entities, not a conflict.
public struct KnownEntities: Sendable {
  /// Entity key → the distinct dates that tell its entities apart (year precision).
  public private(set) var qualifiers: [String: [TemporalValue]] = [:]
  /// How the references name them, by key and date: "Treaty of Westminster (1654)".
  public private(set) var shown: [String: [String: String]] = [:]

  public init() {}

  /// Adds an entity the references know.
  public mutating func add(key: String, qualifier: TemporalValue, shown name: String) {
    let value = Self.yearOnly(qualifier)
    if !(qualifiers[key] ?? []).contains(value) { qualifiers[key, default: []].append(value) }
    shown[key, default: [:]][value.edtf] = name
  }

  /// The known dates of `key` a value fits.
  public func fitting(_ key: String, _ value: TemporalValue) -> [TemporalValue] {
    (qualifiers[key] ?? []).filter { DateRules.consistent(Self.yearOnly(value), $0) }
  }

  /// "Treaty of Westminster (1654)", "Treaty of Paris (1783) - Wikipedia", "Anglo-Dutch War
  /// (1652–1654)": the name and the parenthesised date at the end of a title. A site's name
  /// after " - ", " – ", " — " or " | " is dropped.
  public static func qualifiedTitle(_ title: String) -> (
    name: String, shown: String, qualifier: TemporalValue
  )? {
    var text = Substring(title)
    for separator in [" - ", " – ", " — ", " | "] {
      if let range = text.range(of: separator) { text = text[..<range.lowerBound] }
    }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return nil }
    let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
    let inside = String(
      trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
    guard !name.isEmpty,
      let date = Extractor().extract(Array(inside.utf8)).dates.first(where: { !$0.inferred }),
      !date.value.isVague
    else { return nil }
    return (name, trimmed, yearOnly(date.value))
  }

  /// A value at year precision: 19 February 1674 → 1674; 1652–1654 stays a range.
  public static func yearOnly(_ value: TemporalValue) -> TemporalValue {
    switch value {
    case .point(let date): return .point(CalendarDate(year: date.year))
    case .range(let start, let end):
      return start.year == end.year
        ? .point(CalendarDate(year: start.year))
        : .range(CalendarDate(year: start.year), CalendarDate(year: end.year))
    case .decade, .centuries: return value
    }
  }
}

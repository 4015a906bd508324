import ClaimExtraction
import DateConflicts

// Notes beside conflicts: pairs of dates that look contradictory but are not a contradiction
// a reviewer must settle. They are printed as `note:`, never counted as findings.

/// Two claims of one name whose dates conflict but are probably about two entities: the
/// references know two entities their dates fit, or each document sets its date among other
/// dates of its own time. The scan suggests the split (a `distinct` entry in
/// `Claims/aliases.yaml`) instead of reporting a contradiction.
public struct SplitSuggestion: Sendable, Hashable {
  /// One side of a split the documents suggest: its date, and the dated things near it.
  public struct Context: Sendable, Hashable {
    public var value: String
    public var near: String
  }

  public var entity: Entity
  /// The claims, ordered by document and position.
  public var claims: [ResolvedClaim]
  /// How the references name the entities the claims fit (empty when the documents' contexts
  /// suggested the split).
  public var known: [String]
  /// What each document sets the entity among, when the contexts suggested the split.
  public var contexts: [Context] = []

  /// One note per claim, at its date.
  public var diagnostics: [Diagnostic] {
    var values = Array(Set(claims.map(\.claim.value.display))).sorted()
    // Two years of one name may hold hundreds of dates: the note names a few.
    if values.count > Conflict.valuesShown + 1 {
      let more = values.count - Conflict.valuesShown
      values = values.prefix(Conflict.valuesShown) + ["\(more) other dates"]
    }
    let message: String
    if contexts.isEmpty {
      message =
        "\"\(entity.name)\" \(listed(values)) fit \(known.count) entities the references"
        + " know (\(known.joined(separator: ", "))): not a contradiction; confirm the split"
        + " with a 'distinct' entry in Claims/aliases.yaml"
    } else {
      let sides = contexts.map { "\($0.value) beside \($0.near)" }
      let years = contexts.map { "\(entity.name) (\($0.value))" }
      message =
        "\"\(entity.name)\" \(listed(values)): possibly two different \(entity.kind.plural) of"
        + " this name, each document consistent with itself (\(sides.joined(separator: "; ")));"
        + " if so, add a 'distinct' entry for \(entity.name) to Claims/aliases.yaml"
        + " (\(years.joined(separator: ", "))), else one of the dates is wrong"
    }
    return claims.map { member in
      Diagnostic(
        path: member.document, line: member.claim.location.line,
        column: member.claim.location.column, severity: .note, message: message, code: "split")
    }
  }
}

extension EntityKind {
  /// "treaties", "wars": how a note speaks of several entities of this kind.
  var plural: String {
    switch self {
    case .agreement: return "agreements"
    case .organization: return "organisations"
    case .event: return "events"
    case .other: return "entities"
    }
  }
}

/// One day written in two calendars: "30 August 1721" (Julian, Old Style, as Russia and Sweden
/// counted) and "10 September 1721" (Gregorian, New Style). The offset is 10 days from 1582 to
/// February 1700, 11 to February 1800, 12 to February 1900 and 13 after; the Gregorian calendar
/// was adopted between 1582 and 1923, so only dates in those years can be such a pair.
public struct CalendarPair: Sendable, Hashable {
  public var entity: Entity
  /// The date as the Julian calendar writes it, and the claims that give it.
  public var oldStyle: CalendarDate
  public var oldStyleClaims: [ResolvedClaim]
  /// The same day in the Gregorian calendar.
  public var newStyle: CalendarDate
  public var newStyleClaims: [ResolvedClaim]

  init?(
    entity: Entity, _ a: TemporalValue, _ aClaims: [ResolvedClaim], _ b: TemporalValue,
    _ bClaims: [ResolvedClaim]
  ) {
    guard case .point(let first) = a, case .point(let second) = b,
      let firstDay = OldStyle.julianDay(first, gregorian: false),
      let secondDay = OldStyle.julianDay(second, gregorian: true)
    else { return nil }
    self.entity = entity
    if firstDay == secondDay {
      (oldStyle, oldStyleClaims, newStyle, newStyleClaims) = (first, aClaims, second, bClaims)
    } else if OldStyle.julianDay(second, gregorian: false)
      == OldStyle.julianDay(first, gregorian: true)
    {
      (oldStyle, oldStyleClaims, newStyle, newStyleClaims) = (second, bClaims, first, aClaims)
    } else {
      return nil
    }
  }

  /// One note per claim, at its date, naming the other calendar's places.
  public var diagnostics: [Diagnostic] {
    func places(_ claims: [ResolvedClaim]) -> String {
      Conflict.listed(places: claims.map(Conflict.place))
    }
    let explained =
      "one day in two calendars: \(oldStyle.display) in the Julian calendar (Old Style) is"
      + " \(newStyle.display) in the Gregorian (New Style); the text does not mark"
      + " \(oldStyle.display) as Old Style"
    func note(_ member: ResolvedClaim, other: CalendarDate, at claims: [ResolvedClaim])
      -> Diagnostic
    {
      let verb = member.claim.predicate == .dated ? "dated" : member.claim.predicate.rawValue
      return Diagnostic(
        path: member.document, line: member.claim.location.line,
        column: member.claim.location.column, severity: .note,
        message: "\"\(entity.name)\" \(verb) \(member.claim.value.display) here and"
          + " \(other.display) at \(places(claims)): \(explained)",
        code: "calendar")
    }
    return oldStyleClaims.map { note($0, other: newStyle, at: newStyleClaims) }
      + newStyleClaims.map { note($0, other: oldStyle, at: oldStyleClaims) }
  }
}

/// The dated things each document names: what an entity's date stands among there. Indexed on
/// first use: most scans have no pair of dates far enough apart to ask.
final class DocumentContexts {
  /// How far apart two dates of one name must be before their documents' contexts can tell
  /// two entities apart: dates a few years apart are too close for the dates around them to
  /// say which is meant.
  static let apartYears = 10

  private struct Item {
    var claim: Int
    var year: ContextYear
    var place: PlaceInDocument
  }

  private let claims: [ResolvedClaim]
  private lazy var byDocument: [String: [Item]] = {
    var index: [String: [Item]] = [:]
    for (number, claim) in claims.enumerated() {
      guard let value = claim.claim.value.temporal, let year = ContextYear(value) else { continue }
      index[claim.document, default: []].append(
        Item(claim: number, year: year, place: PlaceInDocument(claim)))
    }
    return index
  }()

  init(_ claims: [ResolvedClaim]) { self.claims = claims }

  /// Whether most of the dated things in a document — other entities, and the entity's own
  /// other dates ("the Russo-Turkish War of 1877–1878" beside its end in 1878) — lie nearer
  /// `own` than `other` (and one at least). What the claims' own dates give is left out (a
  /// war a treaty ended shares the treaty's date, right or wrong): a wrong year must not vouch
  /// for itself.
  func isAnchored(
    _ document: String, at places: Set<PlaceInDocument>, _ own: ContextYear, _ other: ContextYear
  ) -> Bool {
    var items = 0
    var near = 0
    for item in byDocument[document] ?? [] where !places.contains(item.place) {
      items += 1
      if item.year.distance(to: own) < item.year.distance(to: other) { near += 1 }
    }
    return near > 0 && near * 2 > items
  }

  /// The dated things of ``isAnchored(_:at:_:_:)`` that lie nearer `own`, as a note shows them.
  func near(
    _ document: String, at places: Set<PlaceInDocument>, _ own: ContextYear, _ other: ContextYear
  ) -> [String] {
    (byDocument[document] ?? []).filter {
      !places.contains($0.place) && $0.year.distance(to: own) < $0.year.distance(to: other)
    }.map { claims[$0.claim].entity.name + " " + claims[$0.claim].claim.value.display }
  }
}

/// Where a claim's date stands: its document and byte offset.
struct PlaceInDocument: Hashable {
  var document: String
  var offset: Int

  init(_ claim: ResolvedClaim) {
    document = claim.document
    offset = claim.claim.location.byteStart
  }
}

/// Words before a name that set it against another entity of the same name: "the prior Treaty
/// of Brest-Litovsk", "an earlier Treaty of Paris", "the second Treaty of Versailles". What such
/// a phrase dates is not the entity the bare name stands for elsewhere.
public enum OtherOfName {
  public static let words: Set<String> = [
    "prior", "earlier", "previous", "preceding", "later", "subsequent", "another", "second",
    "third", "separate", "new", "former",
  ]

  /// Whether `name`, where it first stands in `sentence`, comes right after one of ``words``.
  public static func isMarked(_ name: String, in sentence: String) -> Bool {
    guard !name.isEmpty, let range = sentence.range(of: " " + name) else { return false }
    return isMarked(before: range.lowerBound.samePosition(in: sentence.utf8)!, in: sentence.utf8)
  }

  /// Whether the word before `start` in `text` (spaces between) is one of ``words``, in any
  /// case.
  public static func isMarked<Text: BidirectionalCollection>(
    before start: Text.Index, in text: Text
  )
    -> Bool where Text.Element == UInt8
  {
    var end = start
    while end > text.startIndex && text[text.index(before: end)] == UInt8(ascii: " ") {
      end = text.index(before: end)
    }
    var first = end
    var letters: [UInt8] = []
    while first > text.startIndex, letters.count <= 12 {
      let byte = text[text.index(before: first)] | 0x20  // ASCII letters in lower case
      guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { break }
      letters.append(byte)
      first = text.index(before: first)
    }
    guard !letters.isEmpty, letters.count <= 12 else { return false }
    return words.contains(String(decoding: letters.reversed(), as: UTF8.self))
  }
}

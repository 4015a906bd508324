import ClaimExtraction
import ClaimLedger

/// Which entity a whole reference is about, with the date that tells it from others of the
/// same name: the page "Treaty of Westminster (1654)" is about the treaty of 1654, not the one
/// of 1674, and its sentences say nothing about the other.
struct ReferenceIdentity: Sendable, Equatable {
  /// The entity key (after aliases, before splits).
  var key: String
  /// How the reference names it, qualifier included: "Treaty of Westminster (1654)".
  var shown: String
  /// The date that tells it apart, at year precision (a range for a war).
  var qualifier: TemporalValue
  /// Where it was read: the title (or first line), or the lead's first dated sentence.
  var fromTitle: Bool

  /// The identity a title states: "Treaty of Westminster (1654)" (see
  /// ``KnownEntities/qualifiedTitle(_:)``).
  static func fromTitle(_ title: String, ledger: Ledger) -> ReferenceIdentity? {
    guard let parsed = KnownEntities.qualifiedTitle(title) else { return nil }
    return ReferenceIdentity(
      key: ledger.entityKey(forName: parsed.name), shown: parsed.shown,
      qualifier: parsed.qualifier, fromTitle: true)
  }

  /// The identity a lead states: the first claim of the first few sentences that dates its
  /// subject's making or span ("The Treaty of Paris, signed on 3 September 1783, …").
  static func fromLead(_ extraction: Extraction, ledger: Ledger, local: [String: String])
    -> ReferenceIdentity?
  {
    let lead = extraction.sentences.prefix(3).last.map(\.upperBound) ?? 0
    let defining: Set<ClaimPredicate> = [.signed, .founded, .dated, .began, .ratified]
    guard
      let claim = extraction.claims.first(where: {
        $0.date.range.lowerBound < lead && defining.contains($0.predicate) && $0.statesEvent
          && $0.rule != .event && $0.subject.kind != .other
      })
    else { return nil }
    return ReferenceIdentity(
      key: ledger.entityKey(forKey: claim.subject.key, local: local),
      shown: claim.subject.text + " (" + yearOnly(claim.value).display + ")",
      qualifier: yearOnly(claim.value), fromTitle: false)
  }

  /// Whether a claim's date can be this entity's: the same year, or a year within its span.
  func fits(_ value: TemporalValue) -> Bool {
    ConflictDetector.consistent(Self.yearOnly(value), qualifier)
  }

  static func yearOnly(_ value: TemporalValue) -> TemporalValue {
    KnownEntities.yearOnly(value)
  }
}

import ClaimExtraction
import ClaimLedger
import DateConflicts

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
  ///
  /// Only a name the lead writes out counts (not "it" or "the treaty"), and when the page has a
  /// title, only the entity the title names.
  static func fromLead(
    _ extraction: Extraction, text: [UInt8], ledger: Ledger, local: [String: String],
    title: String?
  ) -> ReferenceIdentity? {
    let lead = extraction.sentences.prefix(3).last.map(\.upperBound) ?? 0
    let defining: Set<ClaimPredicate> = [.signed, .founded, .dated, .began, .ratified, .ended]
    let explicit: Set<AttachmentRule> = [
      .parenthetical, .adjacent, .following, .preceding, .fronted, .clause,
    ]
    let titled = title.map { ledger.entityKey(forName: $0) }
    /// "It began in 1868 …": a sentence that opens with the pronoun speaks of the lead's
    /// subject; "… to annex it in 1877" does not.
    func opensWithPronoun(_ claim: ExtractedClaim) -> Bool {
      let start = claim.sentence.lowerBound
      let opening = text[start..<min(text.count, start + 3)]
      return opening.elementsEqual("It ".utf8)
    }
    let defined = extraction.claims.filter {
      $0.date.range.lowerBound < lead && defining.contains($0.predicate) && $0.statesEvent
        && (explicit.contains($0.rule) || $0.rule == .anaphora && opensWithPronoun($0))
        && $0.subject.kind != .other
    }
    // The entity the title names, when the lead dates it; else the first the lead dates by
    // name (a heading such as "The peace of 1674" names no entity).
    let titledClaims = defined.filter {
      ledger.entityKey(forKey: $0.subject.key, local: local) == titled
    }
    let candidates =
      titledClaims.isEmpty ? defined.filter { $0.rule != .anaphora } : titledClaims
    guard let claim = candidates.first else { return nil }
    let key = ledger.entityKey(forKey: claim.subject.key, local: local)
    var qualifier = KnownEntities.yearOnly(claim.value)
    // A war's lead gives its span: "began on 2 October 1835 and ended on 21 April 1836".
    if case .point(let start) = qualifier, claim.predicate == .began,
      let end = candidates.first(where: {
        $0.predicate == .ended && ledger.entityKey(forKey: $0.subject.key, local: local) == key
      }), case .point(let last) = KnownEntities.yearOnly(end.value), last.year > start.year
    {
      qualifier = .range(start, last)
    }
    return ReferenceIdentity(
      key: key, shown: claim.subject.text + " (" + qualifier.display + ")",
      qualifier: qualifier, fromTitle: false)
  }

  /// Whether a claim of this predicate must fit the identity's date. A year ("Baghdad Pact
  /// (1955)") is the entity's making: it speaks to a signing, founding or beginning, never to
  /// an ending, a ratification, an entry into force or a member's joining. A span ("First
  /// Opium War (1839–1842)") holds every event of the entity but those of others.
  func speaks(to predicate: ClaimPredicate) -> Bool {
    switch (qualifier, predicate) {
    case (_, .other): return false
    case (.range, _): return true
    default: return [.signed, .founded, .began, .dated].contains(predicate)
    }
  }

  /// Whether a claim's date can be this entity's: the same year, or a year within its span.
  func fits(_ value: TemporalValue) -> Bool {
    DateRules.consistent(KnownEntities.yearOnly(value), qualifier)
  }

}

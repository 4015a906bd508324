/// A claim as the extractor finds it in one document: a dated statement about a named subject.
public struct ExtractedClaim: Hashable, Sendable {
  public var subject: EntityMention
  public var predicate: ClaimPredicate
  public var value: TemporalValue
  /// Where the date stands: the place a reviewer must look at and edit.
  public var date: DateMention
  /// The sentence, as a byte range.
  public var sentence: Range<Int>
  /// Which attachment rule produced it (see ``AttachmentRule``).
  public var rule: AttachmentRule
  public var confidence: Double
  /// Whether the claim states an event: a cue gave its predicate, or its sentence has a verb.
  /// A caption such as "The Alliance in 1990" states none; a reference's caption must not
  /// contradict a founding date.
  public var statesEvent = true
}

/// How a date was tied to its subject; each has a confidence that reflects how often it is right.
public enum AttachmentRule: String, Sendable, Codable, CaseIterable {
  /// "the Treaty of Westphalia (1648)"
  case parenthetical
  /// "the Treaty of Nystad 1721 marked …": a year right after the name.
  case adjacent
  /// "the Treaty of Westminster in 1674", "NATO, founded in 1949"
  case following
  /// "the 1951 ANZUS Treaty"
  case preceding
  /// "In 1949, NATO was founded"
  case fronted
  /// "The Kellogg–Briand Pact was a landmark agreement signed in 1928": the subject of the
  /// clause the date stands in, however far from it.
  case clause
  /// "Treaty of Nystad: Ending the Great Northern War, 1721": a heading dates its topic; a
  /// date alone on a line, or leading a list item, dates what the line after it or the item
  /// names.
  case heading
  /// "the treaty, signed in 1842, ended the First Opium War": the war the treaty ended.
  case consequence
  /// "… the ANZUS Treaty. Signed in 1951, it …", "The treaty was signed in 1654."
  case anaphora
  /// "In 1812, Napoleon invaded Russia": an event without a name, told by its clause.
  case event

  public var confidence: Double {
    switch self {
    case .parenthetical: return 0.9
    case .adjacent: return 0.85
    case .following: return 0.85
    case .preceding: return 0.75
    case .fronted: return 0.7
    case .clause: return 0.65
    case .heading: return 0.7
    case .consequence: return 0.6
    case .anaphora: return 0.6
    case .event: return 0.5
    }
  }
}

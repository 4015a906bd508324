import ClaimExtraction
import ClaimLedger

/// The other names a reference gives its own subject in its lead: "The Treaty of Nanking (or
/// Nanjing) was signed …", "The Molotov–Ribbentrop Pact, otherwise known as the Nazi–Soviet
/// Pact, …", "The Central Treaty Organization (CENTO), formerly known as …". A document that
/// writes one of them speaks of the page's subject. Encyclopedias give a subject's variants right after its first
/// mention, so only the name written there, after a word that introduces another name, counts.
enum ReferenceNames {
  /// What may stand between the subject's name and another name for it, once brackets, commas
  /// and "the" are dropped.
  static let markers: Set<String> = [
    "", "or", "also", "also known as", "otherwise known as", "known as", "also called",
    "called", "officially", "formally", "officially known as", "formerly", "formerly known as",
    "formerly called", "also spelled", "sometimes called", "sometimes known as", "or simply",
    "commonly known as", "better known as", "also referred to as",
  ]

  /// Other names' keys → the subject's key. `subject` is the key of the name the page is
  /// about (its title); `keyOf` gives an entity's key as the ledger reads it.
  static func aliases(
    in extraction: Extraction, text: [UInt8], subject: String, leadBytes: Int = 4000,
    keyOf: (EntityMention) -> String, keyOfName: (String) -> String
  ) -> [String: String] {
    // The lead: an infobox or a navigation line may come before the first paragraph.
    let leadEnd = min(text.count, leadBytes)
    let entities = extraction.entities.filter { $0.range.upperBound <= leadEnd }
    var found: [String: String] = [:]
    for (index, mention) in entities.enumerated() where keyOf(mention) == subject {
      // Each name given after the last: "X (ACR), formerly known as Y (ACR2) and also known as
      // Z".
      var previous = mention
      var next = index + 1
      while next < entities.count {
        let other = entities[next]
        guard other.range.lowerBound >= previous.range.upperBound,
          introducesName(text[previous.range.upperBound..<other.range.lowerBound])
        else { break }
        next += 1
        // "(Czech: Mnichovská dohoda)": a language's label, not a name.
        if other.range.upperBound < text.count && text[other.range.upperBound] == UInt8(ascii: ":")
        {
          break
        }
        let key = keyOfName(otherName(other, subject: mention))
        if key != subject && !key.isEmpty { found[key] = subject }
        previous = other
      }
      if !found.isEmpty { break }
    }
    return found
  }

  /// Whether the words between two names introduce the second as another name of the first. A
  /// bare bracket does ("Treaty of Nanking (Nanjing)"), a bare comma does not (a list).
  static func introducesName(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard bytes.count <= 40 else { return false }
    // "Central Treaty Organization (CENTO), formerly known as …": an acronym's definition
    // between the names is no word between them.
    let raw = String(decoding: bytes, as: UTF8.self).replacing(#/\([A-Z][A-Z.]+\)/#, with: "")
    var words = raw.lowercased().split(whereSeparator: { " (),;\t\n".contains($0) })
      .filter { $0 != "the" }.joined(separator: " ")
    if words.hasPrefix("and ") { words.removeFirst(4) }
    return markers.contains(words) && (!words.isEmpty || raw.contains("("))
  }

  /// "(or Nanjing)" after "Treaty of Nanking" names the treaty by its other spelling: "Treaty
  /// of Nanjing". A name that is itself a treaty or an organisation stands as written.
  static func otherName(_ other: EntityMention, subject: EntityMention) -> String {
    guard other.kind == .other, !other.isAcronym,
      let of = subject.text.range(of: " of ", options: .backwards)
    else { return other.text }
    return String(subject.text[..<of.upperBound]) + other.text
  }
}

import ClaimExtraction
import ClaimLedger

/// Events without a name ("Texas gained independence from Mexico", 1836; "the Ottoman Empire
/// declared war on Russia", 1853) have no key a reference could write. A reference sentence
/// tells the same event when it names the same actors and places (every capitalised word of
/// the event) and its act (a content word of the same stem: "declared" and "declaration",
/// "occupied" and "occupation"), and it supports the event when it writes the claim's date.
/// Only support: words in common are too weak a tie for a contradiction.
struct EventWords: Sendable, Equatable {
  /// Stems of the names in the event ("texas", "mexic").
  var names: Set<String>
  /// Stems of its other content words ("gaine", "indep").
  var words: Set<String>

  /// Words too common to tell one event from another.
  static let common: Set<String> = [
    "the", "and", "with", "from", "into", "that", "this", "their", "there", "were", "was",
    "after", "before", "against", "upon", "over", "under", "which", "when", "they", "them",
    "then", "also", "would", "could", "later", "soon", "eventually", "first", "some", "than",
    "have", "been", "being", "while", "during", "between", "year", "years", "its", "his",
    "her", "our", "who", "had", "has", "for", "not", "but", "all", "any", "one", "two",
  ]

  /// The words of an event's description, or nil when it names nothing (no capitalised word)
  /// or has no act.
  init?(_ description: String) {
    var names = Set<String>()
    var words = Set<String>()
    for word in Self.words(description) {
      let lower = word.lowercased()
      guard !Self.common.contains(lower) else { continue }
      if word.first!.isUppercase {
        if lower.count >= 2 { names.insert(Self.stem(lower)) }
      } else if lower.count >= 3 {
        words.insert(Self.stem(lower))
      }
    }
    guard !names.isEmpty, !words.isEmpty else { return nil }
    self.names = names
    self.words = words
  }

  /// Whether a sentence's stems hold the event's names (all of one or two, all but one of
  /// more: "Hitler occupied Bohemia and Moravia" is told by "German troops entered Bohemia and
  /// Moravia") and one of its acts.
  func told(by stems: Set<String>) -> Bool {
    let needed = names.count >= 3 ? names.count - 1 : names.count
    return names.intersection(stems).count >= needed && !words.isDisjoint(with: stems)
  }

  /// The stems of a sentence's words, for ``told(by:)``.
  static func stems(_ sentence: String) -> Set<String> {
    Set(words(sentence).map { stem($0.lowercased()) })
  }

  /// The words of a text, with the periods of abbreviations dropped ("U.S." is "US").
  static func words(_ text: String) -> [Substring] {
    text.replacingOccurrences(of: ".", with: "").split(whereSeparator: {
      !$0.isLetter && $0 != "-"
    })
  }

  /// A crude stem: a common ending off, then the first five letters ("declared",
  /// "declaration" → "decla"; "landed", "landing" → "land").
  static func stem(_ word: String) -> String {
    var base = Substring(word)
    for suffix in ["ation", "ition", "ing", "ed", "ion", "al", "s"]
    where base.count > suffix.count + 3 && base.hasSuffix(suffix) {
      base = base.dropLast(suffix.count)
      break
    }
    return String(base.prefix(5))
  }
}

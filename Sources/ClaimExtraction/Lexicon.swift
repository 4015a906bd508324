/// What a claim says happened to its subject on its date.
public enum ClaimPredicate: String, Sendable, Codable, CaseIterable, Comparable {
  case signed, founded, began, ended, ratified, dissolved, dated
  /// Came into effect, entered into force: a date of its own, distinct from the signing.
  case effective
  /// Something else happened to the subject on that date: a member joined or withdrew, it was
  /// renewed, expanded or invoked. It dates neither the subject's start nor its end, so it takes
  /// part in no conflict ("Iraq withdrew from the Baghdad Pact in 1959" is no contradiction of
  /// "signed in 1955").
  case other

  public static func < (lhs: ClaimPredicate, rhs: ClaimPredicate) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// What sort of named thing an entity is; it decides which date claims can contradict.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
  /// Treaties, pacts, accords: dated by one signing, so two different years conflict.
  case agreement
  /// Alliances, organisations, leagues: they exist over time; founding dates can conflict.
  case organization
  /// Wars, revolutions, battles: they span time; a year inside the span is no contradiction.
  case event
  /// Places, people, anything else: never the subject of a claim.
  case other
}

/// Word classes the extractor needs, looked up by a hash of the lowercased word.
struct WordClass: OptionSet, Sendable {
  let rawValue: UInt32
  static let month = WordClass(rawValue: 1 << 0)
  static let datePreposition = WordClass(rawValue: 1 << 1)
  static let era = WordClass(rawValue: 1 << 2)
  static let eraBefore = WordClass(rawValue: 1 << 3)
  static let countNoun = WordClass(rawValue: 1 << 4)
  static let numberLabel = WordClass(rawValue: 1 << 5)
  static let cue = WordClass(rawValue: 1 << 6)
  static let connector = WordClass(rawValue: 1 << 7)
  static let opener = WordClass(rawValue: 1 << 8)
  static let auxiliary = WordClass(rawValue: 1 << 9)
  static let gapAdverb = WordClass(rawValue: 1 << 10)
  static let pronoun = WordClass(rawValue: 1 << 11)
  static let ordinalWord = WordClass(rawValue: 1 << 12)
  static let century = WordClass(rawValue: 1 << 13)
  static let kindNoun = WordClass(rawValue: 1 << 14)
  static let determiner = WordClass(rawValue: 1 << 16)
  static let notAcronym = WordClass(rawValue: 1 << 17)
  static let approximate = WordClass(rawValue: 1 << 18)
  /// A fixed-date holiday ("Christmas 1914"): `month` and `day` give its date.
  static let holiday = WordClass(rawValue: 1 << 19)
  /// Words that make the number after them a count: "some 1500 Cossacks".
  static let quantifier = WordClass(rawValue: 1 << 20)
  /// Verbs that place an event in time without saying which end: "held", "took place",
  /// "fought", "lasted". A date after one of them dates the clause's subject.
  static let eventVerb = WordClass(rawValue: 1 << 21)
  /// "which", "that", "who": a relative clause is about the name before it.
  static let relative = WordClass(rawValue: 1 << 22)
  /// Abbreviated titles a sentence runs on after: "Gen. Scott", "St. Petersburg".
  static let title = WordClass(rawValue: 1 << 23)
  /// Verbs that tell an event of their own: "Napoleon invaded Russia", "Sevastopol fell". A
  /// dated clause built on one is a claim about that event even when it has no name.
  static let actionVerb = WordClass(rawValue: 1 << 24)
  /// Cue words that are finite verbs ("ended", "signed"), as opposed to cue nouns
  /// ("withdrawal", "signing"): they open a clause after "after" or "before".
  static let finiteCue = WordClass(rawValue: 1 << 25)
  /// Kind nouns general enough to stand for a differently headed name of their kind: "the
  /// treaty" for the Peace of Westphalia, "the alliance" for NATO, "the conflict" for a war. A
  /// specific one ("the armistice", "the edict", "the siege") stands only for a name with its
  /// own head word; without one it is an unnamed thing of its own.
  static let genericKind = WordClass(rawValue: 1 << 26)
  /// Verbs of a result or purpose phrase ("leading to", "resulting in", "paved the way for"):
  /// a date after one belongs to what the phrase names, not to the clause's subject.
  static let resultVerb = WordClass(rawValue: 1 << 27)
  /// Verbs that start what they name: "these disputes ignited the Aroostook War". A date goes
  /// to their object's beginning, never to their subject.
  static let causing = WordClass(rawValue: 1 << 28)
}

/// One lexicon entry; the fields beyond `classes` are set only for the classes that use them.
struct WordInfo: Sendable {
  var classes: WordClass = []
  var month: UInt8 = 0
  var day: UInt8 = 0
  var ordinal: UInt8 = 0
  var cue: Cue? = nil
  var kind: EntityKind? = nil
  /// For specific kind nouns, which of them name the same sort of thing ("summit", "talks" and
  /// "conference"; "truce" and "armistice"): an anaphor may stand for a name headed by another
  /// of its group. 0: none.
  var group: UInt8 = 0
}

/// A cue word and the predicate it gives, which for "concluded" depends on the subject.
enum Cue: Sendable {
  case predicate(ClaimPredicate)
  /// "concluded": a treaty concluded is signed, a war concluded has ended.
  case concluded
}

/// The fixed English word lists of the extractor.
///
/// Lookups hash the lowercased bytes of a word (FNV-1a, 64 bits) so the hot loop never builds a
/// `String`; the stored word guards against the (unlikely) collision. The table is open
/// addressing on that hash: a `Dictionary` would hash the hash again, which showed up as a
/// tenth of extraction time in profiles.
struct Lexicon: Sendable {
  private static let slotBits = 12
  private static let filterBits = 1 << 16
  private var filter = [UInt64](repeating: 0, count: (1 << 16) / 64)
  private var slots = [Int32](repeating: -1, count: 1 << slotBits)
  private var hashes: [UInt64] = []
  /// The words' bytes end to end, and where each ends: one array, so a lookup reads bytes
  /// without retaining a word's own array.
  private var wordBytes: [UInt8] = []
  private var wordEnds: [Int] = []
  private var infos: [WordInfo] = []

  static let shared = Lexicon()

  /// The FNV-1a hash of a word's ASCII-lowercased bytes: the key of the table and of
  /// ``Token/spelling``.
  static func spelling(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    spelling(spellingSeed, bytes, start, end)
  }

  /// The hash of no bytes yet.
  static let spellingSeed: UInt64 = 0xcbf2_9ce4_8422_2325

  /// `hash` continued over `bytes[start..<end]`, lowercased.
  @inline(__always)
  static func spelling(
    _ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  )
    -> UInt64
  {
    var hash = hash
    for i in start..<end { hash = spelling(hash, asciiLower(bytes[i])) }
    return hash
  }

  /// `hash` continued over one byte, already lowercased.
  @inline(__always)
  static func spelling(_ hash: UInt64, _ lowered: UInt8) -> UInt64 {
    (hash ^ UInt64(lowered)) &* 0x100_0000_01b3
  }

  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, spelling: UInt64)
    -> WordInfo?
  {
    guard let entry = entry(for: spelling) else { return nil }
    let wordStart = entry == 0 ? 0 : wordEnds[entry - 1]
    guard wordEnds[entry] - wordStart == end - start else { return nil }
    for offset in 0..<(end - start)
    where asciiLower(bytes[start + offset]) != wordBytes[wordStart + offset] {
      return nil
    }
    return infos[entry]
  }

  private func entry(for hash: UInt64) -> Int? {
    // Most words of a text are in no list: a bit per hash value (8 KB, which stays in the
    // cache) turns nearly all of them away before the table is probed.
    let bit = Int(truncatingIfNeeded: hash >> 40) & (Self.filterBits - 1)
    guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
    let mask = (1 << Self.slotBits) - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { return nil }
      if hashes[Int(entry)] == hash { return Int(entry) }
      slot = (slot + 1) & mask
    }
  }

  private static func hash(_ word: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  private mutating func add(_ words: [String], _ update: (inout WordInfo) -> Void) {
    for word in words {
      let key = Self.hash(word)
      if let existing = entry(for: key) {
        let wordStart = existing == 0 ? 0 : wordEnds[existing - 1]
        precondition(
          wordBytes[wordStart..<wordEnds[existing]].elementsEqual(word.utf8),
          "lexicon hash collision: \(word)")
        update(&infos[existing])
        continue
      }
      let mask = (1 << Self.slotBits) - 1
      var slot = Int(truncatingIfNeeded: key) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(infos.count)
      let bit = Int(truncatingIfNeeded: key >> 40) & (Self.filterBits - 1)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
      hashes.append(key)
      wordBytes.append(contentsOf: word.utf8)
      wordEnds.append(wordBytes.count)
      var info = WordInfo()
      update(&info)
      infos.append(info)
    }
  }

  private init() {
    let months = [
      ["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"],
      ["june", "jun"], ["july", "jul"], ["august", "aug"], ["september", "sept", "sep"],
      ["october", "oct"], ["november", "nov"], ["december", "dec"],
    ]
    for (index, names) in months.enumerated() {
      add(names) {
        $0.classes.insert(.month)
        $0.month = UInt8(index + 1)
      }
    }
    add([
      "in", "on", "of", "by", "since", "until", "till", "from", "to", "between", "during", "after",
      "before", "around", "circa", "ca", "c", "early", "late", "mid", "end", "beginning", "start",
      "year", "years", "spring", "summer", "autumn", "fall", "winter", "through", "throughout",
      "at", "middle", "half", "rest", "dated", "until", "later", "earlier", "as", "and", "or",
      "than", "then", "ending", "starting", "into", "c.", "ca.",
    ]) { $0.classes.insert(.datePreposition) }
    add(["christmas"]) {
      $0.classes.insert(.holiday)
      $0.month = 12
      $0.day = 25
    }
    add([
      "some", "about", "approximately", "nearly", "almost", "roughly", "over", "under", "than",
      "only", "just", "another", "additional", "further",
    ]) { $0.classes.insert(.quantifier) }
    add(["bc", "bce", "b.c.", "b.c", "b.c.e."]) { $0.classes.insert(.era) }
    add(["ad", "ce", "a.d.", "a.d"]) { $0.classes.insert(.eraBefore) }
    add(["ca", "circa", "c", "ca.", "c.", "around", "about", "approximately", "approx"]) {
      $0.classes.insert(.approximate)
    }
    add([
      "troops", "soldiers", "men", "women", "children", "people", "persons", "civilians",
      "casualties", "dead", "killed", "wounded", "prisoners", "refugees", "ships", "vessels",
      "warships", "boats", "aircraft", "planes", "airplanes", "tanks", "guns", "cannon", "cannons",
      "rifles", "horses", "vehicles", "km", "kilometres", "kilometers", "miles", "mi", "m", "ft",
      "feet", "metres", "meters", "yards", "acres", "hectares", "tons", "tonnes", "kg", "pounds",
      "dollars", "francs", "marks", "euros", "percent", "sailors", "marines", "fighters",
      "divisions", "regiments", "battalions", "brigades", "units", "deaths", "members", "votes",
      "inhabitants", "residents", "workers", "pages", "words", "copies", "hours", "days", "weeks",
      "months", "minutes", "seconds", "strong", "men-of-war", "sq", "square", "troop", "soldier",
      "man", "ship", "tank", "gun", "mile", "kilometre", "kilometer", "metre", "meter", "foot",
      "ton", "tonne", "dollar", "pound", "franc", "vote", "member", "death", "page", "word", "hour",
      "day", "week", "month", "minute", "second", "killed", "others", "more", "strong",
      "hostages", "insurgents", "militants", "rebels", "guerrillas", "police", "policemen",
      "officers", "generals", "deputies", "delegates", "seats", "cases", "infantry", "cavalry",
      "artillery", "years", "sorties", "bombers", "missiles", "rounds", "shells", "mines", "bombs",
    ]) { $0.classes.insert(.countNoun) }
    add([
      "page", "p", "pp", "no", "nos", "number", "vol", "volume", "chapter", "section", "article",
      "art", "resolution", "flight", "route", "highway", "hill", "height", "code", "room", "row",
      "line", "item", "figure", "fig", "table", "paragraph", "clause", "rule", "model", "type",
      "class", "isbn", "issn", "doi", "grid", "point", "km", "mile", "kilometre", "unit", "squad",
      "division", "regiment", "battalion", "brigade", "corps", "army", "fleet", "squadron",
      "platoon", "company", "bill", "law", "order", "directive", "decree", "ordinance", "opus",
      "op", "catalog", "catalogue", "index", "channel", "frequency", "serial", "version",
      "release", "build", "patent", "case", "docket", "file", "form",
    ]) { $0.classes.insert(.numberLabel) }
    let cues: [(Cue, [String])] = [
      (
        .predicate(.signed),
        [
          "signed", "signing", "sign", "signs", "inked", "agreed", "negotiated", "executed",
          "contracted", "sealed",
        ]
      ),
      (.concluded, ["concluded", "conclusion", "concludes", "concluding"]),
      (
        .predicate(.founded),
        [
          "founded", "founding", "formed", "formation", "forming", "established", "establishment",
          "establishing", "created", "creation", "creating", "launched", "instituted",
          "inaugurated", "set", "emerged", "adopted", "adoption", "proclaimed", "promulgated",
          "enacted", "announced", "issued", "organized", "organised", "convened",
          // "marked the birth of", "came into existence"
          "birth", "existence",
        ]
      ),
      (.predicate(.ratified), ["ratified", "ratification", "ratifying", "ratifies"]),
      (
        .predicate(.dissolved),
        ["dissolved", "dissolution", "disbanded", "abolished", "terminated", "dismantled"]
      ),
      (
        .predicate(.began),
        [
          "began", "begun", "begins", "beginning", "started", "outbreak", "erupted", "broke",
          "start", "commenced", "opened", "begin",
        ]
      ),
      (
        .predicate(.ended),
        ["ended", "ending", "ends", "end", "finished", "close", "closed", "until", "till"]
      ),
      (.predicate(.effective), ["effective", "effect", "force"]),
      (
        .predicate(.other),
        [
          "withdrew", "withdrawn", "withdraws", "withdrawal", "joined", "joins", "joining", "join",
          "rejoined", "renewed", "renewal", "renew", "renews", "expanded", "expansion", "enlarged",
          "invoked",
          "violated", "violation", "revised", "revision", "amended", "amendment", "extended",
          "denounced", "suspended", "reaffirmed", "entered", "enters", "left", "accession",
          "acceded", "admitted", "revoked", "repudiated", "breached", "copied", "published",
          "translated", "discovered", "defended", "defense", "defence", "criticised",
          "criticized", "invaded", "occupied", "drafted", "sent", "publication", "delivered",
          "rejected", "replaced", "reissued", "annulled", "confirmed", "revokes", "revoke",
          "revocation", "repealed", "repeals", "abrogated", "abrogates", "annuls",
          // Acts before the signing or beside it, by which the text is not yet (or no longer)
          // the agreement it dates: "initialled on", "first proposed in", "paused the war".
          "initialled", "initialed", "initialling", "initialing", "proposed", "paused",
          "interrupted",
          // A state that joins a pact made by others: an event of the pact's, never its
          // signing or founding.
          "adhered", "adheres", "adherence", "accede", "accedes", "acceding", "rejoins",
          "rejoining",
        ]
      ),
    ]
    for (cue, words) in cues {
      add(words) {
        $0.classes.insert(.cue)
        $0.cue = cue
      }
    }
    add(["of", "for", "de", "du", "la", "le", "von", "van", "der", "den", "del", "da", "di", "al"])
    {
      $0.classes.insert(.connector)
    }
    add(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"]) {
      $0.classes.insert(.determiner)
    }
    add([
      "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "by", "for", "from",
      "with", "after", "before", "during", "since", "when", "while", "although", "though",
      "however", "moreover", "furthermore", "additionally", "today", "yet", "but", "and", "or",
      "as", "if", "its", "their", "his", "her", "our", "my", "your", "such", "many", "some", "both",
      "each", "every", "other", "another", "most", "all", "one", "no", "not", "it", "they", "he",
      "she", "we", "there", "here", "then", "thus", "also", "still", "even", "only", "meanwhile",
      "finally", "lastly", "ultimately", "overall", "similarly", "instead", "under", "over",
      "between", "among", "through", "following", "despite", "until", "upon", "within", "without",
      "throughout", "against", "toward", "towards", "into", "onto", "what", "which", "who", "whom",
      "whose", "where", "why", "how", "so", "because", "notable", "key", "initially", "presently",
      "increasingly", "signed", "founded", "established", "formed", "concluded", "ratified",
      "see", "like", "unlike", "whereas", "whether", "once", "later", "earlier", "subsequently",
      "nevertheless", "nonetheless", "therefore", "hence", "indeed", "perhaps", "consequently",
      "according", "per", "via", "about", "around", "near", "beyond", "along", "across", "behind",
      "below", "above", "beside", "besides", "except", "regarding", "concerning", "including",
    ]) { $0.classes.insert(.opener) }
    add(["was", "were", "is", "are", "been", "be", "being", "had", "has", "have", "got"]) {
      $0.classes.insert(.auxiliary)
    }
    add([
      "held", "took", "takes", "take", "place", "occurred", "occurs", "happened", "fought",
      "waged", "lasted", "lasts", "raged", "met", "followed", "came", "unfolded", "staged",
      "spanned", "continued", "ran", "went", "dates", "date", "back", "reached", "struck", "into",
      "known", "as", "effectively", "decisively", "soon", "ultimately", "located", "based",
      "headquartered", "stationed",
    ]) { $0.classes.insert(.eventVerb) }
    add(["which", "that", "who", "whereby"]) { $0.classes.insert(.relative) }
    add([
      "ended", "signed", "founded", "established", "formed", "created", "concluded", "ratified",
      "dissolved", "began", "erupted", "started", "finished", "closed", "adopted", "proclaimed",
      "withdrew", "joined", "collapsed", "fell", "surrendered",
    ]) { $0.classes.insert(.finiteCue) }
    add([
      "invaded", "invades", "captured", "captures", "occupied", "occupies", "annexed", "annexes",
      "seized", "seizes", "besieged", "attacked", "attacks", "bombed", "bombarded", "landed",
      "lands", "fell", "falls", "surrendered", "surrenders", "capitulated", "declared",
      "declares", "joined", "joins", "entered", "enters", "withdrew", "withdraws", "gained",
      "gains", "went", "fought", "defeated", "defeats", "liberated", "evacuated", "conquered",
      "sacked", "overran", "recaptured", "stormed", "blockaded", "mobilized", "mobilised",
      "dropped", "crossed", "destroyed", "sank", "razed", "massacred", "deported", "seceded",
      "revolted", "rebelled", "mutinied", "marched", "won", "lost", "retook", "abandoned",
      "escaped", "fled", "returned", "arrived", "abdicated", "assassinated", "collapsed", "broke",
    ]) { $0.classes.insert(.actionVerb) }
    add([
      "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "cpt", "adm", "gov",
      "sen", "rep", "pres", "prof", "rev", "mt", "ft", "maj", "cmdr", "brig",
    ]) { $0.classes.insert(.title) }
    add([
      "formally", "officially", "originally", "first", "later", "eventually", "finally",
      "subsequently", "initially", "also", "then", "itself", "jointly", "quickly", "only", "not",
      "fully", "up", "out", "actually", "reportedly", "allegedly", "already", "again",
    ]) { $0.classes.insert(.gapAdverb) }
    add(["it", "they"]) { $0.classes.insert(.pronoun) }
    let ordinals = [
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
      "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
      "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first",
    ]
    for (index, word) in ordinals.enumerated() {
      add([word]) {
        $0.classes.insert(.ordinalWord)
        $0.ordinal = UInt8(index + 1)
      }
    }
    add(["century", "centuries", "c."]) { $0.classes.insert(.century) }
    let kinds: [(EntityKind, [String])] = [
      (
        .agreement,
        [
          "treaty", "treaties", "pact", "accord", "accords", "agreement", "convention", "protocol",
          "charter", "peace", "armistice", "truce", "entente", "concordat", "declaration", "act",
          "compact", "settlement", "capitulation", "capitulations", "ceasefire", "cease-fire",
          "bull", "doctrine", "plan", "edict", "constitution", "statute", "manifesto",
          "proclamation", "instrument", "document", "deal", "agreements", "conventions", "telegram",
          "carta", "charta",
          "memorandum",
          "protocols", "pacts",
        ]
      ),
      (
        .organization,
        [
          "organization", "organisation", "alliance", "union", "league", "council", "community",
          "coalition", "federation", "association", "agency", "commonwealth", "confederation",
          "bloc", "nations", "assembly", "forum", "bank", "court", "tribunal", "command",
          "committee", "commission", "institute", "fund",
          "parliament", "congress", "directory", "convention", "authority", "alliances",
          "leagues", "unions", "organizations", "organisations", "college", "concert", "group",
          "market",
        ]
      ),
      (
        .event,
        [
          "war", "wars", "revolution", "crisis", "campaign", "uprising", "rebellion", "invasion",
          "occupation", "siege", "blockade", "offensive", "battle", "conflict", "insurgency",
          "revolt", "massacre", "conference", "summit", "crusade", "crusades", "expedition",
          "intervention", "operation", "airlift", "reign", "restoration", "reformation",
          "partition", "raid", "landings", "evacuation", "surge", "terror", "annexation",
          "surrender",
          "bombing", "bombardment", "attack", "assault", "landing", "negotiations", "talks",
          "meeting", "coup", "putsch", "mutiny", "incident", "affair", "blitz", "fighting",
          "revolutions", "conferences", "battles", "crises", "invasions", "campaigns", "struggle",
          "uprisings", "rebellions", "partitions", "sieges",
        ]
      ),
    ]
    for (kind, words) in kinds {
      add(words) {
        $0.classes.insert(.kindNoun)
        if $0.kind == nil { $0.kind = kind }
      }
    }
    add([
      "treaty", "treaties", "pact", "pacts", "accord", "accords", "agreement", "agreements",
      "peace", "settlement", "deal", "document", "instrument", "organization", "organisation",
      "alliance", "alliances", "union", "league", "coalition", "bloc", "federation",
      "confederation", "association", "community", "war", "wars", "conflict", "fighting",
      "struggle",
    ]) { $0.classes.insert(.genericKind) }
    let groups: [[String]] = [
      ["conference", "conferences", "summit", "meeting", "talks", "negotiations"],
      [
        "invasion", "invasions", "offensive", "operation", "campaign", "campaigns", "attack",
        "assault", "landing", "landings", "raid", "expedition", "intervention",
      ],
      [
        "revolution", "revolutions", "uprising", "uprisings", "revolt", "rebellion", "rebellions",
        "insurgency", "mutiny", "coup", "putsch",
      ],
      ["siege", "sieges", "blockade", "battle", "battles"],
      ["armistice", "truce", "ceasefire", "cease-fire"],
      ["edict", "proclamation", "declaration", "manifesto"],
      ["charter", "constitution", "statute", "act", "carta", "charta"],
      ["protocol", "protocols", "memorandum"],
    ]
    for (index, words) in groups.enumerated() {
      add(words) { $0.group = UInt8(index + 1) }
    }
    add([
      "ignited", "ignites", "sparked", "sparks", "triggered", "triggers", "provoked", "provokes",
      "unleashed", "unleashes", "precipitated", "precipitates",
    ]) { $0.classes.insert(.causing) }
    add([
      "lead", "leads", "led", "leading", "result", "results", "resulted", "resulting", "pave",
      "paves", "paved", "paving", "culminate", "culminated", "culminating", "gave", "giving",
    ]) { $0.classes.insert(.resultVerb) }
    // Capitalised words that look like acronyms but name no organisation: roman numerals,
    // era markers and the common country abbreviations.
    add([
      "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
      "xv", "xvi", "xviii", "xix", "xx", "bc", "bce", "ad", "ce", "us", "usa", "uk", "ussr", "u.s.",
      "u.k.", "u.s.a.", "u.s.s.r.", "ok", "tv", "ai", "uae", "prc", "roc", "dprk", "rok", "drv",
      "gdp", "ceo", "phd", "dna", "pm", "am", "id", "it", "a", "vs",
    ]) { $0.classes.insert(.notAcronym) }
  }
}

@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
  byte &- 65 < 26 ? byte | 0x20 : byte
}

import ClaimExtraction
import Foundation

/// A fixed-seed xorshift generator: every run of a benchmark writes the same files.
struct SeededRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// A number in 0..<bound.
  mutating func next(_ bound: Int) -> Int {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Int(state % UInt64(bound))
  }
}

/// A generated newsroom archive: articles of about 3.2 kB of filler prose (the benchmark's
/// own word lists) carrying two to five dated claims each about a fixed set of 1,600
/// treaties, leagues, alliances and wars. One entity in ten is dated two ways: a fifth of its
/// claims give the year after the true one (a few percent of all documents), so conflicts
/// exist, and from 10,000 documents on nearly every disputed entity is in one: the share of
/// claims in conflicts stays the same as the archive grows, and so should the cost per claim.
/// Plus references: sources with fetched snapshots that date five of those entities each.
struct NewsroomArchive {
  /// Bump when the generated text changes, so that a kept archive is written anew.
  static let version = 1

  enum Kind: CaseIterable { case treaty, league, alliance, war }

  /// A named entity and its true dates.
  struct Subject {
    let kind: Kind
    let name: String
    let year: Int
    /// The day and month of a treaty's signing; the year a war ended.
    let day: Int
    let month: Int
    let endYear: Int
    /// Dated two ways in the archive.
    let disputed: Bool
  }

  /// Four entities for each of 400 places: "Treaty of P", "League of P", "P Alliance",
  /// "P War", with years from 1400 to 1910 (all taken for years by the extractor).
  static let subjects: [Subject] = VerifySpeed.placeNames.enumerated().flatMap { place, name in
    // Places 4, 14, 24, …: half of them among the most written about (see claimSentence).
    let disputed = place % 10 == 4
    return [
      Subject(
        kind: .treaty, name: "Treaty of " + name, year: 1450 + (place * 37) % 460,
        day: 1 + place % 28, month: place % 12, endYear: 0, disputed: disputed),
      Subject(
        kind: .league, name: "League of " + name, year: 1500 + (place * 53) % 400, day: 0,
        month: 0, endYear: 0, disputed: disputed),
      Subject(
        kind: .alliance, name: name + " Alliance", year: 1550 + (place * 29) % 360, day: 0,
        month: 0, endYear: 0, disputed: disputed),
      Subject(
        kind: .war, name: name + " War", year: 1400 + (place * 41) % 500, day: 0, month: 0,
        endYear: 1400 + (place * 41) % 500 + 1 + place % 9, disputed: disputed),
    ]
  }

  /// Percent of a disputed entity's claims that give the other year.
  static let otherYearPercent = 20

  private static let actors = bytes([
    "The harbour board", "Local traders", "The town council", "A group of farmers",
    "The regional office", "Several teachers", "The river authority", "Two local historians",
    "The hospital trust", "Shop owners on the high street", "The planning committee",
    "Volunteers from the parish", "The bus company", "A panel of residents",
    "The fishing cooperative", "Officials at the depot", "The library service",
    "Parents at the village school", "The market inspectors", "A spokesperson for the mill",
  ])
  private static let actions = bytes([
    "discussed", "reviewed", "questioned", "welcomed", "postponed", "examined", "praised",
    "criticised", "approved", "rejected", "outlined", "defended", "published", "revised",
    "debated", "funded",
  ])
  private static let things = bytes([
    "the plan for a new bridge", "a proposal to widen the coast road",
    "the cost of repairs to the pier", "the timetable of the summer ferries",
    "a report on flooding in the lower town", "the budget for the coming year",
    "changes to the parking rules", "the closure of the old depot",
    "a survey of birds along the estuary", "the price of bread at the market",
    "plans for a second footpath", "the opening hours of the museum",
    "a study of traffic near the school", "the lease of the empty warehouse",
    "new lighting for the square", "the schedule of the autumn fair",
    "a request for more buses", "the rules for street stalls",
    "the repair of the chapel roof", "a fund for young musicians",
  ])
  private static let settings = bytes([
    "on a quiet afternoon", "after a long debate", "at the town hall", "before the vote",
    "in a short statement", "without much notice", "during the weekly meeting",
    "at the request of residents", "for the third time", "with some reluctance",
    "in front of a small crowd", "over several evenings", "in a letter to members",
    "despite the rain", "at an open meeting", "late on Thursday",
  ])

  private static func bytes(_ phrases: [String]) -> [[UInt8]] { phrases.map { Array($0.utf8) } }

  let documents: Int
  let references: Int

  /// Writes the archive into a new workspace at `root` (docs/ in folders of 1,000, and
  /// Sources-Registry/); returns the bytes of documents and the claims they state.
  func write(to root: String) throws -> (bytes: Int, statedClaims: Int) {
    let manager = FileManager.default
    try manager.createDirectory(atPath: root + "/Claims", withIntermediateDirectories: true)
    try writeWhole(
      Array("schema: 1\ndocuments:\n  include: [docs]\n".utf8),
      to: root + "/Claims/config.yaml")
    var random = SeededRandom(seed: 0x9E37_79B9_7F4A_7C15)
    var total = 0
    var stated = 0
    var article: [UInt8] = []
    article.reserveCapacity(8192)
    for number in 0..<documents {
      let shard = root + "/docs/\(number / 1000)"
      if number % 1000 == 0 {
        try manager.createDirectory(atPath: shard, withIntermediateDirectories: true)
      }
      article.removeAll(keepingCapacity: true)
      stated += writeArticle(into: &article, random: &random)
      try writeWhole(article, to: shard + "/article-\(number).md")
      total += article.count
    }
    try writeReferences(to: root, random: &random)
    return (total, stated)
  }

  /// One article: a headline, five to eight paragraphs of four to seven sentences, and two to
  /// five claim sentences among them. Returns the claims stated.
  private func writeArticle(into text: inout [UInt8], random: inout SeededRandom) -> Int {
    text.append(contentsOf: "# ".utf8)
    fillerSentence(into: &text, random: &random, headline: true)
    text.append(contentsOf: "\n\n".utf8)
    let paragraphs = (0..<(5 + random.next(4))).map { _ in 4 + random.next(4) }
    let sentences = paragraphs.reduce(0, +)
    var claimAt = [Int](repeating: 0, count: sentences)
    for _ in 0..<(2 + random.next(4)) { claimAt[random.next(sentences)] += 1 }
    var stated = 0
    var index = 0
    for length in paragraphs {
      for position in 0..<length {
        if position > 0 { text.append(0x20) }
        for _ in 0..<claimAt[index] {
          stated += claimSentence(into: &text, random: &random)
          text.append(0x20)
        }
        fillerSentence(into: &text, random: &random, headline: false)
        index += 1
      }
      text.append(contentsOf: "\n\n".utf8)
    }
    return stated
  }

  /// "The town council reviewed the price of bread at the market after a long debate.", or
  /// now and then a sentence with a year and no entity (a date that makes no claim).
  private func fillerSentence(
    into text: inout [UInt8], random: inout SeededRandom, headline: Bool
  ) {
    if !headline && random.next(20) == 0 {
      text.append(contentsOf: "Figures from ".utf8)
      append(1950 + random.next(70), to: &text)
      text.append(contentsOf: " suggest a similar pattern.".utf8)
      return
    }
    let actors = Self.actors
    let actions = Self.actions
    let things = Self.things
    text += actors[random.next(actors.count)]
    text.append(0x20)
    text += actions[random.next(actions.count)]
    text.append(0x20)
    text += things[random.next(things.count)]
    if headline { return }
    text.append(0x20)
    text += Self.settings[random.next(Self.settings.count)]
    text.append(0x2E)
  }

  /// A claim about an entity, half the time one of the 100 most written about. Returns the
  /// claims the sentence states (two for a war's start and end).
  private func claimSentence(into text: inout [UInt8], random: inout SeededRandom) -> Int {
    let subjects = Self.subjects
    let index =
      random.next(2) == 0
      ? random.next(subjects.count) : random.next(100) * 16 + random.next(4)
    let subject = subjects[index]
    var year = subject.year
    var endYear = subject.endYear
    if subject.disputed && random.next(100) < Self.otherYearPercent {
      year += 1
      endYear += 1
    }
    func say(_ words: String) { text.append(contentsOf: words.utf8) }
    let form = random.next(3)
    switch (subject.kind, form) {
    case (.treaty, 0):
      say("The \(subject.name) was signed in ")
      append(year, to: &text)
      say(".")
    case (.treaty, 1):
      say(
        "The \(subject.name), signed on \(subject.day) \(CalendarDate.monthNames[subject.month]) ")
      append(year, to: &text)
      say(", settled the border for a generation.")
    case (.treaty, _):
      say("Delegates signed the \(subject.name) in ")
      append(year, to: &text)
      say(" after months of talks.")
    case (.league, 0), (.alliance, 0):
      say("The \(subject.name) was founded in ")
      append(year, to: &text)
      say(".")
    case (.league, _), (.alliance, _):
      say("Founded in ")
      append(year, to: &text)
      say(", the \(subject.name) grew to a dozen members.")
    case (.war, 0):
      say("The \(subject.name) began in ")
      append(year, to: &text)
      say(" and ended in ")
      append(endYear, to: &text)
      say(".")
      return 2
    case (.war, 1):
      say("The \(subject.name) broke out in ")
      append(year, to: &text)
      say(".")
    case (.war, _):
      say("Fighting in the \(subject.name) ended in ")
      append(endYear, to: &text)
      say(".")
    }
    return 1
  }

  private func append(_ number: Int, to text: inout [UInt8]) {
    text.append(contentsOf: String(number).utf8)
  }

  /// Each source covers five entities (every entity three or four sources, at 1,000), dates
  /// each, sometimes a second way, and names it once more among about 20 kB of filler, as an
  /// encyclopedia page would.
  private func writeReferences(to root: String, random: inout SeededRandom) throws {
    let subjects = Self.subjects
    var shelf = try ReferenceShelf(workspace: root)
    var line: [UInt8] = []
    for index in 0..<references {
      let covered = (0..<5).map { subjects[(index * 5 + $0) % subjects.count] }
      var text = ""
      for subject in covered {
        switch subject.kind {
        case .treaty: text += "The \(subject.name) was signed in \(subject.year).\n"
        case .league, .alliance: text += "The \(subject.name) was founded in \(subject.year).\n"
        case .war:
          text += "The \(subject.name) began in \(subject.year) and ended in \(subject.endYear).\n"
        }
        if random.next(2) == 0 {
          text += "Some accounts date the \(subject.name) to \(subject.year + 1).\n"
        }
        text += "The \(subject.name) is remembered in many songs.\n"
        for _ in 0..<60 {
          line.removeAll(keepingCapacity: true)
          fillerSentence(into: &line, random: &random, headline: false)
          text += String(decoding: line, as: UTF8.self) + "\n"
        }
      }
      try shelf.add(
        id: "ref\(index)", url: "https://reference.example/archive/\(index)",
        covers: covered.map(\.name), text: text)
    }
    try shelf.finish()
  }
}

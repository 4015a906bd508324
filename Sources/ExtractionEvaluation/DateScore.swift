import ClaimExtraction

/// Precision and recall of date mentions against TIMEX2 gold, for expressions that state a year.
///
/// - A gold expression counts when its text writes out the year of its value ("November 1939",
///   "490 BC"; not "April" in a paragraph about 1940, nor "the 1990s").
/// - A mention matches a gold expression when their spans overlap and the mention agrees on the
///   year, and on month and day where the gold gives them (a range agrees when either end does).
/// - Recall: counted gold expressions that some mention matches.
/// - Precision: mentions with a year that match a gold expression, over all mentions with a
///   year, leaving out those that overlap only gold expressions without a calendar value
///   (durations such as "the years 1751–1777", `P27Y`), which can be neither right nor wrong.
/// - Dates whose year is inferred from context ("On 7 August") write no year: they are scored
///   apart, as the share whose value agrees with the gold expression they overlap.
public struct DateScore: Sendable {
  public var document: String
  public var goldWithYear = 0
  public var goldFound = 0
  public var mentions = 0
  public var mentionsCorrect = 0
  public var mentionsUnjudged = 0
  /// Dates without a written year that took one from context, and how many of them agree.
  public var inferred = 0
  public var inferredCorrect = 0
  /// For development: what was missed and what was wrong, with their text.
  public var misses: [String] = []
  public var falsePositives: [String] = []

  public var precision: Double {
    let judged = mentions - mentionsUnjudged
    return judged == 0 ? 1 : Double(mentionsCorrect) / Double(judged)
  }
  public var recall: Double { goldWithYear == 0 ? 1 : Double(goldFound) / Double(goldWithYear) }

  public init(document: String) { self.document = document }

  /// Scores the extractor on one annotated document.
  public static func score(document: String, annotated: [UInt8]) throws -> DateScore {
    let (text, gold) = try TimexGoldReader.parse(annotated)
    let all = text.withUnsafeBufferPointer { Extractor().dates($0) }
      .filter { !$0.value.isVague }
    let mentions = all.filter { !$0.inferred }
    var score = DateScore(document: document)
    for mention in all where mention.inferred {
      score.inferred += 1
      let overlapping = gold.filter { $0.range.overlaps(mention.range) }
      if overlapping.contains(where: { agrees(mention.value, $0) }) { score.inferredCorrect += 1 }
    }
    func snippet(_ range: Range<Int>) -> String {
      String(decoding: text[range], as: UTF8.self)
    }
    for item in gold where item.statesYear {
      score.goldWithYear += 1
      let overlapping = mentions.filter { $0.range.overlaps(item.range) }
      if overlapping.contains(where: { agrees($0.value, item) }) {
        score.goldFound += 1
      } else {
        let found = overlapping.map { "\(snippet($0.range))=\($0.value.edtf)" }
        score.misses.append("\(item.text) [\(item.value)] found: \(found)")
      }
    }
    for mention in mentions {
      score.mentions += 1
      let overlapping = gold.filter { $0.range.overlaps(mention.range) }
      if overlapping.contains(where: { agrees(mention.value, $0) }) {
        score.mentionsCorrect += 1
      } else if !overlapping.isEmpty && overlapping.allSatisfy({ $0.date == nil }) {
        score.mentionsUnjudged += 1
      } else {
        let context = snippet(
          max(0, mention.range.lowerBound - 30)..<min(text.count, mention.range.upperBound + 30))
        score.falsePositives.append(
          "\(snippet(mention.range))=\(mention.value.edtf) in …\(context)… gold: \(overlapping.map(\.value))"
        )
      }
    }
    return score
  }

  private static func agrees(_ value: TemporalValue, _ gold: GoldTimex) -> Bool {
    guard let date = gold.date else { return false }
    let goldDate = CalendarDate(year: date.year, month: date.month, day: date.day)
    func fits(_ ours: CalendarDate) -> Bool {
      ours.year == goldDate.year && (goldDate.month == nil || ours.month == goldDate.month)
        && (goldDate.day == nil || ours.day == goldDate.day)
    }
    switch value {
    case .point(let ours): return fits(ours)
    case .range(let start, let end): return fits(start) || fits(end)
    case .decade, .centuries: return false
    }
  }

  /// Adds up several documents' scores.
  public static func total(_ scores: [DateScore]) -> DateScore {
    var total = DateScore(document: "total")
    for score in scores {
      total.goldWithYear += score.goldWithYear
      total.goldFound += score.goldFound
      total.mentions += score.mentions
      total.mentionsCorrect += score.mentionsCorrect
      total.mentionsUnjudged += score.mentionsUnjudged
      total.inferred += score.inferred
      total.inferredCorrect += score.inferredCorrect
    }
    return total
  }
}

/// Where the lines of a document start, and which lines are headings.
struct LineLayout {
  /// For each token, its line (counting only lines with tokens).
  let lineOf: [Int]
  private let starts: [Int]
  private let headings: [Bool]

  /// `lineOf` and `starts` as ``ClaimAttacher`` finds them, with the sentences, in one pass:
  /// a line starts at the first token and at each token with a line break before it.
  init(_ tokens: [Token], lineOf: [Int], starts: [Int]) {
    self.lineOf = lineOf
    self.starts = starts
    var headings = [Bool](repeating: false, count: starts.count)
    for line in starts.indices {
      let first = starts[line]
      let end = line + 1 < starts.count ? starts[line + 1] : tokens.count
      let last = tokens[end - 1]
      // A heading stands apart (a blank line or the document's start before it, a blank line
      // or the end after it), is short and does not end as a sentence does.
      let apartBefore = first == 0 || tokens[first].has(.blankLineBefore)
      let apartAfter = end == tokens.count || tokens[end].has(.blankLineBefore)
      // A short list item that does not end as a sentence is a heading too ("- The Dawn of a
      // Fragile Peace: Amiens, March 1802" in a table of contents).
      let listItem = tokens[first].is(.bullet) || tokens[first].is(.dash)
      // A heading starts as a title does: with a capital, a number or a bullet.
      let startsAsTitle = tokens[first].kind != .word || tokens[first].has(.capitalized)
      guard startsAsTitle && end - first <= 24 && !last.is(.period) && !last.is(.comma) else {
        continue
      }
      // A line in title case stands apart by its capitals even without blank lines around
      // (counted only for the short lines that may be headings: this runs on every line).
      var words = 0
      var capitals = 0
      for index in first..<end where tokens[index].kind == .word {
        words += 1
        if tokens[index].has(.capitalized) { capitals += 1 }
      }
      let titleCase = words >= 3 && capitals * 5 >= words * 3
      headings[line] = apartBefore && apartAfter || listItem || titleCase
    }
    self.headings = headings
  }

  var lineCount: Int { starts.count }
  func firstToken(ofLine line: Int) -> Int { starts[line] }
  func endToken(ofLine line: Int) -> Int {
    line + 1 < starts.count ? starts[line + 1] : lineOf.count
  }
  func isHeading(_ line: Int) -> Bool { headings[line] }
}

/// For each line, the first claimable name of the nearest heading at or above it (the section's
/// topic) and its own first name. Found once for the document, so that a date alone on each of
/// 100,000 lines under no heading, or a table row of dates, is no longer quadratic.
struct SectionTopics {
  /// The topic of the nearest heading at or above each line that names one, or -1.
  private let nearest: [Int]
  /// The same, counting only headings that are not list items.
  private let nearestOutsideLists: [Int]
  /// The first token of each heading and table row that starts a claimable name, or -1.
  private let firstNames: [Int]

  init(layout: LineLayout, tokens: [Token], entities: [EntityMention], entityAt: [Int]) {
    var nearest = [Int](repeating: -1, count: layout.lineCount)
    var nearestOutsideLists = nearest
    var firstNames = nearest
    var last = -1
    var lastOutsideLists = -1
    for line in 0..<layout.lineCount {
      let range = layout.firstToken(ofLine: line)..<layout.endToken(ofLine: line)
      let first = tokens[range.lowerBound]
      // Only headings and table rows need their first name: other lines are not read.
      guard layout.isHeading(line) || first.is(.pipe) else {
        nearest[line] = last
        nearestOutsideLists[line] = lastOutsideLists
        continue
      }
      let name = range.first { index in
        let entity = entityAt[index]
        return entity >= 0 && entities[entity].extent.lowerBound == index
          && entities[entity].kind != .other
      }
      firstNames[line] = name ?? -1
      if layout.isHeading(line) {
        if let name {
          last = entityAt[name]
          if !first.is(.bullet) && !first.is(.dash) { lastOutsideLists = last }
        }
      }
      nearest[line] = last
      nearestOutsideLists[line] = lastOutsideLists
    }
    self.nearest = nearest
    self.nearestOutsideLists = nearestOutsideLists
    self.firstNames = firstNames
  }

  /// The first token of a table row (a line that starts with "|") that starts a claimable name.
  func firstName(onLine line: Int) -> Int? {
    firstNames[line] >= 0 ? firstNames[line] : nil
  }

  func topic(atOrAbove line: Int, skippingListItems: Bool) -> Int? {
    guard line >= 0 else { return nil }
    let entity = skippingListItems ? nearestOutsideLists[line] : nearest[line]
    return entity >= 0 ? entity : nil
  }
}

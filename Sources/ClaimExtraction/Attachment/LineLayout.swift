/// Where the lines of a document start, and which lines are headings.
struct LineLayout {
  /// For each token, its line (counting only lines with tokens).
  let lineOf: [Int]
  private let starts: [Int]
  private let headings: [Bool]

  init(_ tokens: [Token]) {
    var lineOf = [Int](repeating: 0, count: tokens.count)
    var starts: [Int] = []
    for (index, token) in tokens.enumerated() {
      if index == 0 || token.has(.lineBreakBefore) { starts.append(index) }
      lineOf[index] = starts.count - 1
    }
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

import ClaimExtraction
import Foundation
import Testing

/// Text no writer meant: cut, mutated or garbled. Extraction must finish on it (a trap stops a
/// scan of every document), whatever it finds.
@Suite("Extraction survives hostile text")
struct HostileTextTests {
  @Test("a date whose era runs onto the next line, in a heading, does not trap")
  func dateRunsPastItsLine() {
    // Found by mutating seed-like text (issue 15): "713" ends a heading line, "AD" starts the
    // next, and the date's tokens ran past the line the heading rule read.
    _ = extract("H Treaty f 713\nAD")
    _ = extract("Treaty of Kiel 1814\nAD")
    #expect(claims("H Treaty f 713\nAD").allSatisfy { !$0.isEmpty })
  }

  @Test("a line led by a date whose name wraps onto the next line does not trap")
  func nameWrapsPastItsLine() {
    _ = extract("1814 – Treaty of\nKiel signed")
    _ = extract("1814: Treaty of Kiel\nand Treaty of Paris")
    #expect(claims("1814 – The Treaty of Kiel is signed.") == ["Treaty of Kiel|signed|1814"])
  }
}

/// Inputs the fuzzer (scripts/fuzz.sh) found, each cut to its smallest form.
@Suite("Extraction survives what the fuzzer found")
struct FuzzFindingTests {
  @Test("a relative pronoun right after a colon does not trap the clause walk")
  func relativeAfterColon() {
    // "Treaty C:" then "…P rejected it in 1919": the walk back from the date read before the
    // clause it was allowed to read.
    _ = extract("Treaty C:Battle P rejected it in 1919.")
  }

  @Test("an agreement named before the war it ends, in garbled text, does not trap")
  func agreementBeforeItsWar() {
    _ = extract("B War\u{0}W act?It\u{6}the alliance end Jul 191,")
    _ = extract(
      "Congress Treaty . – which Kiel signed Empire . . War Battle Battle , the Congress signed "
        + "1814 1814 and Peace Battle Of Kiel Battle")
  }
}

/// Text shaped to make a window of the extractor scan without end (issue 15, item 8): each is a
/// megabyte, and extraction must stay linear in it. Before the fix the first took 200 s or more
/// in a release build; a release build now takes well under a second for each. A debug build is
/// unoptimised (about a hundred times slower on the date-dense shapes) and the machine may be
/// busy, so the bound is generous: 2 s, or 20 times what a megabyte of ordinary prose takes on
/// the same build at the same moment, whichever is more. Quadratic time exceeds either by far.
@Suite("Extraction stays linear on hostile text", .serialized)
struct LinearTimeTests {
  /// Seconds to extract a megabyte of the seed articles, repeated.
  static let ordinarySeconds: Double = {
    let folder = sharedFolder + "/seeds"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let prose = names.sorted().compactMap {
      FileManager.default.contents(atPath: folder + "/" + $0)
    }
    .reduce(into: [UInt8]()) { $0 += $1 + [0x0A, 0x0A] }
    guard !prose.isEmpty else { return 1 }
    let text = Array(
      (0..<(megabyte / prose.count + 1)).lazy.flatMap { _ in prose }.prefix(megabyte))
    let start = Date()
    _ = Extractor().extract(text)
    return Date().timeIntervalSince(start)
  }()

  static var bound: Double { max(2, 20 * ordinarySeconds) }
  static let megabyte = 1_000_000

  /// A megabyte of `unit` repeated.
  static func repeated(_ unit: String) -> [UInt8] {
    let bytes = Array(unit.utf8)
    return Array((0..<(megabyte / bytes.count + 1)).lazy.flatMap { _ in bytes }.prefix(megabyte))
  }

  static let shapes: [String: String] = [
    "one sentence of 'in 1814'": "in 1814 ",
    "'Treaty of' without end": "Treaty of ",
    "'the war' without end": "the war ",
    "a list of years": "1814, ",
    "'and' without end": "and ",
    "one line with no full stop":
      "The Treaty of Kiel was signed in 1814 by Denmark and the war ended in 1815 ",
    "one endless sentence of capitalised words": "Treaty Kiel Battle Paris War Empire Of ",
    "headings": "# Treaty of Kiel 1814\n",
    "a date alone on each line": "1814\n",
    "a line of dates and dashes": "1814 – ",
    "a line of eras": "713 AD ",
    "a line of full dates": "14 January 1814 ",
    "labels": "When: 1814\n",
    "a table row of dates": "| 1814 ",
    "relative clauses": "the Treaty of Kiel, which was signed in 1814, ",
    "names after dates": "Battle of Kiel in 1814, ",
    "anaphora": "The Treaty of Kiel was signed in 1814. It ",
  ]

  @Test(
    "a megabyte of hostile text is extracted in linear time",
    .serialized, arguments: shapes.keys.sorted())
  func linear(_ shape: String) throws {
    let text = Self.repeated(try #require(Self.shapes[shape]))
    let start = Date()
    _ = Extractor().extract(text)
    let seconds = Date().timeIntervalSince(start)
    print("linear: \(shape): \(seconds) s (bound \(Self.bound) s)")
    #expect(seconds < Self.bound, "\(shape): \(seconds) s")
  }
}

/// Columns are what an editor shows (issue 15, item 19): Unicode scalars, a leading BOM is no
/// character, a stray byte is one, and LF, CRLF and a lone CR each end a line.
@Suite("Line and column of a claim")
struct ClaimPositionTests {
  /// Where the first claim's date stands, as the ledger and the diagnostics give it.
  func position(_ bytes: [UInt8]) throws -> SourcePosition {
    let claim = try #require(Extractor().extract(bytes).claims.first)
    return LineIndex(bytes).position(of: claim.date.range.lowerBound)
  }

  func position(_ text: String) throws -> SourcePosition { try position(Array(text.utf8)) }

  @Test("a byte order mark is not a column")
  func byteOrderMark() throws {
    #expect(
      try position("\u{FEFF}The Treaty of Kiel was signed in 1814.")
        == SourcePosition(line: 1, column: 34))
    #expect(
      LineIndex(Array("\u{FEFF}x".utf8)).position(of: 0) == SourcePosition(line: 1, column: 1))
    #expect(
      LineIndex(Array("\u{FEFF}x".utf8)).position(of: 3) == SourcePosition(line: 1, column: 1))
  }

  @Test("a lone CR ends a line, CRLF ends one line, and sentences split as with LF")
  func lineEndings() throws {
    #expect(
      try position("Kiel\rThe Treaty of Kiel was signed in 1814.")
        == SourcePosition(line: 2, column: 34))
    #expect(
      try position("Kiel\r\nThe Treaty of Kiel was signed in 1814.")
        == SourcePosition(line: 2, column: 34))
    #expect(
      try position("Kiel\r\rThe Treaty of Kiel was signed in 1814.")
        == SourcePosition(line: 3, column: 34))
    let lines = [
      "Treaty of Kiel", "", "1814 – The treaty is signed", "The war ended in 1815",
      "Treaty of Paris signed in 1815",
    ]
    let withLF = claims(lines.joined(separator: "\n"))
    #expect(!withLF.isEmpty)
    #expect(claims(lines.joined(separator: "\r")) == withLF)
    #expect(claims(lines.joined(separator: "\r\n")) == withLF)
  }

  @Test("a stray byte is one column and does not shift the columns after it")
  func strayBytes() throws {
    let claim = Array("The Treaty of Kiel was signed in 1814.".utf8)
    #expect(try position([0x80] + claim) == SourcePosition(line: 1, column: 35))
    #expect(try position([0x41, 0xBF, 0xBF, 0x20] + claim) == SourcePosition(line: 1, column: 38))
    // A sequence cut short: each of its bytes is a character the scan replaces.
    #expect(try position([0xE2, 0x80, 0x20] + claim) == SourcePosition(line: 1, column: 37))
  }

  @Test("a character of several bytes is one column")
  func multiByteCharacters() throws {
    #expect(
      try position("“Ærø” — the Treaty of Kiel was signed in 1814.")
        == SourcePosition(line: 1, column: 42))
    #expect(
      try position("🇩🇰 The Treaty of Kiel was signed in 1814.")
        == SourcePosition(line: 1, column: 37))
  }
}

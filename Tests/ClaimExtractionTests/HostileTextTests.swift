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
/// megabyte, and extraction must stay linear in it. (2 s is a generous bound for a debug build;
/// the release build takes a few hundredths of a second for each.)
@Suite("Extraction stays linear on hostile text")
struct LinearTimeTests {
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
    "a megabyte of hostile text is extracted in well under two seconds",
    .serialized, arguments: shapes.keys.sorted())
  func linear(_ shape: String) throws {
    let text = Self.repeated(try #require(Self.shapes[shape]))
    let start = Date()
    _ = Extractor().extract(text)
    let seconds = Date().timeIntervalSince(start)
    print("linear: \(shape): \(seconds) s")
    #expect(seconds < 2, "\(shape): \(seconds) s")
  }
}

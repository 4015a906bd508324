import ClaimExtraction
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
}

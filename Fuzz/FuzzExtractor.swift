// libFuzzer entry point for the extractor (issue 15, item 0). Built by scripts/fuzz.sh together
// with the sources of Sources/ClaimExtraction as one module; SwiftPM never sees this folder.

/// Runs one input through the whole extractor: a trap, an out-of-bounds access (AddressSanitizer)
/// or a unit slower than the fuzzer's -timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let extraction = Extractor().extract(UnsafeBufferPointer(start: data, count: size))
  // Keep the results alive so nothing is optimised away; libFuzzer wants 0 back.
  withExtendedLifetime(extraction) {}
  return 0
}

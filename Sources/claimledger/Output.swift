import ArgumentParser
import ClaimLedger
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Printing for the terminal: colour only on a terminal and never with NO_COLOR set,
/// progress only when standard error is a terminal.
enum Terminal {
  static let colorOnStandardOutput = isatty(STDOUT_FILENO) == 1 && noColorUnset
  static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1
  private static var noColorUnset: Bool {
    ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
  }

  static func printError(_ text: String) {
    StandardStreams.writeError(text + "\n")
  }

  /// A diagnostic line, with the severity coloured as clang colours it.
  static func line(for diagnostic: Diagnostic) -> String {
    guard colorOnStandardOutput else { return diagnostic.formatted }
    let color: String
    switch diagnostic.severity {
    case .error: color = "\u{1B}[1;31m"
    case .warning: color = "\u{1B}[1;35m"
    case .note: color = "\u{1B}[1;36m"
    }
    let code = diagnostic.code.map { " [\($0)]" } ?? ""
    return
      "\u{1B}[1m\(diagnostic.shownPlace):\u{1B}[0m \(color)\(diagnostic.severity.rawValue):\u{1B}[0m"
      + " \(diagnostic.shownMessage)\(code)"
  }

  /// A one-line progress bar on standard error, redrawn in place.
  static func progress(label: String) -> ((Int, Int) -> Void)? {
    guard standardErrorIsTerminal else { return nil }
    var lastShown = -1
    return { done, total in
      guard total >= 20 else { return }
      let percent = done * 100 / max(total, 1)
      guard percent != lastShown else { return }
      lastShown = percent
      let width = 30
      let filled = width * done / max(total, 1)
      let bar =
        String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
      var text = "\r\(label) [\(bar)] \(done)/\(total)"
      if done == total { text = "\r" + String(repeating: " ", count: text.count) + "\r" }
      StandardStreams.writeError(text)
    }
  }
}

/// Runs a command body, turning library errors into a message on standard error and exit 1.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as LedgerError {
    let text = error.localizedDescription.lineSafe
    Terminal.printError(text.contains(": error: ") ? text : "claimledger: error: \(text)")
    throw ExitCode.failure
  }
}

/// Everything the tool prints goes through here, so that a failed write is seen instead of
/// trapping (as `FileHandle.write` does) or being lost (as `print` through C's `stdout` is).
/// Standard output is buffered, standard error is not.
final class StandardStreams: @unchecked Sendable {
  private static let shared = StandardStreams()
  private let lock = NSLock()
  private var buffer: [UInt8] = []
  /// The first error writing standard output met; later writes are dropped.
  private var failure: Int32?

  static func write(_ data: Data) { shared.append(Array(data)) }
  static func write(_ text: String) { shared.append(Array(text.utf8)) }

  /// Sends what is buffered (a prompt before reading a key).
  static func flush() { shared.lock.withLock { shared.flushLocked() } }

  /// Standard error has nowhere to report its own failure: its errors are ignored.
  static func writeError(_ text: String) {
    shared.lock.withLock { shared.flushLocked() }  // keep the order on a shared terminal
    _ = writeAll(STDERR_FILENO, Array(text.utf8))
  }

  /// Whether everything written to standard output reached it. A reader that went away
  /// (EPIPE: `claimledger claims | head -1`) is not an error; a full disk or a closed
  /// descriptor is, and is reported on standard error.
  static func finish() -> Bool {
    let failure = shared.lock.withLock {
      shared.flushLocked()
      return shared.failure
    }
    guard let failure, failure != EPIPE else { return true }
    writeError(
      "claimledger: error: cannot write to standard output: \(String(cString: strerror(failure)))\n"
    )
    return false
  }

  private func append(_ bytes: [UInt8]) {
    lock.withLock {
      guard failure == nil else { return }
      buffer += bytes
      if buffer.count >= 1 << 16 { flushLocked() }
    }
  }

  private func flushLocked() {
    defer { buffer.removeAll(keepingCapacity: true) }
    guard failure == nil, !buffer.isEmpty else { return }
    failure = Self.writeAll(STDOUT_FILENO, buffer)
  }

  /// Writes all of `bytes`; the errno of a failure, or nil.
  static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return nil
  }
}

/// `print` for this tool: through ``StandardStreams``, so that its failures are seen. It
/// stands in for the standard library's within this module.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  StandardStreams.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

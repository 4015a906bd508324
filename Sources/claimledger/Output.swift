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
    FileHandle.standardError.write(Data((text + "\n").utf8))
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
      "\u{1B}[1m\(diagnostic.place):\u{1B}[0m \(color)\(diagnostic.severity.rawValue):\u{1B}[0m"
      + " \(diagnostic.message)\(code)"
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
      FileHandle.standardError.write(Data(text.utf8))
    }
  }
}

/// Runs a command body, turning library errors into a message on standard error and exit 1.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as LedgerError {
    let text = error.localizedDescription
    Terminal.printError(text.contains(": error: ") ? text : "claimledger: error: \(text)")
    throw ExitCode.failure
  }
}

import ArgumentParser
import ClaimLedger
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

// `serve` and `reviewers` belong to the review desk, a separate binary: the desk links a web
// server (Hummingbird) that the CLI, its tests and its users who never open a browser need not
// build or load. The CLI hands these commands over, git-style, to `claimledger-desk` beside it.

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the review desk in the browser (runs claimledger-desk).",
    discussion: "claimledger serve [--host 127.0.0.1] [--port 8080] [-C FOLDER]")

  @Argument(parsing: .captureForPassthrough, help: "Passed to claimledger-desk serve.")
  var arguments: [String] = []

  func run() throws { try DeskForwarding.run(["serve"] + arguments) }
}

struct ReviewersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reviewers",
    abstract: "Manage the review desk's accounts: add, list, remove, token, revoke.",
    discussion:
      "claimledger reviewers add NAME --email E [--role reviewer|reader] --password-stdin")

  @Argument(parsing: .captureForPassthrough, help: "Passed to claimledger-desk reviewers.")
  var arguments: [String] = []

  func run() throws { try DeskForwarding.run(["reviewers"] + arguments) }
}

enum DeskForwarding {
  /// Replaces this process with `claimledger-desk` and the same arguments; standard input,
  /// output and error carry over (`reviewers add --password-stdin` reads the password there).
  static func run(_ arguments: [String]) throws {
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let desk = me.deletingLastPathComponent().appendingPathComponent("claimledger-desk").path
    guard access(desk, X_OK) == 0 else {
      Terminal.printError(
        "claimledger: error: \(arguments[0]) runs the review desk, \(desk), which is not there:"
          + " build it with swift build --product claimledger-desk")
      throw ExitCode.failure
    }
    _ = StandardStreams.finish()
    let argv = (["claimledger-desk"] + arguments).map { strdup($0) } + [nil]
    execv(desk, argv)
    let reason = String(cString: strerror(errno))
    Terminal.printError("claimledger: error: cannot run \(desk): \(reason)")
    throw ExitCode.failure
  }
}

import ArgumentParser
import ClaimLedger
import Foundation
import ReviewDesk

#if canImport(Glibc)
  import Glibc
#endif

/// `claimledger-desk`: the review desk's server and its accounts. The `claimledger` CLI
/// forwards `serve` and `reviewers` here, so it is named after the CLI in help and errors.
@main
struct DeskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "claimledger",
    abstract: "The review desk in the browser, and its accounts.",
    subcommands: [ServeCommand.self, ReviewersCommand.self])
}

struct WorkspaceOption: ParsableArguments {
  @Option(
    name: [.customShort("C"), .long], help: "Run as if started in this folder.",
    completion: .directory)
  var workspace: String?

  func locate() throws -> Workspace {
    try Workspace.discover(from: workspace ?? FileManager.default.currentDirectoryPath)
  }
}

/// Runs a command's body; a ledger error is printed as the CLI prints it, exit 1.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
  do {
    return try await body()
  } catch let error as LedgerError {
    let text = (error.errorDescription ?? "\(error)").lineSafe
    FileHandle.standardError.write(
      Data(((text.contains(": error: ") ? text : "claimledger: error: \(text)") + "\n").utf8))
    throw ExitCode.failure
  }
}

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the review desk for this workspace in the browser.",
    discussion: """
      With no accounts (Claims/reviewers.yaml) the desk runs in local mode: loopback only, \
      verdicts recorded under the reviewer the CLI would use ($CLAIMLEDGER_REVIEWER, else \
      git's user.name and user.email). Once listening it prints one line on standard error: \
      'serving WORKSPACE at http://HOST:PORT/'.
      """)

  @Option(help: "The address to listen on; other than loopback only once accounts exist.")
  var host: String = "127.0.0.1"

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port: Int = 8080

  @OptionGroup var workspaceOptions: WorkspaceOption

  func validate() throws {
    guard (0...65535).contains(port) else {
      throw ValidationError("--port \(port): a port is 0 to 65535")
    }
  }

  func run() async throws {
    signal(SIGPIPE, SIG_IGN)
    let desk = try await reportingErrors {
      let workspace = try workspaceOptions.locate()
      let reviewer = try? Reviewer.resolve(
        explicit: nil, environment: ProcessInfo.processInfo.environment, workspace: workspace)
      let desk = Desk(
        DeskConfiguration(
          workspace: workspace, host: self.host, port: port, localReviewer: reviewer))
      try desk.checkStart()
      return desk
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    let root = desk.configuration.workspace.root
    let app = desk.application { port in
      FileHandle.standardError.write(Data("serving \(root) at http://\(shownHost):\(port)/\n".utf8))
    }
    do {
      try await app.runService()
    } catch {
      FileHandle.standardError.write(
        Data(
          ("claimledger: error: cannot serve on \(shownHost):\(port): \(error)".lineSafe + "\n")
            .utf8))
      throw ExitCode.failure
    }
  }
}

struct ReviewersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reviewers",
    abstract: "Manage the desk's accounts (Claims/reviewers.yaml, hashes in Claims/.secrets.json).",
    subcommands: [Add.self, List.self, Remove.self, Token.self, Revoke.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add an account; its password is read from standard input.")

    @Argument(help: "The name to log in with, shown beside the account's verdicts.")
    var name: String

    @Option(help: "The account's email address (verdicts record \"NAME <EMAIL>\").")
    var email: String

    @Option(help: "reviewer (records verdicts) or reader (reads only).")
    var role: DeskRole = .reviewer

    @Flag(help: "Read the password from standard input (one line; required).")
    var passwordStdin = false

    @OptionGroup var workspaceOptions: WorkspaceOption

    func validate() throws {
      guard passwordStdin else {
        throw ValidationError(
          "--password-stdin is required: a password on the command line would be seen by"
            + " other users and kept in shell history")
      }
    }

    func run() async throws {
      try await reportingErrors {
        let workspace = try workspaceOptions.locate()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard var password = String(data: input, encoding: .utf8) else {
          throw LedgerError.invalidArgument("the password on standard input is not UTF-8")
        }
        if password.hasSuffix("\n") { password.removeLast() }
        if password.hasSuffix("\r") { password.removeLast() }
        guard !password.contains("\n") else {
          throw LedgerError.invalidArgument("the password on standard input is more than one line")
        }
        try ReviewerAccounts(workspace: workspace).add(
          name: name, email: email, role: role, password: password)
        print("added \(name) (\(role.rawValue)) to Claims/reviewers.yaml".lineSafe)
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the accounts.")
    @OptionGroup var workspaceOptions: WorkspaceOption

    func run() async throws {
      try await reportingErrors {
        for account in try ReviewerAccounts(workspace: try workspaceOptions.locate()).list() {
          print(
            [account.name.lineSafe, account.email.lineSafe, account.role.rawValue].joined(
              separator: "\t"))
        }
      }
    }
  }

  struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove an account, its password and its tokens.")
    @Argument var name: String
    @OptionGroup var workspaceOptions: WorkspaceOption

    func run() async throws {
      try await reportingErrors {
        try ReviewerAccounts(workspace: try workspaceOptions.locate()).remove(name: name)
        print("removed \(name)".lineSafe)
      }
    }
  }

  struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Issue a new API token; it is printed once and stored only as a hash.")
    @Argument var name: String
    @OptionGroup var workspaceOptions: WorkspaceOption

    func run() async throws {
      try await reportingErrors {
        print(try ReviewerAccounts(workspace: try workspaceOptions.locate()).issueToken(name: name))
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Revoke every API token of an account.")
    @Argument var name: String
    @OptionGroup var workspaceOptions: WorkspaceOption

    func run() async throws {
      try await reportingErrors {
        let count = try ReviewerAccounts(workspace: try workspaceOptions.locate()).revoke(
          name: name)
        print("revoked \(count) token\(count == 1 ? "" : "s") of \(name)".lineSafe)
      }
    }
  }
}

extension DeskRole: ExpressibleByArgument {}

import ClaimLedger
import Foundation
import Synchronization

/// How a desk is started.
public struct DeskConfiguration: Sendable {
  public var workspace: Workspace
  public var host: String
  public var port: Int
  /// The reviewer verdicts are recorded under in local mode (no accounts): the one the CLI
  /// would use. Nil when none could be found: local mode then only reads.
  public var localReviewer: String?
  /// bcrypt's work factor for passwords set from the desk's tests.
  public var bcryptCost: UInt8

  public init(
    workspace: Workspace, host: String = "127.0.0.1", port: Int = 8080,
    localReviewer: String? = nil, bcryptCost: UInt8 = 12
  ) {
    self.workspace = workspace
    self.host = host
    self.port = port
    self.localReviewer = localReviewer
    self.bcryptCost = bcryptCost
  }
}

/// Who the desk is serving, decided per request from the files: accounts added or removed
/// while it runs take effect at once.
enum DeskMode: Sendable {
  /// No accounts, on a loopback address: everyone who can connect is the local reviewer.
  case local
  /// Accounts exist: pages need a login, the API a token.
  case accounts(AccountSnapshot)
  /// Bound to a non-loopback address and every account removed since: nobody may use it.
  case closed
}

/// Who made a request, once identified.
struct Visitor: Sendable {
  var session: DeskSession?
  /// The account, in accounts mode.
  var account: DeskAccount?
  /// The name verdicts are recorded under; nil for a reader (or local mode without one).
  var reviewer: String?
  /// What the page header shows.
  var shownName: String
}

/// The desk's shared state: the workspace, sessions, login limits.
public final class Desk: Sendable {
  public let configuration: DeskConfiguration
  let accounts: ReviewerAccounts
  let sessions = SessionStore()
  let limiter = LoginLimiter()
  let cache: LedgerCache
  /// A note longer than this is refused (422): notes are a reviewer's reasons, not documents.
  static let noteLimit = 4000

  public init(_ configuration: DeskConfiguration) {
    self.configuration = configuration
    self.accounts = ReviewerAccounts(
      workspace: configuration.workspace, cost: configuration.bcryptCost)
    self.cache = LedgerCache(workspace: configuration.workspace)
  }

  var workspace: Workspace { configuration.workspace }
  var boundToLoopback: Bool { Self.isLoopback(configuration.host) }

  /// Whether a host name or address is this machine's loopback.
  public static func isLoopback(_ host: String) -> Bool {
    let host = host.lowercased()
    if host == "localhost" || host == "::1" || host == "[::1]" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  /// Refuses to start on a non-loopback address while there are no accounts: local mode lets
  /// anyone who connects record verdicts under the local reviewer's name.
  public func checkStart() throws {
    let listed = try accounts.list()
    _ = try accounts.secrets()
    guard boundToLoopback || !listed.isEmpty else {
      throw LedgerError.invalidArgument(
        "--host \(configuration.host) is not a loopback address: with no accounts in"
          + " Claims/reviewers.yaml the desk runs in local mode, where anyone who can connect"
          + " records verdicts as the local reviewer; add accounts first ('claimledger reviewers"
          + " add NAME --email E --password-stdin') or serve on 127.0.0.1")
    }
  }

  func mode() throws -> DeskMode {
    let list = try accounts.list()
    if list.isEmpty { return boundToLoopback ? .local : .closed }
    return .accounts(AccountSnapshot(accounts: list, secrets: try accounts.secrets()))
  }

  func ledger() throws -> Ledger { try cache.ledger() }
}

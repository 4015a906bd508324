import ClaimLedger
import Crypto
import Foundation
import HummingbirdBcrypt
import Yams

/// What an account may do: a reviewer records verdicts, a reader only reads.
public enum DeskRole: String, Sendable, Codable, CaseIterable {
  case reviewer, reader
}

/// A person who may use the desk, as `Claims/reviewers.yaml` lists them.
public struct DeskAccount: Sendable, Equatable {
  public var name: String
  public var email: String
  public var role: DeskRole

  public init(name: String, email: String, role: DeskRole) {
    self.name = name
    self.email = email
    self.role = role
  }

  /// The reviewer a verdict is recorded under: "Name <email>", as the CLI takes it from git.
  public var reviewer: String { "\(name) <\(email)>" }
}

/// The desk's accounts: names, emails and roles in `Claims/reviewers.yaml` (committed and
/// reviewed like code), password and token hashes in `Claims/.secrets.json` (mode 0600,
/// ignored by git). Passwords are kept only as bcrypt hashes, API tokens only as SHA-256
/// hashes: a leaked secrets file gives away neither.
public struct ReviewerAccounts: Sendable {
  public let workspace: Workspace
  /// bcrypt's work factor: 12 by default; tests pass the minimum, 4.
  public let cost: UInt8

  public init(workspace: Workspace, cost: UInt8 = 12) {
    self.workspace = workspace
    self.cost = cost
  }

  public var file: String { workspace.claimsFolder + "/reviewers.yaml" }
  public var secretsFile: String { workspace.claimsFolder + "/.secrets.json" }

  /// bcrypt reads at most 72 bytes: a longer password would be cut without a word.
  public static let maxPasswordBytes = 72
  public static let minPasswordCharacters = 8

  // MARK: Reading

  /// Every account, in file order; none when the file is missing.
  public func list() throws -> [DeskAccount] {
    guard FileManager.default.fileExists(atPath: file) else { return [] }
    let shown = workspace.relative(file)
    let text: String
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: file))
      guard let decoded = String(data: data, encoding: .utf8) else {
        throw LedgerError.malformedFile(path: shown, line: nil, column: nil, message: "not UTF-8")
      }
      text = decoded
    } catch let error as LedgerError {
      throw error
    } catch {
      throw LedgerError.unreadable(path: shown, reason: error.localizedDescription)
    }
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch {
      throw LedgerError.malformedFile(
        path: shown, line: nil, column: nil, message: "invalid YAML: \(error)")
    }
    guard let node else { return [] }
    func shapeError(_ at: Node, _ message: String) -> LedgerError {
      LedgerError.malformedFile(
        path: shown, line: at.mark.map { $0.line }, column: at.mark.map { $0.column },
        message: message)
    }
    guard let mapping = node.mapping else {
      throw shapeError(node, "expected a mapping with 'reviewers'")
    }
    guard let entries = mapping["reviewers"] else { return [] }
    if entries.null != nil { return [] }
    guard let sequence = entries.sequence else {
      throw shapeError(entries, "'reviewers' must be a list")
    }
    var accounts: [DeskAccount] = []
    for entry in sequence {
      guard let fields = entry.mapping, let name = fields["name"]?.string,
        let email = fields["email"]?.string
      else {
        throw shapeError(entry, "a reviewer needs 'name' and 'email'")
      }
      let roleText = fields["role"]?.string ?? DeskRole.reviewer.rawValue
      guard let role = DeskRole(rawValue: roleText) else {
        throw shapeError(entry, "role '\(roleText)' is not reviewer or reader")
      }
      do {
        try Self.checkName(name)
        try Self.checkEmail(email)
      } catch LedgerError.invalidArgument(let message) {
        throw shapeError(entry, message)
      }
      guard !accounts.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
        throw shapeError(entry, "'\(name)' is listed twice")
      }
      accounts.append(DeskAccount(name: name, email: email, role: role))
    }
    return accounts
  }

  func secrets() throws -> Secrets {
    guard FileManager.default.fileExists(atPath: secretsFile) else { return Secrets() }
    let shown = workspace.relative(secretsFile)
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: secretsFile))
      return try JSONDecoder().decode(Secrets.self, from: data)
    } catch let error as DecodingError {
      throw LedgerError.corruptLedger(path: shown, message: "\(error)")
    } catch {
      throw LedgerError.unreadable(path: shown, reason: error.localizedDescription)
    }
  }

  // MARK: Changing

  /// Adds an account with its password's bcrypt hash.
  public func add(name: String, email: String, role: DeskRole, password: String) throws {
    try Self.checkName(name)
    try Self.checkEmail(email)
    try Self.checkPassword(password)
    var accounts = try list()
    guard !accounts.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
      throw LedgerError.invalidArgument(
        "\(name): already a reviewer in \(workspace.relative(file)); remove it first")
    }
    var secrets = try secrets()
    secrets.accounts[name] = Secrets.Entry(password: Bcrypt.hash(password, cost: cost), tokens: [])
    accounts.append(DeskAccount(name: name, email: email, role: role))
    // Secrets first: an account listed without them cannot log in, which is safe; the
    // other order would leave a password hash for a name nobody listed.
    try writeSecrets(secrets)
    try writeAccounts(accounts)
  }

  /// Removes an account and its secrets.
  public func remove(name: String) throws {
    var accounts = try list()
    guard let index = accounts.firstIndex(where: { $0.name == name }) else {
      throw unknown(name)
    }
    accounts.remove(at: index)
    try writeAccounts(accounts)
    var secrets = try secrets()
    secrets.accounts[name] = nil
    try writeSecrets(secrets)
  }

  /// A new API token for an account: returned once, stored only as its SHA-256.
  public func issueToken(name: String) throws -> String {
    guard try list().contains(where: { $0.name == name }) else { throw unknown(name) }
    var bytes = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for index in bytes.indices { bytes[index] = generator.next() }
    let token = "cld_" + bytes.map { String(format: "%02x", $0) }.joined()
    var secrets = try secrets()
    secrets.accounts[name, default: Secrets.Entry(password: nil, tokens: [])].tokens.append(
      Self.tokenHash(token))
    try writeSecrets(secrets)
    return token
  }

  /// Revokes every API token of an account; returns how many there were.
  @discardableResult
  public func revoke(name: String) throws -> Int {
    guard try list().contains(where: { $0.name == name }) else { throw unknown(name) }
    var secrets = try secrets()
    let count = secrets.accounts[name]?.tokens.count ?? 0
    secrets.accounts[name]?.tokens = []
    try writeSecrets(secrets)
    return count
  }

  private func unknown(_ name: String) -> LedgerError {
    LedgerError.invalidArgument(
      "\(name): no such reviewer in \(workspace.relative(file)) (see 'claimledger reviewers list')")
  }

  // MARK: Checking credentials

  /// The account whose password this is; nil for an unknown name or a wrong password. The
  /// time taken is the same either way: an unknown name is checked against a dummy hash.
  func authenticate(name: String, password: String, in snapshot: AccountSnapshot) -> DeskAccount? {
    let account = snapshot.accounts.first { $0.name == name }
    let hash = account.flatMap { snapshot.secrets.accounts[$0.name]?.password }
    guard password.utf8.count <= Self.maxPasswordBytes, !password.contains("\u{0}") else {
      return nil
    }
    let matches = Bcrypt.verify(password, hash: hash ?? Self.dummyHash)
    return matches && hash != nil ? account : nil
  }

  /// A bcrypt hash of nothing anyone can type, for the timing of unknown names.
  static let dummyHash = Bcrypt.hash(UUID().uuidString, cost: 4)

  static func tokenHash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  // MARK: Validation

  static func checkName(_ name: String) throws {
    guard !name.isEmpty, name.count <= 64 else {
      throw LedgerError.invalidArgument("a reviewer's name has 1 to 64 characters")
    }
    guard name == name.trimmingCharacters(in: .whitespacesAndNewlines) else {
      throw LedgerError.invalidArgument("a reviewer's name neither starts nor ends with a space")
    }
    // The name is shown on one line of `history` and becomes "Name <email>" in verdicts.
    guard
      !name.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
          || "<>\"".unicodeScalars.contains($0)
      })
    else {
      throw LedgerError.invalidArgument(
        "a reviewer's name holds no control character and none of < > \"")
    }
  }

  static func checkEmail(_ email: String) throws {
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
      !email.unicodeScalars.contains(where: {
        $0.properties.isWhitespace || $0.properties.generalCategory == .control
          || "<>\"".unicodeScalars.contains($0)
      })
    else {
      throw LedgerError.invalidArgument("'\(email.terminalSafe)' is not an email address")
    }
  }

  static func checkPassword(_ password: String) throws {
    guard password.count >= minPasswordCharacters else {
      throw LedgerError.invalidArgument(
        "the password is too short: at least \(minPasswordCharacters) characters")
    }
    guard password.utf8.count <= maxPasswordBytes else {
      throw LedgerError.invalidArgument(
        "the password is too long: bcrypt reads only its first \(maxPasswordBytes) bytes")
    }
    guard !password.contains("\u{0}") else {
      throw LedgerError.invalidArgument("the password holds a NUL character")
    }
  }

  // MARK: Files

  private func writeAccounts(_ accounts: [DeskAccount]) throws {
    var text = """
      # Who may use the review desk (claimledger serve). Written by 'claimledger reviewers';
      # reviewed and committed like code. Passwords and tokens are not here: their hashes are
      # in Claims/.secrets.json, which git ignores.
      schema: 1
      reviewers:

      """
    if accounts.isEmpty {
      text = text.replacingOccurrences(of: "reviewers:\n", with: "reviewers: []\n")
    }
    for account in accounts {
      text += "  - name: \(Self.quoted(account.name))\n"
      text += "    email: \(Self.quoted(account.email))\n"
      text += "    role: \(account.role.rawValue)\n"
    }
    try workspace.requireInside(file)
    try writeAtomically(Data(text.utf8), to: file, within: workspace)
  }

  private func writeSecrets(_ secrets: Secrets) throws {
    try workspace.requireInside(secretsFile)
    try ensureIgnored()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try PrivateFile.write(
      try encoder.encode(secrets) + Data("\n".utf8), to: secretsFile,
      shown: workspace.relative(secretsFile))
  }

  /// A workspace made by an older `init` does not list the secrets file in
  /// `Claims/.gitignore`: the line is added before the file is first written, so that a
  /// `git add Claims` never picks up the hashes.
  private func ensureIgnored() throws {
    let ignore = workspace.claimsFolder + "/.gitignore"
    let existing = (try? String(contentsOfFile: ignore, encoding: .utf8)) ?? ""
    let lines = existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    guard !lines.contains(".secrets.json"), !lines.contains("/.secrets.json") else { return }
    var text = existing
    if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
    text +=
      "# The review desk's password and token hashes (`claimledger reviewers`): never committed.\n"
    text += ".secrets.json\n"
    try workspace.requireInside(ignore)
    try writeAtomically(Data(text.utf8), to: ignore, within: workspace)
  }

  /// A YAML double-quoted scalar (JSON's string form is one).
  static func quoted(_ text: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return (try? String(decoding: encoder.encode(text), as: UTF8.self)) ?? "\"\""
  }
}

/// `Claims/.secrets.json`.
struct Secrets: Codable, Sendable, Equatable {
  struct Entry: Codable, Sendable, Equatable {
    /// bcrypt hash of the password; nil for an account that logs in only with tokens.
    var password: String?
    /// SHA-256 (hex) of each live API token.
    var tokens: [String]
  }

  var schema = 1
  var accounts: [String: Entry] = [:]
}

/// The accounts and their secrets as read together.
struct AccountSnapshot: Sendable {
  var accounts: [DeskAccount]
  var secrets: Secrets

  /// The account holding this API token. Every stored hash is compared, each in constant
  /// time, so neither the answer's time nor its order tells how much of a token was right.
  func account(forToken token: String) -> DeskAccount? {
    let presented = Array(ReviewerAccounts.tokenHash(token).utf8)
    var found: DeskAccount?
    for account in accounts {
      for stored in secrets.accounts[account.name]?.tokens ?? [] {
        if ConstantTime.equal(presented, Array(stored.utf8)) { found = account }
      }
    }
    return found
  }
}

enum ConstantTime {
  /// Equal byte strings, compared in time that depends only on their lengths.
  static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }

  static func equal(_ a: String, _ b: String) -> Bool { equal(Array(a.utf8), Array(b.utf8)) }
}

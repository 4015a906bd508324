import Foundation
import Synchronization

/// A browser's session: who logged in and the CSRF token its forms must carry.
struct DeskSession: Sendable, Equatable {
  enum Holder: Sendable, Equatable {
    /// Not logged in yet: the session exists so that the login form has a CSRF token.
    case visitor
    /// Local mode (no accounts): the reviewer the CLI would use.
    case local
    /// A logged-in account, by name.
    case account(String)
  }

  let id: String
  let holder: Holder
  let csrf: String
  var lastSeen: Date
}

/// Sessions in memory: a restart logs everyone out, which costs a login and keeps no session
/// secret on disk. Ids and CSRF tokens are 256 random bits from the system's generator.
final class SessionStore: Sendable {
  /// A session unused this long is gone.
  static let idleLimit: TimeInterval = 12 * 3600
  static let cookieName = "claimledger_session"
  /// The most sessions kept at once.
  static let cap = 10_000

  private let sessions = Mutex<[String: DeskSession]>([:])

  func create(_ holder: DeskSession.Holder, now: Date = Date()) -> DeskSession {
    let session = DeskSession(
      id: Self.randomToken(), holder: holder, csrf: Self.randomToken(), lastSeen: now)
    sessions.withLock { all in
      // Expired sessions go when new ones come; past the cap (a client fetching the login
      // page in a loop), the longest-unused sessions of visitors not logged in go too.
      if all.count >= Self.cap {
        all = all.filter { now.timeIntervalSince($0.value.lastSeen) < Self.idleLimit }
      }
      if all.count >= Self.cap {
        let idle = all.values.filter { $0.holder == .visitor }.sorted { $0.lastSeen < $1.lastSeen }
        for old in idle.prefix(all.count - Self.cap + 1) { all[old.id] = nil }
      }
      all[session.id] = session
    }
    return session
  }

  /// The live session with this id, touched.
  func find(_ id: String, now: Date = Date()) -> DeskSession? {
    sessions.withLock { all in
      guard var session = all[id] else { return nil }
      guard now.timeIntervalSince(session.lastSeen) < Self.idleLimit else {
        all[id] = nil
        return nil
      }
      session.lastSeen = now
      all[id] = session
      return session
    }
  }

  func end(_ id: String) { _ = sessions.withLock { $0.removeValue(forKey: id) } }

  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator))
    }
    .joined()
  }
}

/// Slows password guessing: after `limit` failed logins for one name within `window`, that
/// name is refused until the oldest failure leaves the window, whatever the password. A
/// success clears the name's failures.
final class LoginLimiter: Sendable {
  let limit: Int
  let window: TimeInterval
  private let failures = Mutex<[String: [Date]]>([:])

  init(limit: Int = 5, window: TimeInterval = 15 * 60) {
    self.limit = limit
    self.window = window
  }

  /// Seconds until the name may try again, or nil when it may now.
  func wait(for name: String, now: Date = Date()) -> Int? {
    failures.withLock { all in
      let recent = (all[Self.key(name)] ?? []).filter { now.timeIntervalSince($0) < window }
      all[Self.key(name)] = recent
      guard recent.count >= limit, let oldest = recent.first else { return nil }
      return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }
  }

  func failed(_ name: String, now: Date = Date()) {
    failures.withLock { all in
      // Names nobody has are guessed too: bound the table by dropping stale entries.
      if all.count > 10_000 {
        all = all.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
      }
      all[Self.key(name), default: []].append(now)
    }
  }

  func succeeded(_ name: String) {
    _ = failures.withLock { $0.removeValue(forKey: Self.key(name)) }
  }

  private static func key(_ name: String) -> String { name.lowercased() }
}

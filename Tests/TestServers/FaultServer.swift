import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the faults nginx cannot stage:
///
/// - `/silent` reads the request and never answers;
/// - `/reset` declares 100,000 bytes, sends 1,000 and resets the connection;
/// - `/flaky/KEY` answers 503 the first time, 200 after; `/ratelimited/KEY` answers 429 with
///   `Retry-After: 1` the first time; `/down` always 503;
/// - `/chunked/SIZE` sends SIZE bytes without a Content-Length; `/sized/SIZE` with one;
/// - `/slow/MS/...` waits MS milliseconds, then answers a small page.
///
/// A test may add a route of its own for anything else, such as a replay of a web API in its
/// documented wire format.
///
/// It counts hits per path and the most connections open at once, and keeps every request's
/// head with the time it came.
public final class FaultServer: @unchecked Sendable {
  /// An answer a route gives.
  public struct Reply: Sendable {
    public var status: String
    public var body: String
    public var contentType: String
    /// Further header lines, each ending in "\r\n".
    public var headers: String

    public init(
      status: String = "200 OK", body: String, contentType: String = "application/json",
      headers: String = ""
    ) {
      self.status = status
      self.body = body
      self.contentType = contentType
      self.headers = headers
    }
  }

  /// A test's own answers: the request target (path and query), its head, and how many times
  /// that target was asked for, this time included. Nil falls through to the built-in paths.
  public typealias Route = @Sendable (_ target: String, _ head: String, _ count: Int) -> Reply?

  public let port: Int
  private let listener: Int32
  private let state = Mutex(State())
  private let route: Route?

  struct State {
    var open = 0
    var maxOpen = 0
    var hits: [String: Int] = [:]
    var stopped = false
    var requests: [(head: String, time: Double)] = []
  }

  /// Every request's head and when it arrived (seconds since 1970), in order.
  public var requests: [(head: String, time: Double)] { state.withLock { $0.requests } }

  public var base: String { "http://127.0.0.1:\(port)" }
  public var maxOpenConnections: Int { state.withLock { $0.maxOpen } }
  public func hits(_ path: String) -> Int { state.withLock { $0.hits[path, default: 0] } }

  public init(route: Route? = nil) throws {
    self.route = route
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    listener = fd
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
        bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
      }
    }
    guard bound, listen(fd, 128) == 0 else { throw ServerError("fault server: cannot listen") }
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit { stop() }

  public func stop() {
    let already = state.withLock { state -> Bool in
      defer { state.stopped = true }
      return state.stopped
    }
    if !already {
      shutdown(listener, Int32(SHUT_RDWR))
      close(listener)
    }
  }

  private func acceptLoop() {
    while true {
      let connection = accept(listener, nil, nil)
      if connection < 0 {
        if state.withLock({ $0.stopped }) { return }
        if errno == EINTR { continue }
        return
      }
      state.withLock {
        $0.open += 1
        $0.maxOpen = max($0.maxOpen, $0.open)
      }
      let thread = Thread { [self] in
        serve(connection)
        close(connection)
        state.withLock { $0.open -= 1 }
      }
      thread.start()
    }
  }

  private func serve(_ fd: Int32) {
    var buffer: [UInt8] = []
    while true {
      guard let (path, head) = readRequest(fd, &buffer) else { return }
      let count = state.withLock { state -> Int in
        state.hits[path, default: 0] += 1
        state.requests.append((head, Date().timeIntervalSince1970))
        return state.hits[path]!
      }
      if let reply = route?(path, head, count) {
        send(
          fd,
          "HTTP/1.1 \(reply.status)\r\nContent-Type: \(reply.contentType)\r\n"
            + "Content-Length: \(reply.body.utf8.count)\r\n\(reply.headers)\r\n" + reply.body)
        continue
      }
      let parts = path.split(separator: "/").map(String.init)
      switch parts.first ?? "" {
      case "silent":
        var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&probe, 1, 60_000)
        return
      case "reset":
        send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        send(fd, String(repeating: "x", count: 1000))
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        return
      case "flaky":
        if count == 1 {
          respond(fd, status: "503 Service Unavailable", body: "busy")
        } else {
          respond(fd, status: "200 OK", body: "<p>recovered</p>")
        }
      case "ratelimited":
        if count == 1 {
          respond(
            fd, status: "429 Too Many Requests", body: "slow down", extra: "Retry-After: 1\r\n")
        } else {
          respond(fd, status: "200 OK", body: "<p>allowed</p>")
        }
      case "down":
        respond(fd, status: "503 Service Unavailable", body: "down")
      case "chunked":
        let size = Int(parts.count > 1 ? parts[1] : "0") ?? 0
        send(
          fd,
          "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        var left = size
        let piece = String(repeating: "y", count: 16_384)
        while left > 0 {
          let length = min(left, 16_384)
          guard send(fd, String(length, radix: 16) + "\r\n" + piece.prefix(length) + "\r\n") else {
            return
          }
          left -= length
        }
        send(fd, "0\r\n\r\n")
      case "sized":
        let size = Int(parts.count > 1 ? parts[1] : "0") ?? 0
        respond(fd, status: "200 OK", body: String(repeating: "z", count: size))
      case "slow":
        let milliseconds = Int(parts.count > 1 ? parts[1] : "0") ?? 0
        usleep(UInt32(milliseconds * 1000))
        respond(fd, status: "200 OK", body: "<p>slow \(path)</p>")
      default:
        respond(fd, status: "404 Not Found", body: "no such path")
      }
    }
  }

  private func respond(_ fd: Int32, status: String, body: String, extra: String = "") {
    send(
      fd,
      "HTTP/1.1 \(status)\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n"
        + body)
  }

  @discardableResult
  private func send(_ fd: Int32, _ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if written <= 0 { return false }
      offset += written
    }
    return true
  }

  /// Reads one request's head; returns its target and the head, or nil when the client closed.
  private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> (String, String)? {
    let terminator: [UInt8] = [13, 10, 13, 10]
    while true {
      if let end = buffer.firstRange(of: terminator) {
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        buffer.removeSubrange(..<end.upperBound)
        let requestLine = head.split(separator: "\r\n").first ?? ""
        let fields = requestLine.split(separator: " ")
        return (fields.count >= 2 ? String(fields[1]) : "/", head)
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = recv(fd, &chunk, chunk.count, 0)
      if count <= 0 { return nil }
      buffer.append(contentsOf: chunk[..<count])
    }
  }
}

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, released).
public func freePort() -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      _ = bind(fd, $0, length)
      _ = getsockname(fd, $0, &length)
    }
  }
  return Int(UInt16(bigEndian: address.sin_port))
}

/// A socket connected to 127.0.0.1:`port`, or nil when nothing accepts there. The caller
/// closes it.
public func connectLoopback(_ port: Int) -> Int32? {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = UInt16(port).bigEndian
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
    }
  }
  if connected { return fd }
  close(fd)
  return nil
}

/// Whether something accepts connections on 127.0.0.1:`port`.
func accepts(_ port: Int) -> Bool {
  guard let fd = connectLoopback(port) else { return false }
  close(fd)
  return true
}

/// Debian's nginx, started with a generated configuration on a free port, serving files from
/// a temporary folder; stopped when the value goes away.
public final class Nginx: @unchecked Sendable {
  public let port: Int
  public let root: String
  private let prefix: String
  private let process = Process()

  public var base: String { "http://127.0.0.1:\(port)" }

  /// `files` maps paths under the web root to their bytes.
  public init(files: [String: [UInt8]], extraLocations: String = "") throws {
    let binary = "/usr/sbin/nginx"
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      throw ServerError(
        "nginx is not installed (apt-get install nginx-light): run scripts/setup.sh")
    }
    prefix = FileManager.default.temporaryDirectory.path + "/claimledger-nginx-" + UUID().uuidString
    root = prefix + "/www"
    try FileManager.default.createDirectory(
      atPath: prefix + "/tmp", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    chmod(prefix, 0o755)
    for (path, bytes) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: full))
    }
    port = freePort()
    let user = getuid() == 0 ? "user root;\n" : ""
    let config = """
      \(user)worker_processes 1;
      pid \(prefix)/nginx.pid;
      error_log \(prefix)/error.log;
      events { worker_connections 1024; }
      http {
        access_log off;
        types { text/html html; text/plain txt; application/octet-stream bin; }
        default_type application/octet-stream;
        client_body_temp_path \(prefix)/tmp;
        proxy_temp_path \(prefix)/tmp;
        fastcgi_temp_path \(prefix)/tmp;
        uwsgi_temp_path \(prefix)/tmp;
        scgi_temp_path \(prefix)/tmp;
        gzip on;
        gzip_min_length 0;
        gzip_types text/plain;
        keepalive_requests 10000;
        server {
          listen 127.0.0.1:\(port);
          root \(root);
          location = /latin1.html { charset iso-8859-1; }
          location = /r1 { return 301 /r2; }
          location = /r2 { return 302 /page.html; }
          location = /loop { return 302 /loop; }
          location = /to-file { return 302 file:///etc/passwd; }
          location = /to-ftp { return 302 ftp://127.0.0.1/x; }
          location = /gone { return 410; }
          \(extraLocations)
        }
      }

      """
    try Data(config.utf8).write(to: URL(fileURLWithPath: prefix + "/nginx.conf"))
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["-p", prefix, "-c", prefix + "/nginx.conf", "-g", "daemon off;"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(10)
    while !accepts(port) {
      guard process.isRunning, Date() < deadline else {
        let log = (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? ""
        throw ServerError("nginx did not start on port \(port): \(log)")
      }
      usleep(20_000)
    }
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
    try? FileManager.default.removeItem(atPath: prefix)
  }
}

public struct ServerError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

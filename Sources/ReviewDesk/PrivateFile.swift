import ClaimLedger
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file only its owner may read (mode 0600) from its first byte: the temporary file
/// is created with that mode, filled, flushed and renamed into place, so the secrets are never
/// readable by others, not even for a moment, and never half-written.
enum PrivateFile {
  static func write(_ data: Data, to path: String, shown: String) throws {
    let temporary =
      (path as NSString).deletingLastPathComponent + "/."
      + (path as NSString).lastPathComponent.trimmingCharacters(in: CharacterSet(charactersIn: "."))
      + ".tmp-\(getpid())-0"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw LedgerError.writeFailed(path: shown, reason: String(cString: strerror(errno)))
    }
    var failure: String?
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil, fchmod(fd, 0o600) != 0 || fsync(fd) != 0 {
      failure = String(cString: strerror(errno))
    }
    close(fd)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw LedgerError.writeFailed(path: shown, reason: failure)
    }
  }
}

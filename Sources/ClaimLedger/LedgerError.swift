import Foundation

/// Everything that can go wrong in a workspace. Each message names the file (and line, where
/// there is one) so that an editor can jump to it; the CLI decides exit codes.
public enum LedgerError: LocalizedError, Equatable, Sendable {
  /// No `Claims/` folder in the folder given or any folder above it.
  case noWorkspace(searchedFrom: String)
  /// A path given on the command line does not exist.
  case missingPath(String)
  /// A path given on the command line lies outside the workspace.
  case outsideWorkspace(String)
  /// A file exists but could not be read (permissions, a folder where a file was expected).
  case unreadable(path: String, reason: String)
  /// A human-edited YAML file is not valid YAML or not of the expected shape.
  case malformedFile(path: String, line: Int?, column: Int?, message: String)
  /// A machine-written ledger file could not be decoded; it is left as it is.
  case corruptLedger(path: String, message: String)
  /// Writing a file failed; nothing was renamed into place.
  case writeFailed(path: String, reason: String)
  /// A filter names a status or subject that cannot exist.
  case invalidArgument(String)
  /// No claim or conflict has this id (or the prefix given fits several).
  case unknownId(String, candidates: [String])

  public var errorDescription: String? {
    switch self {
    case .noWorkspace(let folder):
      return "no ClaimLedger workspace (a Claims/ folder) in \(folder) or any folder above it;"
        + " run 'claimledger init' first"
    case .missingPath(let path): return "\(path): no such file or folder"
    case .outsideWorkspace(let path): return "\(path): outside the workspace"
    case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
    case .malformedFile(let path, let line, let column, let message):
      var place = path
      if let line { place += ":\(line)" }
      if let line, line > 0, let column { place += ":\(column)" }
      return "\(place): error: \(message)"
    case .corruptLedger(let path, let message): return "\(path): corrupt ledger file: \(message)"
    case .writeFailed(let path, let reason): return "\(path): cannot write: \(reason)"
    case .invalidArgument(let message): return message
    case .unknownId(let id, let candidates):
      if candidates.isEmpty {
        return "\(id): no claim or conflict has this id (see 'claimledger claims' and"
          + " 'claimledger conflicts')"
      }
      return "\(id): ambiguous, it starts \(candidates.count) ids: "
        + candidates.prefix(5).joined(separator: ", ") + (candidates.count > 5 ? ", …" : "")
    }
  }
}

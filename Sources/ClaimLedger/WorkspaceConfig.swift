import Foundation
import ReferenceFetcher
import Yams

/// `Claims/config.yaml`: which files of the workspace are documents under review, and how
/// reports present them.
public struct WorkspaceConfig: Sendable, Equatable {
  /// Folders or files, relative to the root, that hold documents. `.` is the whole workspace.
  public var include: [String]
  /// Folders or files below those to leave out.
  public var exclude: [String]
  /// `documents.maxBytes`: a larger document is reported and skipped, never read whole.
  public var maxDocumentBytes = DocumentText.defaultMaxBytes
  /// The `report:` section.
  public var report = ReportSettings()
  /// The `discover:` section: which MediaWiki site `discover` asks, and the contact its
  /// User-Agent gives (Wikimedia's policy asks every client for one).
  public var discover = DiscoverSettings()

  public struct DiscoverSettings: Sendable, Equatable {
    /// The site's base URL; its Action API is `<wiki>/w/api.php`.
    public var wiki = "https://en.wikipedia.org"
    /// An e-mail address or URL where the wiki's operators can reach whoever runs discover.
    public var contact: String?
  }

  /// What reports say about who publishes them and where (ClaimReview needs an author and the
  /// page's URL).
  public struct ReportSettings: Sendable, Equatable {
    /// The report's heading.
    public var title: String?
    /// The organisation publishing the fact checks (ClaimReview `author`).
    public var author: String?
    public var authorURL: String?
    /// Where the report is published; each ClaimReview's `url` is this with `#<claim id>`.
    public var url: String?
    /// Where the documents are published; a claim's appearance is this + the document's path.
    public var documentsURL: String?
    /// ClaimReview `datePublished` (YYYY-MM-DD); without it, the date of each verdict.
    public var datePublished: String?

    public init() {}
  }

  public static let standard = WorkspaceConfig(include: ["."], exclude: [])

  public init(include: [String], exclude: [String]) {
    self.include = include
    self.exclude = exclude
  }

  /// File endings read as documents when a folder is scanned.
  public static let documentExtensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

  static let template = """
    # ClaimLedger workspace settings.
    schema: 1
    documents:
      # Folders (or single files) that hold the documents under review, relative to this
      # workspace's root. "." is everything except Claims/, Sources-Registry/ and hidden folders.
      include: ["."]
      # Paths under those to leave out.
      exclude: []
      # Larger documents are reported and skipped (default 32 MiB).
      # maxBytes: 33554432
    # Where 'claimledger discover' looks for references, and the contact its User-Agent gives
    # (Wikimedia asks every client for one: an e-mail address or a URL).
    # discover:
    #   wiki: "https://en.wikipedia.org"
    #   contact: "factdesk@example.org"
    # How reports present the review (all optional; ClaimReview needs author and url).
    # report:
    #   title: "Claims in our articles"
    #   author: "Example Fact Desk"
    #   authorURL: "https://factdesk.example"
    #   url: "https://factdesk.example/claims/"
    #   documentsURL: "https://factdesk.example/articles/"
    #   datePublished: "2026-11-22"

    """

  public static func load(_ workspace: Workspace) throws -> WorkspaceConfig {
    let path = workspace.configFile
    guard FileManager.default.fileExists(atPath: path) else { return .standard }
    let shown = workspace.relative(path)
    let node = try YAMLFile.load(path: path, shown: shown)
    guard let node else { return .standard }
    guard let mapping = node.mapping else {
      throw YAMLFile.shapeError(shown, node, "expected a mapping with 'schema' and 'documents'")
    }
    try YAMLFile.checkSchema(mapping, shown)
    var config = WorkspaceConfig.standard
    if let documents = mapping["documents"] {
      guard let inner = documents.mapping else {
        throw YAMLFile.shapeError(shown, documents, "'documents' must be a mapping")
      }
      if let include = inner["include"] {
        config.include = try YAMLFile.strings(include, shown, "documents.include")
      }
      if let exclude = inner["exclude"] {
        config.exclude = try YAMLFile.strings(exclude, shown, "documents.exclude")
      }
      if let maxBytes = inner["maxBytes"] {
        guard let value = maxBytes.int, value > 0 else {
          throw YAMLFile.shapeError(
            shown, maxBytes, "'documents.maxBytes' must be a positive number")
        }
        config.maxDocumentBytes = value
      }
    }
    if let discover = mapping["discover"] {
      guard let inner = discover.mapping else {
        throw YAMLFile.shapeError(shown, discover, "'discover' must be a mapping")
      }
      for key in ["wiki", "contact"] {
        guard let node = inner[key] else { continue }
        guard let value = node.string, !value.isEmpty else {
          throw YAMLFile.shapeError(shown, node, "'discover.\(key)' must be non-empty text")
        }
        if key == "wiki" { config.discover.wiki = value } else { config.discover.contact = value }
      }
    }
    if let report = mapping["report"] {
      guard let inner = report.mapping else {
        throw YAMLFile.shapeError(shown, report, "'report' must be a mapping")
      }
      func text(_ key: String) throws -> String? {
        guard let node = inner[key] else { return nil }
        guard let value = node.scalar?.string, !value.isEmpty else {
          throw YAMLFile.shapeError(shown, node, "'report.\(key)' must be non-empty text")
        }
        return value
      }
      config.report.title = try text("title")
      config.report.author = try text("author")
      config.report.authorURL = try text("authorURL")
      config.report.url = try text("url")
      config.report.documentsURL = try text("documentsURL")
      config.report.datePublished = try text("datePublished")
      // These reach ClaimReview and the HTML report's JSON-LD, where a `javascript:` URL
      // becomes a link a reader's browser runs: only http(s), refused here with the line.
      for key in ["authorURL", "url", "documentsURL"] {
        guard let node = inner[key], let value = node.scalar?.string,
          (try? URLRule.check(value)) == nil
        else { continue }
        throw YAMLFile.shapeError(
          shown, node,
          "'report.\(key)' must be an http or https URL, without spaces or control characters")
      }
      if let date = config.report.datePublished,
        date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil
      {
        throw YAMLFile.shapeError(
          shown, inner["datePublished"]!, "'report.datePublished' must be a date, YYYY-MM-DD")
      }
    }
    return config
  }
}

/// Reading the human-edited YAML files, with errors that name the file and line.
enum YAMLFile {
  static func load(path: String, shown: String) throws -> Node? {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw LedgerError.unreadable(path: shown, reason: readReason(error))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LedgerError.malformedFile(
        path: shown, line: nil, column: nil, message: "not valid UTF-8")
    }
    do {
      return try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw malformed(error, shown)
    } catch {
      throw LedgerError.malformedFile(
        path: shown, line: nil, column: nil, message: "\(error)")
    }
  }

  private static func malformed(_ error: YamlError, _ shown: String) -> LedgerError {
    switch error {
    case .scanner(let context, let problem, let mark, _):
      return LedgerError.malformedFile(
        path: shown, line: mark.line, column: mark.column,
        message: "invalid YAML: \(problem)" + (context.map { " \($0.text)" } ?? ""))
    case .parser(let context, let problem, let mark, _):
      return LedgerError.malformedFile(
        path: shown, line: mark.line, column: mark.column,
        message: "invalid YAML: \(problem)" + (context.map { " \($0.text)" } ?? ""))
    case .composer(let context, let problem, let mark, _):
      return LedgerError.malformedFile(
        path: shown, line: mark.line, column: mark.column,
        message: "invalid YAML: \(problem)" + (context.map { " \($0.text)" } ?? ""))
    default:
      return LedgerError.malformedFile(
        path: shown, line: nil, column: nil, message: "invalid YAML: \(error)")
    }
  }

  static func shapeError(_ shown: String, _ node: Node, _ message: String) -> LedgerError {
    LedgerError.malformedFile(
      path: shown, line: node.mark.map { $0.line }, column: node.mark.map { $0.column },
      message: message)
  }

  static func checkSchema(_ mapping: Node.Mapping, _ shown: String) throws {
    guard let schema = mapping["schema"] else { return }
    guard schema.int == 1 else {
      throw shapeError(
        shown, schema, "unsupported schema version '\(schema.string ?? "?")' (expected 1)")
    }
  }

  static func strings(_ node: Node, _ shown: String, _ field: String) throws -> [String] {
    guard let sequence = node.sequence else {
      throw shapeError(shown, node, "'\(field)' must be a list")
    }
    return try sequence.map { item in
      guard let text = item.scalar?.string, !text.isEmpty else {
        throw shapeError(shown, item, "'\(field)' entries must be non-empty text")
      }
      return text
    }
  }
}

public func readReason(_ error: Error) -> String {
  if let posix = error as? POSIXFileError { return posix.description }
  let nsError = error as NSError
  if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
    underlying.domain == NSPOSIXErrorDomain
  {
    return String(cString: strerror(Int32(underlying.code)))
  }
  if nsError.domain == NSCocoaErrorDomain {
    switch nsError.code {
    case NSFileReadNoPermissionError: return "permission denied"
    case NSFileReadNoSuchFileError: return "no such file"
    default: break
    }
  }
  return nsError.localizedDescription
}

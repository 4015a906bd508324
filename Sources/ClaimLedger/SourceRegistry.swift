import Foundation
import ReferenceFetcher
import Synchronization
import Yams

/// A reference a reviewer registered: `Sources-Registry/<id>.yaml`.
public struct Source: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case encyclopedia, primary, news, academic, government, other
  }
  public enum Reliability: String, Sendable, Codable, CaseIterable {
    case high, medium, low
  }

  public var id: String
  /// The URL to show: the registered one with any password replaced by `***`
  /// (``URLRule/redacted(_:)``). Listings, the fetch log, evidence and reports use this one.
  public var url: String
  /// The URL as registered, credentials included: only for fetching and for the registry
  /// file, which the user wrote with them.
  public var registeredURL: String
  public var title: String?
  public var publisher: String?
  public var kind: Kind
  public var reliability: Reliability
  /// Subjects (entity names) the source speaks to.
  public var covers: [String]
  /// True for a source `discover` registered (`origin: discovered`), false for one a person
  /// wrote or added.
  public var discovered: Bool

  public init(
    id: String, url: String, title: String? = nil, publisher: String? = nil, kind: Kind = .other,
    reliability: Reliability = .medium, covers: [String] = [], discovered: Bool = false
  ) {
    self.discovered = discovered
    self.id = id
    self.url = URLRule.redacted(url)
    self.registeredURL = url
    self.title = title
    self.publisher = publisher
    self.kind = kind
    self.reliability = reliability
    self.covers = covers
  }

  /// Listings encode the shown URL only; the registered one never leaves the registry file.
  enum CodingKeys: String, CodingKey {
    case id, url, title, publisher, kind, reliability, covers, discovered
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try container.decode(String.self, forKey: .id),
      url: try container.decode(String.self, forKey: .url),
      title: try container.decodeIfPresent(String.self, forKey: .title),
      publisher: try container.decodeIfPresent(String.self, forKey: .publisher),
      kind: try container.decode(Kind.self, forKey: .kind),
      reliability: try container.decode(Reliability.self, forKey: .reliability),
      covers: try container.decode([String].self, forKey: .covers),
      discovered: try container.decode(Bool.self, forKey: .discovered))
  }

  /// The YAML of the registry file: fixed key order, strings quoted as JSON (which is YAML).
  var yaml: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    func quoted(_ text: String) -> String {
      let data = try! encoder.encode(text)
      return String(decoding: data, as: UTF8.self)
    }
    var lines = ["schema: 1", "id: \(id)", "url: \(quoted(registeredURL))"]
    if let title { lines.append("title: \(quoted(title))") }
    if let publisher { lines.append("publisher: \(quoted(publisher))") }
    lines.append("kind: \(kind.rawValue)")
    lines.append("reliability: \(reliability.rawValue)")
    lines.append("covers: [" + covers.map(quoted).joined(separator: ", ") + "]")
    if discovered { lines.append("origin: discovered") }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The registered sources of a workspace.
public struct SourceRegistry: Sendable {
  public let workspace: Workspace

  public init(workspace: Workspace) { self.workspace = workspace }

  /// Ids are slugs: lower-case letters, digits and hyphens, so an id is always a plain file
  /// name (no separators, no dots, nothing hidden).
  public static func isValidId(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 80 && !id.hasPrefix("-")
      && id.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
      }
  }

  /// A slug made from a URL's host and path: `en-wikipedia-org-wiki-treaty-of-westminster`.
  public static func slug(for url: String) -> String {
    var text = url.lowercased()
    for prefix in ["https://", "http://"] where text.hasPrefix(prefix) {
      text.removeFirst(prefix.count)
    }
    // Credentials are no part of the name: an id is printed everywhere.
    let authority = text.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if let at = authority.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
    if text.hasPrefix("www.") { text.removeFirst(4) }
    var slug = ""
    for scalar in text.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.hasSuffix("-") && !slug.isEmpty {
        slug.append("-")
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    if slug.count > 60 { slug = String(slug.prefix(60)) }
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug.isEmpty ? "source" : slug
  }

  func path(_ id: String) -> String { workspace.registryFolder + "/" + id + ".yaml" }

  /// Every registered source, by id.
  public func list() throws -> [Source] {
    let folder = workspace.registryFolder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      return []
    }
    // Parsed on every core: a registry of a thousand sources is read before every fetch.
    let ids = names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
      .map { String($0.dropLast(5)) }
    let results = Mutex([Int: Result<Source, Error>]())
    DispatchQueue.concurrentPerform(iterations: ids.count) { index in
      let result = Result { try read(ids[index]) }
      results.withLock { $0[index] = result }
    }
    let all = results.withLock { $0 }
    return try ids.indices.map { try all[$0]!.get() }
  }

  public func read(_ id: String) throws -> Source {
    let path = path(id)
    let shown = workspace.relative(path)
    guard FileManager.default.fileExists(atPath: path) else {
      throw LedgerError.invalidArgument("no source '\(id)' (\(shown) does not exist)")
    }
    // Files in the form `sources add` writes are read directly: Yams took a third of a
    // thousand-source fetch. Anything else (comments, block scalars, other quoting) goes
    // through Yams, with its line-numbered errors.
    if let bytes = try? readFileBytes(path), let source = Self.readCanonical(bytes, id: id) {
      return source
    }
    guard let node = try YAMLFile.load(path: path, shown: shown), let fields = node.mapping else {
      throw LedgerError.malformedFile(
        path: shown, line: nil, column: nil, message: "expected a mapping")
    }
    try YAMLFile.checkSchema(fields, shown)
    func text(_ key: String) -> String? { fields[key]?.string }
    guard let urlNode = fields["url"], let url = urlNode.string else {
      throw YAMLFile.shapeError(shown, node, "'url' is missing")
    }
    guard Self.isRegistrable(url) else {
      throw YAMLFile.shapeError(shown, urlNode, Self.urlRule)
    }
    let fileId = text("id") ?? id
    guard fileId == id else {
      throw YAMLFile.shapeError(
        shown, fields["id"]!, "'id' is '\(fileId)' but the file is \(id).yaml")
    }
    let kind =
      try text("kind").map { value in
        guard let kind = Source.Kind(rawValue: value) else {
          throw YAMLFile.shapeError(
            shown, fields["kind"]!,
            "unknown kind '\(value)' (expected \(Source.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        return kind
      } ?? .other
    let reliability =
      try text("reliability").map { value in
        guard let reliability = Source.Reliability(rawValue: value) else {
          throw YAMLFile.shapeError(
            shown, fields["reliability"]!,
            "unknown reliability '\(value)' (expected high, medium, low)")
        }
        return reliability
      } ?? .medium
    let covers = try fields["covers"].map { try YAMLFile.strings($0, shown, "covers") } ?? []
    if let origin = text("origin"), origin != "discovered" {
      throw YAMLFile.shapeError(
        shown, fields["origin"]!, "unknown origin '\(origin)' (expected discovered, or none)")
    }
    return Source(
      id: id, url: url, title: text("title"), publisher: text("publisher"), kind: kind,
      reliability: reliability, covers: covers, discovered: text("origin") == "discovered")
  }

  /// Reads the exact form ``Source/yaml`` writes; nil for anything else.
  static func readCanonical(_ bytes: [UInt8], id: String) -> Source? {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return nil
    }
    var fields: [String: String] = [:]
    var covers: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty { continue }
      guard let colon = line.firstIndex(of: ":"), line[line.index(after: colon)...].hasPrefix(" ")
      else { return nil }
      let key = String(line[..<colon])
      let value = line[line.index(colon, offsetBy: 2)...]
      guard fields[key] == nil else { return nil }
      switch key {
      case "schema", "id", "kind", "reliability", "origin":
        guard value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        fields[key] = String(value)
      case "url", "title", "publisher":
        guard value.hasPrefix("\""), let decoded = jsonValue(value) as? String else { return nil }
        fields[key] = decoded
      case "covers":
        guard value.hasPrefix("["), let list = jsonValue(value) as? [String] else { return nil }
        covers = list
        fields[key] = ""
      default:
        return nil
      }
    }
    // A URL that breaks the rule is read again through Yams, whose error names its line.
    guard fields["schema"] == "1", fields["id"] == id, let url = fields["url"],
      isRegistrable(url)
    else { return nil }
    let kind = fields["kind"].map { Source.Kind(rawValue: $0) } ?? .other
    let reliability = fields["reliability"].map { Source.Reliability(rawValue: $0) } ?? .medium
    guard let kind, let reliability, fields["origin"] == nil || fields["origin"] == "discovered"
    else { return nil }
    return Source(
      id: id, url: url, title: fields["title"], publisher: fields["publisher"], kind: kind,
      reliability: reliability, covers: covers, discovered: fields["origin"] == "discovered")
  }

  private static func jsonValue(_ text: Substring) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }

  /// What a registered URL must be, as the registry's errors say it.
  static let urlRule = "'url' must be an http or https URL, without spaces or control characters"

  /// Whether a URL may stand in the registry: http or https, with a host, and no spaces or
  /// control characters (a NUL or an escape sequence would reach terminals and reports).
  static func isRegistrable(_ url: String) -> Bool {
    (try? URLRule.check(url)) != nil
  }

  /// What makes two registered URLs one source: the scheme and host in lower case, every
  /// percent-escape of a character that needs none decoded (`%28` is "(", `%7E` is "~") and the
  /// rest (and raw non-ASCII bytes) written as upper-case hex escapes, so `…_%281674%29` and `…_(1674)` are the same article.
  /// Escapes of reserved delimiters ("/", "?", "#", "&", "=", "%", "+") stay escaped: decoding
  /// them would change what the URL says.
  public static func identity(ofURL url: String) -> String {
    let bytes = Array(url.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    let keptEscaped = Set("/?#[]@&=+%;$,".utf8)
    func hex(_ byte: UInt8) -> UInt8? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
      default: return nil
      }
    }
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
        let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2])
      {
        let decoded = high << 4 | low
        if decoded >= 0x21 && decoded < 0x7F && !keptEscaped.contains(decoded) {
          out.append(decoded)
        } else {
          out.append(contentsOf: Array(String(format: "%%%02X", decoded).utf8))
        }
        index += 3
      } else if bytes[index] >= 0x80 {
        // "é" typed raw and "%C3%A9" as MediaWiki writes it are one path.
        out.append(contentsOf: Array(String(format: "%%%02X", bytes[index]).utf8))
        index += 1
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    var text = String(decoding: out, as: UTF8.self)
    // Scheme and host are case-insensitive: "HTTPS://EN.Wikipedia.org/wiki/X" is the same page.
    if let schemeEnd = text.range(of: "://") {
      let hostEnd =
        text[schemeEnd.upperBound...].firstIndex(where: { "/?#".contains($0) })
        ?? text.endIndex
      text = text[..<hostEnd].lowercased() + text[hostEnd...]
    }
    return text
  }

  /// Registers a source. The URL must be http or https, without spaces or control
  /// characters; the id a free slug.
  @discardableResult
  public func add(_ source: Source) throws -> Source {
    let url = source.registeredURL
    guard !URLRule.hasForbiddenCharacters(url) else {
      throw LedgerError.invalidArgument(
        "\(URLRule.printable(url)): a URL may not hold spaces or control characters")
    }
    guard Self.isRegistrable(url) else {
      throw LedgerError.invalidArgument(
        "\(URLRule.printable(url)): only http and https URLs can be registered")
    }
    var source = source
    if source.id.isEmpty {
      let base = Self.slug(for: source.url)
      var candidate = base
      var number = 2
      while FileManager.default.fileExists(atPath: path(candidate)) {
        candidate = "\(base)-\(number)"
        number += 1
      }
      source.id = candidate
    }
    guard Self.isValidId(source.id) else {
      throw LedgerError.invalidArgument(
        "'\(source.id)' is not a valid source id: use lower-case letters, digits and hyphens")
    }
    guard !FileManager.default.fileExists(atPath: path(source.id)) else {
      throw LedgerError.invalidArgument("a source '\(source.id)' is already registered")
    }
    try createFolder(workspace.registryFolder)
    try writeAtomically(Data(source.yaml.utf8), to: path(source.id), within: workspace)
    return source
  }

  public func remove(_ id: String) throws {
    guard Self.isValidId(id), FileManager.default.fileExists(atPath: path(id)) else {
      throw LedgerError.invalidArgument("no source '\(id)'")
    }
    try FileManager.default.removeItem(atPath: path(id))
  }
}

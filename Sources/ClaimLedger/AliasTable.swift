import ClaimExtraction
import Foundation
import Yams

/// `Claims/aliases.yaml`: curated knowledge about names that the extractor cannot infer.
///
/// - `same` groups list names of one entity; the first is the canonical name.
/// - `discovered` groups are written by `claimledger discover`: the names of redirects to one
///   article ("Treaty of Nanjing" → "Treaty of Nanking"), the article's name first. They
///   count as `same` groups, except that a person's `same` group wins where they disagree.
/// - `distinct` splits one name into several entities told apart by the years claimed for
///   them ("Treaty of Paris" of 1763 and of 1783). A claim goes to the split whose years
///   contain its date; a claim that fits none stays with the shared name.
public struct AliasTable: Sendable, Equatable {
  public struct Split: Sendable, Equatable {
    public var name: String
    public var key: String
    /// Inclusive year spans.
    public var years: [ClosedRange<Int>]
  }

  /// Key of any listed name → key of its group's canonical name.
  public private(set) var canonicalKey: [String: String] = [:]
  /// Key of a canonical name → the name as written in the file.
  public private(set) var canonicalName: [String: String] = [:]
  /// Key of a shared name → its splits.
  public private(set) var splits: [String: [Split]] = [:]

  public init() {}

  static let template = """
    # ClaimLedger aliases: what the extractor cannot know about names.
    schema: 1

    # Names of one entity. The first name of each group is the canonical one.
    # "Long Name (ACR)" in a document makes ACR an alias automatically.
    same: []
    #  - [North Atlantic Treaty Organization, NATO, North Atlantic Alliance]

    # One name shared by different entities, told apart by the years claimed for them.
    distinct: []
    #  - name: Treaty of Paris
    #    entities:
    #      - name: Treaty of Paris (1763)
    #        years: [1763]
    #      - name: Treaty of Paris (1783)
    #        years: ["1782-1784"]

    """

  public static func load(_ workspace: Workspace) throws -> AliasTable {
    let path = workspace.aliasesFile
    guard FileManager.default.fileExists(atPath: path) else { return AliasTable() }
    let shown = workspace.relative(path)
    guard let node = try YAMLFile.load(path: path, shown: shown) else { return AliasTable() }
    return try parse(node, shown: shown)
  }

  static func parse(_ node: Node, shown: String) throws -> AliasTable {
    guard let mapping = node.mapping else {
      throw YAMLFile.shapeError(shown, node, "expected a mapping with 'same' and 'distinct'")
    }
    try YAMLFile.checkSchema(mapping, shown)
    for (key, _) in mapping {
      let name = key.string ?? ""
      guard ["schema", "same", "distinct", "discovered"].contains(name) else {
        throw YAMLFile.shapeError(
          shown, key, "unknown key '\(name)' (expected 'same', 'distinct' or 'discovered')")
      }
    }
    var table = AliasTable()
    if let same = mapping["same"] {
      guard let groups = same.sequence else {
        throw YAMLFile.shapeError(shown, same, "'same' must be a list of name lists")
      }
      for group in groups {
        let names = try YAMLFile.strings(group, shown, "same")
        guard names.count >= 2 else {
          throw YAMLFile.shapeError(shown, group, "a 'same' group needs two names or more")
        }
        let canonical = EntityKey.normalize(names[0])
        table.canonicalName[canonical] = names[0]
        for name in names {
          let key = EntityKey.normalize(name)
          if let existing = table.canonicalKey[key], existing != canonical {
            throw YAMLFile.shapeError(
              shown, group,
              "'\(name)' is already in the group of '\(table.canonicalName[existing] ?? existing)'")
          }
          table.canonicalKey[key] = canonical
        }
      }
    }
    if let discovered = mapping["discovered"] {
      guard let groups = discovered.sequence else {
        throw YAMLFile.shapeError(shown, discovered, "'discovered' must be a list of name lists")
      }
      for group in groups {
        let names = try YAMLFile.strings(group, shown, "discovered")
        guard names.count >= 2 else {
          throw YAMLFile.shapeError(shown, group, "a 'discovered' group needs two names or more")
        }
        table.merge(discovered: names)
      }
    }
    if let distinct = mapping["distinct"] {
      guard let entries = distinct.sequence else {
        throw YAMLFile.shapeError(shown, distinct, "'distinct' must be a list")
      }
      for entry in entries {
        guard let fields = entry.mapping, let name = fields["name"]?.string,
          let entities = fields["entities"]?.sequence
        else {
          throw YAMLFile.shapeError(
            shown, entry, "a 'distinct' entry needs 'name' and a list of 'entities'")
        }
        var splits: [Split] = []
        for entity in entities {
          guard let entityFields = entity.mapping, let entityName = entityFields["name"]?.string,
            let yearsNode = entityFields["years"], let years = yearsNode.sequence, !years.isEmpty
          else {
            throw YAMLFile.shapeError(
              shown, entity, "each entity of '\(name)' needs 'name' and a non-empty 'years' list")
          }
          let spans = try years.map { try yearSpan($0, shown) }
          splits.append(Split(name: entityName, key: EntityKey.normalize(entityName), years: spans))
        }
        guard splits.count >= 2 else {
          throw YAMLFile.shapeError(
            shown, entry, "'\(name)' must be split into two entities or more")
        }
        table.splits[EntityKey.normalize(name)] = splits
      }
    }
    return table
  }

  /// Adds a discovered group. A name a `same` group (or an earlier discovered group) already
  /// places keeps its place, and the group joins that entity: discovered knowledge never
  /// overrides what a person wrote, and never fails the file.
  mutating func merge(discovered names: [String]) {
    let keys = names.map(EntityKey.normalize)
    let canonical =
      keys.first(where: { canonicalKey[$0] != nil }).flatMap { canonicalKey[$0] }
      ?? keys[0]
    if canonicalName[canonical] == nil { canonicalName[canonical] = names[0] }
    for key in keys where canonicalKey[key] == nil { canonicalKey[key] = canonical }
  }

  /// Whether two names are one entity by this table alone.
  public func same(_ first: String, _ second: String) -> Bool {
    let one = EntityKey.normalize(first)
    let other = EntityKey.normalize(second)
    return (canonicalKey[one] ?? one) == (canonicalKey[other] ?? other)
  }

  /// Records names `discover` found to be one entity (an article and the redirects to it) in
  /// the `discovered` section of `aliases.yaml`, creating the file from its template if needed.
  /// The rest of the file, comments included, is kept byte for byte: the section is the file's
  /// last, appended when missing. Groups the table already knows are left out; returns the
  /// groups written.
  @discardableResult
  public static func recordDiscovered(_ groups: [[String]], in workspace: Workspace) throws
    -> [[String]]
  {
    guard groups.contains(where: { $0.count >= 2 }) else { return [] }
    let path = workspace.aliasesFile
    let shown = workspace.relative(path)
    let exists = FileManager.default.fileExists(atPath: path)
    var text = exists ? String(decoding: try readFileBytes(path), as: UTF8.self) : template
    var table = exists ? try load(workspace) : AliasTable()
    var existing: [[String]] = []
    if exists, let node = try YAMLFile.load(path: path, shown: shown),
      let section = node.mapping?["discovered"]?.sequence
    {
      existing = try section.map { try YAMLFile.strings($0, shown, "discovered") }
    }
    var added: [[String]] = []
    for group in groups where group.count >= 2 {
      guard group.dropFirst().contains(where: { !table.same(group[0], $0) }) else { continue }
      table.merge(discovered: group)
      added.append(group)
    }
    guard !added.isEmpty else { return [] }
    var lines = text.components(separatedBy: "\n")
    if let start = lines.firstIndex(where: { $0.hasPrefix("discovered:") }) {
      // Everything after the section must belong to it (indented, comments, blank lines):
      // a key after it would be lost when the section is rewritten.
      if let later = lines[(start + 1)...].firstIndex(where: {
        guard let first = $0.first else { return false }
        return first != " " && first != "-" && first != "#" && first != "\t"
      }) {
        throw LedgerError.malformedFile(
          path: shown, line: later + 1, column: 1,
          message:
            "'discovered' must be the file's last section: 'claimledger discover' rewrites it")
      }
      lines.removeSubrange(start...)
    } else {
      if lines.last == "" { lines.removeLast() }
      lines += [
        "",
        "# Names of one entity found by 'claimledger discover': redirects to the same article,",
        "# the article's name first. Written by the tool; move a group to 'same' to keep it.",
      ]
    }
    lines.append("discovered:")
    for group in existing + added {
      lines.append("  - [" + group.map(quoted).joined(separator: ", ") + "]")
    }
    text = lines.joined(separator: "\n") + "\n"
    try writeAtomically(Data(text.utf8), to: path, within: workspace)
    return added
  }

  /// A YAML double-quoted scalar.
  private static func quoted(_ name: String) -> String {
    var out = "\""
    for scalar in name.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      default:
        if scalar.properties.generalCategory == .control {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// `1763`, `"1782-1784"`, `"490 BC"`, `"-490"`.
  private static func yearSpan(_ node: Node, _ shown: String) throws -> ClosedRange<Int> {
    let text = (node.string ?? "").trimmingCharacters(in: .whitespaces)
    func year(_ part: Substring) -> Int? {
      let trimmed = part.trimmingCharacters(in: .whitespaces)
      if trimmed.uppercased().hasSuffix(" BC"), let value = Int(trimmed.dropLast(3)) {
        return -value
      }
      return Int(trimmed)
    }
    if let single = year(Substring(text)), single != 0 { return single...single }
    let parts = text.split(separator: "-", maxSplits: 1)
    if parts.count == 2, let from = year(parts[0]), let to = year(parts[1]), from <= to {
      return from...to
    }
    throw YAMLFile.shapeError(
      shown, node, "'\(text)' is not a year or a span of years such as \"1782-1784\"")
  }
}

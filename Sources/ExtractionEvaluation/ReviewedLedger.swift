import ClaimLedger
import Foundation

extension FlagScore {
  /// Scores a verified workspace whose documents stand in `docs/` (the genre-dev layout).
  public static func score(_ ledger: Ledger, gold: [GoldClaim]) -> FlagScore {
    let claims = ledger.claims.map { resolved in
      FlagScore.ReviewedClaim(
        id: resolved.claim.id,
        file: resolved.document.hasPrefix("docs/")
          ? String(resolved.document.dropFirst(5)) : resolved.document,
        line: resolved.claim.location.line,
        names: [resolved.claim.subject.text, resolved.entity.name],
        years: resolved.claim.value.temporal.map(GoldClaim.years(of:)) ?? [],
        summary: "\(resolved.entity.name) \(resolved.claim.predicate.rawValue) "
          + "\(resolved.claim.value.display) "
          + (resolved.suggestion?.rawValue ?? resolved.status.rawValue),
        against: resolved.suggestion == .contradicted || resolved.suggestion == .mixed,
        supported: resolved.suggestion == .supported)
    }
    return score(
      claims: claims, conflicts: ledger.conflicts.map { $0.claims.map(\.claim.id) }, gold: gold)
  }
}

/// A folder of reference excerpts in the genre-dev `refs/` layout (`index.tsv` and
/// `SLUG.txt`), served as article pages the way `discover` would register them.
public enum ReferenceFolder {
  public struct Reference: Sendable {
    public var slug: String
    public var entity: String
    public var url: String
    public var text: String
  }

  /// The rows of a refs/ folder with their texts (a slug listed twice is read once).
  public static func references(_ folder: String) throws -> [Reference] {
    let index = try String(contentsOf: URL(fileURLWithPath: folder + "/index.tsv"), encoding: .utf8)
    var seen = Set<String>()
    return try index.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 3, seen.insert(fields[0]).inserted else { return nil }
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + fields[0] + ".txt"))
      return Reference(
        slug: fields[0], entity: fields[1], url: fields[2],
        text: String(decoding: data, as: UTF8.self))
    }
  }

  /// The article title discover would register: the wiki title in a `/wiki/` URL (or a
  /// mirror's viewer's `q=` parameter), else the entity's name.
  public static func title(_ reference: Reference) -> String {
    guard let range = reference.url.range(of: "/wiki/") else { return reference.entity }
    var raw = String(reference.url[range.upperBound...])
    // A mirror's viewer ("/wiki/view_html.php?lang=en&q=Central_Treaty_Organization&…") names
    // the article in its query.
    if let query = URLComponents(string: reference.url)?.queryItems?.first(where: {
      $0.name == "q"
    })?.value {
      raw = query
    }
    return (raw.removingPercentEncoding ?? raw).replacingOccurrences(of: "_", with: " ")
  }

  /// "Treaty of Paris (1856)" → "Treaty of Paris": the name the documents use.
  public static func withoutQualifier(_ name: String) -> String {
    guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
    return name[..<open].trimmingCharacters(in: .whitespaces)
  }

  /// An article page: the title as its heading, each line of the excerpt a paragraph.
  public static func page(title: String, text: String) -> String {
    func escaped(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    let paragraphs = text.split(separator: "\n").map { "<p>" + escaped(String($0)) + "</p>" }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(escaped(title))</title>"
      + "</head><body><h1>\(escaped(title))</h1>\n" + paragraphs.joined(separator: "\n")
      + "\n</body></html>\n"
  }

  /// Registers each reference as `discover` registers an article: its title, kind
  /// encyclopedia, covering its subject, at `base` + "/SLUG.html" (``pages(_:)`` serves them).
  public static func register(
    _ references: [Reference], in workspace: Workspace, base: String
  ) throws {
    let registry = SourceRegistry(workspace: workspace)
    for reference in references {
      try registry.add(
        Source(
          id: reference.slug, url: base + "/" + reference.slug + ".html",
          title: title(reference), kind: .encyclopedia,
          covers: [withoutQualifier(reference.entity)], discovered: true))
    }
  }

  /// The pages to serve, by file name.
  public static func pages(_ references: [Reference]) -> [String: [UInt8]] {
    var pages: [String: [UInt8]] = [:]
    for reference in references {
      pages[reference.slug + ".html"] = Array(
        page(title: title(reference), text: reference.text).utf8)
    }
    return pages
  }
}

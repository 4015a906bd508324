import ArgumentParser
import ClaimExtraction
import ClaimLedger
import ExtractionEvaluation
import Foundation
import TestServers

/// How well `verify` tells right dates from wrong ones, end to end: a workspace of the dev
/// set's documents, its reference excerpts served by a local nginx as HTML pages and registered
/// the way `discover` registers articles, then `scan`, `fetch` and `verify` of the built
/// binary; each gold row judged right or wrong is looked up among the claims on its line.
struct VerifyQuality: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-quality",
    abstract: "Wrong dates flagged and right dates supported or contradicted, end to end.",
    discussion: """
      FOLDER has the layout of shared/eval/genre-dev: docs/, gold.tsv and refs/ (index.tsv \
      and SLUG.txt). --refs adds folders of the refs/ layout (pages written for entities \
      refs/ lacks). A wrong date is flagged when a claim on its row is contradicted, mixed or \
      in a conflict; a right date is contradicted when a claim on its row is contradicted or \
      mixed, supported when one is supported. Rows judged "unsure" are left out.
      """)

  @Argument(help: "A folder with docs/, gold.tsv and refs/.")
  var dataset: String

  @Option(help: "More reference folders in the refs/ layout.")
  var refs: [String] = []

  @Option(help: "The claimledger binary.")
  var binary: String

  @Option(help: "Folder for the workspace (emptied first).")
  var folder: String

  @Flag(help: "List every wrong date missed and every right date contradicted or unsupported.")
  var verbose = false

  struct Reference {
    var slug: String
    var entity: String
    var url: String
    var text: String
  }

  func run() throws {
    let manager = FileManager.default
    try? manager.removeItem(atPath: folder)
    try manager.createDirectory(atPath: folder + "/docs", withIntermediateDirectories: true)
    _ = try Workspace.initialize(at: folder)
    try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8)
      .write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    for name in try manager.contentsOfDirectory(atPath: dataset + "/docs")
    where name.hasSuffix(".txt") {
      try manager.copyItem(atPath: dataset + "/docs/" + name, toPath: folder + "/docs/" + name)
    }
    let references = try ([dataset + "/refs"] + refs).flatMap(Self.references)
    var pages: [String: [UInt8]] = [:]
    for reference in references {
      pages[reference.slug + ".html"] = Array(
        Self.page(title: Self.title(reference), text: reference.text).utf8)
    }
    let nginx = try Nginx(files: pages)
    let workspace = Workspace(root: folder)
    let registry = SourceRegistry(workspace: workspace)
    for reference in references {
      // As discover registers an article: its title, kind encyclopedia, covering the subject.
      try registry.add(
        Source(
          id: reference.slug, url: nginx.base + "/" + reference.slug + ".html",
          title: Self.title(reference), kind: .encyclopedia,
          covers: [Self.withoutQualifier(reference.entity)], discovered: true))
    }
    for command in ["scan", "fetch", "verify"] {
      _ = try measure(binary, [command], in: folder)
    }
    let ledger = try Ledger.load(workspace)
    let gold = try GoldClaimReader.parse(
      String(decoding: try readFile(dataset + "/gold.tsv"), as: UTF8.self))
    score(ledger, gold, references: references.count)
  }

  private func score(_ ledger: Ledger, _ gold: [GoldClaim], references: Int) {
    let judged = gold.filter { $0.correct == "yes" || $0.correct == "no" || $0.correct == "unsure" }
    /// Whether a claim stands for a gold row: on its line, with its year, naming its entity.
    func matches(_ claim: ResolvedClaim, _ row: GoldClaim) -> Bool {
      claim.document == "docs/" + row.file && claim.claim.location.line == row.line
        && (claim.claim.value.temporal.map { GoldClaim.years(of: $0).contains(row.year) } ?? false)
        && row.isNamed(by: [claim.claim.subject.text, claim.entity.name])
    }
    func rows(_ claim: ResolvedClaim) -> [GoldClaim] { judged.filter { matches(claim, $0) } }
    let inConflict = Set(ledger.conflicts.flatMap { $0.claims.map(\.claim.id) })
    var wrong = 0
    var flagged = 0
    var right = 0
    var contradicted = 0
    var supported = 0
    var notes: [String] = []
    for row in gold where row.correct == "yes" || row.correct == "no" {
      let claims = ledger.claims.filter { matches($0, row) }
      let shown =
        "\(row.file):\(row.line): \(row.entity) \(row.written) — "
        + (claims.isEmpty
          ? "no claim"
          : claims.map { "\($0.entity.name) \($0.suggestion?.rawValue ?? $0.status.rawValue)" }
            .joined(separator: ", "))
      let against = claims.contains { $0.suggestion == .contradicted || $0.suggestion == .mixed }
      if row.correct == "no" {
        wrong += 1
        if against || claims.contains(where: { inConflict.contains($0.claim.id) }) {
          flagged += 1
        } else {
          notes.append("wrong date missed: " + shown)
        }
      } else {
        right += 1
        if against {
          contradicted += 1
          notes.append("right date contradicted: " + shown)
        }
        if claims.contains(where: { $0.suggestion == .supported }) {
          supported += 1
        } else if verbose && !against {
          notes.append("right date not supported: " + shown)
        }
      }
    }
    // What a reviewer must examine: each conflict, and each contradicted or mixed claim outside
    // a conflict. A flag is right when it points at a date the gold judges wrong; one that
    // points only at dates judged unsure is left out of the share.
    enum Judgement { case wrongDate, unsure, noWrongDate }
    func judge(_ claims: [ResolvedClaim]) -> Judgement {
      let found = claims.flatMap(rows)
      if found.contains(where: { $0.correct == "no" }) { return .wrongDate }
      if found.contains(where: { $0.correct == "unsure" }) { return .unsure }
      return .noWrongDate
    }
    func describe(_ claim: ResolvedClaim) -> String {
      "\(claim.document):\(claim.claim.location.line) \(claim.entity.name) "
        + "\(claim.claim.predicate.rawValue) \(claim.claim.value.display)"
    }
    var flags = 0
    var rightFlags = 0
    var unsureFlags = 0
    var falseConflicts = 0
    for conflict in ledger.conflicts {
      flags += 1
      switch judge(conflict.claims) {
      case .wrongDate: rightFlags += 1
      case .unsure: unsureFlags += 1
      case .noWrongDate:
        falseConflicts += 1
        notes.append(
          "false conflict: " + conflict.claims.map(describe).joined(separator: " / "))
      }
    }
    for claim in ledger.claims
    where (claim.suggestion == .contradicted || claim.suggestion == .mixed)
      && !inConflict.contains(claim.claim.id)
    {
      flags += 1
      switch judge([claim]) {
      case .wrongDate: rightFlags += 1
      case .unsure: unsureFlags += 1
      case .noWrongDate:
        notes.append("false flag: \(describe(claim)) \(claim.suggestion!.rawValue)")
      }
    }
    let notesShown = ledger.splitSuggestions.count + ledger.calendarNotes.count
    if verbose { for note in notes { print(note) } }
    func share(_ count: Int, _ total: Int) -> String {
      "\(count)/\(total) (\(format(total == 0 ? 0 : Double(count) / Double(total) * 100, 1)) %)"
    }
    let judgedFlags = flags - unsureFlags
    print("references served and registered: \(references)")
    print(
      "flag precision (flags at a wrong date, of the flags not about unsure dates): "
        + "\(rightFlags)/\(judgedFlags) (\(format(judgedFlags == 0 ? 1 : Double(rightFlags) / Double(judgedFlags), 4)))"
    )
    print(
      "flags: \(flags) (\(ledger.conflicts.count) conflicts, \(flags - ledger.conflicts.count) "
        + "contradicted or mixed claims outside them; \(unsureFlags) about unsure dates); "
        + "notes shown beside them: \(notesShown)")
    print("false conflicts (every claim right): \(falseConflicts)/\(ledger.conflicts.count)")
    print("wrong dates flagged (contradicted, mixed or in a conflict): \(share(flagged, wrong))")
    print("right dates flagged as contradicted (or mixed): \(share(contradicted, right))")
    print("right dates supported: \(share(supported, right))")
  }

  /// The rows of a refs/ folder with their texts.
  static func references(_ folder: String) throws -> [Reference] {
    let index = String(decoding: try readFile(folder + "/index.tsv"), as: UTF8.self)
    var seen = Set<String>()
    return try index.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 3, seen.insert(fields[0]).inserted else { return nil }
      let text = String(decoding: try readFile(folder + "/" + fields[0] + ".txt"), as: UTF8.self)
      return Reference(slug: fields[0], entity: fields[1], url: fields[2], text: text)
    }
  }

  /// The article title discover would register: the wiki title in a `/wiki/` URL, else the
  /// entity's name.
  static func title(_ reference: Reference) -> String {
    guard let range = reference.url.range(of: "/wiki/") else { return reference.entity }
    var raw = String(reference.url[range.upperBound...])
    // A mirror's viewer ("/wiki/view_html.php?lang=en&q=Central_Treaty_Organization&…") names
    // the article in its query.
    if let query = URLComponents(string: reference.url)?.queryItems?.first(where: { $0.name == "q" }
    )?.value {
      raw = query
    }
    return (raw.removingPercentEncoding ?? raw).replacingOccurrences(of: "_", with: " ")
  }

  /// "Treaty of Paris (1856)" → "Treaty of Paris": the name the documents use.
  static func withoutQualifier(_ name: String) -> String {
    guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
    return name[..<open].trimmingCharacters(in: .whitespaces)
  }

  /// An article page: the title as its heading, each line of the excerpt a paragraph.
  static func page(title: String, text: String) -> String {
    func escaped(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    let paragraphs = text.split(separator: "\n").map { "<p>" + escaped(String($0)) + "</p>" }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(escaped(title))</title>"
      + "</head><body><h1>\(escaped(title))</h1>\n" + paragraphs.joined(separator: "\n")
      + "\n</body></html>\n"
  }
}

import ArgumentParser
import ClaimExtraction
import ClaimLedger
import ExtractionEvaluation
import Foundation
import TestServers

/// What a reviewer sees after `verify`, end to end: a workspace of the dev set's documents, its
/// reference excerpts served by a local nginx as HTML pages and registered the way `discover`
/// registers articles, then `scan`, `fetch` and `verify` of the built binary, scored by
/// ``FlagScore``.
struct VerifyQuality: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-quality",
    abstract: "Flags a reviewer sees, and right and wrong dates flagged or supported, end to end.",
    discussion: """
      FOLDER has the layout of shared/eval/genre-dev: docs/, gold.tsv and refs/ (index.tsv \
      and SLUG.txt). --refs adds folders of the refs/ layout (pages written for entities \
      refs/ lacks). The flags are each conflict and each contradicted or mixed claim outside \
      one; a flag is right when one of its claims stands for a row judged wrong. A wrong date \
      is flagged when a claim on its row is contradicted, mixed or in a conflict; a right date \
      is contradicted when a claim on its row is contradicted or mixed, supported when one is \
      supported. Rows judged "unsure" count in neither share.
      """)

  @Argument(help: "A folder with docs/, gold.tsv and refs/.")
  var dataset: String

  @Option(help: "More reference folders in the refs/ layout.")
  var refs: [String] = []

  @Option(help: "The claimledger binary.")
  var binary: String

  @Option(help: "Folder for the workspace (emptied first).")
  var folder: String

  @Flag(
    help:
      "List every false flag and conflict, wrong date missed, right date flagged or unsupported."
  )
  var verbose = false

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
    let references = try ([dataset + "/refs"] + refs).flatMap(ReferenceFolder.references)
    let nginx = try Nginx(files: ReferenceFolder.pages(references))
    let workspace = Workspace(root: folder)
    try ReferenceFolder.register(references, in: workspace, base: nginx.base)
    for command in ["scan", "fetch", "verify"] {
      _ = try measure(binary, [command], in: folder)
    }
    let ledger = try Ledger.load(workspace)
    let gold = try GoldClaimReader.parse(
      String(decoding: try readFile(dataset + "/gold.tsv"), as: UTF8.self))
    let score = FlagScore.score(ledger, gold: gold)
    if verbose {
      for note in score.notes { print(note) }
      for note in score.unsupported { print(note) }
    }
    print("references served and registered: \(references.count)")
    print(
      "notes shown beside the flags: \(ledger.calendarNotes.count) calendar pairs, "
        + "\(ledger.splitSuggestions.count) possible splits")
    for line in score.report { print(line) }
  }
}

import ArgumentParser
import ClaimLedger
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Work through the review queue: conflicts, contradicted claims, then the rest.",
    discussion: """
      Each item shows the sentence, the other claims in conflict and the evidence quotes; one \
      key records a verdict, then an optional note (Enter for none).
        claims:    s supported, r refuted, m mixed, u unverifiable, n not a claim
        conflicts: d distinct entities, r resolved
        any:       k (or Enter) skip, q quit
      On a terminal keys act at once; from a pipe or file, each line's first character is the \
      key and the next line the note, so a review can be scripted.
      """)

  @OptionGroup var workspaceOptions: WorkspaceOptions

  @OptionGroup var reviewerOptions: ReviewerOptions

  func run() throws {
    try reportingErrors {
      let workspace = try workspaceOptions.locate()
      let who = try reviewerOptions.resolve(in: workspace)
      let ledger = try Ledger.load(workspace)
      let queue = ReviewQueue.items(ledger)
      guard !queue.isEmpty else {
        print("nothing to review: every claim and conflict has a verdict")
        return
      }
      let input = KeyboardInput()
      let recorder = VerdictRecorder(workspace: workspace)
      var recorded = 0
      var skipped = 0
      queueLoop: for (index, item) in queue.enumerated() {
        input.write("\n")
        input.write(
          "[\(index + 1)/\(queue.count)] " + ReviewCard.text(for: item, in: ledger) + "\n")
        let keys = ReviewCard.keys(for: item)
        let menu =
          keys.map { "[\($0.key)] \($0.status.rawValue)" }.joined(separator: "  ")
          + "  [k] skip  [q] quit"
        while true {
          guard let key = input.key(prompt: menu + "\n> ") else { break queueLoop }
          if key == "q" { break queueLoop }
          if key == "k" || key == "\n" {
            skipped += 1
            continue queueLoop
          }
          guard let status = keys.first(where: { $0.key == key })?.status else {
            input.write("'\(key)' is not one of the keys above\n")
            continue
          }
          let note = input.line(prompt: "note (Enter for none): ")
          let record = try recorder.record(
            on: item, status: status, reviewer: who, note: note)
          input.write("recorded \(record.id): \(record.target) \(record.status.rawValue)\n")
          recorded += 1
          continue queueLoop
        }
      }
      Terminal.printError(
        "recorded \(recorded) verdict\(recorded == 1 ? "" : "s"), skipped \(skipped)")
    }
  }
}

/// How a queue item is shown, and the keys it takes.
enum ReviewCard {
  static func keys(for item: VerdictTarget) -> [(key: Character, status: VerdictStatus)] {
    switch item {
    case .claim:
      return [
        ("s", .supported), ("r", .refuted), ("m", .mixed), ("u", .unverifiable),
        ("n", .notAClaim),
      ]
    case .conflict:
      return [("d", .distinctEntities), ("r", .resolved)]
    }
  }

  static func text(for item: VerdictTarget, in ledger: Ledger) -> String {
    var lines: [String] = []
    switch item {
    case .conflict(let conflict):
      lines.append(
        "conflict \(conflict.id): \"\(conflict.entity.name)\" is given "
          + conflict.values.map(\.display).joined(separator: " and "))
      for claim in conflict.claims {
        lines.append(
          "  \(place(claim)): \(claim.claim.predicate.rawValue) \(claim.claim.value.display)"
            + " — \"\(claim.claim.sentence)\"")
      }
    case .claim(let claim):
      var heading =
        "claim \(claim.claim.id) at \(place(claim)): \"\(claim.entity.name)\""
        + " \(claim.claim.predicate.rawValue) \(claim.claim.value.display) — \(claim.status.rawValue)"
      if let suggestion = claim.suggestion { heading += " (evidence: \(suggestion.rawValue))" }
      lines.append(heading)
      lines.append("  sentence: \"\(claim.claim.sentence)\"")
      let others = ledger.conflicts.filter { $0.claims.contains(claim) }.flatMap(\.claims)
        .filter { $0 != claim }
      for other in others {
        lines.append(
          "  in conflict with \(place(other)): \(other.claim.predicate.rawValue)"
            + " \(other.claim.value.display) — \"\(other.claim.sentence)\"")
      }
      for evidence in ledger.review.evidence[claim.claim.id] ?? [] {
        lines.append(
          "  \(evidence.stance.rawValue) \(evidence.source) (line \(evidence.line)):"
            + " \"\(evidence.quote)\"")
      }
    }
    return lines.map(\.lineSafe).joined(separator: "\n")
  }

  private static func place(_ claim: ResolvedClaim) -> String {
    "\(claim.document):\(claim.claim.location.line):\(claim.claim.location.column)"
  }
}

/// Keys and lines from standard input: single key presses on a terminal (no Enter needed),
/// lines from a pipe or a file.
final class KeyboardInput {
  private let isTerminal = isatty(STDIN_FILENO) == 1

  /// The next key; `nil` at the end of input.
  func key(prompt: String) -> Character? {
    write(prompt)
    guard isTerminal else {
      guard let line = readLine() else { return nil }
      return line.first(where: { !$0.isWhitespace }) ?? "\n"
    }
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    var byte: UInt8 = 0
    guard Glibc.read(STDIN_FILENO, &byte, 1) == 1, byte != 4 else { return nil }  // ^D ends
    let key = Character(Unicode.Scalar(byte))
    write(key == "\n" ? "\n" : "\(key)\n")
    return key
  }

  /// A line of text (the note); `nil` when empty or at the end of input.
  func line(prompt: String) -> String? {
    write(prompt)
    guard let line = readLine() else { return nil }
    return line.isEmpty ? nil : line
  }

  /// Reads up to a line break with `read(2)`, so that no buffered bytes are lost between the
  /// raw key reads and line reads.
  private func readLine() -> String? {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while Glibc.read(STDIN_FILENO, &byte, 1) == 1 {
      if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
    return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
  }

  /// Prompts reach the terminal before the key is read.
  func write(_ text: String) {
    StandardStreams.write(text)
    StandardStreams.flush()
  }
}

import ClaimLedger
import Foundation

/// The HTML report's content as Markdown, for a pull request or a wiki. Text from documents
/// and sources is escaped: Markdown punctuation gets a backslash and `<`, `>`, `&` become
/// entities, so a sentence can neither format the page nor inject HTML where Markdown allows
/// it.
enum MarkdownReport {
  /// What the evidence suggests for undecided claims, and the claims to read first.
  private static func suggestions(_ input: ReportInput) -> String {
    let counts = input.suggestionCounts
    guard counts.contains(where: { $0.count > 0 }) else { return "" }
    var out = "\n| Evidence suggests (no verdict yet) | Claims |\n|---|---:|\n"
    for (suggestion, count) in counts {
      let name = "`\(suggestion.rawValue)`"
      let linked =
        count > 0 && (suggestion == .contradicted || suggestion == .mixed)
        ? "[\(name)](#read-first-evidence-suggests-\(suggestion.rawValue)-\(count))" : name
      out += "| \(linked) | \(count) |\n"
    }
    for suggestion in [Suggestion.contradicted, .mixed] {
      let claims = input.suggested(suggestion)
      guard !claims.isEmpty else { continue }
      out += "\n## Read first: evidence suggests \(suggestion.rawValue) (\(claims.count))\n\n"
      for claim in claims {
        out += "- `\(claim.place)` \(escape(claim.summary)) `\(claim.claim.id)`\n"
      }
    }
    return out
  }

  static func render(_ input: ReportInput) -> Data {
    let ledger = input.ledger
    // The marker a scan knows its own reports by (an HTML comment: no Markdown shows it).
    var out = "\(DocumentText.reportMarker)\n# \(escape(input.title))\n\n"
    out.reserveCapacity(ledger.claims.count * 500 + 4096)
    out += input.lede + "\n\n"
    out += "| Status | Claims |\n|---|---:|\n"
    for (status, count) in input.statusCounts { out += "| `\(status.rawValue)` | \(count) |\n" }
    out += suggestions(input)

    out += "\n## Conflicts (\(ledger.conflicts.count))\n\n"
    if ledger.conflicts.isEmpty { out += "No claims contradict each other.\n" }
    for conflict in ledger.conflicts { out += conflictBlock(conflict, input) }
    let settled = input.settledConflicts
    if !settled.isEmpty {
      out += "\n### Settled by a reviewer (\(settled.count))\n\n"
      for (conflict, _) in settled { out += conflictBlock(conflict, input) }
    }
    if !input.notes.isEmpty {
      out += "\n### Not conflicts (\(input.notes.count))\n\n"
      for note in input.notes { out += "- `\(note.place)` \(escape(note.message))\n" }
    }

    out += "\n## Documents (\(input.documents.count))\n"
    for (path, claims) in input.documents {
      out += "\n### \(escape(path))\n\n"
      if claims.isEmpty { out += "No claims.\n" }
      for resolved in claims {
        let claim = resolved.claim
        var status = "`\(resolved.status.rawValue)`"
        if resolved.status == .evidenceFound, let suggestion = resolved.suggestion {
          status += " (suggests \(suggestion.rawValue))"
        }
        out +=
          "- \(status) line \(claim.location.line), column \(claim.location.column):"
          + " **\(escape(resolved.entity.name))** \(claim.predicate.rawValue)"
          + " \(escape(claim.value.display)) `\(claim.id)`\n"
        out += "  > \(escape(claim.sentence))\n"
        if let conflict = input.conflictOf[claim.id] {
          out += "\n  In conflict (`\(conflict.id)`).\n"
        }
        for item in ledger.review.evidence[claim.id] ?? [] {
          let source = input.sources[item.source]
          out +=
            "  - *\(item.stance.rawValue)*: \u{201C}\(escape(item.quote))\u{201D} —"
            + " \(link(source?.title ?? item.source, source?.url ?? item.url)),"
            + " snapshot `\(item.snapshot.prefix(12))`, line \(item.line)\n"
        }
        out += verdictLines(input.verdicts[claim.id] ?? [], input, indent: "  ")
      }
    }

    out += "\n## Sources (\(input.sources.count))\n\n"
    if input.sources.isEmpty {
      out += "No references are registered.\n"
    } else {
      out += "| Id | Title | Kind | Reliability | Snapshot |\n|---|---|---|---|---|\n"
      for source in input.sources.values.sorted(by: { $0.id < $1.id }) {
        let snapshot = ledger.review.currentSnapshots[source.id].map { "`\($0.prefix(12))`" }
        out +=
          "| `\(source.id)` | \(link(source.title ?? source.url, source.url)) |"
          + " \(source.kind.rawValue) | \(source.reliability.rawValue) |"
          + " \(snapshot ?? "not fetched") |\n"
      }
    }
    return Data(out.utf8)
  }

  private static func conflictBlock(_ conflict: Conflict, _ input: ReportInput) -> String {
    var out =
      "- **\(escape(conflict.entity.name))** is given "
      + conflict.values.map { escape($0.display) }.joined(separator: " and ")
      + " `\(conflict.id)`\n"
    for (value, claims) in ReportInput.places(of: conflict) {
      out += "  - **\(escape(value.display))**:\n"
      for claim in claims {
        out += "    - `\(escape(claim.place))` \u{201C}\(escape(claim.claim.sentence))\u{201D}\n"
      }
    }
    out += verdictLines(input.verdicts[conflict.id] ?? [], input, indent: "  ")
    return out
  }

  private static func verdictLines(
    _ verdicts: [VerdictRecord], _ input: ReportInput, indent: String
  ) -> String {
    var out = ""
    for verdict in verdicts {
      var line =
        "\(indent)- verdict `\(verdict.status.rawValue)` by \(escape(verdict.reviewer))"
        + " at \(verdict.time)"
      if let note = verdict.note { line += ": \(escape(note))" }
      if let cited = verdict.evidence {
        line +=
          " — cites \(link(input.sources[cited.source]?.title ?? cited.source, input.sources[cited.source]?.url))"
        if let quote = cited.quote { line += " \u{201C}\(escape(quote))\u{201D}" }
      }
      out += line + " `\(verdict.id)`\n"
    }
    return out
  }

  /// `[text](url)` for an http(s) URL, else the text.
  private static func link(_ text: String, _ url: String?) -> String {
    guard let url, let safe = ReportInput.linkable(url) else { return escape(text) }
    let target = safe.replacingOccurrences(of: "(", with: "%28")
      .replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20")
      .replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
    return "[\(escape(text))](\(target))"
  }

  /// Markdown punctuation escaped with a backslash; `<`, `>` and `&` as entities; line breaks
  /// folded (a table row or list item stays one line). Works on bytes: the report escapes
  /// every sentence of the ledger.
  static func escape(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 -> String in
      var out: [UInt8] = []
      out.reserveCapacity(utf8.count + 8)
      var runStart = 0
      for (index, byte) in utf8.enumerated() {
        let replacement: [UInt8]
        switch byte {
        case 0x3C: replacement = Array("&lt;".utf8)
        case 0x3E: replacement = Array("&gt;".utf8)
        case 0x26: replacement = Array("&amp;".utf8)
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x28, 0x29, 0x23, 0x7C, 0x21, 0x7B, 0x7D, 0x7E:
          replacement = [0x5C, byte]
        case 0x0A, 0x0D: replacement = [0x20]
        default: continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        out.append(contentsOf: replacement)
        runStart = index + 1
      }
      if runStart == 0 { return String(decoding: utf8, as: UTF8.self) }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
      return String(decoding: out, as: UTF8.self)
    }
  }
}

import ClaimLedger
import ClaimReports
import Foundation

/// The timeline of a subject: each claim of the documents, each date the references give
/// for it, and each verdict, on one axis; values in conflict marked.
enum SubjectTimeline {
  static func items(entity: Entity, claims: [ResolvedClaim], ledger: Ledger) -> [TimelineSVG.Item] {
    let conflicting = Set(
      ledger.conflicts.filter { $0.entity.key == entity.key }.flatMap(\.claims).map(\.claim.id))
    var items: [TimelineSVG.Item] = []
    var seenReferences = Set<String>()
    for claim in claims {
      guard let span = claim.claim.value.temporal?.span else { continue }
      let end = span.end.year != span.start.year ? span.end.year : nil
      items.append(
        TimelineSVG.Item(
          label: "\(claim.document):\(claim.claim.location.line) \(claim.claim.predicate.rawValue)",
          year: span.start.year, endYear: end, kind: .document,
          conflict: conflicting.contains(claim.claim.id), link: "/claims/" + claim.claim.id))
      for evidence in ledger.review.evidence[claim.claim.id] ?? [] {
        guard let value = evidence.value, let referenceSpan = value.temporal?.span,
          seenReferences.insert(evidence.source + "\u{0}" + value.edtf).inserted
        else { continue }
        items.append(
          TimelineSVG.Item(
            label: evidence.source, year: referenceSpan.start.year,
            endYear: referenceSpan.end.year != referenceSpan.start.year
              ? referenceSpan.end.year : nil,
            kind: .reference, conflict: evidence.stance == .contradicts, link: nil))
      }
      for verdict in ledger.history(of: claim.claim.id) {
        items.append(
          TimelineSVG.Item(
            label: "\(verdict.status.rawValue) by \(verdict.reviewer)", year: span.start.year,
            endYear: end, kind: .verdict, conflict: false, link: "/claims/" + claim.claim.id))
      }
    }
    // By year; within a year the documents' claims, then the references, then the verdicts.
    // (Only the item's fields are used: the timeline's own types stay its business.)
    func rank(_ item: TimelineSVG.Item) -> Int {
      switch item.kind {
      case .document: return 0
      case .reference: return 1
      case .verdict: return 2
      }
    }
    return items.enumerated().sorted {
      ($0.element.year, rank($0.element), $0.offset) < (
        $1.element.year, rank($1.element), $1.offset
      )
    }.map(\.element)
  }
}

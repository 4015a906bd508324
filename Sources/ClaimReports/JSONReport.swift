import ClaimExtraction
import ClaimLedger
import Foundation

/// Everything the other reports show, as JSON (schema 1; fields are only ever added). Keys
/// are sorted in every object; the README documents each field.
enum JSONReport {
  static let schema = 1

  static func render(_ input: ReportInput) -> Data {
    let ledger = input.ledger
    var json = PrettyJSON(capacity: ledger.claims.count * 1200 + 16_384)
    json.beginObject()
    json.key("conflicts")
    json.beginArray()
    for conflict in ledger.conflicts { write(conflict, input, &json) }
    json.endArray()
    json.key("documents")
    json.beginArray()
    for (path, claims) in input.documents {
      json.beginObject()
      json.key("claims")
      json.beginArray()
      for claim in claims { write(claim, input, &json) }
      json.endArray()
      json.member("document", path)
      json.endObject()
    }
    json.endArray()
    json.member("schema", schema)
    json.key("settledConflicts")
    json.beginArray()
    for (conflict, _) in input.settledConflicts { write(conflict, input, &json) }
    json.endArray()
    json.key("sources")
    json.beginArray()
    for source in input.sources.values.sorted(by: { $0.id < $1.id }) {
      json.beginObject()
      json.key("covers")
      json.beginArray()
      for subject in source.covers { json.string(subject) }
      json.endArray()
      json.member("id", source.id)
      json.member("kind", source.kind.rawValue)
      json.member("publisher", source.publisher)
      json.member("reliability", source.reliability.rawValue)
      json.member("snapshot", ledger.review.currentSnapshots[source.id])
      json.member("title", source.title)
      json.member("url", source.url)
      json.endObject()
    }
    json.endArray()
    json.key("summary")
    json.beginObject()
    json.member("claims", ledger.claims.count)
    json.member("conflicts", ledger.conflicts.count)
    json.member("documents", input.documents.count)
    json.member("settledConflicts", ledger.settledConflicts.count)
    json.member("sources", input.sources.count)
    json.key("statuses")
    json.beginObject()
    for (status, count) in input.statusCounts.sorted(by: { $0.status.rawValue < $1.status.rawValue }
    ) {
      json.member(status.rawValue, count)
    }
    json.endObject()
    // What the evidence suggests for claims still without a verdict (status evidence-found).
    json.key("suggestions")
    json.beginObject()
    for (suggestion, count) in input.suggestionCounts.sorted(by: {
      $0.suggestion.rawValue < $1.suggestion.rawValue
    }) {
      json.member(suggestion.rawValue, count)
    }
    json.endObject()
    json.member("verdicts", ledger.review.verdicts.count)
    json.endObject()
    json.member("title", input.title)
    json.endObject()
    return json.data
  }

  private static func write(_ entity: Entity, _ json: inout PrettyJSON) {
    json.beginObject()
    json.member("key", entity.key)
    json.member("kind", entity.kind.rawValue)
    json.member("name", entity.name)
    json.endObject()
  }

  private static func write(_ conflict: Conflict, _ input: ReportInput, _ json: inout PrettyJSON) {
    json.beginObject()
    json.key("entity")
    write(conflict.entity, &json)
    json.member("id", conflict.id)
    json.key("values")
    json.beginArray()
    for (value, claims) in ReportInput.places(of: conflict) {
      json.beginObject()
      json.key("places")
      json.beginArray()
      for claim in claims {
        json.beginObject()
        json.member("claim", claim.claim.id)
        json.member("column", claim.claim.location.column)
        json.member("document", claim.document)
        json.member("line", claim.claim.location.line)
        json.member("sentence", claim.claim.sentence)
        json.endObject()
      }
      json.endArray()
      json.key("value")
      json.value(value)
      json.endObject()
    }
    json.endArray()
    json.key("verdicts")
    write(input.verdicts[conflict.id] ?? [], &json)
    json.endObject()
  }

  private static func write(
    _ resolved: ResolvedClaim, _ input: ReportInput, _ json: inout PrettyJSON
  ) {
    let claim = resolved.claim
    json.beginObject()
    json.member("column", claim.location.column)
    json.member("conflict", input.conflictOf[claim.id]?.id)
    json.key("entity")
    write(resolved.entity, &json)
    json.key("evidence")
    json.beginArray()
    for item in input.ledger.review.evidence[claim.id] ?? [] {
      json.evidence(item, withSnapshot: true)
    }
    json.endArray()
    json.member("id", claim.id)
    json.member("line", claim.location.line)
    json.member("predicate", claim.predicate.rawValue)
    json.member("sentence", claim.sentence)
    json.member("status", resolved.status.rawValue)
    json.member("subject", claim.subject.text)
    json.member("suggestion", resolved.suggestion?.rawValue)
    json.key("value")
    json.value(claim.value)
    json.key("verdicts")
    write(input.verdicts[claim.id] ?? [], &json)
    json.endObject()
  }

  private static func write(_ verdicts: [VerdictRecord], _ json: inout PrettyJSON) {
    json.beginArray()
    for verdict in verdicts {
      json.beginObject()
      if let cited = verdict.evidence {
        json.key("evidence")
        json.beginObject()
        json.member("quote", cited.quote)
        json.member("snapshot", cited.snapshot)
        json.member("source", cited.source)
        json.endObject()
      }
      json.member("id", verdict.id)
      json.member("note", verdict.note)
      json.member("reviewer", verdict.reviewer)
      json.member("status", verdict.status.rawValue)
      json.member("time", verdict.time)
      json.endObject()
    }
    json.endArray()
  }
}

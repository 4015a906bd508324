import ClaimExtraction
import DateConflicts

/// Claims of one entity with one predicate and value: what conflicts compare, with the claims
/// the graph of ``DateConflicts`` leaves out.
struct DateGroup: Sendable {
  let key: String
  let claims: [ResolvedClaim]
  /// What the contradiction graph compares.
  let facts: DatedGroup
  /// The documents the group's claims stand in (kept: the split rules ask for them at every
  /// pair of years).
  let documents: Set<String>
  /// Where the group's dates stand: what its documents' contexts leave out.
  let places: Set<PlaceInDocument>

  init(predicate: ClaimPredicate, value: TemporalValue, key: String, claims: [ResolvedClaim]) {
    self.key = key
    self.claims = claims
    var perDocument: [String: Int] = [:]
    for claim in claims { perDocument[claim.document, default: 0] += 1 }
    // One statement: every claim in one sentence of one document.
    let first = claims[0]
    let oneSentence = claims.allSatisfy {
      $0.document == first.document && $0.claim.sentence == first.claim.sentence
    }
    facts = DatedGroup(
      predicate: predicate, value: value,
      statement: oneSentence ? first.document + "\u{0}" + first.claim.sentence : nil,
      claimsPerDocument: perDocument)
    documents = Set(perDocument.keys)
    places = Set(claims.map(PlaceInDocument.init))
  }

  var predicate: ClaimPredicate { facts.predicate }
  var value: TemporalValue { facts.value }
}

/// An entity's groups with the ways to find them: by key, by document and by claim id. Shared
/// by the entity's conflicts; built once.
final class EntityGroups: Sendable {
  let groups: [DateGroup]
  /// Group by key (``Conflict/groupKey(_:)``).
  let index: [String: Int]
  /// Each document's claims of the entity, in order, with their group.
  let byDocument: [String: [(group: Int, claim: ResolvedClaim)]]
  /// Claims by id, with their group.
  let byID: [String: (group: Int, claim: ResolvedClaim)]

  init(_ groups: [DateGroup]) {
    self.groups = groups
    var index: [String: Int] = [:]
    var byDocument: [String: [(group: Int, claim: ResolvedClaim)]] = [:]
    var byID: [String: (group: Int, claim: ResolvedClaim)] = [:]
    for (number, group) in groups.enumerated() {
      index[group.key] = number
      for claim in group.claims {
        byDocument[claim.document, default: []].append((number, claim))
        byID[claim.claim.id] = (number, claim)
      }
    }
    for document in byDocument.keys {
      byDocument[document]!.sort { $0.claim.claim.location < $1.claim.claim.location }
    }
    self.index = index
    self.byDocument = byDocument
    self.byID = byID
  }
}

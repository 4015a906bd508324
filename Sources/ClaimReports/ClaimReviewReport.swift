import ClaimExtraction
import ClaimLedger
import Foundation

/// schema.org ClaimReview, as JSON-LD: one object per claim with a standing verdict.
///
/// Ratings use one documented scale (worst 0, best 5): 0 "Unverifiable" (could not be
/// rated), 1 "False" (refuted), 3 "Mixed", 5 "True" (supported). Claims judged not-a-claim
/// and claims whose verdict needs review are left out.
enum ClaimReviewReport {
  static func isConfigured(_ settings: WorkspaceConfig.ReportSettings) -> Bool {
    settings.author != nil && settings.url != nil
  }

  static func rating(_ status: ClaimStatus) -> (value: Int, name: String)? {
    switch status {
    case .supported: return (5, "True")
    case .mixed: return (3, "Mixed")
    case .refuted: return (1, "False")
    case .unverifiable: return (0, "Unverifiable")
    default: return nil
    }
  }

  /// The claim in words, under 75 characters (Google's advice, to fit a phone's line).
  static func claimReviewed(_ claim: ResolvedClaim) -> String {
    let value = claim.claim.value
    let at = value.precision == .day ? "on" : "in"
    let name = claim.entity.name
    let text: String
    switch claim.claim.predicate {
    case .signed: text = "\(name) was signed \(at) \(value.display)"
    case .founded: text = "\(name) was founded \(at) \(value.display)"
    case .began: text = "\(name) began \(at) \(value.display)"
    case .ended: text = "\(name) ended \(at) \(value.display)"
    case .ratified: text = "\(name) was ratified \(at) \(value.display)"
    case .dissolved: text = "\(name) was dissolved \(at) \(value.display)"
    case .dated: text = "\(name) dates to \(value.display)"
    case .effective: text = "\(name) came into effect \(at) \(value.display)"
    case .other: text = "\(name): an event \(at) \(value.display)"
    }
    guard text.count >= 75 else { return text }
    return String(text.prefix(73)) + "…"
  }

  /// The JSON-LD array. `htmlSafe` writes <, > and & as escapes, for a `<script>` element.
  static func render(_ input: ReportInput, htmlSafe: Bool = true) -> Data {
    let settings = input.settings
    var json = PrettyJSON(capacity: input.ledger.review.verdicts.count * 700, htmlSafe: htmlSafe)
    json.beginArray()
    for claim in input.ledger.claims {
      guard let rating = rating(claim.status), let verdict = input.verdicts[claim.claim.id]?.last
      else { continue }
      json.beginObject()
      json.member("@context", "https://schema.org")
      json.member("@type", "ClaimReview")
      json.key("author")
      json.beginObject()
      json.member("@type", "Organization")
      json.member("name", settings.author ?? "")
      // Config load refuses other schemes; checked again where the link is written.
      json.member("url", settings.authorURL.flatMap(ReportInput.linkable))
      json.endObject()
      json.member("claimReviewed", claimReviewed(claim))
      json.member("datePublished", settings.datePublished ?? String(verdict.time.prefix(10)))
      json.key("itemReviewed")
      json.beginObject()
      json.member("@type", "Claim")
      json.key("appearance")
      json.beginObject()
      json.member("@type", "CreativeWork")
      json.member(
        "url", ReportInput.linkable((settings.documentsURL ?? settings.url ?? "") + claim.document))
      json.endObject()
      json.endObject()
      json.key("reviewRating")
      json.beginObject()
      json.member("@type", "Rating")
      json.member("alternateName", rating.name)
      json.member("bestRating", 5)
      json.member("ratingValue", rating.value)
      json.member("worstRating", 0)
      json.endObject()
      json.member("url", ReportInput.linkable((settings.url ?? "") + "#" + claim.claim.id))
      json.endObject()
    }
    json.endArray()
    return json.data
  }
}

import ClaimLedger
import Foundation

extension ReportInput {
  /// The report in a format, as bytes. ClaimReview needs `report.author` and `report.url` in
  /// `Claims/config.yaml`.
  public func render(_ format: ReportFormat, version: String) throws -> Data {
    switch format {
    case .html: return HTMLReport.render(self)
    case .markdown: return MarkdownReport.render(self)
    case .json: return JSONReport.render(self)
    case .csv: return CSVReport.render(self)
    case .sarif: return SARIFReport.render(self, version: version)
    case .claimreview:
      guard ClaimReviewReport.isConfigured(settings) else {
        throw LedgerError.invalidArgument(
          "Claims/config.yaml: error: ClaimReview needs 'report.author' (who publishes the fact"
            + " checks) and 'report.url' (the page that hosts them)")
      }
      return ClaimReviewReport.render(self, htmlSafe: true)
    }
  }
}

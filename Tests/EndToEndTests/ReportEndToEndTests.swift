import Foundation
import Testing

@Suite("claimledger check and report, end to end", .serialized)
struct ReportEndToEndTests {
  @Test("check: compiler diagnostics, exit 1 on the kinds named, 0 once they are settled")
  func check() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let failing = try run(["check"], in: folder)
    #expect(failing.status == 1)
    let lines = failing.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(
      lines.allSatisfy {
        $0.hasPrefix("docs/a.md:") && $0.contains(": warning: \"Treaty of Dover\"")
      })
    #expect(
      failing.stderr
        == "check: 2 conflict, 0 refuted, 0 contradicted, 3 unverified, 0 needs-review; failed on conflict\n"
    )
    // Only the kinds named fail the check; unverified claims are printed when named.
    #expect(try run(["check", "--fail-on", "refuted,needs-review"], in: folder).status == 0)
    let strict = try run(["check", "--fail-on", "unverified"], in: folder)
    #expect(strict.status == 1)
    #expect(strict.stdout.contains(": note: \"Peace of Westphalia\" signed 1648 is unverified"))
    let bad = try run(["check", "--fail-on", "conflicts"], in: folder)
    #expect(bad.status == 64)
    // A reviewer settles the conflict: the gate passes.
    let conflict = try conflictId(in: folder)
    #expect(
      try run(["verdict", conflict, "distinct-entities", "--reviewer", "Ann"], in: folder).status
        == 0)
    let passing = try run(["check"], in: folder)
    #expect(passing.status == 0)
    #expect(passing.stdout == "")
    #expect(passing.stderr.hasSuffix("; passed\n"))
    // A refuted claim fails it again, as an error.
    let id = try claimId(in: folder, year: "1648")
    #expect(try run(["verdict", id, "refuted", "--reviewer", "Ann"], in: folder).status == 0)
    let refuted = try run(["check", "--format", "json"], in: folder)
    #expect(refuted.status == 1)
    let json = try JSONSerialization.jsonObject(with: Data(refuted.stdout.utf8)) as! [String: Any]
    #expect(json["passed"] as? Bool == false)
    #expect((json["counts"] as! [String: Int])["refuted"] == 1)
  }

  @Test(
    "report: to standard output or a file; ClaimReview without settings and bad formats refused")
  func report() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let html = try run(["report", "--format", "html", "--output", "report.html"], in: folder)
    #expect(html.status == 0)
    #expect(html.stdout == "")
    #expect(html.stderr.hasPrefix("wrote report.html (html, "))
    let written = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    #expect(written.hasPrefix("<!doctype html>"))
    let csv = try run(["report", "--format", "csv"], in: folder)
    #expect(csv.status == 0)
    #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
    let claimReview = try run(["report", "--format", "claimreview"], in: folder)
    #expect(claimReview.status == 1)
    #expect(claimReview.stderr.contains("ClaimReview needs 'report.author'"))
    #expect(try run(["report", "--format", "pdf"], in: folder).status == 64)
  }
}

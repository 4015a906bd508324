import ClaimExtraction
import ClaimLedger
import ClaimVerification
import DateConflicts
import Foundation
import TestServers
import Testing

/// Flags a fact-checker can trust: conflicts and contradictions compare only what is
/// comparable. Every text here was written for these tests.
@Suite("Flags compare only what is comparable", .serialized)
struct PreciseFlagTests {
  func scanned(_ files: [String: String]) throws -> (TemporaryWorkspace, Ledger) {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    for (name, text) in files { try workspace.write("docs/" + name, text) }
    let report = try workspace.scan()
    return (workspace, report.ledger)
  }

  /// A reference page to serve: its source id, registered title, the subject it covers (none:
  /// every claim may be compared with it) and its HTML.
  typealias Page = (id: String, title: String, covers: String?, html: String)

  /// One document scanned, the pages served by nginx, registered, fetched, and verified.
  func verified(_ document: String, _ pages: [Page]) throws -> Ledger {
    let workspace = try TemporaryWorkspace(config: "schema: 1\ndocuments:\n  include: [docs]\n")
    try workspace.write("docs/a.md", document)
    try workspace.scan()
    let nginx = try Nginx(
      files: Dictionary(uniqueKeysWithValues: pages.map { ($0.id + ".html", Array($0.html.utf8)) }))
    let registry = SourceRegistry(workspace: workspace.workspace)
    for page in pages {
      try registry.add(
        Source(
          id: page.id, url: nginx.base + "/\(page.id).html", title: page.title,
          covers: page.covers.map { [$0] } ?? []))
    }
    _ = try FetchReferences(workspace: workspace.workspace).perform()
    try Verifier(workspace: workspace.workspace).perform()
    return try Ledger.load(workspace.workspace)
  }

  @Test("one day written Old Style and New Style is a note, not a conflict")
  func calendarPair() throws {
    let (_, ledger) = try scanned([
      "a.md": "The Treaty of Kardis was signed on 21 June 1661 by Sweden and Russia.",
      "b.md": "Sweden and Russia signed the Treaty of Kardis on 1 July 1661.",
      // Two days that are no calendar pair (11 days apart in the seventeenth century).
      "c.md": "The Treaty of Andrusovo was signed on 30 January 1667.",
      "d.md": "The Treaty of Andrusovo was signed on 10 February 1667.",
    ])
    #expect(ledger.conflicts.map(\.entity.name) == ["Treaty of Andrusovo"])
    #expect(ledger.calendarNotes.count == 1)
    let notes = ledger.calendarNotes.flatMap(\.diagnostics)
    #expect(notes.map(\.place) == ["docs/a.md:1:36", "docs/b.md:1:50"])
    #expect(notes.allSatisfy { $0.severity == .note && $0.code == "calendar" })
    #expect(
      notes[0].message
        == "\"Treaty of Kardis\" signed 21 June 1661 here and 1 July 1661 at docs/b.md:1:50: one day in two calendars: 21 June 1661 in the Julian calendar (Old Style) is 1 July 1661 in the Gregorian (New Style); the text does not mark 21 June 1661 as Old Style"
    )
  }

  @Test("the Julian offset grows by a day in 1700, 1800 and 1900")
  func julianOffsets() {
    func pair(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
      OldStyle.julianDay(a, gregorian: false) == OldStyle.julianDay(b, gregorian: true)
    }
    #expect(
      pair(
        CalendarDate(year: 1699, month: 12, day: 1), CalendarDate(year: 1699, month: 12, day: 11)))
    #expect(
      pair(CalendarDate(year: 1721, month: 8, day: 30), CalendarDate(year: 1721, month: 9, day: 10))
    )
    #expect(
      pair(CalendarDate(year: 1812, month: 8, day: 26), CalendarDate(year: 1812, month: 9, day: 7)))
    #expect(
      pair(
        CalendarDate(year: 1917, month: 10, day: 25), CalendarDate(year: 1917, month: 11, day: 7)))
    #expect(
      !pair(
        CalendarDate(year: 1917, month: 10, day: 25), CalendarDate(year: 1917, month: 11, day: 6)))
    // Before the Gregorian calendar there is no New Style to pair with.
    #expect(
      OldStyle.julianDay(CalendarDate(year: 1500, month: 1, day: 1), gregorian: true) == nil)
  }

  @Test("documents each set in the time of their own date suggest two treaties of one name")
  func sameNameDifferentTimes() throws {
    let (_, ledger) = try scanned([
      "turin-old.md": """
      The Nine Years' War lasted from 1688 to 1697. The Treaty of Turin was signed in 1696, \
      when Savoy left the Grand Alliance.
      """,
      "turin-new.md": """
      The Second Italian War of Independence was fought in 1859. The Treaty of Turin was \
      signed in 1860 and gave Nice and Savoy to France.
      """,
    ])
    #expect(ledger.conflicts.isEmpty)
    let notes = ledger.splitSuggestions.flatMap(\.diagnostics)
    #expect(notes.count == 2)
    #expect(notes.allSatisfy { $0.severity == .note && $0.code == "split" })
    #expect(
      notes.first?.message
        == "\"Treaty of Turin\" 1696 and 1860: possibly two different agreements of this name, each document consistent with itself (1696 beside Nine Years' War 1688–1697; 1860 beside Second Italian War of Independence 1859); if so, add a 'distinct' entry for Treaty of Turin to Claims/aliases.yaml (Treaty of Turin (1696), Treaty of Turin (1860)), else one of the dates is wrong"
    )
  }

  @Test("a conflict stays when one document gives both dates or the contexts agree")
  func sameNameConflictsKept() throws {
    // The wrong year's document is set in the time of the other date.
    let (_, agreeing) = try scanned([
      "a.md":
        "The First Carlist War lasted from 1833 to 1840. The Convention of Vergara was signed in 1839.",
      "b.md":
        "The Convention of Vergara was signed in 1939 and ended the First Carlist War, fought from 1833 to 1840.",
    ])
    // (The war's end, read from the wrong date too, conflicts with its span.)
    #expect(
      agreeing.conflicts.map(\.entity.name) == ["First Carlist War", "Convention of Vergara"])
    #expect(agreeing.splitSuggestions.isEmpty)
    // One document with both dates.
    let (_, both) = try scanned([
      "a.md":
        "The Nine Years' War ended in 1697. The Treaty of Turin was signed in 1696. Later the Treaty of Turin was signed in 1860."
    ])
    #expect(both.conflicts.count == 1)
    // A document with nothing else dated cannot tell.
    let (_, bare) = try scanned([
      "a.md": "The Treaty of Turin was signed in 1696.",
      "b.md": "The Treaty of Turin was signed in 1860.",
    ])
    #expect(bare.conflicts.count == 1)
  }

  @Test("two dates of one statement, and another treaty of the name the text sets apart")
  func oneStatementAndOtherOfName() throws {
    let (_, ledger) = try scanned([
      // A list of dates in one sentence is one statement, not a text at odds with itself.
      "a.md": "The Balkan League was formed by bilateral treaties in 1911 and 1912.",
      // "the second Treaty of X" is not the Treaty of X another document dates.
      "b.md": """
      France and Austria signed a defensive pact in 1756; the second Treaty of Aranjuez \
      followed in 1779.
      """,
      "c.md": "The Treaty of Aranjuez was signed in 1752 by Spain and Austria.",
      // Two sentences still conflict.
      "d.md":
        "The Treaty of Kiel was signed in 1814. Later, the Treaty of Kiel was signed in 1815.",
    ])
    #expect(ledger.conflicts.map(\.entity.name) == ["Treaty of Kiel"])
  }

  @Test("a war's span and its end by a treaty later that year are no conflict; another year is")
  func spanAndTreatyEnd() throws {
    let (_, ledger) = try scanned([
      // The fighting ran April to August; the treaty that ended the war came in December.
      "a.md":
        "The Fjord War (April–August 1898) was short.\n\nDecember 10, 1898 – The Treaty of Moss is signed, formally ending the Fjord War.\n",
      "b.md": "The Lake War (April–August 1898) was short. The Lake War ended in 1899.",
    ])
    #expect(ledger.conflicts.map(\.entity.name) == ["Lake War"])
  }

  @Test("every conflict message names the other places, a range against an end date too")
  func messageNamesOthers() throws {
    let (_, ledger) = try scanned([
      "a.md": "The Thirty Years' War lasted from 1618 to 1648.",
      "b.md": "The Thirty Years' War ended in 1650 with a last treaty.",
    ])
    let messages = ledger.conflicts.flatMap(\.diagnostics).map(\.message)
    #expect(
      messages == [
        "\"Thirty Years' War\" dated 1618–1648 here but ended 1650 at docs/b.md:1:32",
        "\"Thirty Years' War\" ended 1650 here but 1618–1648 at docs/a.md:1:35",
      ])
  }

  @Test("a reference's lead names its subject other ways; 'the prior Treaty of X' is another")
  func referenceNames() throws {
    let ledger = try verified(
      """
      The Treaty of Whampoa was signed on 24 October 1844.

      The Treaty of Brest-Litovsk was signed on 3 March 1918.

      The Pact of Steel was signed on 22 May 1939.

      The Rio Pact was dissolved in 2012 for some members.
      """,
      [
        // "(or Huangpu)": the treaty's other spelling, given right after its name.
        (
          "whampoa", "Treaty of Huangpu", "Treaty of Huangpu",
          """
          <h1>Treaty of Huangpu</h1>
          <p>The Treaty of Huangpu (or Whampoa) was a commercial treaty between France and \
          China. It was signed on 24 October 1844 aboard a French warship.</p>
          """
        ),
        // Another treaty of the name and year, set apart by "prior", dated differently.
        (
          "brest", "Treaty of Brest-Litovsk", "Treaty of Brest-Litovsk",
          """
          <h1>Treaty of Brest-Litovsk</h1>
          <p>The Treaty of Brest-Litovsk was signed on 3 March 1918 by Soviet Russia and the \
          Central Powers. Ukraine had made its own peace under the prior Treaty of \
          Brest-Litovsk (9 February 1918).</p>
          """
        ),
        // "… (ACR), better known as the …", after an infobox line: both are the page's subject.
        (
          "steel", "Pact of Friendship and Alliance between Germany and Italy", "Pact of Steel",
          """
          <h1>Pact of Friendship and Alliance between Germany and Italy</h1>
          <p>Signed | 22 May 1939 |</p>
          <p>The Pact of Friendship and Alliance between Germany and Italy (PFAGI), better \
          known as the Pact of Steel, was signed on 22 May 1939 in Berlin.</p>
          """
        ),
        // A page titled with a year: the identity is the treaty's signing, not its end.
        (
          "rio", "Rio Pact (1947)", "Rio Pact",
          "<h1>Rio Pact (1947)</h1><p>The Rio Pact is a defence agreement among American states.</p>"
        ),
      ])
    func suggestion(_ name: String) -> Suggestion? {
      ledger.claims.first { $0.entity.name == name }?.suggestion
    }
    #expect(suggestion("Treaty of Whampoa") == .supported)
    #expect(suggestion("Treaty of Brest-Litovsk") == .supported)
    #expect(suggestion("Pact of Steel") == .supported)
    // "dissolved in 2012" is no signing: the title's 1947 does not speak to it.
    let rio = try #require(ledger.claims.first { $0.entity.name == "Rio Pact" })
    #expect(rio.claim.predicate == .dissolved)
    #expect(rio.suggestion != .contradicted && rio.suggestion != .mixed)
  }

  @Test(
    "an unnamed event is supported by a sentence that tells it with its date, never contradicted")
  func unnamedEvents() throws {
    let ledger = try verified(
      """
      In 1848, Sardinia declared war on Austria.

      In 1866, the Prussian army defeated Austria at Königgrätz.
      """,
      [
        (
          "italy", "First Italian War of Independence", nil,
          """
          <h1>First Italian War of Independence</h1>
          <p>On 23 March 1848 Sardinia issued its declaration of war on Austria, hoping to unite \
          the north of Italy.</p>
          <p>Prussia defeated Austria at Königgrätz on 3 July 1867, a year that ended the war.</p>
          """
        )
      ])
    let events = ledger.claims.filter { $0.claim.rule == .event }
    #expect(events.count == 2)
    let war = try #require(events.first { $0.claim.value.edtf == "1848" })
    #expect(war.suggestion == .supported)
    // Told with another date: shown to the reviewer, but no contradiction.
    let battle = try #require(events.first { $0.claim.value.edtf == "1866" })
    #expect(battle.suggestion == .mentioned)
  }

  @Test("a date a reference gives another entity beside the subject does not contradict it")
  func referenceDatesOfOtherEntities() throws {
    let ledger = try verified(
      """
      The Treaty of Sèvres was signed on 10 August 1920.

      The Peace of Prague was signed on 30 May 1635.

      The Baghdad Pact was dissolved in 1979.
      """,
      [
        // An armistice dated in a clause about the treaty's background.
        (
          "sevres", "Treaty of Sèvres", "Treaty of Sèvres",
          """
          <h1>Treaty of Sèvres</h1>
          <p>The Armistice of Mudros, signed on 30 October 1918, ended the fighting in the east; \
          the treaty itself came much later.</p>
          <p>The Treaty of Sèvres was signed on 10 August 1920 by the Allies and the Ottoman \
          government.</p>
          """
        ),
        // An edict the treaty followed, dated in the treaty's sentence.
        (
          "prague", "Peace of Prague (1635)", "Peace of Prague",
          """
          <h1>Peace of Prague (1635)</h1>
          <p>The Peace of Prague followed the Edict of Restitution issued in 1629, which it \
          suspended for forty years.</p>
          """
        ),
        // An identity year is the pact's making: no contradiction of its dissolution.
        (
          "baghdad", "Baghdad Pact (1955)", "Baghdad Pact",
          "<h1>Baghdad Pact (1955)</h1><p>The Baghdad Pact was a defensive alliance.</p>"
        ),
      ])
    for claim in ledger.claims {
      #expect(claim.suggestion != .contradicted && claim.suggestion != .mixed, "\(claim)")
      let against = (ledger.review.evidence[claim.claim.id] ?? []).filter {
        $0.stance == .contradicts
      }
      #expect(against.isEmpty, "\(against)")
    }
    #expect(ledger.claims.first { $0.entity.name == "Treaty of Sèvres" }?.suggestion == .supported)
    #expect(ledger.claims.first { $0.entity.name == "Peace of Prague" }?.suggestion == .supported)
  }
}

import ClaimExtraction
import Testing

/// The ways AI-written history pages date their subjects, each on a few sentences written for
/// this test (none copied from a page).
@Suite("Claims as AI-written pages state them")
struct GenrePatternTests {
  @Test("a year right after the name, in prose and in headings")
  func yearAfterName() {
    #expect(
      claims("The Treaty of Karlowitz 1699 marked the retreat of the Ottomans.")
        == ["Treaty of Karlowitz|dated|1699"])
    #expect(
      claims("Treaty of Karlowitz 1699 and Its Impact on Hungary\n\nThe sultan lost much.")
        == ["Treaty of Karlowitz|dated|1699"])
    #expect(
      claims("Context and Significance of the Treaty of Karlowitz 1699\n\nThe sultan lost much.")
        == ["Treaty of Karlowitz|dated|1699"])
  }

  @Test("the date far from the name in the same clause")
  func farInClause() {
    #expect(
      claims("The Treaty of Rapallo was a surprising accord signed in 1922 by two outcasts.")
        == ["Treaty of Rapallo|signed|1922"])
    // An apposition names the subject again; the date is the subject's.
    #expect(
      claims(
        "The Holy League, officially known as the League of Linz, emerged on 5 March 1684 after Vienna."
      ) == ["Holy League|founded|1684-03-05"])
  }

  @Test("anaphora across sentences and clauses")
  func anaphora() {
    #expect(
      claims("The Edict of Nantes granted rights to Protestants. The Edict was issued in 1598.")
        == ["Edict of Nantes|founded|1598"])
    #expect(
      claims("The Crimean War set Russia against three powers. The war lasted from 1853 to 1856.")
        == ["Crimean War|dated|1853/1856"])
    // One date, two subjects: the alliance and the treaty that made it.
    #expect(
      claims(
        "The Grand Alliance opposed Louis XIV. This alliance was established in 1689 through the Treaty of Vienna."
      ) == ["Grand Alliance|founded|1689", "Treaty of Vienna|signed|1689"])
    // "the conflict" is the war named before, not the last event of any kind.
    #expect(
      claims(
        "The Eighty Years War freed the Dutch. After the Siege of Leiden, peace came slowly. The conflict began in 1568."
      ) == ["Eighty Years War|began|1568"])
  }

  @Test("relative clauses and ranges")
  func relativeClauses() {
    #expect(
      claims("During the Eighty Years War, which lasted from 1568 to 1648, Spain lost the north.")
        == ["Eighty Years War|dated|1568/1648"])
    #expect(
      claims("The Seven Years War, which erupted in 1756 and lasted until 1763, spread widely.")
        == ["Seven Years War|began|1756", "Seven Years War|ended|1763"])
    #expect(
      claims("The Great Northern War (1700–1721) reshaped the Baltic.")
        == ["Great Northern War|dated|1700/1721"])
  }

  @Test("a year before the event noun")
  func yearBefore() {
    #expect(
      claims("Few remember the 1713 Treaty of Utrecht today.") == ["Treaty of Utrecht|dated|1713"])
    #expect(
      claims("The airlift answered the 1948 blockade of Berlin.")
        == ["blockade of Berlin|dated|1948"])
    // A dated bare noun with no name of its kind before is its own subject.
    #expect(claims("Talks ended the 1992–95 war at last.") == ["1992–95 war|dated|1992/1995"])
  }

  @Test("headings, list items and labels that lead with the date")
  func layout() {
    #expect(
      claims("1954 – The Geneva Accords are Signed:\nThe conference ended in July.")
        == ["Geneva Accords|signed|1954"])
    #expect(
      claims("The Little Entente\n\n• 1920 and 1921 – treaties binding Prague to Bucharest\n")
        == ["Little Entente|dated|1920", "Little Entente|dated|1921"])
    #expect(
      claims("The Treaty of Trianon\n\nWhen: June 4, 1920\nWhere: Versailles\n")
        == ["Treaty of Trianon|dated|1920-06-04"])
    #expect(
      claims("## The Treaty of Frankfurt\n\n**Date:** 10 May 1871\n**Parties:** France\n")
        == ["Treaty of Frankfurt|dated|1871-05-10"])
    // A date alone on a line dates what the next line states.
    #expect(
      claims("4 June 1920\n\nHungary signs the Treaty of Trianon in a palace hall.")
        == ["Treaty of Trianon|signed|1920-06-04"])
  }

  @Test("names without a kind the old recogniser knew")
  func names() {
    let text =
      "The Thirty Years War, the Golden Bull, the Eisenhower Doctrine, the Marshall Plan, the Berlin Blockade, the Little Entente, the Crimean War and Hague Convention II."
    let found = extract(text).entities.map { "\($0.text)|\($0.kind.rawValue)" }
    #expect(
      found == [
        "Thirty Years War|event", "Golden Bull|agreement", "Eisenhower Doctrine|agreement",
        "Marshall Plan|agreement", "Berlin Blockade|event", "Little Entente|agreement",
        "Crimean War|event", "Hague Convention II|agreement",
      ])
    #expect(claims("The Golden Bull of 1356 fixed the election.") == ["Golden Bull|dated|1356"])
    #expect(
      claims("The Marshall Plan was announced in June 1947.") == ["Marshall Plan|founded|1947-06"])
    // A lower-case kind noun after a name, and a lower-case head before "of".
    #expect(
      claims("In 1854, France and Britain joined the Crimean war.") == ["Crimean war|other|1854"])
    #expect(
      claims("The battle of the Alma took place on 20 September 1854.")
        == ["battle of the Alma|dated|1854-09-20"])
  }

  @Test("a date without a year takes the year before and is marked inferred, never a claim")
  func inferredDate() {
    let extraction = extract("The war began in 1914. On 7 August, French troops entered Alsace.")
    let inferred = extraction.dates.filter(\.inferred)
    #expect(inferred.map(\.value.edtf) == ["1914-08-07"])
    #expect(inferred.first?.value.precision == .day)
    #expect(extraction.claims.allSatisfy { !$0.date.inferred })
    // A year far back does not lend itself.
    let far = String(repeating: "The armies marched and waited and marched again. ", count: 8)
    #expect(extract("It began in 1914. " + far + "On 7 August, they stopped.").dates.count == 1)
  }

  @Test("a withdrawal, a renewal or an entry is another event, not the subject's date")
  func otherEvents() {
    #expect(
      claims("The Baghdad Pact was signed in 1955. Iraq withdrew from the Baghdad Pact in 1959.")
        == ["Baghdad Pact|signed|1955", "Baghdad Pact|other|1959"])
    #expect(
      claims("The Triple Alliance was renewed in 1902.") == ["Triple Alliance|other|1902"])
    #expect(
      claims("The Treaty of Lisbon entered into force on 1 December 2009.")
        == ["Treaty of Lisbon|effective|2009-12-01"])
  }

  @Test("a date goes to the entity it is about, not to the nearest name")
  func aboutNotNearest() {
    #expect(
      claims("The Treaty of Dunkirk: A Precursor to the Western Union (1947)\n\nBritain signed.")
        == ["Treaty of Dunkirk|dated|1947"])
    #expect(claims("The Treaty of Ghent: Ending the War of 1812\n\nIt was signed late.").isEmpty)
    // A place between the name and the date is where, not what.
    #expect(
      claims("Its model was the creation of the Electoral College in the United States in 1787.")
        == ["Electoral College|founded|1787"])
    // A clause joined by "and" has its own subject.
    #expect(
      claims("The Brussels Treaty bound five states, and the Warsaw Pact in 1955 bound eight.")
        == ["Warsaw Pact|dated|1955"])
  }

  @Test("an agreement that ends a named war dates the war's end, within its clause")
  func consequences() {
    #expect(
      claims("The Treaty of Nystad, signed on 10 September 1721, ended the Great Northern War.")
        == ["Treaty of Nystad|signed|1721-09-10", "Great Northern War|ended|1721-09-10"])
    #expect(
      claims(
        "The Treaty of Paris in 1783 freed the colonies, twenty years after another treaty had ended the Seven Years War."
      ) == ["Treaty of Paris|dated|1783"])
  }

  @Test("sloppy and translated prose: lower-case names, dates 'to' a beginning, adjectives")
  func sloppyProse() {
    #expect(
      claims("The peace of Pressburg was concluded the 26 December 1805 between two emperors.")
        == ["peace of Pressburg|signed|1805-12-26"])
    #expect(
      claims("Scholars date the beginning of the Hundred Years War to 1337 and little else.")
        == ["Hundred Years War|began|1337"])
    // "to" after a verb that does not date is no claim.
    #expect(claims("The Hundred Years War moved the border to 1337 lines.").isEmpty)
    #expect(
      claims("The Hundred Years War wore France down. The long struggle ended in 1453.")
        == ["Hundred Years War|ended|1453"])
    #expect(
      claims("The Congress of Paris (1856) – the great powers ended the Crimean War there.")
        == ["Congress of Paris|dated|1856", "Crimean War|ended|1856"])
  }

  @Test("dates put first: clefts, 'the year … saw', long openings, participles")
  func datesFirst() {
    #expect(
      claims("It was in 1920 that the League of Nations met for the first time.")
        == ["League of Nations|dated|1920"])
    #expect(
      claims("The year 1925 saw the signing of the Locarno Treaties.")
        == ["Locarno Treaties|signed|1925"])
    #expect(
      claims(
        "Seventy years ago this week, on 4 April 1949, twelve nations signed the North Atlantic Treaty."
      )
        == ["North Atlantic Treaty|signed|1949-04-04"])
    #expect(
      claims(
        "Why did it fail? Formed in May 1955 as an answer to the West, the Warsaw Pact bound eight states."
      )
        == ["Warsaw Pact|founded|1955-05"])
    #expect(
      claims("Between 1803 and 1815, the Napoleonic Wars made them enemies.")
        == ["Napoleonic Wars|dated|1803/1815"])
    #expect(
      claims("In the year 1066, William of Normandy invaded England.")
        == ["William of Normandy invaded England|dated|1066"])
  }

  @Test("a subordinate clause has its own subject; 'broke apart' is a dissolution")
  func subordinateClauses() {
    #expect(
      claims(
        "The Warsaw Pact was dissolved on 1 July 1991, months before the Soviet Union broke apart in December 1991."
      )
        == ["Warsaw Pact|dissolved|1991-07-01", "Soviet Union|dissolved|1991-12"])
  }

  @Test("a row of a Markdown table dates the row's name")
  func tableRows() {
    let table =
      "| Treaty | Date |\n|---|---|\n| Treaty of Kiel | 14 January 1814 |\n| Convention of Moss | 14 August 1814 | Norway yields |\n"
    #expect(
      claims(table) == ["Treaty of Kiel|dated|1814-01-14", "Convention of Moss|dated|1814-08-14"])
  }

  @Test("list items, drafts, messages and their publication")
  func documentsAndListItems() {
    #expect(
      claims("Key Takeaways\n- The Concert of Europe lasted, in one form or another, until 1914.\n")
        == ["Concert of Europe|ended|1914"])
    #expect(
      claims("The North Atlantic Treaty binds its members. The treaty was drafted in early 1949.")
        == ["North Atlantic Treaty|other|1949"])
    #expect(
      claims(
        "The Zimmermann Telegram was a secret message sent by Germany in January 1917. Its publication in March 1917 changed American opinion."
      ) == ["Zimmermann Telegram|other|1917-01", "Zimmermann Telegram|other|1917-03"])
  }

  @Test("wars brought to a close, timelines in Markdown, repeated verb phrases")
  func moreConsequences() {
    #expect(
      claims(
        "The Treaty of Utrecht, concluded in 1713, brought the War of the Spanish Succession to a close."
      ) == ["Treaty of Utrecht|signed|1713", "War of the Spanish Succession|ended|1713"])
    #expect(
      claims(
        "Timeline\n**1756** — Outbreak of the Seven Years War\n**1763** — Treaty of Paris ends the war\n"
      )
        == [
          "Seven Years War|began|1756", "Treaty of Paris|signed|1763", "Seven Years War|ended|1763",
        ])
    #expect(
      claims(
        "The Senate rejected the Treaty of Versailles in November 1919 and again in March 1920.")
        == ["Treaty of Versailles|other|1919-11", "Treaty of Versailles|other|1920-03"])
    // A cue right after a heading's date speaks for it.
    #expect(
      claims(
        "The Treaty of Guadalupe Hidalgo Ends the Mexican War (March 10, 1848 – Ratification)\n\nText."
      )
        == ["Treaty of Guadalupe Hidalgo|ratified|1848-03-10"])
    // A ratification that "officially ended" a war is not the war's end date.
    #expect(
      claims(
        "The Mexican War raged on. On March 10, 1848, the Senate ratified the Treaty of Guadalupe Hidalgo, ending the war."
      )
        == ["Treaty of Guadalupe Hidalgo|ratified|1848-03-10"])
  }

  @Test("quiz answers and appositions after 'officially'")
  func answersAndAppositions() {
    #expect(
      claims("Q. In which year did the Battle of Lepanto take place?\nA. 1571.\n")
        == ["Battle of Lepanto|dated|1571"])
    #expect(
      claims(
        "The Warsaw Pact, officially the Treaty of Friendship, was established in May 1955. The alliance was dissolved in 1991."
      ) == ["Warsaw Pact|founded|1955-05", "Warsaw Pact|dissolved|1991"])
  }

  @Test("lists that share a verb, clauses after 'that', agents past a comma")
  func sharedVerbs() {
    #expect(
      claims("In short: the Schengen Agreement was signed in 1985, the Maastricht Treaty in 1992.")
        == ["Schengen Agreement|signed|1985", "Maastricht Treaty|dated|1992"])
    #expect(
      claims(
        "Historians agree that the Peloponnesian War started in 431 BC and lasted until 404 BC.")
        == ["Peloponnesian War|began|-0430", "Peloponnesian War|ended|-0403"])
    #expect(
      claims(
        "The Spanish War was short. It was formally ended by the Treaty of Paris, signed on 10 December 1898."
      ) == ["Treaty of Paris|signed|1898-12-10", "Spanish War|ended|1898-12-10"])
    // "until" before a name is a preposition, not the name's end.
    #expect(
      claims("The court refused to ratify it until the Convention of Peking in October 1860.")
        == ["Convention of Peking|dated|1860-10"])
  }

  @Test("coordinated names, clauses after 'after', years of two digits BC")
  func coordinationAndEras() {
    #expect(
      claims(
        "There were two: the Treaty of Münster and the Treaty of Osnabrück, both of which were signed in October 1648."
      ) == ["Treaty of Osnabrück|signed|1648-10", "Treaty of Münster|signed|1648-10"])
    #expect(
      claims(
        "The Boxer Protocol was signed on 7 September 1901, a year after the Siege of the International Legations ended in August 1900."
      ) == [
        "Boxer Protocol|signed|1901-09-07", "Siege of the International Legations|ended|1900-08",
      ])
    #expect(
      claims("On this date in 31 BC, the Battle of Actium decided the war.") == [
        "Battle of Actium|dated|-0030"
      ])
  }

  @Test("charters reissued in lists of years, participles before the subject, no comma")
  func chartersAndParticiples() {
    #expect(
      claims(
        "King John sealed the Magna Carta on 15 June 1215. It was reissued in 1216, 1217 and 1225."
      ) == [
        "Magna Carta|signed|1215-06-15", "Magna Carta|other|1216", "Magna Carta|other|1217",
        "Magna Carta|other|1225",
      ])
    #expect(
      claims(
        "The Eighty Years War was long. Beginning in 1568 as a revolt, it only came to an end with the Peace of Münster in 1648."
      ) == [
        "Eighty Years War|began|1568", "Peace of Münster|dated|1648", "Eighty Years War|ended|1648",
      ])
    #expect(
      claims("Trade grew; in 1529 the Treaty of Zaragoza defined the antimeridian.")
        == ["Treaty of Zaragoza|dated|1529"])
  }

  @Test("objects of dating verbs, negative clefts, names after a kind noun")
  func objectsAndClefts() {
    #expect(
      claims(
        "Understanding the Monroe Doctrine\n\nPresident James Monroe announced the doctrine in his annual message in December 1823."
      ) == ["Monroe Doctrine|founded|1823-12"])
    // Another dating verb between the object and the date takes the date.
    #expect(
      !claims(
        "The Treaty of Ghent ended the war. President Madison signed the treaty and exchanged ratified copies on February 17, 1815."
      ).contains("Treaty of Ghent|signed|1815-02-17"))
    #expect(
      claims("It wasn't until 1955 that the Austrian State Treaty restored Austria's independence.")
        == ["Austrian State Treaty|dated|1955"])
    // "the bull Inter caetera" names a bull; it stands for no agreement named before.
    #expect(
      claims(
        "The Treaty of Tordesillas came later. The Pope issued the bull Inter caetera in 1493."
      )
      .isEmpty)
  }

  @Test("times of year before the date, possessive names, longer openings of events")
  func timesOfYear() {
    #expect(
      claims("In the summer of 1815, the Congress of Vienna completed its work.")
        == ["Congress of Vienna|dated|1815"])
    #expect(
      claims("NATO's first Secretary General took office in 1952, long after the treaty.").isEmpty)
    #expect(
      claims("On the morning of 1 September 1939, German forces crossed into Poland.")
        == ["German forces crossed into Poland|dated|1939-09-01"])
  }

  @Test("an event without a name, told by a clause with a named actor")
  func unnamedEvents() {
    #expect(
      claims("In 1812, Napoleon invaded Russia, crossing the Neman.") == [
        "Napoleon invaded Russia|dated|1812"
      ])
    #expect(
      claims("After a long march, U.S. troops captured Mexico City in September 1847.")
        == ["U.S. troops captured Mexico City|dated|1847-09"])
    // No actor or place named: nothing to check.
    #expect(claims("Troops arrived in 1944 and stayed.").isEmpty)
    // Whose event it is stands before a relative pronoun: not read.
    #expect(claims("Britain took the port, which only returned to Chinese rule in 1997.").isEmpty)
  }
}

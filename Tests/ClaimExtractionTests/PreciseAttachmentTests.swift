import ClaimExtraction
import Testing

/// "A date goes to the thing it dates": each rule on sentences written for this test, with a
/// variant where the rule must not fire, so it is shown not to over-reach.
@Suite("Precise attachment: a date goes to the thing it dates")
struct PreciseAttachmentTests {
  @Test("a date bound tightly to a name dates no other name of the clause")
  func tightPostModifier() {
    // "X of 1668": the year is the name's own; the verb before it is another act.
    #expect(
      claims("The Treaty of Fontainebleau also renewed the Treaty of Madrid of 1526.")
        == ["Treaty of Madrid|dated|1526"])
    // The year after "of" is the name's own even when the name is a verb's agent.
    #expect(
      claims(
        "The Treaty of Rome was signed in 1957. It was amended by the Single European Act of 1986.")
        == ["Treaty of Rome|signed|1957", "Single European Act|dated|1986"])
    // "X, concluded in 1678,": a participle set off by commas.
    #expect(
      claims("The Peace of Rijswijk restored the Treaty of Nijmegen, concluded in 1678, to force.")
        == ["Treaty of Nijmegen|signed|1678"])
    #expect(
      claims("The Peace of Rijswijk restored the Treaty of Nijmegen (1678) to full force.")
        == ["Treaty of Nijmegen|dated|1678"])
    // The war the clause says the agreement ended is still dated by it.
    #expect(
      claims("The Second Anglo-Dutch War ended with the Treaty of Breda, signed in 1667.")
        == ["Treaty of Breda|signed|1667", "Second Anglo-Dutch War|ended|1667"])
    #expect(
      claims("The Anglo-Spanish War ended with the Treaty of London, which was signed in 1604.")
        == ["Treaty of London|signed|1604", "Anglo-Spanish War|ended|1604"])
    // Its entry into force is not when the war ended.
    #expect(
      claims("The Anglo-Spanish War ended with the Treaty of London, which took effect in 1605.")
        == ["Treaty of London|effective|1605"])
    #expect(
      claims("The Treaty of Madrid renewed the Treaty of London, which was signed in 1604.")
        == ["Treaty of London|signed|1604"])
    // A participle that cannot be said of the last name is not bound to it: a league is not
    // signed, so the treaty the clause is about is.
    #expect(
      claims(
        "The Peace of Prague was a treaty between the Emperor, the Elector of Saxony, and the Catholic League, signed on 30 May 1635."
      ).contains("Peace of Prague|signed|1635-05-30"))
  }

  @Test("a verb that cannot be said of a name does not date it")
  func verbFitsKind() {
    #expect(
      claims("The Treaty of Karlowitz, concluded after the Battle of Zenta, was signed in 1699.")
        == ["Treaty of Karlowitz|signed|1699"])
    #expect(
      claims("The Battle of Zenta was fought in 1697.") == ["Battle of Zenta|dated|1697"])
  }

  @Test("a date in a result phrase belongs to what the phrase names")
  func resultPhrase() {
    #expect(
      claims(
        "The Treaty of Campo Formio was signed by Austria, leading to the War of the Second Coalition in 1798."
      ) == ["War of the Second Coalition|dated|1798"])
    // Nothing named in the phrase: nothing dated, not the clause's subject.
    #expect(
      claims(
        "The Treaty of Campo Formio was signed by Austria, leading to the collapse of the old republic in 1797."
      ).isEmpty)
    #expect(
      claims(
        "The Treaty of Pressburg humbled Austria and paved the way for the creation of the Confederation of the Rhine in 1806."
      ) == ["Confederation of the Rhine|founded|1806"])
    // A result phrase closed by a comma before the date does not hold it.
    #expect(
      claims("The Crimean War, which resulted in heavy losses on both sides, ended in 1856.")
        == ["Crimean War|ended|1856"])
    #expect(
      claims("The Treaty of Campo Formio was signed in 1797, giving rise to a new republic.")
        == ["Treaty of Campo Formio|signed|1797"])
  }

  @Test("an explicit noun phrase that names nothing blocks attachment to another name")
  func unnamedNounPhrase() {
    // "the armistice" after a treaty: no armistice was named, so it is its own unnamed thing.
    #expect(
      claims(
        "The Treaty of Bucharest took Romania out of the war. The armistice, agreed on 9 December 1917, stopped the fighting."
      ).isEmpty)
    #expect(
      claims(
        "The Armistice of Focșani took Romania out of the war. The armistice, agreed on 9 December 1917, stopped the fighting."
      ) == ["Armistice of Focșani|signed|1917-12-09"])
    // An unnamed agreement still dates the end of the war the clause says it ended.
    #expect(
      claims("The Franco-Prussian War ended with an armistice signed on 28 January 1871.")
        == ["Franco-Prussian War|ended|1871-01-28"])
    // A specific noun stands for a name headed by a word of its own group …
    #expect(
      claims("The Yalta Conference met in the Crimea. The summit was held in February 1945.")
        == ["Yalta Conference|dated|1945-02"])
    #expect(
      claims("The Siege of Plevna began in July 1877. The battle ended in December 1877.")
        == ["Siege of Plevna|began|1877-07", "Siege of Plevna|ended|1877-12"])
    // … not for another sort of event of the same kind.
    #expect(
      claims("The Russo-Turkish War began in 1877. The battle ended in December 1877.")
        == ["Russo-Turkish War|began|1877"])
    #expect(
      claims(
        "The Battle of Valcour Island was fought on a lake. The invasion ended in failure in 1776."
      ).isEmpty)
    // An ordinal or "earlier" sets the thing apart from the name before …
    #expect(
      claims(
        "The Second Peace of Thorn was signed in 1466. The first treaty, concluded in 1411, had been milder."
      ) == ["Second Peace of Thorn|signed|1466"])
    // … unless the name says the same.
    #expect(
      claims(
        "The Second Peace of Thorn was signed in 1466 after long talks. The second peace, concluded in October 1466, lasted."
      ) == ["Second Peace of Thorn|signed|1466", "Second Peace of Thorn|signed|1466-10"])
    // A generic noun still stands for a differently headed name of its kind.
    #expect(
      claims("The Peace of Utrecht ended a long war. The treaty was signed in 1713.")
        == ["Peace of Utrecht|signed|1713"])
    // A noun phrase with a participle of its own keeps the date from the clause's subject …
    #expect(
      claims("The Peace of Alais was signed in 1629. It confirmed the decree issued in 1598.")
        == ["Peace of Alais|signed|1629"])
    // … but a predicate noun describes the subject.
    #expect(
      claims("The Edict of Nantes was a decree issued in 1598.") == ["Edict of Nantes|founded|1598"]
    )
    // Past a verb, a name after a preposition is inside the subject's phrase.
    #expect(
      claims(
        "The Treaty of Versailles was blamed for the Second World War. A spirited defence of the treaty during the war came in 1941."
      ) == ["Treaty of Versailles|other|1941"])
    #expect(claims("Fighting in the Crimean War lasted until 1856.") == ["Crimean War|ended|1856"])
  }

  @Test("a date after a name the clause is dated against is that name's")
  func datedAgainst() {
    #expect(
      claims(
        "The Treaty of Vereeniging was signed in a tent, just after the Battle of Tweebosch in March 1902."
      )
        == ["Battle of Tweebosch|dated|1902-03"])
    // "After the defeat in 1871, …": the date is the defeat's, the clause only comes after it.
    #expect(claims("After the defeat in 1871, France signed the Treaty of Frankfurt.").isEmpty)
    #expect(
      claims("After its signing in 1871, the Treaty of Frankfurt was resented.")
        == ["Treaty of Frankfurt|signed|1871"])
    #expect(
      claims("This Week in History: On 10 May 1871, France signed the Treaty of Frankfurt.")
        == ["Treaty of Frankfurt|signed|1871-05-10"])
    #expect(
      claims("In 1871, France signed the Treaty of Frankfurt.")
        == ["Treaty of Frankfurt|signed|1871"])
    // "the armistice of January 1871": a date after "of" belongs to the unnamed thing …
    #expect(
      claims(
        "The Treaty of Frankfurt, which followed the armistice of January 1871, was signed in May 1871."
      )
        == ["Treaty of Frankfurt|signed|1871-05"])
    // … not to a time of year.
    #expect(
      claims("In the summer of 1815, the Congress of Vienna completed its work.")
        == ["Congress of Vienna|dated|1815"])
  }

  @Test("qualified predicates and acts done to an entity by others are 'other'")
  func qualifiedPredicates() {
    #expect(
      claims("The Hundred Years' War dragged on for decades. A truce paused the war in 1389.")
        == ["Hundred Years' War|other|1389"])
    #expect(
      claims("The Treaty of Lausanne was initialled on 24 July 1923.")
        == ["Treaty of Lausanne|other|1923-07-24"])
    #expect(
      claims("The Treaty of Lausanne was signed on 24 July 1923.")
        == ["Treaty of Lausanne|signed|1923-07-24"])
    #expect(
      claims("The Treaty of Locarno was first proposed in 1924.")
        == ["Treaty of Locarno|other|1924"])
    #expect(
      claims("Italy adhered to the Anti-Comintern Pact in 1937.")
        == ["Anti-Comintern Pact|other|1937"])
    #expect(
      claims("Greece rejoined the Balkan Entente in 1936.") == ["Balkan Entente|other|1936"])
    #expect(
      claims("The Anti-Comintern Pact was signed in 1936.") == ["Anti-Comintern Pact|signed|1936"])
    // Acts done to the entity by someone else, with a verb that dates nothing.
    #expect(
      claims("A librarian copied a portion of the Treaty of Verdun in 1850.")
        == ["Treaty of Verdun|other|1850"])
    #expect(
      claims("A historian studied the Treaty of Lausanne in 1950.")
        == ["Treaty of Lausanne|other|1950"])
    #expect(
      claims("The Treaty of Verdun was translated in 1850.") == ["Treaty of Verdun|other|1850"])
    #expect(
      claims("Historians have studied the Treaty of Lausanne since 1950.")
        == ["Treaty of Lausanne|other|1950"])
    // A verb by which the agreement is made gives no act of another's.
    #expect(
      claims("Napoleon imposed the Treaty of Tilsit in 1807.") == ["Treaty of Tilsit|dated|1807"])
    #expect(
      claims("The Treaty of Tilsit was imposed in July 1807.")
        == ["Treaty of Tilsit|dated|1807-07"])
    // A year before the name is the name's own, whatever the verb.
    #expect(
      claims("Historians studied the 1923 Treaty of Lausanne.")
        == ["Treaty of Lausanne|dated|1923"])
  }

  @Test("an agreement that ends something was signed; one that ends itself ended")
  func agreementThatEnds() {
    #expect(
      claims("The Treaty of Lunéville ended the fighting in 1801.")
        == ["Treaty of Lunéville|signed|1801"])
    #expect(
      claims("The Treaty of Lunéville, which ended the fighting in 1801, was harsh.")
        == ["Treaty of Lunéville|signed|1801"])
    #expect(
      claims("In 1801, the Treaty of Lunéville ended the war on the continent.")
        == ["Treaty of Lunéville|signed|1801"])
    #expect(claims("The Treaty of Amiens ended in 1803.") == ["Treaty of Amiens|ended|1803"])
    // One that founds something was signed; the founding is the object's.
    #expect(
      claims("The Treaty of Rome established the European Economic Community in 1957.")
        == ["European Economic Community|founded|1957", "Treaty of Rome|signed|1957"])
    // A peace that broke down did not break out.
    #expect(
      claims("The Peace of Amiens was signed in 1802 and broke down in 1803.")
        == ["Peace of Amiens|signed|1802", "Peace of Amiens|dissolved|1803"])
  }

  @Test("a war ends with the agreement's signing, not with an act before or beside it")
  func consequencesOfActs() {
    #expect(
      claims(
        "The Treaty of Bucharest, initialled on 3 August 1913 and signed on 10 August 1913, ended the Second Balkan War."
      ) == [
        "Treaty of Bucharest|other|1913-08-03", "Treaty of Bucharest|signed|1913-08-10",
        "Second Balkan War|ended|1913-08-10",
      ])
  }

  @Test("a span dates no consequence; a part or the news of an entity is an act on it")
  func spansAndParts() {
    // The war's own span is not the day an agreement was signed.
    #expect(
      claims("The Great Northern War (1700–1721) ended with the Treaty of Nystad.")
        == ["Great Northern War|dated|1700/1721"])
    // The date may stand between the war's end and the agreement it ended in.
    #expect(
      claims("The Great Northern War ended on 30 August 1721 with the Treaty of Nystad.")
        == ["Great Northern War|ended|1721-08-30", "Treaty of Nystad|signed|1721-08-30"])
    #expect(
      claims("The Treaty of Nystad (1721) ended the Great Northern War.")
        == ["Treaty of Nystad|dated|1721", "Great Northern War|ended|1721"])
    #expect(
      claims(
        "The Treaty of Ghent was signed on 24 December 1814. News of the treaty reached Washington in February 1815."
      ) == ["Treaty of Ghent|signed|1814-12-24", "Treaty of Ghent|other|1815-02"])
    // "the peace congress" is a congress, not the peace named before.
    #expect(
      claims(
        "The Peace of Westphalia was concluded in 1648. The peace congress had opened in 1643."
      ) == ["Peace of Westphalia|signed|1648"])
  }

  @Test("an agreement that acts, as the agent of a passive verb, is dated by the act")
  func agreementAsAgent() {
    #expect(
      claims(
        "The long war in the north was over, sealed by the Treaty of Nystad on 30 August 1721.")
        == ["Treaty of Nystad|dated|1721-08-30"])
    #expect(
      claims("In 1529, the line in the Pacific was fixed by the Treaty of Zaragoza.")
        == ["Treaty of Zaragoza|dated|1529"])
    #expect(
      claims(
        "The Washington Naval Treaty was signed in 1922, and it was followed by the London Naval Treaty in 1930."
      ) == ["Washington Naval Treaty|signed|1922", "London Naval Treaty|dated|1930"])
    // A verb that can be said of the clause's subject dates the subject, not the agreement.
    #expect(
      claims(
        "The League of Nations, established by the Treaty of Versailles in 1920, kept the peace."
      ) == ["League of Nations|founded|1920"])
    // A war concluded by an agreement dates both.
    #expect(
      claims(
        "The War of the Austrian Succession was concluded by the Treaty of Aix-la-Chapelle in 1748."
      )
        == ["War of the Austrian Succession|ended|1748", "Treaty of Aix-la-Chapelle|signed|1748"])
    // A body that acts is no agreement, though "convention" names both: the act is not its date.
    #expect(claims("The new tax was adopted by the National Convention in 1793.").isEmpty)
    #expect(claims("In 1793, the new tax was adopted by the National Convention.").isEmpty)
  }

  @Test("a list item that tells its own event does not date the section's topic")
  func listItemsUnderTopic() {
    #expect(
      claims(
        "Treaty of Frankfurt (1871)\n\n- 1870: Prussia captures Metz\n- 1871 – Siege of Belfort\n- 1871: Signed at Frankfurt"
      ) == [
        "Treaty of Frankfurt|dated|1871", "Siege of Belfort|dated|1871",
        "Treaty of Frankfurt|dated|1871",
      ])
    #expect(claims("Treaty of Frankfurt\n\n1870\nPrussia captures Metz.").isEmpty)
    // A verb of its own, even a dating one, about something else: not the topic's date …
    #expect(
      claims(
        "Treaty of Frankfurt\n\n- 1870: Fighting begins at Wissembourg\n- 1871: Preliminary terms signed"
      ).isEmpty)
    // A date that leads its line is not the end of the line before.
    #expect(
      claims(
        "Timeline\n\n1866 – Prussia occupies the northern duchies\n1870 – France and Prussia go to war"
      ).isEmpty)
    // … but a thing of the topic's kind is the topic.
    #expect(
      claims("Treaty of Frankfurt\n\n- 1871: France and Germany sign the treaty")
        == ["Treaty of Frankfurt|dated|1871"])
    #expect(
      claims("Treaty of Frankfurt\n\n1871\nSigned at Frankfurt by France and Germany.")
        == ["Treaty of Frankfurt|dated|1871"])
  }

  @Test("a fronted participle dates the anaphor it opens, with an adjective too")
  func frontedAnaphor() {
    #expect(
      claims(
        "Few accords matter as much as the Treaty of Zaragoza. Signed on 22 April 1529, this pivotal accord split the Pacific."
      ) == ["Treaty of Zaragoza|signed|1529-04-22"])
    // A noun phrase that is no anaphor takes nothing.
    #expect(
      claims("The Treaty of Zaragoza split the Pacific. In 1529, the famous line was drawn.")
        .isEmpty)
  }

  @Test("an answer's pronoun is the question's subject")
  func answers() {
    #expect(
      claims("Q: When was the Treaty of Karlowitz signed?\nA: It was signed in 1699.")
        == ["Treaty of Karlowitz|signed|1699"])
    // The question's date is its own, and a pronoun elsewhere still needs a subject position.
    #expect(claims("Q: Who signed the Treaty of Karlowitz?\nA: Delegates signed in 1699.").isEmpty)
  }

  @Test("reference pages: the page's entity takes no date of another thing")
  func referencePages() {
    #expect(
      claims(
        "Peace of Alais\n\nThe Peace of Alais was an agreement signed in 1629 with the Huguenots. The peace followed the edict issued in 1598."
      ) == ["Peace of Alais|signed|1629"])
    #expect(
      claims(
        "Treaty of Trianon\n\nThe Treaty of Trianon was signed on 4 June 1920. The Armistice of Villa Giusti, signed on 3 November 1918, ended the fighting; the treaty itself came later."
      ) == ["Treaty of Trianon|signed|1920-06-04", "Armistice of Villa Giusti|signed|1918-11-03"])
    #expect(
      claims(
        "Peace of Alais\n\nThe Peace of Alais was signed in 1629. The peace followed the Interim of 1598, which had been imposed."
      ) == ["Peace of Alais|signed|1629"])
    #expect(
      claims(
        "Treaty of Trianon\n\nThe Treaty of Trianon was signed on 4 June 1920. The treaty followed the armistice agreed in November 1918."
      ) == ["Treaty of Trianon|signed|1920-06-04"])
    // The page's own entity, by a generic noun, still takes its own acts.
    #expect(
      claims(
        "Treaty of Trianon\n\nThe Treaty of Trianon was signed on 4 June 1920. The treaty, initialled in 1919, was long negotiated."
      ) == ["Treaty of Trianon|signed|1920-06-04", "Treaty of Trianon|other|1919"])
  }
}

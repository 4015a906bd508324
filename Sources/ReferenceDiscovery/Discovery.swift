import ClaimExtraction
import ClaimLedger
import Foundation
import ReferenceFetcher

/// Finds encyclopedia articles for the subjects of a workspace's claims on a MediaWiki site and
/// registers them as sources, so a reviewer need not look up a URL for every subject.
///
/// First it asks the site where its Action API and articles are (``WikiSite``). For each subject
/// it then searches (`list=search`), resolves the subject and the results through redirects
/// (`redirects=1`) and reads which are disambiguation pages, follows a disambiguation page's
/// links to the articles it lists, and keeps the articles whose titles — or the redirects that
/// led to them — name the subject (every year-qualified variant: "Treaty of Westminster (1654)"
/// and "(1674)"). Each is registered once at the site's article path, kind `encyclopedia`,
/// covering the subject, `origin: discovered`; the redirect names become a `discovered` alias
/// group in `aliases.yaml`. It never edits a registered file: an article whose URL (after
/// percent-encoding normalisation) is registered already is left as it is.
///
/// Requests go one at a time through the libcurl fetcher (``WikiClient``), spaced from the end
/// of the previous attempt, with `maxlag=5` and a User-Agent naming the tool, its version and a
/// contact.
public struct Discovery: Sendable {
  public struct Settings: Sendable {
    public var wiki: String
    public var contact: String
    /// Search results asked for per subject.
    public var limit = 10
    public var requestsPerSecond = 3.0
    /// How often a `maxlag` answer is waited out before the subject fails.
    public var lagRetries = 3
    /// The shortest wait after a `maxlag` answer, whatever the server says: Wikimedia's maxlag
    /// manual asks clients to wait at least five seconds.
    public var minimumLagWait = 5.0
    /// The longest wait for a lagged server, whatever it asks.
    public var maxLagWait = 60.0
    public var toolVersion: String
    public var fetchPolicy = FetchPolicy()

    public init(wiki: String, contact: String, toolVersion: String) {
      self.wiki = wiki.hasSuffix("/") ? String(wiki.dropLast()) : wiki
      self.contact = contact
      self.toolVersion = toolVersion
    }

    /// "ClaimLedger/0.1.0 (factdesk@example.org)", as Wikimedia's User-Agent policy asks; the
    /// same one `fetch` sends for the pages.
    public var userAgent: String { FetchPolicy.userAgent(version: toolVersion, contact: contact) }
  }

  /// What became of one subject.
  public struct Outcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
      /// Articles naming the subject, registered now (and any already registered).
      case found(registered: [Source], alreadyRegistered: [String])
      /// The search returned no article whose title names the subject.
      case noMatch
      case failed(String)
    }
    public var subject: String
    public var result: Result
    /// Alias groups recorded in `aliases.yaml` for this subject: an article's name first,
    /// then the redirect names that led to it.
    public var aliases: [[String]] = []
  }

  public let workspace: Workspace
  public let settings: Settings

  public init(workspace: Workspace, settings: Settings) {
    self.workspace = workspace
    self.settings = settings
  }

  /// The subjects to ask about: those named (as typed), else every subject of a claim that no
  /// registered source covers. Unnamed events ("Napoleon invaded Russia") have no article.
  public static func subjects(in ledger: Ledger, sources: [Source], named: [String]) -> [String] {
    if !named.isEmpty { return named }
    let covered = Set(sources.flatMap(\.covers).map(ledger.entityKey(forName:)))
    var seen = Set<String>()
    var subjects: [String] = []
    for claim in ledger.claims where claim.claim.rule != .event {
      let key = ledger.entityKey(forKey: claim.claim.subject.key)
      guard claim.entity.kind != .other, !covered.contains(key), seen.insert(key).inserted else {
        continue
      }
      subjects.append(claim.entity.name)
    }
    return subjects.sorted()
  }

  /// Looks every subject up. Throws (before any registration) when the wiki is not a MediaWiki
  /// site whose API answers; a failure for one subject is that subject's outcome.
  public func perform(
    subjects: [String], progress: ((_ subject: String, _ outcome: Outcome) -> Void)? = nil
  ) throws -> [Outcome] {
    let ledger = try Ledger.load(workspace, withReview: false)
    let registry = SourceRegistry(workspace: workspace)
    var registeredURLs = Set(try registry.list().map { SourceRegistry.identity(ofURL: $0.url) })
    let client = WikiClient(settings: settings)
    let located = try WikiSite.locate(settings.wiki, client: client)
    var outcomes: [Outcome] = []
    for subject in subjects {
      var outcome: Outcome
      guard case .success(let site) = located else {
        if case .failure(let failure) = located {
          outcome = Outcome(subject: subject, result: .failed(failure.message))
          outcomes.append(outcome)
          progress?(subject, outcome)
        }
        continue
      }
      let key = ledger.entityKey(forName: subject)
      let finder = ArticleFinder(client: client, site: site) {
        Self.names($0, key: key, ledger: ledger)
      }
      switch finder.lookUp(subject, limit: settings.limit) {
      case .failure(let failure):
        outcome = Outcome(subject: subject, result: .failed(failure.message))
      case .success(let articles):
        if articles.isEmpty {
          outcome = Outcome(subject: subject, result: .noMatch)
        } else {
          var registered: [Source] = []
          var already: [String] = []
          for article in articles {
            let url = site.articleURL(article.title)
            guard registeredURLs.insert(SourceRegistry.identity(ofURL: url)).inserted else {
              already.append(article.title)
              continue
            }
            registered.append(
              try registry.add(
                Source(
                  id: "", url: url, title: article.title, kind: .encyclopedia, covers: [subject],
                  discovered: true)))
          }
          outcome = Outcome(
            subject: subject, result: .found(registered: registered, alreadyRegistered: already))
          let groups = articles.compactMap { $0.aliasGroup(ledger: ledger) }
          outcome.aliases = try AliasTable.recordDiscovered(groups, in: workspace)
        }
      }
      outcomes.append(outcome)
      progress?(subject, outcome)
    }
    return outcomes
  }

  /// Whether an article's title names the subject: the title, without a trailing qualifier
  /// ("(1674)", "(treaty)"), is the subject's name or an alias of it.
  static func names(_ title: String, key: String, ledger: Ledger) -> Bool {
    ledger.entityKey(forName: Article.withoutQualifier(title)) == key
  }
}

/// Why one subject could not be looked up.
struct DiscoveryFailure: Error {
  var message: String
  /// The wiki's API answered with an error code (it is a MediaWiki API, refusing).
  var apiError: String?
  /// The wiki could not be reached, or answered 5xx or 429 after every retry.
  var unreachable = false
  init(_ message: String, apiError: String? = nil) {
    self.message = message
    self.apiError = apiError
  }
}

/// An article found for a subject, with the redirect names that led to it.
struct Article: Equatable {
  var title: String
  var redirectNames: [String] = []

  /// "Treaty of Westminster (1674)" → "Treaty of Westminster".
  static func withoutQualifier(_ title: String) -> String {
    var name = Substring(title)
    if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
      name = name[..<open]
    }
    return name.trimmingCharacters(in: .whitespaces)
  }

  /// The article's name and the redirect names the ledger does not already hold as one
  /// entity, or nil when there are none.
  func aliasGroup(ledger: Ledger) -> [String]? {
    let name = Self.withoutQualifier(title)
    var keys: Set<String> = [ledger.entityKey(forName: name)]
    var group = [name]
    for redirect in redirectNames.map(Self.withoutQualifier)
    where keys.insert(ledger.entityKey(forName: redirect)).inserted {
      group.append(redirect)
    }
    return group.count > 1 ? group : nil
  }
}

/// Finds a subject's articles on one wiki: search, then redirects and disambiguation pages.
struct ArticleFinder {
  let client: WikiClient
  let site: WikiSite
  let namesSubject: (String) -> Bool

  init(client: WikiClient, site: WikiSite, namesSubject: @escaping (String) -> Bool) {
    self.client = client
    self.site = site
    self.namesSubject = namesSubject
  }

  /// The articles for a subject, or why the wiki could not say.
  func lookUp(_ subject: String, limit: Int) -> Result<[Article], DiscoveryFailure> {
    do {
      return .success(try articles(for: subject, limit: limit))
    } catch {
      return .failure(error)
    }
  }

  func articles(for subject: String, limit: Int) throws(DiscoveryFailure) -> [Article] {
    let answer = try client.api(
      site.api,
      [
        ("action", "query"), ("list", "search"), ("srsearch", subject), ("srlimit", "\(limit)"),
        ("srnamespace", "0"), ("srprop", "redirecttitle"),
      ])
    guard let query = answer["query"] as? [String: Any],
      let search = query["search"] as? [[String: Any]]
    else { throw DiscoveryFailure("the wiki's answer has no query.search list") }
    // The subject itself is asked too: where search returns only the canonical article
    // ("Treaty of Nanking"), the subject may still be a redirect to it ("Treaty of Nanjing").
    var asked = [subject]
    for hit in search {
      if let title = hit["title"] as? String { asked.append(title) }
      if let redirect = hit["redirecttitle"] as? String { asked.append(redirect) }
    }
    var found: [Article] = []
    let resolved = try resolve(unique(asked))
    var disambiguations: [String] = []
    collect(resolved, into: &found, disambiguations: &disambiguations)
    guard !disambiguations.isEmpty else { return found }
    // A disambiguation page that names the subject lists its articles: those linked titles
    // that name the subject are resolved like search results (not followed further).
    let known = Set(resolved.map(\.asked))
    let linked = try links(of: disambiguations).filter { !known.contains($0) && namesSubject($0) }
    var ignored: [String] = []
    collect(try resolve(linked), into: &found, disambiguations: &ignored)
    return found
  }

  /// Keeps the resolved pages that are articles naming the subject (by their title or by the
  /// redirect name that led to them), once each, in the order asked.
  private func collect(
    _ resolved: [ResolvedTitle], into found: inout [Article], disambiguations: inout [String]
  ) {
    for entry in resolved {
      guard let page = entry.page else { continue }
      let byRedirect = entry.redirected && namesSubject(entry.asked)
      guard namesSubject(page.title) || byRedirect else { continue }
      if page.disambiguation {
        if !disambiguations.contains(page.title) { disambiguations.append(page.title) }
        continue
      }
      let index: Int
      if let existing = found.firstIndex(where: { $0.title == page.title }) {
        index = existing
      } else {
        found.append(Article(title: page.title))
        index = found.count - 1
      }
      if entry.redirected && !found[index].redirectNames.contains(entry.asked) {
        found[index].redirectNames.append(entry.asked)
      }
    }
  }

  /// The disambiguation pages' links into the main namespace.
  private func links(of pages: [String]) throws(DiscoveryFailure) -> [String] {
    var titles: [String] = []
    for batch in batches(pages) {
      let answer = try client.api(
        site.api,
        [
          ("action", "query"), ("titles", batch.joined(separator: "|")), ("prop", "links"),
          ("plnamespace", "0"), ("pllimit", "max"),
        ])
      let pages = (answer["query"] as? [String: Any])?["pages"] as? [[String: Any]] ?? []
      for page in pages {
        for link in page["links"] as? [[String: Any]] ?? [] {
          if let title = link["title"] as? String { titles.append(title) }
        }
      }
    }
    return unique(titles)
  }

  /// Each title followed through normalisation and redirects to its page, with whether that
  /// page is a disambiguation page: `pageprops` `disambiguation` (the Disambiguator
  /// extension, as on Wikipedia) or a disambiguation category (wikis without it).
  private func resolve(_ titles: [String]) throws(DiscoveryFailure) -> [ResolvedTitle] {
    var results: [ResolvedTitle] = []
    for batch in batches(titles) {
      let answer = try client.api(
        site.api,
        [
          ("action", "query"), ("titles", batch.joined(separator: "|")), ("redirects", "1"),
          ("prop", "pageprops|categories"), ("ppprop", "disambiguation"),
          ("clcategories", ResolvedTitle.disambiguationCategories.joined(separator: "|")),
          ("cllimit", "max"),
        ])
      let query = answer["query"] as? [String: Any] ?? [:]
      func pairs(_ name: String) -> [String: String] {
        var map: [String: String] = [:]
        for pair in query[name] as? [[String: Any]] ?? [] {
          if let from = pair["from"] as? String, let to = pair["to"] as? String { map[from] = to }
        }
        return map
      }
      let normalized = pairs("normalized")
      let redirects = pairs("redirects")
      var pages: [String: ResolvedTitle.Page] = [:]
      for page in query["pages"] as? [[String: Any]] ?? [] {
        guard let title = page["title"] as? String, page["missing"] == nil,
          page["invalid"] == nil
        else { continue }
        let props = page["pageprops"] as? [String: Any] ?? [:]
        let categories = (page["categories"] as? [[String: Any]] ?? []).compactMap {
          $0["title"] as? String
        }
        pages[title] = ResolvedTitle.Page(
          title: title,
          disambiguation: props["disambiguation"] != nil
            || categories.contains(where: ResolvedTitle.isDisambiguationCategory))
      }
      for title in batch {
        var current = normalized[title] ?? title
        var redirected = false
        var hops = 0
        while let next = redirects[current], hops < 10 {
          current = next
          redirected = true
          hops += 1
        }
        results.append(ResolvedTitle(asked: title, redirected: redirected, page: pages[current]))
      }
    }
    return results
  }

  /// At most 50 titles per request, the API's limit for clients without bot rights.
  private func batches(_ titles: [String]) -> [[String]] {
    stride(from: 0, to: titles.count, by: 50).map {
      Array(titles[$0..<min($0 + 50, titles.count)])
    }
  }

  private func unique(_ titles: [String]) -> [String] {
    var seen = Set<String>()
    return titles.filter { !$0.isEmpty && !$0.contains("|") && seen.insert($0).inserted }
  }
}

/// One title as the wiki resolved it.
struct ResolvedTitle {
  struct Page {
    var title: String
    var disambiguation: Bool
  }
  var asked: String
  /// Whether a redirect (not only a normalisation of case or underscores) led to the page.
  var redirected: Bool
  /// Nil when no such page exists.
  var page: Page?

  /// Categories wikis without the Disambiguator extension put disambiguation pages in
  /// (through a template such as `{{Disambiguation}}`), as Wikipedia names them.
  static let disambiguationCategories = [
    "Category:Disambiguation pages", "Category:All disambiguation pages",
    "Category:All article disambiguation pages",
  ]

  static func isDisambiguationCategory(_ title: String) -> Bool {
    disambiguationCategories.contains(title)
  }
}

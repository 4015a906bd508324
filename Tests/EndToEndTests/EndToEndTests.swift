import Foundation
import TestServers
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `claimledger` binary and checks exact output and exit codes.
@Suite("claimledger, end to end")
struct EndToEndTests {
  @Test("scan of the example workspace: warnings on stdout, summary on stderr, exit 0")
  func exampleWorkspace() throws {
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try run(["scan"], in: folder)
    #expect(result.status == 0)
    let expected = """
      articles/alliances-after-1945.md:17:69: warning: "Treaty of Versailles" dated 1919 here but 1920 at articles/revolutions-and-recognition.md:15:60 [conflict K-c0a7870fbca2]
      articles/coalitions-in-early-modern-europe.md:10:51: warning: "Treaty of Dover" dated 1670 here but 1672 at articles/coalitions-in-early-modern-europe.md:22:86 [conflict K-1b29e1341c51]
      articles/coalitions-in-early-modern-europe.md:22:86: warning: "Treaty of Dover" dated 1672 here but 1670 at articles/coalitions-in-early-modern-europe.md:10:51 [conflict K-1b29e1341c51]
      articles/revolutions-and-recognition.md:15:60: warning: "Treaty of Versailles" dated 1920 here but 1919 at articles/alliances-after-1945.md:17:69 [conflict K-c0a7870fbca2]

      """
    #expect(result.stdout == expected)
    #expect(result.stderr == "scanned 3 documents (3 extracted), 19 claims, 2 conflicts\n")
    #expect(!result.stdout.contains("\u{1B}"))

    // The ledger the scan wrote is the one committed in the repository, byte for byte.
    for name in try FileManager.default.contentsOfDirectory(
      atPath: repositoryRoot + "/Claims/ledger/articles")
    {
      let committed = try Data(
        contentsOf: URL(fileURLWithPath: repositoryRoot + "/Claims/ledger/articles/" + name))
      let written = try Data(
        contentsOf: URL(fileURLWithPath: folder + "/Claims/ledger/articles/" + name))
      #expect(committed == written, "Claims/ledger/articles/\(name) is out of date")
    }

    let again = try run(["scan"], in: folder)
    #expect(again.stdout == expected)
    #expect(again.stderr == "scanned 3 documents (0 extracted), 19 claims, 2 conflicts\n")

    let conflicts = try run(["conflicts"], in: folder + "/articles")
    #expect(conflicts.status == 0)
    #expect(conflicts.stdout == expected)
  }

  @Test("claims and conflicts as JSON, filters by subject")
  func listings() throws {
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try run(["scan"], in: folder)
    let json = try run(["claims", "--format", "json"], in: folder)
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    #expect(object["schema"] as? Int == 1)
    let claims = object["claims"] as! [[String: Any]]
    #expect(claims.count == 19)
    #expect(claims.allSatisfy { ($0["status"] as? String) == "unverified" })

    let nato = try run(["claims", "--subject", "NATO"], in: folder)
    #expect(
      nato.stdout
        == """
        articles/alliances-after-1945.md:7:63: North Atlantic Treaty Organization: founded 1949 [C-89d0da631202, unverified]
        articles/revolutions-and-recognition.md:17:1: North Atlantic Treaty Organization: founded 1949 [C-71ce296d35c2, unverified]

        """
    )
    let paris = try run(
      ["claims", "--subject", "Treaty of Paris (1783)", "--format", "text"], in: folder)
    #expect(
      paris.stdout.hasPrefix(
        "articles/revolutions-and-recognition.md:11:20: Treaty of Paris (1783): dated 1783"))

    let conflicts = try run(["conflicts", "--format", "json"], in: folder)
    let list = try JSONSerialization.jsonObject(with: Data(conflicts.stdout.utf8)) as! [String: Any]
    let items = list["conflicts"] as! [[String: Any]]
    #expect(items.map { $0["id"] as! String } == ["K-c0a7870fbca2", "K-1b29e1341c51"])
  }

  @Test("usage errors exit 64, failures exit 1 with the file named")
  func exitCodes() throws {
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let usage = try run(["scan", "--format", "yaml"], in: folder)
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("yaml"))
    #expect(try run(["frobnicate"], in: folder).status == 64)

    let missing = try run(["scan", "articles/nope.md"], in: folder)
    #expect(missing.status == 1)
    #expect(missing.stderr == "claimledger: error: articles/nope.md: no such file or folder\n")
    #expect(!FileManager.default.fileExists(atPath: folder + "/Claims/ledger"))

    try "schema: 1\nsame:\n  - [NATO, North Atlantic\n".write(
      toFile: folder + "/Claims/aliases.yaml", atomically: true, encoding: .utf8)
    let malformed = try run(["scan"], in: folder)
    #expect(malformed.status == 1)
    #expect(malformed.stderr.hasPrefix("Claims/aliases.yaml:4:1: error: invalid YAML"))
    #expect(malformed.stdout.isEmpty)

    let empty =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let none = try run(["claims"], in: empty)
    #expect(none.status == 1)
    #expect(none.stderr.contains("no ClaimLedger workspace (a Claims/ folder) in"))
  }

  @Test("an unreadable document is an error; the others are still scanned")
  func unreadable() throws {
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "The Treaty of Dover in 1671.\n".write(
      toFile: folder + "/articles/secret.md", atomically: true, encoding: .utf8)
    chmod(folder + "/articles/secret.md", 0)
    // Root reads anything: run as nobody then, with the workspace open to it.
    var prefix: [String] = []
    var program = binary
    if getuid() == 0 {
      // The build folder may sit where nobody cannot reach (a clone under /root): run a copy.
      program = folder + "/claimledger"
      try FileManager.default.copyItem(atPath: binary, toPath: program)
      chmod(program, 0o755)
      prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
      _ = try Process.run(
        URL(fileURLWithPath: "/bin/chmod"),
        arguments: ["-R", "a+rwX", folder + "/Claims", folder + "/articles"]
      ).waitUntilExit()
      chmod(folder, 0o777)
      chmod(folder + "/articles/secret.md", 0)
    }
    let result = try run(["scan"], in: folder, prefix: prefix, program: program)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("articles/alliances-after-1945.md:17:69: warning:"))
    #expect(result.stdout.contains("articles/secret.md: error: cannot read: Permission denied\n"))
    #expect(result.stderr == "scanned 4 documents (3 extracted), 19 claims, 2 conflicts\n")
  }

  @Test("mentions: every date and entity with its place, as JSON")
  func mentions() throws {
    let seed = repositoryRoot + "/../shared/seeds/000_2068536ff10de2e3.txt"
    let result = try run(["mentions", seed, "--format", "json"], in: repositoryRoot)
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let document = (object["documents"] as! [[String: Any]])[0]
    let dates = document["dates"] as! [[String: Any]]
    let first = dates[0]
    #expect(first["text"] as? String == "1674")
    #expect(first["line"] as? Int == 11 && first["column"] as? Int == 310)
    #expect(first["value"] as? String == "1674" && first["precision"] as? String == "year")
    let centuries = dates[1]
    #expect(centuries["text"] as? String == "19th and 20th centuries")
    #expect(centuries["precision"] as? String == "century")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: seed))
    let start = first["byteStart"] as! Int
    #expect(String(decoding: bytes[start..<(first["byteEnd"] as! Int)], as: UTF8.self) == "1674")
    let entities = document["entities"] as! [[String: Any]]
    #expect(
      entities.contains {
        $0["text"] as? String == "Treaty of Westminster" && $0["kind"] as? String == "agreement"
      })

    let text = try run(["mentions", seed], in: repositoryRoot)
    #expect(text.stdout.contains("000_2068536ff10de2e3.txt:11:310: date \"1674\" = 1674 (year)\n"))
  }

  @Test("init creates the workspace once and is safe to repeat")
  func initialise() throws {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let first = try run(["init"], in: folder)
    #expect(first.status == 0)
    #expect(first.stdout.contains("created Claims/aliases.yaml"))
    let second = try run(["init"], in: folder)
    #expect(second.stdout.hasSuffix("is already a ClaimLedger workspace\n"))
    let scan = try run(["scan"], in: folder)
    #expect(scan.status == 0)
    #expect(scan.stderr == "scanned 0 documents (0 extracted), 0 claims, 0 conflicts\n")
  }

  @Test("conflicts prints the notes beside the conflicts; check does not fail on a note")
  func notesBesideConflicts() throws {
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder + "/docs", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(try run(["init"], in: folder).status == 0)
    try Data("The Treaty of Stolbovo was signed on 27 February 1617.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/docs/a.md"))
    try Data("Sweden and Russia signed the Treaty of Stolbovo on 9 March 1617.\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/docs/b.md"))
    #expect(try run(["scan"], in: folder).status == 0)
    let conflicts = try run(["conflicts"], in: folder)
    let note =
      "one day in two calendars: 27 February 1617 in the Julian calendar (Old Style) is"
      + " 9 March 1617 in the Gregorian (New Style); the text does not mark 27 February 1617 as"
      + " Old Style [calendar]"
    #expect(
      conflicts.stdout == """
        docs/a.md:1:38: note: "Treaty of Stolbovo" signed 27 February 1617 here and 9 March 1617 \
        at docs/b.md:1:52: \(note)
        docs/b.md:1:52: note: "Treaty of Stolbovo" signed 9 March 1617 here and 27 February 1617 \
        at docs/a.md:1:38: \(note)

        """)
    #expect(try run(["check"], in: folder).status == 0)
  }
}

// MARK: - Running the binary

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

/// The `claimledger` built beside this test binary.
let binary: String = {
  let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
  var folder = me.deletingLastPathComponent()
  // On Linux the tests run from <build>/<Package>PackageTests.xctest.
  while !FileManager.default.fileExists(atPath: folder.path + "/claimledger") && folder.path != "/"
  {
    folder = folder.deletingLastPathComponent()
  }
  return folder.path + "/claimledger"
}()

func run(
  _ arguments: [String], in folder: String, prefix: [String] = [], program: String = binary,
  environment extra: [String: String] = [:], input: String? = nil
) throws -> RunResult {
  let process = Process()
  let command = prefix + [program] + arguments
  process.executableURL = URL(fileURLWithPath: command[0])
  process.arguments = Array(command.dropFirst())
  process.currentDirectoryURL = URL(fileURLWithPath: folder)
  var environment = ProcessInfo.processInfo.environment
  environment["NO_COLOR"] = "1"
  environment.merge(extra) { _, new in new }
  process.environment = environment
  // Files, not pipes: a full pipe would block the child while we wait for it.
  let out = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
  let err = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
  _ = FileManager.default.createFile(atPath: out.path, contents: nil)
  _ = FileManager.default.createFile(atPath: err.path, contents: nil)
  defer {
    try? FileManager.default.removeItem(at: out)
    try? FileManager.default.removeItem(at: err)
  }
  process.standardOutput = try FileHandle(forWritingTo: out)
  process.standardError = try FileHandle(forWritingTo: err)
  if let input {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try Data(input.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    process.standardInput = try FileHandle(forReadingFrom: file)
  } else {
    process.standardInput = FileHandle.nullDevice
  }
  try process.run()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
}

/// A copy of the repository's example workspace without its ledger, in a temporary folder.
func exampleCopy() throws -> String {
  let folder = FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
  let manager = FileManager.default
  try manager.createDirectory(atPath: folder + "/Claims", withIntermediateDirectories: true)
  try manager.copyItem(atPath: repositoryRoot + "/articles", toPath: folder + "/articles")
  for name in ["config.yaml", "aliases.yaml"] {
    try manager.copyItem(
      atPath: repositoryRoot + "/Claims/" + name, toPath: folder + "/Claims/" + name)
  }
  try manager.createDirectory(
    atPath: folder + "/Sources-Registry", withIntermediateDirectories: true)
  return folder
}

@Suite("claimledger sources and fetch, end to end")
struct FetchEndToEndTests {
  @Test("sources add, list and remove; fetch reports failures and exits 1")
  func sourcesAndFetch() throws {
    let nginx = try TestServers.Nginx(files: [
      "page.html": Array("<p>The Treaty of Dover (1670).</p>".utf8)
    ])
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let add = try run(
      [
        "sources", "add", nginx.base + "/page.html", "--title", "Dover", "--kind", "encyclopedia",
        "--covers", "Treaty of Dover", "Secret Treaty of Dover",
      ], in: folder)
    #expect(add.status == 0)
    let id = "127-0-0-1-\(nginx.port)-page-html"
    #expect(add.stdout == "registered \(id) (Sources-Registry/\(id).yaml)\n")
    let yaml = try String(contentsOfFile: folder + "/Sources-Registry/\(id).yaml", encoding: .utf8)
    #expect(
      yaml
        == "schema: 1\nid: \(id)\nurl: \"\(nginx.base)/page.html\"\ntitle: \"Dover\"\nkind: encyclopedia\nreliability: medium\ncovers: [\"Treaty of Dover\", \"Secret Treaty of Dover\"]\n"
    )
    #expect(
      try run(["sources", "add", nginx.base + "/gone", "--id", "gone"], in: folder).status == 0)
    let refused = try run(["sources", "add", "file:///etc/passwd"], in: folder)
    #expect(refused.status == 1)
    #expect(
      refused.stderr
        == "claimledger: error: file:///etc/passwd: only http and https URLs can be registered\n")
    let badId = try run(["sources", "add", nginx.base + "/x", "--id", "../evil"], in: folder)
    #expect(badId.status == 1)

    let list = try run(["sources", "list"], in: folder)
    #expect(
      list.stdout.hasPrefix("\(id): \(nginx.base)/page.html \"Dover\" [encyclopedia, medium]\n"))

    let fetch = try run(["fetch"], in: folder)
    #expect(fetch.status == 1)
    #expect(fetch.stdout == "gone: error: HTTP 410 (\(nginx.base)/gone)\n")
    #expect(fetch.stderr == "fetched 1, unchanged 0, failed 1\n")
    let again = try run(["fetch", id], in: folder)
    #expect(again.status == 0)
    #expect(again.stderr == "fetched 0, unchanged 1, failed 0\n")
    let log = try String(
      contentsOfFile: folder + "/Sources-Registry/fetch-log.jsonl", encoding: .utf8)
    #expect(log.split(separator: "\n").count == 3)

    #expect(try run(["sources", "remove", "gone"], in: folder).stdout == "removed gone\n")
    #expect(try run(["sources", "remove", "gone"], in: folder).status == 1)
  }
}

@Suite("claimledger discover, end to end")
struct DiscoverEndToEndTests {
  @Test("without a contact for the User-Agent, discover refuses and registers nothing")
  func needsContact() throws {
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try run(["discover", "--wiki", "http://127.0.0.1:9"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("discover needs a contact for its User-Agent"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Sources-Registry/en-wikipedia-org"))
    let registry =
      (try? FileManager.default.contentsOfDirectory(atPath: folder + "/Sources-Registry")) ?? []
    #expect(registry.allSatisfy { !$0.hasSuffix(".yaml") })
  }

  @Test("a wiki that cannot be reached fails each subject with the reason, exit 1")
  func unreachable() throws {
    let folder = try exampleCopy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try run(
      [
        "discover", "Treaty of Dover", "--wiki", "http://127.0.0.1:9", "--contact",
        "qa@example.org",
      ],
      in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("Treaty of Dover: error: cannot connect"))
    #expect(result.stderr.hasSuffix("0 sources registered, 0 without a match, 1 failed\n"))
  }
}

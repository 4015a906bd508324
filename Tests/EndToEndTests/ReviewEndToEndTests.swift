import Foundation
import TestServers
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A workspace with one article: the Treaty of Dover in 1670 and 1672 (a conflict), and the
/// Peace of Westphalia in 1648.
func verdictWorkspace() throws -> String {
  let folder = FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
  try FileManager.default.createDirectory(
    atPath: folder + "/docs", withIntermediateDirectories: true)
  try Data(
    """
    The Treaty of Dover was signed in 1670.

    The Peace of Westphalia was signed in 1648.

    Years later the Treaty of Dover of 1672 was remembered.

    """.utf8
  ).write(to: URL(fileURLWithPath: folder + "/docs/a.md"))
  #expect(try run(["init"], in: folder).status == 0)
  try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8).write(
    to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
  #expect(try run(["scan"], in: folder).status == 0)
  return folder
}

/// The id of the claim on a year, from `claims --format json`.
func claimId(in folder: String, year: String) throws -> String {
  let listing = try run(["claims", "--format", "json"], in: folder)
  let json = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as! [String: Any]
  let claims = json["claims"] as! [[String: Any]]
  let claim = claims.first { ($0["value"] as! [String: Any])["edtf"] as! String == year }!
  return claim["id"] as! String
}

func conflictId(in folder: String) throws -> String {
  let listing = try run(["conflicts", "--format", "json"], in: folder)
  let json = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as! [String: Any]
  return (json["conflicts"] as! [[String: Any]])[0]["id"] as! String
}

func verdictLog(_ folder: String) -> Data {
  (try? Data(contentsOf: URL(fileURLWithPath: folder + "/Claims/verdicts.jsonl"))) ?? Data()
}

/// No reviewer from git: a home without a configuration, and no system one.
let noGitIdentity = [
  "HOME": "/nonexistent", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
  "XDG_CONFIG_HOME": "/nonexistent",
]

@Suite("claimledger verify, verdict, history, audit and review, end to end", .serialized)
struct ReviewEndToEndTests {
  @Test("verify prints a warning at each contradicted claim and writes Claims/evidence.json")
  func verify() throws {
    let nginx = try Nginx(files: [
      "w1674.html": Array(
        "<p>The Treaty of Westminster was signed on 19 February 1674.</p>".utf8),
      "w1654.html": Array("<p>The Treaty of Westminster was signed in April 1654.</p>".utf8),
    ])
    let folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-e2e-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(try run(["init"], in: folder).status == 0)
    try Data("schema: 1\ndocuments:\n  include: [seeds]\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/seeds", withDestinationPath: repositoryRoot + "/../shared/seeds")
    #expect(try run(["scan"], in: folder).status == 0)
    for (id, page) in [("w1674", "w1674.html"), ("w1654", "w1654.html")] {
      let added = try run(
        [
          "sources", "add", nginx.base + "/" + page, "--id", id, "--covers",
          "Treaty of Westminster",
        ],
        in: folder)
      #expect(added.status == 0)
    }
    #expect(try run(["fetch"], in: folder).status == 0)
    let verify = try run(["verify"], in: folder)
    #expect(verify.status == 0)
    let lines = verify.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(
      lines.contains {
        $0.hasPrefix(
          "seeds/000_2068536ff10de2e3.txt:24:290: warning: \"Treaty of Westminster\" dated 1651 here, but the references know Treaties of Westminster of 1654 and 1674"
        ) && $0.contains("[contradicted C-")
      })
    #expect(
      verify.stderr
        == "searched 2 snapshots of 2 sources for 8 claims: 2 with evidence (1 supported, 1 contradicted)\n"
    )
    let json = try run(["claims", "--format", "json", "--status", "evidence-found"], in: folder)
    #expect(json.stdout.contains("\"suggestion\" : \"contradicted\""))
    #expect(FileManager.default.fileExists(atPath: folder + "/Claims/evidence.json"))
  }

  @Test("verdict and history: recorded, shown oldest first; audit passes")
  func verdictAndHistory() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    let first = try run(
      ["verdict", String(id.prefix(7)), "unverifiable", "--reviewer", "Ann <ann@example.org>"],
      in: folder)
    #expect(first.status == 0)
    #expect(first.stdout.hasPrefix("recorded V-"))
    #expect(first.stdout.hasSuffix(": \(id) unverifiable (Ann <ann@example.org>)\n"))
    let second = try run(
      ["verdict", id, "supported", "--note", "two encyclopedias agree"], in: folder,
      environment: ["CLAIMLEDGER_REVIEWER": "Bob"])
    #expect(second.status == 0)
    let history = try run(["history", id], in: folder)
    #expect(history.status == 0)
    let lines = history.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0] == "\(id): \"Peace of Westphalia\" signed 1648 at docs/a.md:3:39; status supported")
    #expect(lines[1].contains("  unverifiable  Ann <ann@example.org>  V-"))
    #expect(lines[2].contains("  supported  Bob  V-"))
    #expect(lines[3] == "      note: two encyclopedias agree")
    let audit = try run(["audit"], in: folder)
    #expect(audit.status == 0)
    #expect(audit.stdout == "Claims/verdicts.jsonl: 2 verdicts, hash chain intact\n")
    // The settled conflict is no longer reported by scan or conflicts.
    let conflict = try conflictId(in: folder)
    #expect(
      try run(["verdict", conflict, "distinct-entities", "--reviewer", "Ann"], in: folder).status
        == 0)
    #expect(try run(["conflicts"], in: folder).stdout == "")
    #expect(try run(["scan"], in: folder).stdout == "")
  }

  @Test("unknown id, invalid status, empty or missing reviewer: clear errors, log unchanged")
  func refusals() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    #expect(try run(["verdict", id, "supported", "--reviewer", "Ann"], in: folder).status == 0)
    let before = verdictLog(folder)

    let unknown = try run(
      ["verdict", "C-0000000000", "supported", "--reviewer", "Ann"], in: folder)
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "claimledger: error: C-0000000000: no claim or conflict has this id (see 'claimledger claims' and 'claimledger conflicts')\n"
    )
    let invalid = try run(["verdict", id, "true", "--reviewer", "Ann"], in: folder)
    #expect(invalid.status == 64)
    #expect(invalid.stderr.hasPrefix("Error: 'true' is not a verdict; use one of supported,"))
    let empty = try run(["verdict", id, "supported", "--reviewer", " "], in: folder)
    #expect(empty.status == 1)
    #expect(empty.stderr == "claimledger: error: --reviewer is empty\n")
    let nobody = try run(["verdict", id, "supported"], in: folder, environment: noGitIdentity)
    #expect(nobody.status == 1)
    #expect(nobody.stderr.contains("who is the reviewer?"))
    // git's identity is the last resort, as for a commit's author.
    let gitConfig = folder + "/gitconfig"
    try Data("[user]\n\tname = Git Person\n\temail = git@example.org\n".utf8).write(
      to: URL(fileURLWithPath: gitConfig))
    var fromGit = noGitIdentity
    fromGit["GIT_CONFIG_GLOBAL"] = gitConfig
    let byGit = try run(["verdict", id, "mixed"], in: folder, environment: fromGit)
    #expect(byGit.status == 0)
    #expect(byGit.stdout.hasSuffix("\(id) mixed (Git Person <git@example.org>)\n"))
    let before2 = verdictLog(folder)
    let conflictOnly = try run(["verdict", id, "resolved", "--reviewer", "Ann"], in: folder)
    #expect(conflictOnly.status == 1)
    #expect(verdictLog(folder) == before2)
    #expect(before2.starts(with: before))
  }

  @Test("audit names an edited line with file:line and exits 1; --repair removes a torn tail")
  func audit() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    for note in ["one", "two", "three"] {
      #expect(
        try run(["verdict", id, "supported", "--note", note, "--reviewer", "Ann"], in: folder)
          .status == 0)
    }
    let original = verdictLog(folder)
    let path = URL(fileURLWithPath: folder + "/Claims/verdicts.jsonl")
    try Data(
      String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"two\"", with: "\"2\"")
        .utf8
    )
    .write(to: path)
    let edited = try run(["audit"], in: folder)
    #expect(edited.status == 1)
    #expect(
      edited.stdout
        == "Claims/verdicts.jsonl:2: error: edited: the line's content does not match its hash [audit edited]\n"
    )
    let refused = try run(["audit", "--repair"], in: folder)
    #expect(refused.status == 1)

    try (original + Data("{\"claim\":".utf8)).write(to: path)
    let torn = try run(["audit"], in: folder)
    #expect(torn.status == 1)
    #expect(torn.stdout.hasPrefix("Claims/verdicts.jsonl:4: error: incomplete last line (9 bytes"))
    let repaired = try run(["audit", "--repair"], in: folder)
    #expect(repaired.status == 0)
    #expect(
      repaired.stdout
        == "Claims/verdicts.jsonl:4: note: removed the incomplete last line (9 bytes)\n"
        + "Claims/verdicts.jsonl: 3 verdicts, hash chain intact\n")
    #expect(verdictLog(folder) == original)
  }

  @Test("two processes recording 200 verdicts each at once: 400 lines, chain valid")
  func concurrentWriters() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    let script = """
      for i in $(seq 200); do
        "$0" verdict "$1" supported --note "$2 $i" --reviewer "$2" > /dev/null || exit 1
      done
      """
    let writers = try ["first", "second"].map { name -> Process in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = ["-c", script, binary, id, name]
      process.currentDirectoryURL = URL(fileURLWithPath: folder)
      try process.run()
      return process
    }
    for writer in writers {
      writer.waitUntilExit()
      #expect(writer.terminationStatus == 0)
    }
    let lines = String(decoding: verdictLog(folder), as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 400)
    #expect(lines.filter { $0.contains("\"reviewer\":\"first\"") }.count == 200)
    let audit = try run(["audit"], in: folder)
    #expect(audit.status == 0)
    #expect(audit.stdout == "Claims/verdicts.jsonl: 400 verdicts, hash chain intact\n")
  }

  @Test("killed with SIGKILL at random moments, 50 times: every reported verdict is in the log")
  func killedWriters() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let id = try claimId(in: folder, year: "1648")
    let script = """
      for i in $(seq 1000); do "$0" verdict "$1" supported --note "$2 $i" --reviewer Ann || exit 1; done
      """
    var reported: [String] = []
    var generator = SystemRandomNumberGenerator()
    for round in 1...50 {
      let output = folder + "/round-\(round).out"
      let pid = try spawnInOwnGroup(
        ["/bin/bash", "-c", script, binary, id, "round\(round)"], in: folder, output: output)
      usleep(UInt32.random(in: 20_000...200_000, using: &generator))
      kill(-pid, SIGKILL)  // the whole group: the shell and the claimledger it is running
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      // Only whole lines were reported; a line cut by the kill was not.
      let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      lines.removeLast()
      for line in lines where line.hasPrefix("recorded V-") {
        reported.append(String(line.dropFirst("recorded ".count).prefix(14)))
      }
      try? FileManager.default.removeItem(atPath: output)
    }
    var audit = try run(["audit"], in: folder)
    if audit.status != 0 {
      #expect(audit.stdout.contains("incomplete last line"))
      audit = try run(["audit", "--repair"], in: folder)
    }
    #expect(audit.status == 0)
    let log = String(decoding: verdictLog(folder), as: UTF8.self)
    let hashes = Set(
      log.split(separator: "\n").compactMap { line -> String? in
        guard let range = line.range(of: "\"hash\":\"") else { return nil }
        return "V-" + line[range.upperBound...].prefix(12)
      })
    #expect(reported.count > 0)
    let missing = reported.filter { !hashes.contains($0) }
    #expect(missing.isEmpty, "reported but not in the log: \(missing)")
  }

  @Test("review from scripted input: conflicts first, one key and a note record a verdict")
  func scriptedReview() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let conflict = try conflictId(in: folder)
    let dover1670 = try claimId(in: folder, year: "1670")
    // Conflict: distinct entities with a note; first claim: a wrong key, then refuted with
    // no note; second claim: skipped; then quit.
    let review = try run(
      ["review", "--reviewer", "Ann"], in: folder,
      input: "d\ntwo different treaties\nx\nr\n\nk\nq\n")
    #expect(review.status == 0)
    #expect(
      review.stdout.contains(
        "[1/4] conflict \(conflict): \"Treaty of Dover\" is given 1670 and 1672"))
    #expect(review.stdout.contains("recorded V-"))
    #expect(review.stdout.contains("'x' is not one of the keys above"))
    // A claim in conflict shows the other claim.
    #expect(review.stdout.contains("[2/4] claim \(dover1670) at docs/a.md:1:35"))
    #expect(review.stdout.contains("  in conflict with docs/a.md:5:"))
    #expect(review.stderr == "recorded 2 verdicts, skipped 1\n")
    let history = try run(["history", conflict, "--format", "json"], in: folder)
    #expect(history.stdout.contains("\"status\" : \"distinct-entities\""))
    #expect(history.stdout.contains("\"note\" : \"two different treaties\""))
    let claimHistory = try run(["history", dover1670, "--format", "json"], in: folder)
    #expect(claimHistory.stdout.contains("\"status\" : \"refuted\""))
    #expect(!claimHistory.stdout.contains("\"note\""))
    // The settled conflict and the judged claim leave the queue.
    let again = try run(["review", "--reviewer", "Ann"], in: folder, input: "q\n")
    #expect(again.stdout.contains("[1/2] claim"))
  }
}

extension ReviewEndToEndTests {
  @Test("review on a pseudo-terminal: a key acts without Enter")
  func terminalReview() throws {
    let folder = try verdictWorkspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // script(1) gives the command a pseudo-terminal; the keys arrive one at a time.
    let typing =
      "sleep 1; printf d; sleep 0.5; printf 'typed on a terminal\\n'; sleep 0.5; printf q"
    let result = try run(
      ["-c", "(\(typing)) | script -qec '\(binary) review --reviewer Ann' /dev/null"],
      in: folder, program: "/bin/bash")
    #expect(result.status == 0)
    #expect(result.stdout.contains("recorded V-"))
    let log = String(decoding: verdictLog(folder), as: UTF8.self)
    #expect(log.contains("\"status\":\"distinct-entities\""))
    #expect(log.contains("\"note\":\"typed on a terminal\""))
    #expect(log.split(separator: "\n").count == 1)
  }
}

/// Starts a program in a process group of its own, standard output to a file, so that the
/// group can be killed at once.
func spawnInOwnGroup(_ command: [String], in folder: String, output: String) throws -> pid_t {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
  posix_spawnattr_setpgroup(&attributes, 0)
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  let previous = FileManager.default.currentDirectoryPath
  _ = FileManager.default.changeCurrentDirectoryPath(folder)
  defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
  let argv = command.map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid: pid_t = 0
  let result = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
  guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result)!) }
  return pid
}

import ArgumentParser
import ClaimLedger
import ClaimReports
import Foundation

/// `claimledger audit` of a long verdict log.
struct AuditSpeed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit-speed",
    abstract: "Write a hash-chained verdict log of many lines and time 'claimledger audit'.")

  @OptionGroup var timing: TimingOptions
  var binary: String { timing.binary }
  var folder: String { timing.folder }
  var runs: Int { timing.runs }

  @Option(help: "Lines in the log.")
  var lines = 100_000

  func run() throws {
    let manager = FileManager.default
    try? manager.removeItem(atPath: folder)
    try manager.createDirectory(atPath: folder + "/Claims", withIntermediateDirectories: true)
    let statuses: [VerdictStatus] = [.supported, .refuted, .mixed, .unverifiable, .notAClaim]
    let records = (0..<lines).map { (index: Int) -> VerdictRecord in
      let year = 1600 + index % 300
      let target = "C-" + String(format: "%012x", (index &* 2_654_435_761) & 0xFFFF_FFFF_FFFF)
      return VerdictRecord(
        time: "2026-11-22T04:\(10 + index % 50):\(10 + index % 49)Z",
        target: target,
        kind: .claim, status: statuses[index % statuses.count],
        reviewer: "Reviewer \(index % 7) <reviewer\(index % 7)@example.org>",
        note: index % 3 == 0 ? "checked against the reference, line \(index)" : nil,
        claim: VerdictRecord.ClaimForm(
          document: "articles/essay-\(index % 400).md", subject: "treaty of westminster",
          predicate: "signed", value: "\(year)",
          sentence: "The Treaty of Westminster was signed in \(year), ending a war."))
    }
    let data = try VerdictLog.chain(records)
    try data.write(to: URL(fileURLWithPath: folder + "/Claims/verdicts.jsonl"))
    var seconds: [Double] = []
    var peak = 0.0
    for run in 1...runs {
      let result = try measure(binary, ["audit"], in: folder)
      seconds.append(result.seconds)
      peak = max(peak, result.peakMiB)
      print("run \(run): audit \(format(result.seconds, 3)) s")
    }
    print(
      "audit of \(lines) lines (\(format(Double(data.count) / 1e6, 1)) MB): median"
        + " \(format(median(seconds), 3)) s over \(runs) runs; peak memory \(format(peak, 0)) MiB")
  }
}

/// `claimledger verify` of a generated workspace: claims in documents, references as fetched
/// snapshots (written directly, with their fetch-log lines; no network).
struct VerifySpeed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-speed",
    abstract: "Generate claims and fetched snapshots and time 'claimledger verify'.")

  @OptionGroup var timing: TimingOptions
  var binary: String { timing.binary }
  var folder: String { timing.folder }
  var runs: Int { timing.runs }

  @Option(help: "Claims in the documents (ten to a document).")
  var claims = 10_000

  @Option(help: "Registered sources, each with one snapshot.")
  var snapshots = 200

  @Option(help: "Treaties the claims are about (at most 400); each source covers five.")
  var subjects = 200

  /// Place names from syllables (400): capitalised words the extractor takes for a name.
  static let placeNames: [String] = {
    let heads =
      ["Al", "Ber", "Cor", "Dun", "El", "Fal", "Gor", "Hal", "Ist", "Jor"]
      + ["Kel", "Lor", "Mor", "Nor", "Ost", "Pel", "Quin", "Ros", "Sal", "Tor"]
    let tails =
      ["ford", "ham", "wick", "ton", "burg", "dale", "mere", "stead", "holm", "port"]
      + ["field", "gate", "ley", "more", "by", "wood", "well", "worth", "cliff", "bridge"]
    return tails.flatMap { tail in heads.map { $0 + tail } }
  }()

  static let treatyNames = placeNames.map { "Treaty of " + $0 }

  func validate() throws {
    guard (1...Self.treatyNames.count).contains(subjects) else {
      throw ValidationError("--subjects must be between 1 and \(Self.treatyNames.count)")
    }
  }

  func run() throws {
    let manager = FileManager.default
    try? manager.removeItem(atPath: folder)
    for sub in ["Claims", "docs"] {
      try manager.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
    }
    try Data("schema: 1\ndocuments:\n  include: [docs]\n".utf8)
      .write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
    let treaties = Array(Self.treatyNames.prefix(subjects))
    // Years from 1100 on: 400 treaties two years apart stay below 1930, years the extractor
    // takes (it leaves numbers far in the future alone).
    let trueYear = treaties.indices.map { 1100 + $0 * 2 }

    // Documents: ten claims each, seven in ten with the true year.
    for number in 0..<(claims / 10) {
      var text = "# Essay \(number)\n\n"
      for _ in 0..<10 {
        let treaty = next(treaties.count)
        let year = next(10) < 7 ? trueYear[treaty] : trueYear[treaty] + 1 + next(30)
        text += "The \(treaties[treaty]) was signed in \(year).\n\n"
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/docs/essay-\(number).md"))
    }

    // Snapshots: each source covers five treaties and dates each once or twice, among
    // about 20 kB of other prose, as an encyclopedia page would.
    let filler = [
      "The delegates met for several weeks and exchanged many letters.",
      "Historians still debate how much either side gained from the talks.",
      "Trade between the ports recovered slowly over the following decade.",
      "Several envoys kept diaries that survive in the national archives.",
    ]
    var shelf = try ReferenceShelf(workspace: folder)
    for index in 0..<snapshots {
      let covered = (0..<5).map { (index * 5 + $0) % treaties.count }
      var text = ""
      for treaty in covered {
        text += "The \(treaties[treaty]) was signed in \(trueYear[treaty]).\n"
        if next(2) == 0 {
          text += "Some accounts date the \(treaties[treaty]) to \(trueYear[treaty] + 1).\n"
        }
        text += "The \(treaties[treaty]) is remembered in many songs.\n"
        for _ in 0..<60 { text += filler[next(filler.count)] + "\n" }
      }
      try shelf.add(
        id: "s\(index)", url: "https://reference.example/page-\(index)",
        covers: covered.map { treaties[$0] }, text: text)
    }
    try shelf.finish()
    _ = try measure(binary, ["scan"], in: folder)
    let extracted = try Ledger.load(Workspace(root: folder), withReview: false).claims.count
    print("ledger: \(extracted) claims extracted from \(claims) sentences")

    var seconds: [Double] = []
    var peak = 0.0
    for run in 1...runs {
      // Each run writes the evidence file anew.
      if manager.fileExists(atPath: folder + "/Claims/evidence.json") {
        try manager.moveItem(
          atPath: folder + "/Claims/evidence.json",
          toPath: folder + "/evidence-\(run).json")
      }
      let result = try measure(binary, ["verify"], in: folder)
      seconds.append(result.seconds)
      peak = max(peak, result.peakMiB)
      print("run \(run): verify \(format(result.seconds, 2)) s")
    }
    let evidence = try Data(contentsOf: URL(fileURLWithPath: folder + "/Claims/evidence.json"))
    print(
      "verify of \(claims) claims on \(subjects) subjects against \(snapshots) snapshots: median"
        + " \(format(median(seconds), 2)) s over \(runs) runs; evidence file"
        + " \(format(Double(evidence.count) / 1e6, 1)) MB; peak memory \(format(peak, 0)) MiB")
  }
}

/// `claimledger report` in every format, on a generated ledger with verdicts.
struct ReportSpeed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report-speed",
    abstract: "Generate a ledger of many claims with verdicts and time 'claimledger report'"
      + " in each format.")

  @OptionGroup var timing: TimingOptions

  @Option(help: "Claims in the documents (ten to a document).")
  var claims = 100_000

  @Option(help: "Verdicts, on distinct claims.")
  var verdicts = 20_000

  func run() throws {
    let folder = timing.folder
    let manager = FileManager.default
    try? manager.removeItem(atPath: folder)
    try manager.createDirectory(atPath: folder + "/docs", withIntermediateDirectories: true)
    try manager.createDirectory(atPath: folder + "/Claims", withIntermediateDirectories: true)
    try Data(
      """
      schema: 1
      documents:
        include: [docs]
      report:
        author: "Benchmark Fact Desk"
        url: "https://factdesk.example/claims/"

      """.utf8
    ).write(to: URL(fileURLWithPath: folder + "/Claims/config.yaml"))
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
    let treaties = VerifySpeed.treatyNames
    for number in 0..<(claims / 10) {
      if number % 1000 == 0 {
        try manager.createDirectory(
          atPath: folder + "/docs/\(number / 1000)", withIntermediateDirectories: true)
      }
      var text = "# Essay \(number)\n\n"
      for _ in 0..<10 {
        let treaty = next(treaties.count)
        text += "The \(treaties[treaty]) was signed in \(1100 + treaty * 2 + next(3)).\n\n"
      }
      try Data(text.utf8).write(
        to: URL(fileURLWithPath: folder + "/docs/\(number / 1000)/essay-\(number).md"))
    }
    _ = try measure(timing.binary, ["scan"], in: folder)

    // Verdicts on the first claims of the ledger, written as one chained file.
    let ledger = try Ledger.load(Workspace(root: folder), withReview: false)
    let statuses: [VerdictStatus] = [.supported, .refuted, .mixed, .unverifiable]
    let records = ledger.claims.prefix(verdicts).enumerated().map { index, claim in
      VerdictRecord(
        time: "2026-11-22T05:00:00Z", target: claim.claim.id, kind: .claim,
        status: statuses[index % statuses.count], reviewer: "Reviewer \(index % 5)",
        note: index % 2 == 0 ? "checked against two references" : nil,
        claim: VerdictRecord.ClaimForm(
          document: claim.document, subject: claim.claim.subject.key,
          predicate: claim.claim.predicate.rawValue, value: claim.claim.value.edtf,
          sentence: claim.claim.sentence))
    }
    try VerdictLog.chain(records).write(
      to: URL(fileURLWithPath: folder + "/Claims/verdicts.jsonl"))
    print(
      "ledger: \(ledger.claims.count) claims extracted from \(claims) sentences in"
        + " \(claims / 10) documents, \(records.count) verdicts")

    for kind in ReportFormat.allCases {
      var seconds: [Double] = []
      var peak = 0.0
      for _ in 1...timing.runs {
        let result = try measure(
          timing.binary, ["report", "--format", kind.rawValue, "--output", "report.out"],
          in: folder)
        seconds.append(result.seconds)
        peak = max(peak, result.peakMiB)
      }
      let size = (try? manager.attributesOfItem(atPath: folder + "/report.out")[.size] as? Int) ?? 0
      print(
        "report --format \(kind.rawValue): median \(format(median(seconds), 2)) s"
          + " (runs \(seconds.map { format($0, 2) }.joined(separator: ", "))),"
          + " \(format(Double(size) / 1e6, 1)) MB, peak memory \(format(peak, 0)) MiB")
    }
  }
}

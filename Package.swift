// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "ClaimLedger",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "claimledger", targets: ["claimledger"]),
    .executable(name: "claimledger-desk", targets: ["claimledger-desk"]),
    .library(name: "ClaimExtraction", targets: ["ClaimExtraction"]),
    .library(name: "ClaimLedger", targets: ["ClaimLedger"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
  ],
  targets: [
    // Core libraries: extraction is pure (text in, mentions and claims out); the ledger owns
    // every file in a workspace.
    .target(name: "ClaimExtraction"),
    // C libraries, each behind one module: libcurl for transfers, libxml2 for HTML.
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    // Fetching references: libcurl transfers, snapshots, HTML to text. Knows nothing of claims.
    .target(
      name: "ReferenceFetcher",
      dependencies: ["CCurl", "CLibXML2", .product(name: "Crypto", package: "swift-crypto")]),
    // Which dates given for one subject contradict which: the rules and the graph that answers
    // for thousands of dates without comparing every pair. Pure, like extraction.
    .target(name: "DateConflicts", dependencies: ["ClaimExtraction"]),
    .target(
      name: "ClaimLedger",
      dependencies: [
        "ClaimExtraction",
        "DateConflicts",
        "ReferenceFetcher",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),

    // Verification: which reference is about which entity, and how its sentences bear on a
    // claim. Storage of the evidence stays in ClaimLedger.
    .target(
      name: "ClaimVerification", dependencies: ["ClaimLedger", "ClaimExtraction", "DateConflicts"]),

    // Discovery: a MediaWiki site's search API, through the fetcher, to register references.
    .target(
      name: "ReferenceDiscovery",
      dependencies: ["ClaimLedger", "ClaimExtraction", "ReferenceFetcher"]),

    // Reports for people and machines: HTML, Markdown, JSON, CSV, ClaimReview, SARIF.
    .target(name: "ClaimReports", dependencies: ["ClaimLedger", "ClaimExtraction"]),

    // The command-line tool: argument parsing and printing only.
    .executableTarget(
      name: "claimledger",
      dependencies: [
        "ClaimLedger",
        "ClaimExtraction",
        "ClaimReports",
        "ClaimVerification",
        "ReferenceDiscovery",
        "ReferenceFetcher",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // The review desk (`claimledger serve`): a Hummingbird web server over a workspace. Kept
    // out of the CLI so that the CLI and its tests never wait for Hummingbird to build; the CLI
    // forwards `serve` and `reviewers` to the `claimledger-desk` binary beside it.
    .target(
      name: "ReviewDesk",
      dependencies: [
        "ClaimLedger", "ClaimExtraction", "ClaimReports",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ]),
    .executableTarget(
      name: "claimledger-desk",
      dependencies: [
        "ReviewDesk", "ClaimLedger",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Measurement: scoring against TIMEX2 gold and the benchmark driver.
    .target(name: "ExtractionEvaluation", dependencies: ["ClaimExtraction", "ClaimLedger"]),
    .executableTarget(
      name: "claimledger-bench",
      dependencies: [
        "ExtractionEvaluation", "ClaimExtraction", "ClaimLedger", "ClaimReports", "TestServers",
        "ReferenceFetcher",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Tests: one target per library, plus end-to-end tests of the built binary.
    .testTarget(
      name: "ClaimExtractionTests", dependencies: ["ClaimExtraction", "ExtractionEvaluation"]),
    .testTarget(
      name: "ClaimLedgerTests",
      dependencies: [
        "ClaimLedger", "ClaimVerification", "ReferenceDiscovery", "TestServers",
        "ExtractionEvaluation", "DateConflicts",
      ]),
    .testTarget(name: "DateConflictsTests", dependencies: ["DateConflicts", "ClaimExtraction"]),
    .testTarget(name: "ReferenceFetcherTests", dependencies: ["ReferenceFetcher", "TestServers"]),
    .testTarget(
      name: "ClaimReportsTests",
      dependencies: ["ClaimReports", "ClaimLedger", "ClaimVerification", "TestServers"]),
    // Real servers for the tests: nginx with a generated configuration, and a fault-injecting
    // server for what nginx cannot do.
    .target(name: "TestServers", dependencies: ["CLibXML2"], path: "Tests/TestServers"),
    .testTarget(name: "EndToEndTests", dependencies: ["claimledger", "TestServers"]),
    .testTarget(
      name: "ReviewDeskTests",
      dependencies: [
        "ReviewDesk", "ClaimLedger", "ClaimReports", "TestServers", "claimledger",
        "claimledger-desk", .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "ClaimLedger",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "claimledger", targets: ["claimledger"]),
    .library(name: "ClaimExtraction", targets: ["ClaimExtraction"]),
    .library(name: "ClaimLedger", targets: ["ClaimLedger"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // Core libraries: extraction is pure (text in, mentions and claims out); the ledger owns
    // every file in a workspace.
    .target(name: "ClaimExtraction"),
    .target(
      name: "ClaimLedger",
      dependencies: [
        "ClaimExtraction",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),

    // The command-line tool: argument parsing and printing only.
    .executableTarget(
      name: "claimledger",
      dependencies: [
        "ClaimLedger",
        "ClaimExtraction",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Measurement: scoring against TIMEX2 gold and the benchmark driver.
    .target(name: "ExtractionEvaluation", dependencies: ["ClaimExtraction"]),
    .executableTarget(
      name: "claimledger-bench",
      dependencies: [
        "ExtractionEvaluation", "ClaimExtraction",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Tests: one target per library, plus end-to-end tests of the built binary.
    .testTarget(
      name: "ClaimExtractionTests", dependencies: ["ClaimExtraction", "ExtractionEvaluation"]),
    .testTarget(name: "ClaimLedgerTests", dependencies: ["ClaimLedger"]),
    .testTarget(name: "EndToEndTests", dependencies: ["claimledger"]),
  ],
  swiftLanguageModes: [.v6]
)

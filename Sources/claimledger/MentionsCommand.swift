import ArgumentParser
import ClaimLedger
import Foundation

struct MentionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mentions",
    abstract: "Print every date and entity mention the extractor finds in files.",
    discussion: "Needs no workspace; reads files exactly as 'scan' does.")

  @OptionGroup var formatOptions: FormatOptions

  @Argument(help: "Files to read.", completion: .file())
  var paths: [String]

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one file") }
  }

  func run() throws {
    try reportingErrors {
      // A file that cannot be read is reported and the others are still listed, as a linter
      // does; the exit status says something was missed.
      var documents: [MentionListing.Document] = []
      var failed = false
      for path in paths {
        do {
          documents.append(try MentionListing.mentions(inFile: path, shown: path))
        } catch let error as LedgerError {
          let text = error.localizedDescription.lineSafe
          Terminal.printError(text.contains(": error: ") ? text : "claimledger: error: \(text)")
          failed = true
        }
      }
      switch formatOptions.format {
      case .json:
        print(try Listing.json(MentionListing.Output(documents: documents)), terminator: "")
      case .text:
        for document in documents {
          var lines: [(Int, Int, String)] = []
          for date in document.dates {
            lines.append(
              (
                date.byteStart, date.byteEnd,
                "\(document.document):\(date.line):\(date.column): date \"\(date.text)\""
                  + " = \(date.value) (\(date.precision.rawValue)"
                  + (date.inferred == true ? ", year inferred from the text before)" : ")")
              ))
          }
          for entity in document.entities {
            lines.append(
              (
                entity.byteStart, entity.byteEnd,
                "\(document.document):\(entity.line):\(entity.column): entity \"\(entity.text)\""
                  + " (\(entity.kind.rawValue))"
              ))
          }
          for line in lines.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { print(line.2.lineSafe) }
        }
      }
      if failed { throw ExitCode.failure }
    }
  }
}

import ArgumentParser
import ClaimLedger
import Foundation

struct SourcesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sources",
    abstract: "Register, list and remove the references reviewers trust.",
    subcommands: [Add.self, List.self, Remove.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Register a reference: writes Sources-Registry/<id>.yaml.")

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Argument(help: "The reference's URL (http or https only).")
    var url: String

    @Option(help: "Its id: lower-case letters, digits and hyphens (default: made from the URL).")
    var id: String?

    @Option(help: "Its title.")
    var title: String?

    @Option(help: "Who publishes it.")
    var publisher: String?

    @Option(
      help: ArgumentHelp(
        "What it is.", valueName: Source.Kind.allCases.map(\.rawValue).joined(separator: "|")))
    var kind: Source.Kind = .other

    @Option(help: ArgumentHelp("How far it is trusted.", valueName: "high|medium|low"))
    var reliability: Source.Reliability = .medium

    @Option(parsing: .upToNextOption, help: "Subjects (entity names) it speaks to.")
    var covers: [String] = []

    func run() throws {
      try reportingErrors {
        let registry = SourceRegistry(workspace: try workspaceOptions.locate())
        let source = try registry.add(
          Source(
            id: id ?? "", url: url, title: title, publisher: publisher, kind: kind,
            reliability: reliability, covers: covers))
        print("registered \(source.id) (Sources-Registry/\(source.id).yaml)")
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the registered references.")

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var formatOptions: FormatOptions

    func run() throws {
      try reportingErrors {
        let sources = try SourceRegistry(workspace: try workspaceOptions.locate()).list()
        switch formatOptions.format {
        case .json:
          print(try Listing.json(Listing.Sources(sources)), terminator: "")
        case .text:
          for source in sources {
            let title = source.title.map { " \"\($0)\"" } ?? ""
            print(
              "\(source.id): \(source.url)\(title) [\(source.kind.rawValue), \(source.reliability.rawValue)]"
                .lineSafe)
          }
        }
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a registered reference.")

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Argument(help: "The source's id.")
    var id: String

    func run() throws {
      try reportingErrors {
        try SourceRegistry(workspace: try workspaceOptions.locate()).remove(id)
        print("removed \(id)")
      }
    }
  }
}

extension Source.Kind: ExpressibleByArgument {}
extension Source.Reliability: ExpressibleByArgument {}

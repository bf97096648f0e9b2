import ArgumentParser

/// `atlas gazetteer`: load and search places.
struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Load place files and find places by any spelling.",
        subcommands: [GazetteerLoadCommand.self, GazetteerFindCommand.self])
}

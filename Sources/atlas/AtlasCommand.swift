import ArgumentParser

/// The root `atlas` command: lists the subcommands.
struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "IncidentAtlas: a geospatial incident store for conflict and ceasefire monitoring.",
        subcommands: [
            InitCommand.self, InfoCommand.self, GazetteerCommand.self,
            NearCommand.self, NearestCommand.self, WithinCommand.self, StatsCommand.self, ExportCommand.self,
            ClustersCommand.self, ImportCommand.self, AddCommand.self, ExtractCommand.self, RegionsCommand.self, ServeCommand.self,
        ])
}

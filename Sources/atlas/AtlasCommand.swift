import ArgumentParser

/// The root `atlas` command: lists the subcommands.
struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "IncidentAtlas: a geospatial incident store for conflict and ceasefire monitoring.",
        discussion: """
            The store is --db PATH, else $ATLAS_DB, else ./atlas.sqlite (`atlas init` creates it with the \
            bundled Syrian gazetteer). Places are names in any spelling, or --at LAT,LON.

            Examples:
              atlas near Aleppo --km 15 --since 2016-02-27 --type shelling
              atlas nearest Khmeimim -k 10 --format geojson -o nearest.geojson
              atlas within --region Idleb --since 2024-01-01 --format csv
              atlas clusters --km 1 --min-points 5 --type shelling --format geojson
              atlas stats --by week --type shelling --region Aleppo
              atlas import acled-syria.csv --rejects rejected.csv
              atlas extract report.txt --date 2016-05-23 --commit
              atlas gazetteer find "Shaykh Maqsud" --in Aleppo
            """,
        subcommands: [
            InitCommand.self, InfoCommand.self, CheckCommand.self, GazetteerCommand.self,
            NearCommand.self, NearestCommand.self, WithinCommand.self, StatsCommand.self, ExportCommand.self,
            ClustersCommand.self, ImportCommand.self, AddCommand.self, ExtractCommand.self, RegionsCommand.self, ServeCommand.self,
        ])
}

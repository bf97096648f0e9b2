import ArgumentParser
import AtlasModel
import AtlasQuery

extension IncidentGrouping: ExpressibleByArgument {}

/// `atlas stats --by …`: counts and fatalities per group.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Incident counts and fatalities by place, admin1, day, week, month, type or actor.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Group by: place, admin1, day, week (ISO, named by its Monday), month, type or actor.")
    var by: IncidentGrouping
    @OptionGroup var filters: FilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require([.table, .csv, .json], for: "stats")
    }

    func run() throws {
        let backend = try database.backend()
        let query = try filters.query(in: backend)
        let groups = try backend.incidents.counts(by: by, query)
        try StatsWriter().write(groups, grouping: by, format: output.format, to: try output.sink())
    }
}

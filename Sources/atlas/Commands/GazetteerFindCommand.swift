import ArgumentParser
import AtlasQuery
import AtlasStore

/// `atlas gazetteer find NAME`: ranked candidates with scores.
struct GazetteerFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find places by name in any romanisation; ranked candidates with scores.",
        discussion: """
            Ranking: exact spelling > same folded key (Shaykh Maqsud = Sheikh Maqsood) > edit distance \
            up to 2; then the --in governorate, feature importance, population.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The name to look for.")
    var name: String

    @OptionGroup var governorate: GovernorateOption
    @OptionGroup var limit: LimitOption

    func validate() throws {
        try output.require([.table, .csv, .geojson, .geojsonl], for: "gazetteer find")
    }

    func run() throws {
        let matches = try database.backend().gazetteer.find(name, in: governorate.admin1, limit: limit.limit ?? 10)
        let sink = try output.sink()
        try PlaceMatchWriter(precision: output.precision).write(matches, format: output.format, to: sink)
        try sink.flush()
        if matches.isEmpty { StandardError.print("no place matches '\(name)'") }
    }
}

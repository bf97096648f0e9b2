import ArgumentParser
import AtlasQuery
import AtlasStore

/// `atlas nearest PLACE | --at LAT,LON -k N`: the k nearest incidents.
struct NearestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest",
        abstract: "The k incidents nearest to a place or position (WGS84 geodesic distance), exact.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var location: LocationOptions
    @Option(name: .short, parsing: .unconditional, help: "How many incidents.") var k: Int = 10
    @OptionGroup var filters: FilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1, got \(k)") }
    }

    func run() throws {
        let store = try database.open()
        let center = try location.resolve(in: store)
        let reader = IncidentReader(database: store)
        var filter = try filters.filter(in: store)
        if filter.boundingBox != nil {
            throw ValidationError("--bbox does not combine with nearest; use `atlas within`")
        }
        filter.limit = nil
        let hits = try reader.nearest(to: center, count: k, filter: filter)
        try HitOutput.write(hits, reader: reader, output: output)
    }
}

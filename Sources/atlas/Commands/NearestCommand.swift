import ArgumentParser
import AtlasQuery

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
        try output.require(IncidentWriter.formats, for: "nearest")
        guard k >= 1 else { throw ValidationError("-k must be at least 1, got \(k)") }
    }

    func run() throws {
        let backend = try database.backend()
        var query = try filters.query(in: backend)
        query.center = try location.resolve(in: backend.gazetteer)
        query.nearestCount = k
        let hits = try backend.incidents.matches(query)
        try HitOutput.write(hits, from: backend.incidents, output: output)
    }
}

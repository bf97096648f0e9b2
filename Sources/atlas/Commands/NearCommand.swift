import ArgumentParser
import AtlasQuery

/// `atlas near PLACE | --at LAT,LON --km R`: incidents within a geodesic radius.
struct NearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "Incidents within a radius (WGS84 geodesic distance) of a place or position, nearest first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var location: LocationOptions
    @Option(parsing: .unconditional, help: "Radius in kilometres.") var km: Double
    @OptionGroup var filters: FilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require(IncidentWriter.formats, for: "near")
        guard km.isFinite, km > 0 else { throw ValidationError("--km must be a positive number, got \(km)") }
        guard km <= 20_100 else { throw ValidationError("--km \(km) is more than half the Earth's circumference") }
    }

    func run() throws {
        let backend = try database.backend()
        var query = try filters.query(in: backend)
        query.center = try location.resolve(in: backend.gazetteer)
        query.radiusMeters = km * 1000
        let hits = try backend.incidents.matches(query)
        try HitOutput.write(hits, from: backend.incidents, output: output)
    }
}

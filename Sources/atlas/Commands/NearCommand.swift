import ArgumentParser
import AtlasQuery
import AtlasStore

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
        guard km.isFinite, km > 0 else { throw ValidationError("--km must be a positive number, got \(km)") }
        guard km <= 20_100 else { throw ValidationError("--km \(km) is more than half the Earth's circumference") }
    }

    func run() throws {
        let store = try database.open()
        let center = try location.resolve(in: store)
        let reader = IncidentReader(database: store)
        var filter = try filters.filter(in: store)
        let box = filter.boundingBox
        filter.boundingBox = nil
        var hits = try reader.withinRadius(of: center, radiusMeters: km * 1000, filter: filter)
        // Hits carry their positions: the box needs no row read.
        if let box { hits.removeAll { !box.contains($0.coordinate) } }
        try HitOutput.write(hits, reader: reader, output: output)
    }
}

import ArgumentParser
import AtlasQuery

/// `atlas within --bbox W,S,E,N | --region NAME`: incidents inside an area.
struct WithinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "within",
        abstract: "Incidents inside a box (--bbox W,S,E,N), a polygon (--polygon FILE|WKT) or a region (--region NAME), in id order; boundaries count as inside.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: FilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require(IncidentWriter.formats, for: "within")
        if filters.bbox == nil && filters.region == nil && filters.polygon == nil {
            throw ValidationError("give --bbox W,S,E,N, --polygon FILE|WKT or --region NAME")
        }
    }

    func run() throws {
        let backend = try database.backend()
        let query = try filters.query(in: backend)
        if try FilteredListing.write(query, from: backend.incidents, output: output) == 0 { StandardError.print("no incidents match") }
    }
}

import ArgumentParser
import AtlasQuery

/// `atlas export [filters]`: everything, or the filtered set, streamed.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write all (or the filtered) incidents as GeoJSON, GeoJSON Lines or CSV, streamed.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: FilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require(IncidentWriter.formats, for: "export")
    }

    func run() throws {
        let backend = try database.backend()
        let query = try filters.query(in: backend)
        let count = try FilteredListing.write(query, from: backend.incidents, output: output)
        StandardError.print("exported \(count) incidents")
    }
}

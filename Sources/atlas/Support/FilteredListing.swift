import AtlasModel
import AtlasQuery

/// Streams every incident a query matches to a writer, in id order: what `within` and
/// `export` share.
enum FilteredListing {
    /// Writes the incidents of `query` in `output`'s format; returns how many.
    @discardableResult
    static func write(_ query: IncidentQuery, from incidents: any IncidentSearching, output: OutputOptions) throws -> Int {
        let writer = IncidentWriter(format: output.format, sink: try output.sink(), precision: output.precision)
        try writer.begin()
        try incidents.forEachIncident(query, withAttributes: output.format == .acled) { incident, _ in try writer.write(incident) }
        try writer.end()
        return writer.written
    }
}

import AtlasQuery
import AtlasStore

/// Streams every incident passing a filter to a writer: what `within` and `export` share.
enum FilteredListing {
    /// Writes the incidents of `filter` in `output`'s format; returns how many.
    @discardableResult
    static func write(_ filter: IncidentFilter, from store: SpatialDatabase, output: OutputOptions) throws -> Int {
        let writer = IncidentWriter(format: output.format, sink: try output.sink(), precision: output.precision)
        try writer.begin()
        try IncidentReader(database: store).forEachIncident(matching: filter, withAttributes: output.format == .acled) { try writer.write($0) }
        try writer.end()
        return writer.written
    }
}

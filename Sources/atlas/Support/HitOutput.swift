import AtlasModel
import AtlasQuery

/// Writes distance-query hits (`near`, `nearest`) with their full rows, nearest first.
enum HitOutput {
    /// Writes `hits` (sorted by distance) in `output`'s format, with `distance_m`.
    static func write(_ hits: [IncidentMatch], from incidents: any IncidentSearching, output: OutputOptions) throws {
        let writer = IncidentWriter(format: output.format, sink: try output.sink(), precision: output.precision, withDistance: true)
        try writer.begin()
        try DistanceOrderedOutput.write(hits, reader: incidents, writer: writer, withAttributes: output.format == .acled)
        try writer.end()
        if hits.isEmpty { StandardError.print("no incidents match") }
    }
}

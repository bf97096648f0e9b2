import AtlasGeo
import AtlasModel
import AtlasQuery
import PostgresNIO

/// PostGIS as an `IncidentSource` for the shared `IncidentQueryEngine`: PostgreSQL does what
/// its indexes do well (the filter, `&&` on the GiST index for boxes and a circle's box, then
/// the spherical `ST_DWithin` for the circle, the `<->` order for nearest); the engine then
/// applies every spatial part exactly, with the same code as the SpatiaLite store, so answers
/// are equal.
struct PostGISIncidentSource: IncidentSource {
    let connection: PostGISConnection

    private var positions: IncidentPositions { IncidentPositions(connection: connection) }
    private var rows: IncidentRowReader { IncidentRowReader(connection: connection) }

    func candidates(filter: IncidentFilter, prefilter: SpatialPrefilter) throws -> [IncidentPosition] {
        try positions.positions(filter: filter, prefilter: prefilter)
    }

    func nearestCandidates(to center: Coordinate, filter: IncidentFilter, prefilter: SpatialPrefilter, limit: Int) throws -> [IncidentPosition]? {
        try positions.nearest(to: center, filter: filter, prefilter: prefilter, limit: limit)
    }

    func positions(filter: IncidentFilter, afterID: Int64?, limit: Int?) throws -> [IncidentPosition] {
        try positions.positions(filter: filter, afterID: afterID, limit: limit)
    }

    func count(filter: IncidentFilter) throws -> Int {
        try positions.count(filter: filter)
    }

    func counts(by grouping: IncidentGrouping, filter: IncidentFilter, ids: [Int64]?) throws -> [IncidentGroupCount] {
        try IncidentGroupCounts(connection: connection).counts(by: grouping, filter: filter, ids: ids)
    }

    func forEachIncident(filter: IncidentFilter, afterID: Int64?, limit: Int?, withAttributes: Bool,
                         _ body: (Incident) throws -> Void) throws {
        try rows.forEachIncident(matching: filter, afterID: afterID, limit: limit, withAttributes: withAttributes, body)
    }

    func forEachIncident(ids: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        try rows.forEachIncident(ids: ids, withAttributes: withAttributes, body)
    }

    func forEachIncident(sortedIDs: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        try rows.forEachIncident(ids: sortedIDs, withAttributes: withAttributes, body)
    }

    /// The store id and the incident generation token, as text.
    func incidentGeneration() throws -> String {
        let found = try connection.withSession { session in
            try session.rows(BoundSQL("""
                SELECT (SELECT value FROM atlas_meta WHERE key = 'store_id'), \
                (SELECT value FROM atlas_meta WHERE key = 'incident_generation')
                """), context: "reading the incident generation")
        }
        guard let row = found.first, case let (store?, generation?) = try row.decode((String?, String?).self) else {
            throw PostGISError.invalidValue(connection.url.redacted, what: "atlas_meta has no store_id or incident_generation")
        }
        return "\(store)-\(generation)"
    }
}

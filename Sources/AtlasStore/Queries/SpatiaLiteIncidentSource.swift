import AtlasGeo
import AtlasModel
import AtlasQuery

/// The SpatiaLite store's incident search: the shared `IncidentQueryEngine` over this store's
/// `IncidentReader`.
///
/// For example:
///
/// ```swift
/// let hits = try IncidentSearch(database: store).matches(.within(15_000, of: aleppo))
/// ```
public typealias IncidentSearch = IncidentQueryEngine<IncidentReader>

extension IncidentQueryEngine where Source == IncidentReader {
    /// A search over `database`.
    public init(database: SpatialDatabase) {
        self.init(source: IncidentReader(database: database))
    }
}

/// The SpatiaLite store as an `IncidentSource`: candidates from the smallest box a prefilter
/// implies, through the packed point index when the filter keeps everything, else through the
/// R*Tree with the filter in SQL.
extension IncidentReader: IncidentSource {
    /// Fields borrowed from each row as SQLite steps, in one read on this thread.
    public func forEachFeatureFields(sortedIDs: [Int64], _ body: (IncidentFeatureFields) throws -> Void) throws -> Bool {
        try forEachRowWhile(sortedIDs: sortedIDs, selectList: IncidentColumns.featureSelectList) { row in
            try body(try IncidentColumns.featureFields(from: row))
            return true
        }
        return true
    }

    public func candidates(filter: IncidentFilter, prefilter: SpatialPrefilter) throws -> [IncidentPosition] {
        var found: [IncidentPosition] = []
        try forEachPosition(in: prefilter.smallestBox, filter: filter) { found.append(IncidentPosition(id: $0, coordinate: $1)) }
        return found
    }

    public func forEachCandidate(filter: IncidentFilter, prefilter: SpatialPrefilter, _ body: (IncidentPosition) -> Void) throws {
        try forEachPosition(in: prefilter.smallestBox, filter: filter) { body(IncidentPosition(id: $0, coordinate: $1)) }
    }

    /// The point index's cells under the prefilter's smallest box, when the filter keeps
    /// everything (the index holds positions only).
    public func withCandidateBlocks(filter: IncidentFilter, prefilter: SpatialPrefilter, _ body: ([CandidateBlock]) throws -> Void) throws -> Bool {
        guard filter.keepsEverything else { return false }
        try PointIndex.current(for: database).withCells(meeting: prefilter.smallestBox.splitAtAntimeridian, body)
        return true
    }

    public func positions(filter: IncidentFilter, afterID: Int64?, limit: Int?) throws -> [IncidentPosition] {
        try positions(matching: filter, afterID: afterID, limit: limit).map { IncidentPosition(id: $0.id, coordinate: $0.coordinate) }
    }

    public func positions(filter: IncidentFilter, afterID: Int64?, beforeID: Int64, limit: Int?) throws -> [IncidentPosition] {
        try positions(matching: filter, afterID: afterID, beforeID: beforeID, limit: limit)
            .map { IncidentPosition(id: $0.id, coordinate: $0.coordinate) }
    }

    public func count(filter: IncidentFilter) throws -> Int {
        try count(matching: filter)
    }

    public func forEachIncident(filter: IncidentFilter, afterID: Int64?, limit: Int?, withAttributes: Bool,
                                _ body: (Incident) throws -> Void) throws {
        try forEachIncident(matching: filter, afterID: afterID, limit: limit, withAttributes: withAttributes, body)
    }

    /// The store id and the incident generation token (`SidecarStamp`), as text.
    public func incidentGeneration() throws -> String {
        let stamp = try database.read { db in try SidecarStamp.incidents(in: db) }
        return "\(stamp.storeID)-\(stamp.generation)"
    }
}

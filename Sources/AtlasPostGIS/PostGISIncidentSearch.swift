import AtlasGeo
import AtlasModel
import AtlasQuery
import PostgresNIO

/// Carries out an `IncidentQuery` on PostGIS with the same answer as the SpatiaLite store:
/// the same ids in the same order, and distances computed by the same code (`RadiusTest`, WGS84
/// geodesic metres), so they are equal, not only close.
///
/// The server does what indexes do well: the filter, and index-driven spatial prefilters
/// (`ST_DWithin` on geography for a radius, `&&` on the GiST index for boxes and areas, the
/// geography `<->` order for nearest). Every spatial part is then applied exactly in Swift, the
/// answer is ordered (distance, then id), and only then the cursor and the limit apply.
struct PostGISIncidentSearch: IncidentSearching {
    let connection: PostGISConnection

    private var positions: IncidentPositions { IncidentPositions(connection: connection) }
    private var rows: IncidentRowReader { IncidentRowReader(connection: connection) }

    func matches(_ query: IncidentQuery) throws -> [IncidentMatch] {
        try query.validate()
        if !query.isSpatial {
            // Id order without spatial parts: the cursor and the limit go into the SQL.
            return try positions.positions(filter: query.filter, afterID: query.after?.id, limit: query.limit)
                .map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }
        }
        var all = try allMatches(query)
        if let after = query.after {
            let order = query.effectiveOrder
            all.removeSubrange(..<(all.firstIndex { MatchOrder.precedes(after, $0, order: order) } ?? all.endIndex))
        }
        if let limit = query.limit, all.count > limit { all.removeSubrange(limit...) }
        return all
    }

    func count(_ query: IncidentQuery) throws -> Int {
        try query.validate()
        guard query.isSpatial else { return try positions.count(filter: query.filter) }
        var unpaged = query
        unpaged.after = nil
        unpaged.limit = nil
        return try allMatches(unpaged).count
    }

    func forEachIncident(_ query: IncidentQuery, withAttributes: Bool, _ body: (Incident, IncidentMatch) throws -> Void) throws {
        try query.validate()
        if !query.isSpatial && query.effectiveOrder == .id {
            return try rows.forEachIncident(matching: query.filter, afterID: query.after?.id, limit: query.limit,
                                            withAttributes: withAttributes) { incident in
                try body(incident, IncidentMatch(id: incident.id ?? 0, coordinate: incident.coordinate))
            }
        }
        let found = try matches(query)
        var index = 0
        try rows.forEachIncident(ids: found.map(\.id), withAttributes: withAttributes) { incident in
            while index < found.count && found[index].id != incident.id { index += 1 }
            guard index < found.count else { return }
            try body(incident, found[index])
        }
    }

    func counts(by grouping: IncidentGrouping, _ query: IncidentQuery) throws -> [IncidentGroupCount] {
        try query.validate()
        var unpaged = query
        unpaged.after = nil
        unpaged.limit = nil
        let ids = query.isSpatial ? try allMatches(unpaged).map(\.id) : nil
        return try IncidentGroupCounts(connection: connection).counts(by: grouping, filter: query.filter, ids: ids)
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

    // MARK: - Carrying out the spatial parts

    /// Every match of a spatial query, ordered, before cursor and limit.
    private func allMatches(_ query: IncidentQuery) throws -> [IncidentMatch] {
        var found: [IncidentMatch]
        if let count = query.nearestCount, let center = query.center {
            found = try nearest(count, to: center, query)
        } else {
            found = try within(query, radius: query.radiusMeters)
        }
        let order = query.effectiveOrder
        found.sort { MatchOrder.orders($0, before: $1, order: order) }
        return found
    }

    /// The box and area prefilters of `query`.
    private func prefilter(_ query: IncidentQuery, radius: Double?) -> IncidentPositions.Prefilter {
        var prefilter = IncidentPositions.Prefilter()
        if let center = query.center, let radius, radius < MatchOrder.farthest { prefilter.circle = (center, radius) }
        if let box = query.boundingBox { prefilter.boxes.append(box) }
        prefilter.boxes += query.areas.map(\.boundingBox)
        return prefilter
    }

    /// True if `point` passes the query's box and every area, exactly.
    private func passesBoxAndAreas(_ point: Coordinate, _ query: IncidentQuery) -> Bool {
        (query.boundingBox?.contains(point) ?? true) && query.areas.allSatisfy { $0.covers(point) }
    }

    /// The matches of `query`'s box, areas and filter within `radius` of its centre (every
    /// distance, for a centre without a radius), unordered.
    private func within(_ query: IncidentQuery, radius: Double?) throws -> [IncidentMatch] {
        let candidates = try positions.positions(filter: query.filter, prefilter: prefilter(query, radius: radius))
        let kept = candidates.filter { passesBoxAndAreas($0.coordinate, query) }
        guard let center = query.center else {
            return kept.map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }
        }
        let test = RadiusTest(center: center, radiusMeters: radius ?? MatchOrder.farthest)
        var found: [IncidentMatch] = []
        found.reserveCapacity(kept.count)
        for candidate in kept {
            if let distance = test.distanceIfWithin(candidate.coordinate) {
                found.append(IncidentMatch(id: candidate.id, coordinate: candidate.coordinate, distanceMeters: distance))
            }
        }
        return found
    }

    /// The `count` matches nearest to `center` (geodesic), within the query's radius if it has
    /// one, ties by id.
    ///
    /// First the geography index gives candidates in spherical order (more of them while the
    /// exact box and area tests reject some) until `count` pass; the largest haversine distance
    /// `s` among those bounds the answer: the ellipsoidal distance is within 0.6 % of the
    /// spherical one, so `count` matches lie within 1.01 `s` on WGS84 and no farther match can be
    /// among the nearest. Then one exact radius search of 1.01 `s` (or the query's radius, if
    /// smaller) gives the answer, ordered and cut as the SpatiaLite store does.
    private func nearest(_ count: Int, to center: Coordinate, _ query: IncidentQuery) throws -> [IncidentMatch] {
        let cap = min(query.radiusMeters ?? MatchOrder.farthest, MatchOrder.farthest)
        let prefilter = prefilter(query, radius: query.radiusMeters)
        var limit = count
        var bound = cap
        while true {
            let candidates = try positions.nearest(to: center, filter: query.filter, prefilter: prefilter, limit: limit)
            let passing = candidates.lazy.filter { passesBoxAndAreas($0.coordinate, query) }.prefix(count)
            if passing.count >= count {
                let farthest = passing.map { Haversine.distanceMeters(from: center, to: $0.coordinate) }.max() ?? 0
                bound = min(farthest * 1.01 + 1e-6, cap)
                break
            }
            if candidates.count < limit { break }  // every candidate seen: fewer than `count` match
            limit *= 4
        }
        var found = try within(query, radius: bound)
        found.sort { MatchOrder.orders($0, before: $1, order: .distance) }
        if found.count > count { found.removeSubrange(count...) }
        return found
    }
}

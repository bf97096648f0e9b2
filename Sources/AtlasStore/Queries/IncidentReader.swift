import AtlasGeo
import Dispatch
import GRDB

/// Reads incidents for the query layer: spatial selections through the R*Tree, exact
/// geodesic filtering in Swift, and streaming of whole rows.
///
/// Spatial queries never scan: they ask `idx_incident_geom` for the candidates in a box
/// (SpatiaLite never uses its index on its own), decode each candidate's 60-byte point blob
/// in Swift, and keep what the exact test accepts. Whole rows are read only for what is output.
public struct IncidentReader: Sendable {
    private let database: SpatialDatabase

    /// A reader over `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    // MARK: - Distance queries

    /// Incidents within `radiusMeters` (WGS84 geodesic, inclusive) of `center` that pass
    /// `filter`, sorted by distance then id, at most `filter.limit`.
    public func withinRadius(of center: Coordinate, radiusMeters: Double, filter: IncidentFilter) throws -> [RadiusHit] {
        let test = RadiusTest(center: center, radiusMeters: radiusMeters)
        let candidates = try positions(in: BoundingBox.around(center, radiusMeters: radiusMeters), filter: filter)
        let distances = Self.distances(of: candidates.map(\.coordinate), test: test)
        var hits: [RadiusHit] = []
        for (candidate, distance) in zip(candidates, distances) where distance >= 0 {
            hits.append(RadiusHit(id: candidate.id, distanceMeters: distance, coordinate: candidate.coordinate))
        }
        hits.sort { $0.distanceMeters != $1.distanceMeters ? $0.distanceMeters < $1.distanceMeters : $0.id < $1.id }
        if let limit = filter.limit, hits.count > limit { hits.removeSubrange(limit...) }
        return hits
    }

    /// Ids and positions of the incidents passing `filter` whose position may lie in `box`:
    /// from the packed index when only positions matter, else from the R*Tree with the filter's
    /// conditions in SQL (the filter's own box and area are not applied here).
    private func positions(in box: BoundingBox, filter: IncidentFilter) throws -> [(id: Int64, coordinate: Coordinate)] {
        var candidates: [(id: Int64, coordinate: Coordinate)] = []
        if Self.isPurelySpatial(filter) {
            try PointIndex.current(for: database).forEachPoint(in: box) { candidates.append(($0, $1)) }
        } else {
            try forEachCandidate(in: box, filter: filter) { candidates.append(($0, $1)) }
        }
        return candidates
    }

    /// The `count` incidents nearest to `center` (geodesic), nearest first, ties by id.
    ///
    /// Exact and index-driven, in two steps. First, boxes of growing size (100 m, ×4 each time)
    /// are searched with the cheap spherical distance until one holds `count` incidents within
    /// 99 % of its radius; the `count`-th smallest spherical distance `s` then bounds the answer:
    /// the ellipsoidal distance is within 0.6 % of the spherical one (see `RadiusTest`), so those
    /// `count` incidents all lie within 1.01 `s` on WGS84, and no incident farther than that can
    /// be among the nearest. Second, one exact radius query of 1.01 `s` gives the answer. Only
    /// the few incidents near the answer pay for an ellipsoidal solution.
    public func nearest(to center: Coordinate, count: Int, filter: IncidentFilter) throws -> [RadiusHit] {
        guard count > 0 else { return [] }
        var unlimited = filter
        unlimited.limit = nil
        let farthest = 20_100_000.0  // more than half the meridian: the box is then the whole world
        var radius = 100.0
        while true {
            let candidates = try positions(in: BoundingBox.around(center, radiusMeters: radius), filter: unlimited)
            var spherical = candidates.map { Haversine.distanceMeters(from: center, to: $0.coordinate) }
            if radius < farthest { spherical.removeAll { $0 > radius * 0.99 } }
            if spherical.count >= count || radius >= farthest {
                guard !spherical.isEmpty else { return [] }
                spherical.sort()
                let bound = min(spherical[min(count, spherical.count) - 1] * 1.01 + 1e-6, farthest)
                return Array(try withinRadius(of: center, radiusMeters: bound, filter: unlimited).prefix(count))
            }
            radius = min(radius * 4, farthest)
        }
    }

    /// The exact distance of each point within the radius, −1 for the others, computed on all
    /// cores in chunks (each distance is independent; Vincenty's iteration is the query's cost).
    private static func distances(of points: [Coordinate], test: RadiusTest) -> [Double] {
        var result = [Double](repeating: -1, count: points.count)
        let chunk = 4096
        let chunks = (points.count + chunk - 1) / chunk
        guard chunks > 1 else {
            for (index, point) in points.enumerated() { result[index] = test.distanceIfWithin(point) ?? -1 }
            return result
        }
        result.withUnsafeMutableBufferPointer { output in
            points.withUnsafeBufferPointer { input in
                // Each chunk writes only its own slots: no two threads touch the same element.
                nonisolated(unsafe) let output = output
                nonisolated(unsafe) let input = input
                DispatchQueue.concurrentPerform(iterations: chunks) { number in
                    for index in (number * chunk)..<min((number + 1) * chunk, input.count) {
                        output[index] = test.distanceIfWithin(input[index]) ?? -1
                    }
                }
            }
        }
        return result
    }

    /// True when `filter` asks nothing of an incident but its position (and a limit).
    static func isPurelySpatial(_ filter: IncidentFilter) -> Bool {
        filter.since == nil && filter.until == nil && filter.types.isEmpty && (filter.actor ?? "").isEmpty
            && (filter.notActor ?? "").isEmpty && filter.maxGeoPrecision == nil && filter.admin1Keys.isEmpty
    }

    /// The radius query through the R*Tree only (the reference path the packed index must equal).
    public func withinRadiusThroughRTree(of center: Coordinate, radiusMeters: Double) throws -> [RadiusHit] {
        let test = RadiusTest(center: center, radiusMeters: radiusMeters)
        var hits: [RadiusHit] = []
        try forEachCandidate(in: BoundingBox.around(center, radiusMeters: radiusMeters), filter: IncidentFilter()) { id, coordinate in
            if let distance = test.distanceIfWithin(coordinate) { hits.append(RadiusHit(id: id, distanceMeters: distance, coordinate: coordinate)) }
        }
        hits.sort { $0.distanceMeters != $1.distanceMeters ? $0.distanceMeters < $1.distanceMeters : $0.id < $1.id }
        return hits
    }

    // MARK: - Box queries

    /// Ids of incidents inside `box` (edges included; a box with west > east crosses the
    /// antimeridian) that pass `filter`, in id order.
    public func ids(in box: BoundingBox, filter: IncidentFilter) throws -> [Int64] {
        var ids: [Int64] = []
        if Self.isPurelySpatial(filter) {
            try PointIndex.current(for: database).forEachPoint(in: box) { id, _ in ids.append(id) }
            ids.sort()
            return ids
        }
        try forEachCandidate(in: box, filter: filter) { id, coordinate in
            if box.contains(coordinate) { ids.append(id) }
        }
        ids.sort()
        return ids
    }

    /// Ids and positions of incidents inside `box` that pass `filter` (for polygon tests).
    public func points(in box: BoundingBox, filter: IncidentFilter) throws -> [(id: Int64, coordinate: Coordinate)] {
        var points: [(Int64, Coordinate)] = []
        try forEachCandidate(in: box, filter: filter) { id, coordinate in
            if box.contains(coordinate) { points.append((id, coordinate)) }
        }
        points.sort { $0.0 < $1.0 }
        return points
    }

    /// Calls `body` with (id, exact position) of every incident whose index box meets `box`
    /// and that passes `filter` (the filter's own bounding box, if any, is not applied here).
    private func forEachCandidate(in box: BoundingBox, filter: IncidentFilter, _ body: (Int64, Coordinate) -> Void) throws {
        let where_ = FilterSQL(filter)
        try database.read { db in
            let statement = try FastStatement(db, sql: """
                SELECT i.id, i.geom FROM idx_incident_geom AS r CROSS JOIN incident AS i ON i.id = r.pkid
                WHERE r.xmin <= ? AND r.xmax >= ? AND r.ymin <= ? AND r.ymax >= ? AND \(where_.clause)
                """)
            for part in box.splitAtAntimeridian {
                statement.bind([part.east, part.west, part.north, part.south] + where_.arguments)
                try statement.forEachRow { row in
                    if let coordinate = SpatiaLitePoint.coordinate(from: row.blob(1)) { body(row.int64(0), coordinate) }
                }
            }
        }
    }

    // MARK: - Whole rows

    /// Calls `body` with each incident of `ids`, in that order (missing ids are skipped).
    ///
    /// Rows are read in one read transaction on a background thread while `body` runs on this
    /// one (see `BatchPipeline`): output of a large answer costs about half the wall time.
    public func forEachIncident(ids: [Int64], withAttributes: Bool = true, _ body: (Incident) throws -> Void) throws {
        let database = self.database
        try BatchPipeline.run(produce: { emit in
            try database.read { db in
                let statement = try FastStatement(db, sql: "SELECT \(IncidentColumns.selectList) FROM incident WHERE id = ?")
                var batch: [Incident] = []
                batch.reserveCapacity(Self.batchSize)
                for id in ids {
                    statement.bind(1, id)
                    try statement.forEachRow { batch.append(try IncidentColumns.incident(from: $0, withAttributes: withAttributes)) }
                    if batch.count == Self.batchSize {
                        guard emit(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = emit(batch) }
            }
        }, consume: { batch in
            for incident in batch { try body(incident) }
        })
    }

    /// Calls `body` with each incident of `sortedIDs` (ascending), in id order; missing ids are
    /// skipped.
    ///
    /// A dense selection (at least one row in `denseFraction` of the id range it spans, e.g. a
    /// 50 km radius around a city holding a quarter of the table) is read by one scan of that
    /// range filtered by a bitmap (`SelectedIDs`): sequential pages and no B-tree descent per
    /// row, against one descent per id for a sparse selection, which is read by id. Reading and
    /// `body` overlap on two threads (see `BatchPipeline`).
    public func forEachIncident(sortedIDs ids: [Int64], withAttributes: Bool = true, _ body: (Incident) throws -> Void) throws {
        guard let first = ids.first, let last = ids.last else { return }
        guard Double(ids.count) >= Double(last - first + 1) * Self.denseFraction else {
            return try forEachIncident(ids: ids, withAttributes: withAttributes, body)
        }
        let shared = SelectedIDs(sortedIDs: ids)
        let database = self.database
        try BatchPipeline.run(produce: { emit in
            try database.read { db in
                try shared.whileRegistered(on: db) {
                    let statement = try FastStatement(db, sql: """
                        SELECT \(IncidentColumns.selectList) FROM incident
                        WHERE id BETWEEN ? AND ? AND \(SelectedIDs.functionName)(id) ORDER BY id
                        """)
                    statement.bind(1, shared.first)
                    statement.bind(2, shared.last)
                    try Self.emitRows(of: statement, withAttributes: withAttributes, emit)
                }
            }
        }, consume: { batch in
            for incident in batch { try body(incident) }
        })
    }

    /// Runs `statement` (which selects `IncidentColumns.selectList`) and hands its incidents to
    /// `emit` in batches of `batchSize`, stopping when `emit` returns false.
    private static func emitRows(of statement: FastStatement, withAttributes: Bool, _ emit: ([Incident]) -> Bool) throws {
        var batch: [Incident] = []
        batch.reserveCapacity(batchSize)
        var stopped = false
        try statement.forEachRowWhile { row in
            batch.append(try IncidentColumns.incident(from: row, withAttributes: withAttributes))
            if batch.count == batchSize {
                stopped = !emit(batch)
                batch.removeAll(keepingCapacity: true)
            }
            return !stopped
        }
        if !batch.isEmpty && !stopped { _ = emit(batch) }
    }

    /// The share of an id range a selection must hold to be read by a scan rather than by id:
    /// a skipped row costs about 1 % of a row looked up by id (0.1 s for a 1M-row scan against
    /// ~12 µs a row by id, both on the bench table), so 1/16 leaves a wide margin.
    static let denseFraction = 1.0 / 16

    /// Incidents per batch handed from the reading thread to the consumer.
    private static let batchSize = 1024

    /// Ids of incidents inside `area` (edges included) that pass `filter`, in id order. Without
    /// attribute conditions the positions come from the packed index, else from the R*Tree.
    public func ids(in area: MultiPolygon, filter: IncidentFilter) throws -> [Int64] {
        guard Self.isPurelySpatial(filter) else {
            return try points(in: area.boundingBox, filter: filter).filter { area.covers($0.coordinate) }.map(\.id)
        }
        var ids: [Int64] = []
        try PointIndex.current(for: database).forEachPoint(in: area.boundingBox) { id, coordinate in
            if area.covers(coordinate) { ids.append(id) }
        }
        ids.sort()
        return ids
    }

    /// For a filter with a box or an area: the matching ids, in id order (nil without either).
    private func spatialIDs(_ filter: IncidentFilter) throws -> [Int64]? {
        guard filter.boundingBox != nil || filter.area != nil else { return nil }
        var rest = filter
        rest.boundingBox = nil
        rest.area = nil
        var ids: [Int64]?
        if let box = filter.boundingBox { ids = try self.ids(in: box, filter: rest) }
        if let area = filter.area {
            let inArea = try self.ids(in: area, filter: rest)
            ids = ids.map { Set($0).intersection(inArea).sorted() } ?? inArea
        }
        return ids
    }

    /// Calls `body` with every incident passing `filter` (box and area included), in id order,
    /// streaming: memory does not grow with the number of rows. `withAttributes: false` skips
    /// decoding the upstream extra columns (only ACLED output needs them).
    public func forEachIncident(matching filter: IncidentFilter, withAttributes: Bool = true, _ body: (Incident) throws -> Void) throws {
        if var ids = try spatialIDs(filter) {
            if let limit = filter.limit, ids.count > limit { ids.removeSubrange(limit...) }
            return try forEachIncident(ids: ids, withAttributes: withAttributes, body)
        }
        let where_ = FilterSQL(filter)
        var sql = "SELECT \(IncidentColumns.selectList) FROM incident AS i WHERE \(where_.clause) ORDER BY i.id"
        var arguments = where_.arguments
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        let values = arguments.map { $0?.databaseValue ?? .null }
        let query = sql
        let database = self.database
        try BatchPipeline.run(produce: { emit in
            try database.read { db in
                let statement = try FastStatement(db, sql: query)
                statement.bind(values)
                try Self.emitRows(of: statement, withAttributes: withAttributes, emit)
            }
        }, consume: { batch in
            for incident in batch { try body(incident) }
        })
    }

    /// Calls `body` with the id of every incident passing `filter`, in id order, without reading
    /// whole rows (for counting and measuring selections).
    public func forEachIncidentID(matching filter: IncidentFilter, _ body: (Int64) throws -> Void) throws {
        if let ids = try spatialIDs(filter) {
            for id in ids.prefix(filter.limit ?? Int.max) { try body(id) }
            return
        }
        var plain = filter
        plain.limit = nil
        let where_ = FilterSQL(plain)
        try database.read { db in
            let rows = try Int64.fetchCursor(db, sql: "SELECT i.id FROM incident AS i WHERE \(where_.clause) ORDER BY i.id", arguments: where_.statementArguments())
            var count = 0
            while let id = try rows.next(), count < filter.limit ?? Int.max { try body(id); count += 1 }
        }
    }

    /// Every incident passing `filter`, in id order (for clustering, which needs them all).
    public func incidents(matching filter: IncidentFilter) throws -> [Incident] {
        var all: [Incident] = []
        try forEachIncident(matching: filter) { all.append($0) }
        return all
    }

    // MARK: - Aggregates

    /// Counts and fatalities per group of the incidents passing `filter` (its box included).
    public func counts(by grouping: IncidentGrouping, filter: IncidentFilter) throws -> [IncidentGroupCount] {
        var rest = filter
        rest.limit = nil
        var idFilter = ""
        let boxIDs = try spatialIDs(rest) ?? []
        if filter.boundingBox != nil || filter.area != nil {
            rest.boundingBox = nil
            rest.area = nil
            idFilter = " AND i.id IN (SELECT value FROM json_each(?))"
        }
        let where_ = FilterSQL(rest)
        let order = grouping.ordersByKey ? "key" : "count(*) DESC, key"
        let sql = """
            SELECT \(grouping.keyExpression) AS key, count(*) AS n, sum(i.fatalities) AS deaths
            FROM incident AS i WHERE \(where_.clause)\(idFilter) GROUP BY key ORDER BY \(order)
            """
        var arguments = where_.statementArguments()
        if !idFilter.isEmpty { arguments += ["[" + boxIDs.map(String.init).joined(separator: ",") + "]"] }
        return try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                IncidentGroupCount(key: row["key"] ?? "", count: row["n"], fatalities: row["deaths"] ?? 0)
            }
        }
    }
}

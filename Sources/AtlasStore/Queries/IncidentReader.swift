import AtlasImport
import AtlasGeo
import AtlasModel
import Dispatch
import GRDB

/// Reads incidents for `IncidentSearch`: positions of candidates through the packed point
/// index or the R*Tree, and whole rows, streamed.
///
/// Spatial reads never scan: they ask `idx_incident_geom` for the candidates in a box
/// (SpatiaLite never uses its index on its own) and decode each candidate's 60-byte point blob
/// in Swift. Whole rows are read only for what is output.
public struct IncidentReader: Sendable {
    let database: SpatialDatabase

    /// A reader over `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    // MARK: - Positions

    /// Calls `body(id, position)` for each incident passing `filter` that lies in `box` (edges
    /// included; west > east crosses the antimeridian), as it is read: from the packed index when
    /// the filter keeps everything, else from the R*Tree with the filter's conditions in SQL.
    func forEachPosition(in box: BoundingBox, filter: IncidentFilter, _ body: (Int64, Coordinate) -> Void) throws {
        if filter.keepsEverything {
            try PointIndex.current(for: database).forEachPoint(in: box, body)
        } else {
            // The R*Tree's float32 boxes are rounded outwards: the exact test keeps the box's own.
            try forEachCandidate(in: box, filter: filter) { id, coordinate in
                if box.contains(coordinate) { body(id, coordinate) }
            }
        }
    }

    /// Ids and positions of the incidents passing `filter`, in id order, after `afterID`, at
    /// most `limit` (no spatial index: for queries without spatial parts).
    func positions(matching filter: IncidentFilter, afterID: Int64?, limit: Int?) throws -> [(id: Int64, coordinate: Coordinate)] {
        let (sql, values) = Self.filteredSQL(columns: "i.id, i.geom", filter: filter, afterID: afterID, limit: limit)
        return try positions(sql: sql, values)
    }

    /// Ids and positions of the last `limit` incidents passing `filter` after `afterID` and
    /// before `beforeID`, in id order: read backwards through the id index, so a page before a
    /// cursor costs its own rows only.
    func positions(matching filter: IncidentFilter, afterID: Int64?, beforeID: Int64, limit: Int?) throws -> [(id: Int64, coordinate: Coordinate)] {
        let (sql, values) = Self.filteredSQL(columns: "i.id, i.geom", filter: filter, afterID: afterID, beforeID: beforeID, limit: limit)
        return Array(try positions(sql: sql, values).reversed())
    }

    /// The (id, point) rows of `sql`.
    private func positions(sql: String, _ values: [DatabaseValue]) throws -> [(id: Int64, coordinate: Coordinate)] {
        var found: [(id: Int64, coordinate: Coordinate)] = []
        try database.read { db in
            let statement = try FastStatement(db, sql: sql)
            statement.bind(values)
            try statement.forEachRow { row in
                if let coordinate = SpatiaLitePoint.coordinate(from: row.blob(1)) { found.append((row.int64(0), coordinate)) }
            }
        }
        return found
    }

    /// How many incidents pass `filter`.
    func count(matching filter: IncidentFilter) throws -> Int {
        let where_ = FilterSQL(filter)
        return try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM incident AS i WHERE \(where_.clause)", arguments: where_.statementArguments()) ?? 0
        }
    }

    /// The SQL selecting `columns` of the incidents passing `filter` after `afterID`, at most
    /// `limit`, with its bound values: in id order, or with `beforeID` below it in descending
    /// id order (the rows nearest the cursor first, so `limit` keeps those).
    private static func filteredSQL(columns: String, filter: IncidentFilter, afterID: Int64?, beforeID: Int64? = nil,
                                    limit: Int?) -> (String, [DatabaseValue]) {
        let where_ = FilterSQL(filter)
        var sql = "SELECT \(columns) FROM incident AS i WHERE \(where_.clause)"
        var values = where_.arguments.map { $0?.databaseValue ?? .null }
        if let afterID {
            sql += " AND i.id > ?"
            values.append(afterID.databaseValue)
        }
        if let beforeID {
            sql += " AND i.id < ?"
            values.append(beforeID.databaseValue)
        }
        sql += beforeID == nil ? " ORDER BY i.id" : " ORDER BY i.id DESC"
        if let limit {
            sql += " LIMIT ?"
            values.append(limit.databaseValue)
        }
        return (sql, values)
    }

    /// The radius query through the R*Tree only (the reference path the packed index must equal).
    public func withinRadiusThroughRTree(of center: Coordinate, radiusMeters: Double) throws -> [IncidentMatch] {
        let test = RadiusTest(center: center, radiusMeters: radiusMeters)
        var hits: [IncidentMatch] = []
        try forEachCandidate(in: BoundingBox.around(center, radiusMeters: radiusMeters), filter: IncidentFilter()) { id, coordinate in
            if let distance = test.distanceIfWithin(coordinate) { hits.append(IncidentMatch(id: id, coordinate: coordinate, distanceMeters: distance)) }
        }
        hits.sort { $0.distanceMeters! != $1.distanceMeters! ? $0.distanceMeters! < $1.distanceMeters! : $0.id < $1.id }
        return hits
    }

    /// Calls `body` with (id, exact position) of every incident whose index box meets `box`
    /// and that passes `filter`.
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
    /// one (see `BatchPipeline`): output of a large answer costs about half the wall time. A
    /// page of at most one batch is read on this thread.
    public func forEachIncident(ids: [Int64], withAttributes: Bool = true, _ body: (Incident) throws -> Void) throws {
        let reader = self
        try Self.pipelined(count: ids.count, withAttributes: withAttributes, rows: { try reader.forEachRowWhile(ids: ids, $0) }, body)
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
        let reader = self
        try Self.pipelined(count: ids.count, withAttributes: withAttributes, rows: { try reader.forEachRowWhile(sortedIDs: ids, $0) }, body)
    }

    /// Decodes the rows `rows` walks (at most `count`) into incidents in batches on a
    /// background thread and hands them to `body` on this one; inline for one batch or less.
    private static func pipelined(count: Int, withAttributes: Bool,
                                  rows: @escaping @Sendable (_ body: (FastStatement) throws -> Bool) throws -> Void,
                                  _ body: (Incident) throws -> Void) throws {
        try BatchPipeline.run(inline: count <= batchSize, produce: { emit in
            try emitRows(walkedBy: rows, withAttributes: withAttributes, emit)
        }, consume: { batch in
            for incident in batch { try body(incident) }
        })
    }

    /// Calls `body` with the row of each of `ids` in that order (missing ids skipped), the
    /// statement selecting `selectList`, in one read on this thread, until `body` returns false.
    func forEachRowWhile(ids: [Int64], selectList: String = IncidentColumns.selectList,
                         _ body: (FastStatement) throws -> Bool) throws {
        try database.read { db in
            let statement = try FastStatement(db, cachedSQL: "SELECT \(selectList) FROM incident WHERE id = ?")
            var going = true
            for id in ids where going {
                statement.bind(1, id)
                try statement.forEachRowWhile { row in
                    going = try body(row)
                    return going
                }
            }
        }
    }

    /// Calls `body` with each row of `sortedIDs` (ascending) in id order, the statement
    /// selecting `selectList`, in one read on this thread, until `body` returns false: a dense
    /// selection (see `denseFraction`) by one scan of its id range, a sparse one by id.
    func forEachRowWhile(sortedIDs ids: [Int64], selectList: String = IncidentColumns.selectList,
                         _ body: (FastStatement) throws -> Bool) throws {
        guard let first = ids.first, let last = ids.last else { return }
        guard Double(ids.count) >= Double(last - first + 1) * Self.denseFraction else {
            return try forEachRowWhile(ids: ids, selectList: selectList, body)
        }
        let shared = SelectedIDs(sortedIDs: ids)
        try database.read { db in
            try shared.whileSelected {
                let statement = try FastStatement(db, cachedSQL: """
                    SELECT \(selectList) FROM incident
                    WHERE id BETWEEN ? AND ? AND \(SelectedIDs.functionName)(id) ORDER BY id
                    """)
                statement.bind(1, shared.first)
                statement.bind(2, shared.last)
                try statement.forEachRowWhile(body)
            }
        }
    }

    /// Decodes the rows `rows` walks (each selecting `IncidentColumns.selectList`) and hands
    /// the incidents to `emit` in batches of `batchSize`, stopping when `emit` returns false.
    private static func emitRows(walkedBy rows: (_ body: (FastStatement) throws -> Bool) throws -> Void, withAttributes: Bool,
                                 _ emit: ([Incident]) -> Bool) throws {
        var batch: [Incident] = []
        batch.reserveCapacity(batchSize)
        var stopped = false
        // `rows` only calls the closure during the call: `emit` does not outlive it.
        try withoutActuallyEscaping(emit) { emit in
            try rows { row in
                batch.append(try IncidentColumns.incident(from: row, withAttributes: withAttributes))
                if batch.count == batchSize {
                    stopped = !emit(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                return !stopped
            }
        }
        if !batch.isEmpty && !stopped { _ = emit(batch) }
    }

    /// The share of an id range a selection must hold to be read by a scan rather than by id:
    /// a skipped row costs about 1 % of a row looked up by id (0.1 s for a 1M-row scan against
    /// ~12 µs a row by id, both on the bench table), so 1/16 leaves a wide margin.
    static let denseFraction = 1.0 / 16

    /// Incidents per batch handed from the reading thread to the consumer.
    private static let batchSize = 1024

    /// Calls `body` with every incident passing `filter`, in id order, after `afterID`, at
    /// most `limit`, streaming from one statement: memory does not grow with the number of rows.
    /// `withAttributes: false` skips decoding the upstream extra columns (only ACLED output
    /// needs them).
    func forEachIncident(matching filter: IncidentFilter, afterID: Int64?, limit: Int?, withAttributes: Bool,
                         _ body: (Incident) throws -> Void) throws {
        let (query, values) = Self.filteredSQL(columns: IncidentColumns.selectList, filter: filter, afterID: afterID, limit: limit)
        let database = self.database
        try BatchPipeline.run(inline: (limit ?? .max) <= Self.batchSize, produce: { emit in
            try database.read { db in
                let statement = try FastStatement(db, sql: query)
                statement.bind(values)
                try Self.emitRows(walkedBy: statement.forEachRowWhile, withAttributes: withAttributes, emit)
            }
        }, consume: { batch in
            for incident in batch { try body(incident) }
        })
    }

    // MARK: - Aggregates

    /// Counts and fatalities per group of the incidents passing `filter`, and among `ids` when
    /// given.
    public func counts(by grouping: IncidentGrouping, filter: IncidentFilter, ids: [Int64]?) throws -> [IncidentGroupCount] {
        let where_ = FilterSQL(filter)
        let idFilter = ids == nil ? "" : " AND i.id IN (SELECT value FROM json_each(?))"
        let order = grouping.ordersByKey ? "key" : "count(*) DESC, key"
        let sql = """
            SELECT \(grouping.keyExpression) AS key, count(*) AS n, sum(i.fatalities) AS deaths
            FROM incident AS i WHERE \(where_.clause)\(idFilter) GROUP BY key ORDER BY \(order)
            """
        var arguments = where_.statementArguments()
        if let ids { arguments += ["[" + ids.map(String.init).joined(separator: ",") + "]"] }
        return try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                IncidentGroupCount(key: row["key"] ?? "", count: row["n"], fatalities: row["deaths"] ?? 0)
            }
        }
    }
}

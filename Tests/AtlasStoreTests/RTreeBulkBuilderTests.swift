import AtlasTestSupport
import AtlasGeo
import AtlasModel
import GRDB
import Testing
@testable import AtlasStore

@Suite struct RTreeBulkBuilderTests {
    /// Stores `count` seeded points in `incident`, rebuilds its index in bulk, and returns them.
    private func build(count: Int) throws -> (TestDatabase, [(Int64, Coordinate)]) {
        let test = try TestDatabase()
        var state: UInt64 = 42
        func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let incidents = (0..<count).map { index in
            Incident(sourceKey: "b\(index)", eventDate: "2016-05-22", eventType: "Battles",
                     coordinate: Coordinate(latitude: 32 + unit() * 5.5, longitude: 35.5 + unit() * 7))
        }
        let ids = try IncidentStore(database: test.database).insert(incidents)
        try test.database.write { db in
            try RTreeBulkBuilder.rebuild(index: "idx_incident_geom", fromTable: "incident", in: db)
        }
        return (test, Array(zip(ids, incidents.map(\.coordinate))))
    }

    @Test(arguments: [0, 1, 40, 2_000, 20_000])
    func theBuiltTreePassesRtreecheckAndHoldsEveryRow(count: Int) throws {
        let (test, _) = try build(count: count)
        let (check, entries) = try test.database.read { db in
            (try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incident_geom')"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom"))
        }
        #expect(check == "ok")
        #expect(entries == count)
    }

    @Test func boxQueriesReturnWhatABruteForceScanReturns() throws {
        let (test, points) = try build(count: 20_000)
        let boxes = [BoundingBox(west: 36, south: 33, east: 37, north: 34), BoundingBox(west: 37.1, south: 36.1, east: 37.3, north: 36.3),
                     BoundingBox(west: 35, south: 31, east: 43, north: 38)]
        for box in boxes {
            let found = try test.database.read { db in
                try Int64.fetchAll(db, sql: """
                    SELECT i.id FROM idx_incident_geom r JOIN incident i ON i.id = r.pkid
                    WHERE r.xmin <= ? AND r.xmax >= ? AND r.ymin <= ? AND r.ymax >= ?
                      AND X(i.geom) BETWEEN ? AND ? AND Y(i.geom) BETWEEN ? AND ? ORDER BY i.id
                    """, arguments: [box.east, box.west, box.north, box.south, box.west, box.east, box.south, box.north])
            }
            let expected = points.filter { box.contains($0.1) }.map(\.0).sorted()
            #expect(found == expected)
        }
    }

    @Test func sqliteKeepsInsertingIntoABuiltTree() throws {
        let (test, _) = try build(count: 5_000)
        try IncidentStore(database: test.database).insert([
            Incident(sourceKey: "late", eventDate: "2016-05-23", eventType: "Battles", coordinate: Coordinate(latitude: 36.2, longitude: 37.16)),
        ])
        let (check, entries) = try test.database.read { db in
            (try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incident_geom')"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom"))
        }
        #expect(check == "ok")
        #expect(entries == 5_001)
    }

    @Test func pendingEntriesKeepOneEntryPerRowTheLastWritten() {
        let entries: [(Int64, Double, Double)] = [(3, 1, 1), (1, 2, 2), (3, 5, 6), (2, 0, 0), (1, 7, 8)]
        let kept = PendingIndexEntries.lastPerRow(entries)
        #expect(kept.map(\.id) == [1, 2, 3])
        #expect(kept.map(\.x) == [7, 0, 5])
        #expect(kept.map(\.y) == [8, 0, 6])
    }

    /// A bulk upsert into an empty table packs the writer's own entries; into a table with rows
    /// it rebuilds from the table. Both must index every row, once, where it is.
    @Test(arguments: [0, 3])
    func aBulkUpsertIndexesEveryRowOnce(rowsBefore: Int) throws {
        let test = try TestDatabase()
        let store = IncidentStore(database: test.database)
        func incident(_ index: Int) -> Incident {
            Incident(sourceKey: "u\(index)", eventDate: "2016-05-22", eventType: "Battles",
                     coordinate: Coordinate(latitude: 33 + Double(index % 500) * 0.01, longitude: 36 + Double(index / 500) * 0.01))
        }
        if rowsBefore > 0 { _ = try store.upsert((0..<rowsBefore).map { incident(1_000_000 + $0) }) }
        let count = RTreeBulkBuilder.worthwhileRowCount + 10
        let counts = try store.upsert((0..<count).map(incident))
        #expect(counts.inserted == count)
        let (check, entries, misplaced) = try test.database.read { db in
            (try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incident_geom')"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom"),
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM incident i JOIN idx_incident_geom r ON r.pkid = i.id
                WHERE abs(r.xmin - X(i.geom)) > 1e-5 OR abs(r.ymin - Y(i.geom)) > 1e-5
                """))
        }
        #expect(check == "ok")
        #expect(entries == count + rowsBefore)
        #expect(misplaced == 0)
    }

    /// The tree packed on another thread while the connection builds an index is the tree the
    /// writer would have packed itself: every row once, where it is, in a valid R*Tree.
    @Test func packingInTheBackgroundWhileTheConnectionWorksIndexesEveryRow() throws {
        let test = try TestDatabase()
        let count = RTreeBulkBuilder.worthwhileRowCount + 10
        try test.database.write { db in
            let writer = try IncidentUpsertWriter(db)
            for index in 0..<count {
                _ = try writer.write(Incident(sourceKey: "p\(index)", eventDate: "2016-05-22", eventType: "Battles",
                                              coordinate: Coordinate(latitude: 33 + Double(index % 500) * 0.01,
                                                                     longitude: 36 + Double(index / 500) * 0.01)))
            }
            try writer.prepareFinish()
            try db.execute(sql: "CREATE INDEX probe ON incident(source_key, event_date)")
            try writer.finish()
        }
        let (check, entries, misplaced, pkids) = try test.database.read { db in
            (try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incident_geom')"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom"),
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM incident i JOIN idx_incident_geom r ON r.pkid = i.id
                WHERE abs(r.xmin - X(i.geom)) > 1e-5 OR abs(r.ymin - Y(i.geom)) > 1e-5
                """),
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT pkid) FROM idx_incident_geom"))
        }
        #expect(check == "ok")
        #expect(entries == count)
        #expect(pkids == count)
        #expect(misplaced == 0)
    }

    /// Consecutive row ids are stored by one statement a slice, others row by row: all must give
    /// a tree whose `_rowid` table names the leaf holding each row.
    @Test(arguments: [(1, 100_000), (1, 700), (3, 100_000)])
    func rowLeavesAreStoredForConsecutiveAndSparseIDs(step: Int64, leavesPerStatement: Int) throws {
        let test = try TestDatabase()
        let entries = (0..<3_000).map { (index: Int) -> RTreeBulkBuilder.Entry in
            let id: Int64 = 10 + Int64(index) * step
            let x: Double = 36 + Double(index % 60) * 0.05
            let y: Double = 33 + Double(index / 60) * 0.05
            return RTreeBulkBuilder.Entry(id: id, x: x, y: y)
        }
        try test.database.write { db in
            let nodeSize = try RTreeBulkBuilder.nodeSize(of: "idx_incident_geom", in: db)
            let tree = RTreeBulkBuilder.pack(entries, nodeSize: nodeSize, leavesPerStatement: leavesPerStatement)
            try RTreeBulkBuilder.store(tree, index: "idx_incident_geom", in: db)
        }
        let (check, rows, first, last) = try test.database.read { db in
            (try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incident_geom')"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom_rowid"),
             try Int64.fetchOne(db, sql: "SELECT min(rowid) FROM idx_incident_geom_rowid"),
             try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM idx_incident_geom_rowid"))
        }
        #expect(check == "ok")
        #expect(rows == 3_000)
        #expect(first == 10)
        #expect(last == 10 + 2_999 * step)
        let found = try test.database.read { db in
            try Int64.fetchAll(db, sql: "SELECT pkid FROM idx_incident_geom WHERE xmax >= 36.87 AND xmin <= 37.03 AND ymax >= 32.97 AND ymin <= 33.13 ORDER BY pkid")
        }
        let inBox: (RTreeBulkBuilder.Entry) -> Bool = { entry in
            // Box edges between the grid's points, so float32 rounding of the bounds cannot matter.
            let insideX = entry.x >= 36.87 && entry.x <= 37.03
            let insideY = entry.y >= 32.97 && entry.y <= 33.13
            return insideX && insideY
        }
        let expected = entries.filter(inBox).map(\.id)
        #expect(found == expected)
    }

    /// The packing's sort order equals a stable sort by the float keys: ties (many here), -0
    /// beside +0, negatives and infinities.
    @Test func stableOrderEqualsAStableSortByTheFloatKeys() {
        var random = SeededRandom(seed: 42)
        let choices: [Float] = [-0.0, 0.0, -1.5, 1.5, 37.16117, -180, 180, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
        let keys = (0..<20_000).map { _ -> Float in
            random.next() % 2 == 0 ? choices[Int(random.next() % UInt64(choices.count))] : Float(Int(random.next() % 2_000) - 1_000) / 7
        }
        #expect(RTreeBulkBuilder.stableOrder(of: keys) == keys.indices.sorted { keys[$0] < keys[$1] })
        #expect(RTreeBulkBuilder.stableOrder(of: []) == [])
    }

    /// The radix order is a stable sort by the whole key: keys that differ only in the high
    /// byte, only in the low byte, all equal; signed row ids, in a narrow span and a wide one.
    @Test func radixOrderIsAStableSortByTheWholeKey() {
        var random = SeededRandom(seed: 9)
        let keys = (0..<10_000).map { _ -> UInt32 in
            switch random.next() % 3 {
            case 0: return UInt32(random.next() % 7) << 24
            case 1: return 1 << 20 | UInt32(random.next() % 300)
            default: return UInt32(truncatingIfNeeded: random.next())
            }
        }
        #expect(RadixOrder.stableOrder(of: keys) == keys.indices.sorted { keys[$0] < keys[$1] })
        #expect(RadixOrder.stableOrder(of: [5, 5, 5] as [UInt32]) == [0, 1, 2])
        #expect(RadixOrder.stableOrder(of: [] as [UInt32]) == [])
        for rows in [[3, -2, 1_000_000, -9_000, 0, 3], [3, -2, 1_000_000_000_000, -9_000_000_000, 0, 3, .max, .min]] as [[Int64]] {
            #expect(RadixOrder.stableOrder(of: rows) == rows.indices.sorted { rows[$0] < rows[$1] })
        }
    }
}

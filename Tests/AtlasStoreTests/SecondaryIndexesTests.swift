import GRDB
import Testing
@testable import AtlasStore

/// `SecondaryIndexes`, which bulk loads use to drop a table's indexes and rebuild them after.
@Suite struct SecondaryIndexesTests {
    /// A bulk load drops the full indexes of a table, keeps its partial ones, and restores
    /// exactly what it dropped.
    @Test func dropsOnlyFullIndexesAndRecreatesThem() throws {
        let test = try TestDatabase()
        let indexNames = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incident' AND sql IS NOT NULL ORDER BY name"
        let (during, after) = try test.database.write { db in
            let dropped = try SecondaryIndexes.drop(on: ["incident"], in: db)
            let during = try String.fetchAll(db, sql: indexNames)
            try dropped.recreate()
            return (during, try String.fetchAll(db, sql: indexNames))
        }
        #expect(during == ["incident_place"])
        #expect(after == ["incident_event_date", "incident_place"])
    }

    /// The rebuild sorts with a small page cache (SQLite sizes the sorter's runs by it) and then
    /// gives the connection its own cache size back, so the rest of a bulk load keeps its 64 MiB;
    /// bulk loads keep temporary storage on file, without which the small cache does not help.
    @Test func rebuildRestoresTheConnectionsCacheSize() throws {
        let test = try TestDatabase()
        var cacheAfter: Int?, tempStore: Int?, indexes: [String] = []
        try test.database.writeWithoutTransaction { db in
            try BulkWriteSettings.apply(to: db)
            defer { BulkWriteSettings.reset(db) }
            try db.inTransaction {
                let dropped = try SecondaryIndexes.drop(on: ["incident"], in: db)
                try dropped.recreate()
                cacheAfter = try Int.fetchOne(db, sql: "PRAGMA cache_size")
                tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store")
                indexes = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incident' AND sql IS NOT NULL ORDER BY name
                    """)
                return .commit
            }
        }
        #expect(cacheAfter == -BulkWriteSettings.cacheKiB)
        #expect(tempStore == 1)  // FILE
        #expect(indexes == ["incident_event_date", "incident_place"])
    }

    /// A rebuild that fails (a UNIQUE index over rows the load made duplicate) throws SQLite's
    /// error and still gives the connection its cache size back.
    @Test func aFailedRebuildThrowsAndRestoresTheCacheSize() throws {
        let test = try TestDatabase()
        try test.database.write { db in
            try db.execute(sql: "CREATE TABLE probe (code TEXT)")
            try db.execute(sql: "CREATE UNIQUE INDEX probe_code ON probe(code)")
        }
        var cacheAfter: Int?
        var failure: String?
        try test.database.writeWithoutTransaction { db in
            try BulkWriteSettings.apply(to: db)
            defer { BulkWriteSettings.reset(db) }
            try db.inTransaction {
                let dropped = try SecondaryIndexes.drop(on: ["probe"], in: db)
                try db.execute(sql: "INSERT INTO probe (code) VALUES ('SYR1'), ('SYR1')")
                do { try dropped.recreate() } catch { failure = "\(error)" }
                cacheAfter = try Int.fetchOne(db, sql: "PRAGMA cache_size")
                return .rollback
            }
        }
        #expect(failure?.contains("UNIQUE") == true)
        #expect(cacheAfter == -BulkWriteSettings.cacheKiB)
    }
}

import AtlasModel
import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// Bulk writes switch to the rollback journal when they hold the only connection, fall back to
/// WAL when they do not, and always leave the file in WAL mode.
@Suite struct BulkJournalTests {
    private func journalMode(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "PRAGMA journal_mode")
    }

    @Test func aLoneWriterRunsWithTheRollbackJournalAndReturnsToWAL() throws {
        let test = try TestDatabase()
        test.database.closeIdleReaders()
        let inside = try test.database.writeWithoutTransaction { db in
            try BulkJournal.run(on: db, enabled: true) { try journalMode(db) }
        }
        #expect(inside == "delete")
        #expect(try test.database.read { db in try journalMode(db) } == "wal")
    }

    @Test func anotherOpenConnectionKeepsTheWriteInWAL() throws {
        let test = try TestDatabase()
        let other = try DatabaseQueue(path: test.path)
        _ = try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incident") }
        test.database.closeIdleReaders()
        let inside = try test.database.writeWithoutTransaction { db in
            try BulkJournal.run(on: db, enabled: true) { try journalMode(db) }
        }
        #expect(inside == "wal")
        try other.close()
    }

    @Test func aFailingBodyIsRethrownAndWALRestored() throws {
        struct Failure: Error {}
        let test = try TestDatabase()
        test.database.closeIdleReaders()
        #expect(throws: Failure.self) {
            try test.database.writeWithoutTransaction { db in
                try BulkJournal.run(on: db, enabled: true) { throw Failure() }
            }
        }
        #expect(try test.database.read { db in try journalMode(db) } == "wal")
    }

    private func importBulk(_ text: String, into test: TestDatabase, strict: Bool = false) throws -> ImportReport {
        let file = try TemporaryFile(contents: text, suffix: "-own.csv")
        var options = IncidentImporter.Options()
        options.bulk = true
        options.strict = strict
        return try IncidentImporter(database: test.database).importFile(file.path, options: options)
    }

    /// A process that died during a bulk load leaves the file with a hot rollback journal: the
    /// next open must accept the file (its identity is read from the header, not through a
    /// read-only connection that could not roll back), roll the journal back and be in WAL mode.
    @Test func aFileLeftWithAHotJournalOpensRolledBackInWAL() throws {
        let test = try TestDatabase()
        let crashed = test.path + "-crashed.sqlite"
        defer { for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: crashed + suffix) } }
        test.database.closeIdleReaders()
        try test.database.writeWithoutTransaction { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode = delete") == "delete")
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN")
            for index in 0..<3_000 {
                try db.execute(sql: "INSERT INTO atlas_meta (key, value) VALUES (?, ?)",
                               arguments: ["crash-\(index)", String(repeating: "x", count: 200)])
            }
            // The cache has spilled: the file holds uncommitted pages, the journal the old ones.
            // Copy both as a crash would leave them, then end this transaction normally.
            try FileManager.default.copyItem(atPath: test.path, toPath: crashed)
            try FileManager.default.copyItem(atPath: test.path + "-journal", toPath: crashed + "-journal")
            try db.execute(sql: "ROLLBACK")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = wal")
        }
        let reopened = try SpatialDatabase(path: crashed)
        let (rows, mode) = try reopened.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM atlas_meta WHERE key LIKE 'crash-%'"), try journalMode(db))
        }
        #expect(rows == 0)
        #expect(mode == "wal")
    }

    /// In bulk mode the gazetteer is read on the writer's connection: a location-only row is
    /// placed after earlier reads opened (and the importer closed) pool readers. (A small file
    /// never spills, so this checks the placing, not the exclusive lock of a large load.)
    @Test func aBulkImportPlacesLocationOnlyRowsAndIndexesEverything() throws {
        let test = try TestDatabase.withBundledGeodata()
        _ = try Gazetteer(database: test.database).find("Aleppo")
        var lines = ["event_date,event_type,actor1,location,admin1,latitude,longitude"]
        for index in 0..<300 { lines.append("2016-05-22,shelling,Jabhat al-Nusra,,,\(33 + Double(index) / 100),\(36 + Double(index) / 100)") }
        lines.append("2016-05-22,shelling,Jabhat al-Nusra,Shaykh Maqsud,Aleppo,,")
        let report = try importBulk(lines.joined(separator: "\n") + "\n", into: test)
        #expect(report.inserted == 301)
        #expect(report.rejected == 0)
        let (placed, indexed, linked, mode) = try test.database.read { db in
            (try Row.fetchOne(db, sql: "SELECT X(geom) AS x, Y(geom) AS y FROM incident WHERE location = 'Shaykh Maqsud'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom"),
             // The partial place index stays live through a bulk import: it must hold the row.
             try String.fetchAll(db, sql: """
                SELECT location FROM incident INDEXED BY incident_place WHERE place_id IS NOT NULL
                """),
             try journalMode(db))
        }
        #expect(placed?["x"] as Double? == 37.15167)
        #expect(placed?["y"] as Double? == 36.23611)
        #expect(indexed == 301)
        #expect(linked == ["Shaykh Maqsud"])
        #expect(mode == "wal")
    }

    @Test func aStrictBulkImportWithABadRowLeavesTheStoreAsItWas() throws {
        let test = try TestDatabase.withBundledGeodata()
        let before = try IncidentStore(database: test.database).count()
        let text = """
            event_date,event_type,actor1,location,admin1,latitude,longitude
            2016-05-22,shelling,Jabhat al-Nusra,,,36.2,37.1
            2016-05-22,shelling,Jabhat al-Nusra,,,95.5,37.1
            """
        let report = try importBulk(text, into: test, strict: true)
        #expect(report.rolledBack)
        #expect(try IncidentStore(database: test.database).count() == before)
        let (indexes, mode) = try test.database.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incident' AND sql IS NOT NULL ORDER BY name"),
             try journalMode(db))
        }
        #expect(indexes == ["incident_event_date", "incident_place"])
        #expect(mode == "wal")
    }
}

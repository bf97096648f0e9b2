import AtlasGeo
import Foundation
import GRDB
import Testing
@testable import AtlasStore

@Suite struct SpatialDatabaseTests {
    @Test func createsSpatialMetadataAndTheThreeGeometryColumns() throws {
        let test = try TestDatabase()
        let columns = try test.database.read { db in
            try Row.fetchAll(db, sql: "SELECT f_table_name, geometry_type, srid FROM geometry_columns ORDER BY f_table_name")
                .map { "\($0["f_table_name"] as String):\($0["geometry_type"] as Int):\($0["srid"] as Int)" }
        }
        // SpatiaLite codes: 1 = POINT, 6 = MULTIPOLYGON.
        #expect(columns == ["incident:1:4326", "place:1:4326", "region:6:4326"])
    }

    @Test func runsInWALModeWithSpatiaLiteOnReaders() throws {
        let test = try TestDatabase()
        let mode = try test.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let distance = try test.database.read { db in
            try Double.fetchOne(db, sql: "SELECT ST_Distance(MakePoint(37.16117, 36.20124, 4326), MakePoint(35.79088, 35.53125, 4326), 1)")
        }
        // Aleppo–Latakia on the WGS84 ellipsoid: 144,367.294 m (GeographicLib Geodesic.WGS84.Inverse).
        #expect(abs((distance ?? 0) - 144_367.294) < 0.01)
    }

    /// New files get 16 KiB pages (set before the switch to WAL, which fixes the size) and keep
    /// them when reopened; the R*Tree nodes keep SQLite's 1,228-byte cap.
    @Test func aNewDatabaseHasSixteenKiBPages() throws {
        let test = try TestDatabase()
        let pageSize = { (database: SpatialDatabase) in try database.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } }
        #expect(try pageSize(test.database) == SpatialDatabase.pageSize)
        let again = try SpatialDatabase(path: test.path, mode: .existing)
        #expect(try pageSize(again) == 16_384)
        #expect(try again.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try again.read { db in try Int.fetchOne(db, sql: "SELECT length(data) FROM idx_place_geom_node WHERE nodeno = 1") } == 1_228)
    }

    @Test func swiftPointBlobEqualsMakePoint() throws {
        let test = try TestDatabase()
        let coordinate = Coordinate(latitude: 36.23611, longitude: 37.15167)
        let fromSQL = try test.database.read { db in
            try Data.fetchOne(db, sql: "SELECT MakePoint(?, ?, 4326)", arguments: [coordinate.longitude, coordinate.latitude])
        }
        #expect(fromSQL == SpatiaLitePoint.blob(coordinate))
        #expect(SpatiaLitePoint.coordinate(from: SpatiaLitePoint.blob(coordinate)) == coordinate)
    }

    @Test func reopeningMigratesNothingAndKeepsData() throws {
        let test = try TestDatabase()
        try StoreMetadata.set("probe", to: "kept", in: test.database)
        let again = try SpatialDatabase(path: test.path, mode: .existing)
        #expect(try StoreMetadata.value("probe", in: again) == "kept")
    }

    @Test func refusesATextFileAndLeavesItAlone() throws {
        let file = try TemporaryFile(contents: "hello, not sqlite", suffix: ".sqlite")
        #expect(throws: StoreError.self) { try SpatialDatabase(path: file.path, mode: .existing) }
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "hello, not sqlite")
    }

    @Test func refusesAForeignSQLiteDatabase() throws {
        let file = try TemporaryFile(contents: "", suffix: ".sqlite")
        try FileManager.default.removeItem(atPath: file.path)
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes(text)") }
        try queue.close()
        do {
            _ = try SpatialDatabase(path: file.path, mode: .existing)
            Issue.record("a foreign database was opened")
        } catch let error as StoreError {
            #expect(error.description.contains("not an IncidentAtlas one"))
        }
    }

    @Test func aMissingFileIsAnErrorUnlessCreating() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-missing-\(UUID()).sqlite").path
        #expect(throws: StoreError.self) { try SpatialDatabase(path: path, mode: .existing) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

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
}

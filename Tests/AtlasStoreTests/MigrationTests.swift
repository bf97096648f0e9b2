import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// Migrations bring files made by earlier versions up to date without losing data.
@Suite struct MigrationTests {
    /// A file whose names are still in the version-1 layout (keyed by place, with a separate key
    /// index) gets them re-keyed by folded key, every spelling kept, and still finds them.
    @Test func placeNamesInTheVersion1LayoutAreKeptWhenRekeyed() throws {
        let test = try TestDatabase.withBundledGeodata()
        let before = try test.database.read { db in
            try Row.fetchAll(db, sql: "SELECT place_id, name, key, skeleton, language, is_preferred FROM place_name ORDER BY place_id, name")
        }
        try test.database.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TABLE place_name_v1 (
                    place_id INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, key TEXT NOT NULL, skeleton TEXT NOT NULL,
                    language TEXT NOT NULL DEFAULT '', is_preferred INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (place_id, name)
                ) WITHOUT ROWID;
                INSERT INTO place_name_v1 SELECT place_id, name, key, skeleton, language, is_preferred FROM place_name;
                DROP TABLE place_name;
                ALTER TABLE place_name_v1 RENAME TO place_name;
                CREATE INDEX place_name_key ON place_name(key);
                CREATE INDEX place_name_skeleton ON place_name(skeleton);
                CREATE INDEX place_country_admin1 ON place(country, admin1);
                DELETE FROM grdb_migrations WHERE identifier = 'v3-place-names-by-key';
                """)
        }
        let reopened = try SpatialDatabase(path: test.path)
        let (after, indexes, plan) = try reopened.read { db in
            (try Row.fetchAll(db, sql: "SELECT place_id, name, key, skeleton, language, is_preferred FROM place_name ORDER BY place_id, name"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'place%' ORDER BY name"),
             try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT place_id, name FROM place_name WHERE key = ?", arguments: ["halab"])
                .map { $0["detail"] as String? ?? "" }.joined(separator: " "))
        }
        #expect(before.count > 1_000)
        #expect(after == before)
        #expect(indexes == ["place_name_skeleton"])
        #expect(plan.contains("PRIMARY KEY"))
        let aleppo = try Gazetteer(database: reopened).find("Halab").first
        #expect(aleppo?.place.name == "Aleppo")
    }

    /// Deleting a place clears the link of its incidents through the partial place index.
    @Test func deletingAPlaceUnlinksItsIncidentsThroughThePartialIndex() throws {
        let test = try TestDatabase.withBundledGeodata()
        let aleppo = try #require(try Gazetteer(database: test.database).find("Aleppo").first?.place)
        var incident = Incident(sourceKey: "linked", eventDate: "2016-05-22", eventType: "Battles", coordinate: aleppo.coordinate)
        incident.placeID = aleppo.id
        try IncidentStore(database: test.database).insert([incident])
        let (plan, linked) = try test.database.write { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM incident WHERE place_id = ?", arguments: [aleppo.id])
                .map { $0["detail"] as String? ?? "" }.joined(separator: " ")
            try db.execute(sql: "DELETE FROM place WHERE id = ?", arguments: [aleppo.id])
            return (plan, try Int.fetchOne(db, sql: "SELECT count(*) FROM incident WHERE place_id IS NOT NULL"))
        }
        #expect(plan.contains("incident_place"))
        #expect(linked == 0)
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "linked") != nil)
    }
}

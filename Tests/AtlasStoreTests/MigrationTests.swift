import AtlasModel
import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// Migrations bring files made by earlier versions up to date without losing data.
@Suite struct MigrationTests {
    /// A file whose spellings are still rows of a `place_name` table (the version-4 layout,
    /// keyed by folded key) gets them moved into `place.names`, every spelling kept with its key,
    /// language and flag, readable through the `place_name` view, and still finds them.
    @Test func placeNameRowsOfVersion4AreMovedIntoThePlaceNamesColumn() throws {
        let test = try TestDatabase.withBundledGeodata()
        // The GeoNames and curated places only: migration v5 reads its spellings back place by
        // place from a table keyed by name, which costs places × spellings.
        try test.database.write { db in try db.execute(sql: "DELETE FROM place WHERE source = 'whosonfirst'") }
        let query = "SELECT place_id, name, key, language, is_preferred FROM place_name ORDER BY place_id, name"
        let before = try test.database.read { db in try Row.fetchAll(db, sql: query) }
        try test.database.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TABLE place_name_v4 (
                    place_id INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, key TEXT NOT NULL, skeleton TEXT NOT NULL,
                    language TEXT NOT NULL DEFAULT '', is_preferred INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (key, place_id, name)
                ) WITHOUT ROWID;
                """)
            let insert = try db.makeStatement(sql: "INSERT INTO place_name_v4 VALUES (?, ?, ?, ?, ?, ?)")
            for row in before {
                let key: String = row["key"]
                try insert.execute(arguments: [row["place_id"], row["name"], key, NameFolding.skeleton(ofKey: key), row["language"], row["is_preferred"]])
            }
            try db.execute(sql: """
                DROP VIEW place_name;
                DROP TRIGGER atlas_generation_place_insert;
                DROP TRIGGER atlas_generation_place_update;
                DROP TRIGGER atlas_generation_place_delete;
                ALTER TABLE place DROP COLUMN names;
                ALTER TABLE place_name_v4 RENAME TO place_name;
                CREATE INDEX place_name_skeleton ON place_name(skeleton);
                DELETE FROM atlas_meta WHERE key = 'place_generation';
                DELETE FROM grdb_migrations WHERE identifier = 'v5-place-names-column';
                """)
        }
        try? FileManager.default.removeItem(atPath: test.path + ".names")
        let reopened = try SpatialDatabase(path: test.path)
        let (after, kind, triggers) = try reopened.read { db in
            (try Row.fetchAll(db, sql: query),
             try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = 'place_name'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'atlas_generation_place_%'"))
        }
        #expect(before.count > 1_000)
        #expect(after == before)
        #expect(kind == "view")
        #expect(triggers == 3)
        let aleppo = try Gazetteer(database: reopened).find("Halab").first
        #expect(aleppo?.place.name == "Aleppo")
        let sheikh = try Gazetteer(database: reopened).find("Cheikh Maksoud").first
        #expect(sheikh?.place.name == "Sheikh Maqsood")
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

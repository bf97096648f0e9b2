import GRDB

/// The versioned schema. Each migration runs once, in its own transaction, in order.
/// A migration, once released, is never edited: changes come as new migrations.
enum SchemaMigrations {
    /// All migrations of this build.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-gazetteer-incidents-regions", migrate: createVersion1)
        migrator.registerMigration("v2-incident-generation", migrate: createVersion2)
        migrator.registerMigration("v3-place-names-by-key", migrate: createVersion3)
        migrator.registerMigration("v4-partial-incident-place-index", migrate: createVersion4)
        migrator.registerMigration("v5-place-names-column", migrate: createVersion5)
        migrator.registerMigration("v6-store-id-random-incident-generation", migrate: createVersion6)
        return migrator
    }

    /// Binds sidecar files to their database: a random `store_id`, and an incident generation
    /// that is a random token like the place generation instead of a counter. A counter let
    /// another store, a restored backup or a new file at the same path reach the generation of
    /// an old `.points` file with other incidents, which was then read as current.
    private static func createVersion6(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO atlas_meta (key, value) VALUES ('\(StoreIdentity.key)', CAST(abs(random() >> 1) AS TEXT));
            \(IncidentGeneration.bumpSQL);
            DROP TRIGGER atlas_generation_insert;
            DROP TRIGGER atlas_generation_update;
            DROP TRIGGER atlas_generation_delete;
            CREATE TRIGGER atlas_generation_insert AFTER INSERT ON incident BEGIN \(IncidentGeneration.bumpSQL); END;
            CREATE TRIGGER atlas_generation_update AFTER UPDATE OF geom ON incident BEGIN \(IncidentGeneration.bumpSQL); END;
            CREATE TRIGGER atlas_generation_delete AFTER DELETE ON incident BEGIN \(IncidentGeneration.bumpSQL); END;
            """)
    }

    /// Spellings move from the `place_name` table into one JSON column, `place.names` (see
    /// `PlaceNamesColumn`), and `place_name` becomes a view over it with the same columns but
    /// the skeleton; the key index becomes the `NameIndex` sidecar. Storing ~3 rows a place
    /// and their key order was most of a 1M-place load (~20 of ~36 s). Adds the place
    /// generation token and its triggers, which tell a sidecar whether it is current.
    private static func createVersion5(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE place ADD COLUMN names TEXT NOT NULL DEFAULT '[]';
            UPDATE place SET names = (
                SELECT json_group_array(json(spelling)) FROM (
                    SELECT json_array(n.name, n.key, n.language, n.is_preferred) AS spelling FROM place_name n
                    WHERE n.place_id = place.id ORDER BY n.is_preferred DESC, n.name))
            WHERE id IN (SELECT place_id FROM place_name);
            DROP TABLE place_name;
            CREATE VIEW place_name (place_id, name, key, language, is_preferred) AS
                SELECT p.id, json_extract(n.value, '$[0]'), json_extract(n.value, '$[1]'),
                       json_extract(n.value, '$[2]'), json_extract(n.value, '$[3]')
                FROM place p, json_each(p.names) n;
            INSERT OR IGNORE INTO atlas_meta (key, value) VALUES ('\(PlaceGeneration.key)', '0');
            \(PlaceGeneration.bumpSQL);
            CREATE TRIGGER atlas_generation_place_insert AFTER INSERT ON place BEGIN \(PlaceGeneration.bumpSQL); END;
            CREATE TRIGGER atlas_generation_place_update AFTER UPDATE OF names ON place BEGIN \(PlaceGeneration.bumpSQL); END;
            CREATE TRIGGER atlas_generation_place_delete AFTER DELETE ON place BEGIN \(PlaceGeneration.bumpSQL); END;
            """)
    }

    /// `incident_place` only over incidents that have a place. No query reads incidents by
    /// place; the index serves the foreign key (`ON DELETE SET NULL` when a place is deleted),
    /// for which the rows without a place (most imported rows, which come with coordinates)
    /// are dead weight: a 1M-row import built it in 0.8 s, the partial one in 0.3 s.
    private static func createVersion4(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX IF EXISTS incident_place;
            CREATE INDEX incident_place ON incident(place_id) WHERE place_id IS NOT NULL;
            """)
    }

    /// `place_name` keyed by its folded key, so that the table is the name index itself:
    /// the separate key index (86 MB and ~6.5 s to build for 3.2M names of a 1M-place load)
    /// goes, lookups by key and key ranges read the table directly, and (key, place, spelling)
    /// stays unique as (place, spelling) was (the key is a function of the spelling). Also drops
    /// `place_country_admin1`, which no query used (2.5 s of the same load).
    private static func createVersion3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE place_name_by_key (
                place_id INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                key TEXT NOT NULL,
                skeleton TEXT NOT NULL,
                language TEXT NOT NULL DEFAULT '',
                is_preferred INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (key, place_id, name)
            ) WITHOUT ROWID;
            INSERT INTO place_name_by_key (place_id, name, key, skeleton, language, is_preferred)
                SELECT place_id, name, key, skeleton, language, is_preferred FROM place_name ORDER BY key, place_id, name;
            DROP TABLE place_name;
            ALTER TABLE place_name_by_key RENAME TO place_name;
            CREATE INDEX place_name_skeleton ON place_name(skeleton);
            DROP INDEX IF EXISTS place_country_admin1;
            """)
    }

    /// A counter in `atlas_meta` that every change to `incident` bumps (by trigger, so edits from
    /// other tools count too): caches of incident positions compare it to know they are current.
    private static func createVersion2(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO atlas_meta (key, value) VALUES ('\(IncidentGeneration.key)', '0');
            CREATE TRIGGER atlas_generation_insert AFTER INSERT ON incident BEGIN
                UPDATE atlas_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(IncidentGeneration.key)';
            END;
            CREATE TRIGGER atlas_generation_update AFTER UPDATE OF geom ON incident BEGIN
                UPDATE atlas_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(IncidentGeneration.key)';
            END;
            CREATE TRIGGER atlas_generation_delete AFTER DELETE ON incident BEGIN
                UPDATE atlas_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(IncidentGeneration.key)';
            END;
            """)
    }

    /// Gazetteer (`admin1`, `place`, `place_name`), `region`, `report`, `incident`.
    /// Geometry columns are all named `geom`, SRID 4326, registered with SpatiaLite and
    /// spatially indexed, so GDAL and QGIS list `place`, `incident` and `region` as layers.
    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE atlas_meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE admin1 (
                country TEXT NOT NULL,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                ascii_name TEXT NOT NULL,
                name_ar TEXT,
                pcode TEXT,
                geonameid INTEGER,
                alternate_names TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (country, code)
            );
            CREATE TABLE place (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (name <> ''),
                ascii_name TEXT NOT NULL,
                feature_class TEXT NOT NULL DEFAULT '',
                feature_code TEXT NOT NULL DEFAULT '',
                country TEXT NOT NULL DEFAULT '',
                admin1 TEXT NOT NULL DEFAULT '',
                admin2 TEXT NOT NULL DEFAULT '',
                population INTEGER NOT NULL DEFAULT 0,
                importance INTEGER NOT NULL DEFAULT 0,
                source TEXT NOT NULL,
                source_key TEXT NOT NULL UNIQUE
            );
            CREATE INDEX place_country_admin1 ON place(country, admin1);
            CREATE TABLE place_name (
                place_id INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                key TEXT NOT NULL,
                skeleton TEXT NOT NULL,
                language TEXT NOT NULL DEFAULT '',
                is_preferred INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (place_id, name)
            ) WITHOUT ROWID;
            CREATE INDEX place_name_key ON place_name(key);
            CREATE INDEX place_name_skeleton ON place_name(skeleton);
            CREATE TABLE region (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (name <> ''),
                key TEXT NOT NULL,
                kind TEXT NOT NULL DEFAULT 'area',
                country TEXT NOT NULL DEFAULT '',
                admin1 TEXT NOT NULL DEFAULT '',
                properties TEXT NOT NULL DEFAULT '{}',
                source TEXT NOT NULL DEFAULT '',
                UNIQUE (kind, name)
            );
            CREATE INDEX region_key ON region(key);
            CREATE TABLE report (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL DEFAULT '',
                url TEXT NOT NULL DEFAULT '',
                published TEXT,
                title TEXT NOT NULL DEFAULT '',
                imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            );
            CREATE TABLE incident (
                id INTEGER PRIMARY KEY,
                source_key TEXT NOT NULL UNIQUE,
                event_date TEXT NOT NULL,
                date_end TEXT,
                time_precision INTEGER NOT NULL DEFAULT 1 CHECK (time_precision BETWEEN 1 AND 3),
                disorder_type TEXT NOT NULL DEFAULT '',
                event_type TEXT NOT NULL,
                sub_event_type TEXT NOT NULL DEFAULT '',
                actor1 TEXT NOT NULL DEFAULT '',
                assoc_actor_1 TEXT NOT NULL DEFAULT '',
                actor2 TEXT NOT NULL DEFAULT '',
                assoc_actor_2 TEXT NOT NULL DEFAULT '',
                country TEXT NOT NULL DEFAULT '',
                admin1 TEXT NOT NULL DEFAULT '',
                admin2 TEXT NOT NULL DEFAULT '',
                admin3 TEXT NOT NULL DEFAULT '',
                location TEXT NOT NULL DEFAULT '',
                place_id INTEGER REFERENCES place(id) ON DELETE SET NULL,
                geo_precision INTEGER NOT NULL DEFAULT 1 CHECK (geo_precision BETWEEN 1 AND 3),
                precision_scheme TEXT NOT NULL DEFAULT 'acled',
                precision_code INTEGER,
                fatalities INTEGER NOT NULL DEFAULT 0 CHECK (fatalities >= 0),
                source TEXT NOT NULL DEFAULT '',
                source_scale TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                tags TEXT NOT NULL DEFAULT '',
                upstream_timestamp INTEGER,
                attributes TEXT NOT NULL DEFAULT '{}',
                report_id INTEGER REFERENCES report(id) ON DELETE SET NULL
            );
            CREATE INDEX incident_event_date ON incident(event_date);
            CREATE INDEX incident_place ON incident(place_id);
            """)
        try SpatialColumn.add(to: "place", geometryType: "POINT", in: db)
        try SpatialColumn.add(to: "region", geometryType: "MULTIPOLYGON", in: db)
        try SpatialColumn.add(to: "incident", geometryType: "POINT", in: db)
    }
}

import GRDB

/// Small facts a database keeps about itself in `atlas_meta` (key → text).
public enum StoreMetadata {
    /// Key set once the bundled geodata has been loaded by `atlas init`.
    public static let bundledGeodataKey = "bundled_geodata_loaded_at"

    /// The value for `key`, or nil.
    public static func value(_ key: String, in database: SpatialDatabase) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM atlas_meta WHERE key = ?", arguments: [key])
        }
    }

    /// Sets `key` to `value`.
    public static func set(_ key: String, to value: String, in database: SpatialDatabase) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO atlas_meta (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [key, value])
        }
    }
}

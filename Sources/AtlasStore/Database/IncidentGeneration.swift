import GRDB

/// The change token of the `incident` table (migration v6): set to a fresh random value by
/// trigger on every insert, delete and position change; bulk writers suspend the triggers and
/// set it once. The `.points` sidecar carries the token it was built at (`SidecarStamp`).
///
/// Random rather than a counter for the reasons `PlaceGeneration` gives, and because a counter
/// is reached again by another store or a restored backup with other incidents.
enum IncidentGeneration {
    /// Its key in `atlas_meta`.
    static let key = "incident_generation"

    /// The SQL that sets a new token (used by the triggers too).
    static let bumpSQL = "UPDATE atlas_meta SET value = CAST(abs(random() >> 1) AS TEXT) WHERE key = '\(key)'"

    /// The current token.
    static func current(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = ?", arguments: [key]) ?? 0
    }

    /// Sets a new token (for writers that suspended the triggers).
    static func bump(in db: Database) throws {
        try db.execute(sql: bumpSQL)
    }
}

import GRDB

/// The change counter of the `incident` table (see migration v2): bumped by trigger on every
/// insert, delete and position change; bulk writers suspend the triggers and bump it once.
enum IncidentGeneration {
    /// Its key in `atlas_meta`.
    static let key = "incident_generation"

    /// The current value.
    static func current(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = ?", arguments: [key]) ?? 0
    }

    /// Adds one (for writers that suspended the triggers).
    static func bump(in db: Database) throws {
        try db.execute(sql: "UPDATE atlas_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?", arguments: [key])
    }
}

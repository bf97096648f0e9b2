import GRDB

/// The change token of the gazetteer (migration v5): set to a fresh random value by trigger on
/// every place insert, delete and change of its spellings; writers that suspend the triggers
/// set it once themselves. `NameIndex` files carry the token they were built at.
///
/// A random token rather than a counter: a transaction that bumps a counter and rolls back
/// would let the next commit reach the same value with other content, and an index built
/// inside the rolled-back transaction would then pass for current.
enum PlaceGeneration {
    /// Its key in `atlas_meta`.
    static let key = "place_generation"

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

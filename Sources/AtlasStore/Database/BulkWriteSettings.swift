import GRDB

/// Connection settings for large writes, applied by bulk loaders and reset after.
///
/// With SQLite's default 2 MiB page cache a million-row load spends a quarter of its time in
/// `pread`/`pwrite` re-reading the pages it just wrote. 64 MiB holds what the loads re-read (the
/// tables' last pages and their unique `source_key` indexes; the R*Tree and the other indexes
/// are built after the rows); a larger cache mostly costs fresh pages to fault in and was slower
/// in paired import runs (BENCHMARKS.md). Readers keep the small default, so queries and
/// exports stay lean.
///
/// Temporary storage is set to file (Debian's SQLite default, set explicitly for builds whose
/// default is memory). SQLite's sorter sorts `CREATE INDEX` keys as one in-memory list when
/// temporary storage is in memory, or when the page cache (which sizes its sorted runs) holds
/// them all; otherwise it sorts runs and merges them from temporary files. For the `event_date`
/// index of 1M incidents: 1.4–1.6 s as one list, 0.6–0.9 s in runs of a 0.5–4 MiB cache (see
/// `SecondaryIndexes.recreate`, which lowers the cache while it builds).
enum BulkWriteSettings {
    /// Page cache for bulk writes, in KiB (negative = KiB for `PRAGMA cache_size`).
    static let cacheKiB = 65_536

    /// Enlarges the page cache, puts temporary storage on file, and turns off foreign-key
    /// checks (a B-tree lookup per name row, for place ids the loader itself just wrote; SQLite
    /// only accepts this outside a transaction, which is why bulk loads run it before theirs).
    static func apply(to db: Database) throws {
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
        try db.execute(sql: "PRAGMA temp_store = FILE")
    }

    /// Back to SQLite's defaults.
    static func reset(_ db: Database) {
        try? db.execute(sql: "PRAGMA foreign_keys = ON")
        try? db.execute(sql: "PRAGMA cache_size = -2000")
        try? db.execute(sql: "PRAGMA temp_store = DEFAULT")
    }
}

import GRDB

/// The secondary indexes of some tables, dropped for a bulk load and rebuilt after.
///
/// Building an index from sorted data at the end costs a fraction of maintaining it under
/// millions of random inserts. Both steps run in the loader's transaction: a failed load
/// rolls back the drop as well.
///
/// Partial indexes (`… WHERE …`) stay: kept live they cost only the rows their condition
/// admits, while rebuilding one scans the whole table. `incident_place` holds only incidents
/// placed by name, none of a million-row ACLED file with coordinates, and its rebuild was a
/// 0.3 s table scan of that import.
final class SecondaryIndexes {
    private let db: Database
    private let definitions: [String]

    private init(db: Database, definitions: [String]) {
        self.db = db
        self.definitions = definitions
    }

    /// Drops the explicitly created, non-partial indexes of `tables` (not primary keys or
    /// UNIQUE constraints, which have no SQL) and remembers their SQL.
    static func drop(on tables: [String], in db: Database) throws -> SecondaryIndexes {
        precondition(db.isInsideTransaction, "dropping indexes requires a transaction")
        var rows: [Row] = []
        for table in tables {
            rows += try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
                  AND name NOT IN (SELECT name FROM pragma_index_list(?) WHERE partial)
                """, arguments: [table, table])
        }
        for row in rows {
            let name: String = row["name"]
            try db.execute(sql: "DROP INDEX \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return SecondaryIndexes(db: db, definitions: rows.map { $0["sql"] })
    }

    /// The page cache while the indexes are built, in KiB. SQLite sizes the sorter's sorted runs
    /// by the page cache: with the bulk loads' 64 MiB, the `event_date` keys of 1M incidents are
    /// sorted as one list, 1.4–1.6 s; in runs of a 0.5–4 MiB cache merged afterwards, 0.6–0.9 s
    /// (`sqlite3` shell, the 1M-row benchmark database, temporary storage on file, which
    /// `BulkWriteSettings` sets: with it in memory the sorter makes one list whatever the cache).
    static let sortCacheKiB = 4_096

    /// Re-creates the dropped indexes, with the page cache at `sortCacheKiB` meanwhile (the
    /// connection's own size is restored after, also when a build fails).
    func recreate() throws {
        guard !definitions.isEmpty else { return }
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(Self.sortCacheKiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        for sql in definitions { try db.execute(sql: sql) }
    }
}

import GRDB

/// Suspends SpatiaLite's per-row triggers on one table for a bulk write (and the project's
/// generation-counter triggers: bulk writers bump the counter once themselves).
///
/// `AddGeometryColumn` and `CreateSpatialIndex` install triggers that check each geometry,
/// stamp `geometry_columns_time` and update the R*Tree through dynamic SQL: about 50 µs a row.
/// A bulk writer that builds its own blobs and maintains `idx_<table>_geom` itself drops them
/// for the duration and puts them back, with the same SQL, before its transaction commits.
/// Because DDL is transactional, a rollback restores them too: the file never stays without
/// its triggers, and GIS tools editing it later keep the index right.
enum SpatialTriggers {
    /// The dropped triggers of one table, to be restored.
    final class Suspension {
        private let db: Database
        private let definitions: [String]
        private var restored = false

        fileprivate init(db: Database, definitions: [String]) {
            self.db = db
            self.definitions = definitions
        }

        /// Re-creates the triggers. Idempotent.
        func restore() throws {
            guard !restored else { return }
            restored = true
            for sql in definitions { try db.execute(sql: sql) }
        }
    }

    /// Drops the SpatiaLite triggers of `table` (a schema constant) and returns what is needed
    /// to restore them. Must run inside a transaction.
    static func suspend(table: String, in db: Database) throws -> Suspension {
        precondition(db.isInsideTransaction, "suspending spatial triggers requires a transaction")
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'trigger' AND tbl_name = ?
              AND (name LIKE 'gg%' OR name LIKE 'gi%' OR name LIKE 'tm%' OR name LIKE 'atlas_generation%')
            """, arguments: [table])
        var definitions: [String] = []
        for row in rows {
            let name: String = row["name"]
            let sql: String = row["sql"]
            definitions.append(sql)
            try db.execute(sql: "DROP TRIGGER \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return Suspension(db: db, definitions: definitions)
    }
}

import GRDB

/// Runs one large write transaction with SQLite's rollback journal instead of the WAL, when no
/// other connection has the database open, and returns to WAL after.
///
/// In WAL mode every page a bulk load writes goes to the WAL first and is copied into the
/// database by the checkpoint after the commit: written and synced twice. A million-row import
/// writes ~600 MB, and its commit took ~6 s of which ~4 s were the second copy. With the rollback
/// journal, pages appended past the old end of the file are not journaled at all, so a load
/// into a new or small database writes its data once; the journal holds only the few existing
/// pages the transaction changes, and a rollback (`--strict`, `--dry-run`, an error) restores
/// them and truncates the rest, exactly as in WAL mode.
///
/// Changing the journal mode needs the only connection to the file. If another one (a reader of
/// this process, or another process that has the file open) exists, SQLite refuses and the
/// transaction simply runs in WAL mode, keeping those readers undisturbed: the faster path is an
/// optimisation, never a requirement.
///
/// The price: once the transaction outgrows the page cache, the writer holds an exclusive lock
/// until it commits, so a connection opened during the load (another `atlas` process) cannot
/// read; it waits (`SpatialDatabase.busyTimeout`) for the commit instead of reading the old
/// snapshot as it could in WAL mode. For the same reason everything the transaction reads must
/// go through its own connection (the importer's gazetteer lookups do).
///
/// The mode is persistent in the file. Should the process die mid-load, the next open finds a
/// hot journal: `SpatialDatabase` checks the file's identity from its header bytes (a read-only
/// connection could not roll the journal back), and the pool's writer rolls it back and sets WAL.
enum BulkJournal {
    /// Runs `body` (which opens and ends its own transaction on `db`) with the rollback journal
    /// when `enabled` and possible, else as is, then asks for WAL again.
    ///
    /// Going back to WAL waits for other connections' locks (the busy timeout); if it still
    /// fails, `body`'s result stands all the same (its transaction is committed: reporting the
    /// load as failed would be false), this connection stays in rollback mode, and the next open
    /// of the file sets WAL.
    ///
    /// - throws: what `body` throws.
    static func run<T>(on db: Database, enabled: Bool, _ body: () throws -> T) throws -> T {
        guard enabled, leaveWAL(db) else { return try body() }
        defer { _ = switchMode(of: db, to: "wal") }
        return try body()
    }

    /// Asks for the rollback journal without waiting: another connection's presence is the
    /// answer "no", not something to wait out (the busy timeout is restored after).
    private static func leaveWAL(_ db: Database) -> Bool {
        _ = try? db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { _ = try? db.execute(sql: "PRAGMA busy_timeout = \(Int(SpatialDatabase.busyTimeout * 1000))") }
        return switchMode(of: db, to: "delete")
    }

    /// Asks SQLite for journal `mode`; true if the connection is in it afterwards. A refusal
    /// (another connection open, SQLITE_BUSY) is an answer, not an error.
    private static func switchMode(of db: Database, to mode: String) -> Bool {
        // `mode` is one of this file's two constants, never user input.
        let answer = try? String.fetchOne(db, sql: "PRAGMA journal_mode = \(mode)")
        return answer?.lowercased() == mode
    }
}

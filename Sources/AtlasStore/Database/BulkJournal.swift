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
/// this process, or another process such as `atlas serve`) has it open, SQLite refuses and the
/// transaction simply runs in WAL mode, keeping readers undisturbed: the faster path is an
/// optimisation, never a requirement. The mode is persistent in the file; should the process die
/// mid-load, the next open rolls the journal back and `SpatialDatabase` sets WAL again.
///
/// While the rollback journal is active, other connections could not read once the writer
/// holds its exclusive lock, so everything the transaction reads must go through its own
/// connection (the importer's gazetteer lookups do).
enum BulkJournal {
    /// Runs `body` (which opens and ends its own transaction on `db`) with the rollback journal
    /// when `enabled` and possible, else as is; WAL is restored before returning.
    ///
    /// - throws: what `body` throws; `StoreError.sqlite` if WAL cannot be restored.
    static func run<T>(on db: Database, enabled: Bool, _ body: () throws -> T) throws -> T {
        guard enabled, switchMode(of: db, to: "delete") else { return try body() }
        let result: T
        do {
            result = try body()
        } catch {
            _ = switchMode(of: db, to: "wal")
            throw error
        }
        guard switchMode(of: db, to: "wal") else {
            throw StoreError.sqlite(context: "restoring WAL mode after a bulk write", message: "SQLite kept the rollback journal")
        }
        return result
    }

    /// Asks SQLite for journal `mode`; true if the connection is in it afterwards. A refusal
    /// (another connection open, SQLITE_BUSY) is an answer, not an error.
    private static func switchMode(of db: Database, to mode: String) -> Bool {
        // `mode` is one of this file's two constants, never user input.
        let answer = try? String.fetchOne(db, sql: "PRAGMA journal_mode = \(mode)")
        return answer?.lowercased() == mode
    }
}

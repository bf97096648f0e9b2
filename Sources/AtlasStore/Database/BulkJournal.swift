import Foundation
import GRDB

/// Runs one large write transaction with SQLite's rollback journal instead of the WAL, when no
/// other connection has the database open, and returns to WAL after.
///
/// In WAL mode every page a bulk load writes goes to the WAL first and is copied into the
/// database by the checkpoint after the commit: written and synced twice, which was most of a
/// large import's commit. With the rollback
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
/// snapshot as it could in WAL mode. Before that, readers read the committed state. A process
/// that opens the file for writing meanwhile cannot switch it to WAL and retries until the
/// lock is gone (`SpatialDatabase.openPool`). For the same reason everything the transaction reads must
/// go through its own connection (the importer's gazetteer lookups do).
///
/// The mode is persistent in the file. Should the process die mid-load, the next open finds a
/// hot journal: `SpatialDatabase` checks the file's identity from its header bytes (a read-only
/// connection could not roll the journal back), and the pool's writer rolls it back and sets WAL.
enum BulkJournal {
    /// Runs `body` (which opens and ends its own transaction on `db`) with the rollback journal
    /// when `enabled` and possible, else as is, then asks for WAL again.
    ///
    /// Going back to WAL waits a little for readers' locks (`returnToWAL`); if it still
    /// fails, `body`'s result stands all the same (its transaction is committed: reporting the
    /// load as failed would be false), this connection stays in rollback mode, and the next open
    /// of the file sets WAL.
    ///
    /// - throws: what `body` throws.
    static func run<T>(on db: Database, enabled: Bool, _ body: () throws -> T) throws -> T {
        guard enabled, leaveWAL(db) else { return try body() }
        defer { returnToWAL(db) }
        return try body()
    }

    /// How long the return to WAL keeps asking, in seconds.
    static let returnToWALSeconds: TimeInterval = 2

    /// Asks for WAL until it is granted or `returnToWALSeconds` pass. The switch reads the header
    /// under a shared lock and then needs the exclusive one; SQLite does not call the busy
    /// handler for that upgrade (it could deadlock), so a reader's shared lock makes it fail at
    /// once and it is asked again.
    private static func returnToWAL(_ db: Database) {
        let deadline = Date(timeIntervalSinceNow: returnToWALSeconds)
        while !switchMode(of: db, to: "wal"), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Asks for the rollback journal without waiting: another connection's presence is the
    /// answer "no", not something to wait out (the busy timeout is restored after).
    private static func leaveWAL(_ db: Database) -> Bool {
        let timeout = (try? Int.fetchOne(db, sql: "PRAGMA busy_timeout")) ?? Int(SpatialDatabase.busyTimeout * 1000)
        _ = try? db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { _ = try? db.execute(sql: "PRAGMA busy_timeout = \(timeout)") }
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

import Foundation
import GRDB

/// Opening the connection pool: waiting out another process's lock, and reading files that
/// cannot be written.
extension SpatialDatabase {
    /// Opens a pool, retrying while SQLite answers "database is locked", for up to `busyTimeout`.
    ///
    /// A read-write pool starts with `PRAGMA journal_mode = WAL`. On a file left in rollback
    /// mode by a bulk load (`BulkJournal`), that statement reads the header under a shared lock
    /// and then needs the write lock; SQLite never calls the busy handler for a connection
    /// that already holds a read lock (two such waiters could deadlock), so while the load
    /// holds its lock the statement fails at once whatever the busy timeout. It is retried
    /// here instead.
    ///
    /// - throws: `StoreError.locked` naming the holder when the lock outlasts `busyTimeout`;
    ///   other `DatabaseError`s as they are.
    static func openPool(path: String, configuration: Configuration, busyTimeout: TimeInterval) throws -> DatabasePool {
        let deadline = Date(timeIntervalSinceNow: busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                guard Date() < deadline else {
                    throw StoreError.locked(path: path, seconds: Int(busyTimeout), holder: LockHolder.describe(databasePath: path))
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Opens a read-only pool and checks the schema without writing anything.
    ///
    /// Two files need more than a read-only connection:
    /// - a WAL file whose folder cannot be written (a read-only mount, another user's folder)
    ///   and that no connection has open: SQLite cannot create the `-shm` file and answers
    ///   "unable to open database file" (or "attempt to write a readonly database"). It is then
    ///   opened as `immutable` (no locks, no shared memory): right on a read-only mount, where
    ///   nothing can change the file, and for a file no one had open as the query began.
    /// - a file with a hot rollback journal (a bulk load that died): a read-only connection
    ///   cannot roll it back. If the file can be written, a read-write open rolls it back first.
    /// A schema older than this build's is migrated the same way when the file can be written
    /// (the first query after an upgrade), and refused with advice when it cannot.
    static func openForReading(path: String, configuration: Configuration, busyTimeout: TimeInterval) throws -> DatabasePool {
        var location = path
        var upgraded = false
        while true {
            do {
                let pool = try openPool(path: location, configuration: configuration, busyTimeout: busyTimeout)
                try pool.read { db in try SchemaSetup.check(db, path: path) }
                return pool
            } catch let error as DatabaseError where Self.lacksSharedMemory(error) && location == path
                && StoreAccess.whyNotWritable(path: path) != nil {
                location = immutableURI(path)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK && !upgraded
                && StoreAccess.whyNotWritable(path: path) == nil {
                _ = try SpatialDatabase(path: path, mode: .existing, busyTimeout: busyTimeout)
                upgraded = true
            } catch StoreError.outdatedSchema where !upgraded && StoreAccess.whyNotWritable(path: path) == nil {
                _ = try SpatialDatabase(path: path, mode: .existing, busyTimeout: busyTimeout)
                upgraded = true
            } catch let error as DatabaseError {
                throw StoreError.sqlite(context: "opening \(path) for reading", message: error.message ?? "\(error)")
            }
        }
    }

    /// True for the errors of a read-only connection that cannot create the WAL's `-shm` file.
    private static func lacksSharedMemory(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CANTOPEN
            || (error.resultCode == .SQLITE_READONLY && error.extendedResultCode != .SQLITE_READONLY_ROLLBACK)
    }

    /// `file:PATH?immutable=1`, the path percent-encoded as URIs require.
    private static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// True if `path` is a file of zero bytes.
    static func isEmptyFile(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        return size?.intValue == 0
    }
}

import Foundation
import GRDB

/// One IncidentAtlas database: a single SQLite file with SpatiaLite metadata, opened as a
/// GRDB `DatabasePool` (WAL mode: one writer, concurrent readers).
///
/// Opening checks the file before changing anything: a file that is not SQLite, or an SQLite
/// database that IncidentAtlas did not create, is refused untouched. A new file gets the
/// spatial metadata (`InitSpatialMetadata`) and the schema; an existing one is migrated.
///
/// For example:
///
/// ```swift
/// let database = try SpatialDatabase(path: "atlas.sqlite", mode: .createIfMissing)
/// let count = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM place") }
/// ```
public final class SpatialDatabase: Sendable {
    /// How to open the file.
    public enum OpenMode: Sendable {
        /// Open an existing database; a missing or empty file is an error.
        case existing
        /// Create the file and its schema if missing (or empty); open it otherwise.
        case createIfMissing
        /// Open an existing database for reading only. Nothing is written to the file: no
        /// migration, no journal-mode change. A file this process cannot write, or one on a
        /// read-only file system, opens all the same.
        case readOnly
    }

    /// `PRAGMA application_id` of every IncidentAtlas database: "ATLS" in ASCII.
    public static let applicationID: Int32 = 0x4154_4C53

    /// The path of the database file.
    public let path: String

    /// Whether this store was opened with `OpenMode.readOnly`.
    public let isReadOnly: Bool

    /// How long a connection waits for another's lock before failing.
    let busyTimeout: TimeInterval

    /// The connection pool. It is constant for the lifetime of this object.
    let pool: DatabasePool

    /// The sidecar indexes this object has open (`<path>.points`, `<path>.names`).
    let sidecars = SidecarCache()

    /// Opens (or creates) the database at `path`.
    ///
    /// - parameters:
    ///   - path: file path of the database.
    ///   - mode: whether a missing file may be created, or the file is only read.
    ///   - busyTimeout: seconds to wait for another connection's lock (default 60).
    /// - throws: `StoreError` when the file is not an IncidentAtlas database, cannot be written
    ///   (unless `mode` is `.readOnly`), stays locked for `busyTimeout`, when SpatiaLite cannot
    ///   be initialised, or on any SQLite error.
    public init(path: String, mode: OpenMode = .existing, busyTimeout: TimeInterval = SpatialDatabase.busyTimeout) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        isReadOnly = mode == .readOnly
        _ = SpatiaLiteConnection.libraryInitialised
        let exists = FileManager.default.fileExists(atPath: path)
        let isEmpty = exists && Self.isEmptyFile(path)
        if isEmpty {
            // An empty file is what SQLite takes for a new database: only creating may use it.
            guard mode == .createIfMissing else { throw StoreError.emptyFile(path: path) }
        } else if exists {
            try Self.checkIdentity(path: path, busyTimeout: busyTimeout)
        } else if mode != .createIfMissing {
            throw StoreError.missingDatabase(path: path)
        } else {
            // Files derived from an earlier database at this path: never read as this one's
            // (the new store id would refuse them), but not left lying around either.
            for suffix in StoreIdentity.sidecarSuffixes { unlink(path + suffix) }
        }
        if mode != .readOnly { try StoreAccess.checkWritable(path: path) }
        let isNew = !exists || isEmpty
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Before GRDB switches a new file to WAL, after which the page size is fixed.
            if isNew { try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)") }
            try SpatiaLiteConnection.prepare(db)
            try SelectedIDs.define(on: db)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // GRDB gives pool readers 10 s, whatever `busyMode` says: readers wait as long as writers.
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))")
        }
        configuration.label = "IncidentAtlas"
        configuration.readonly = mode == .readOnly
        configuration.busyMode = .timeout(busyTimeout)
        if mode == .readOnly {
            pool = try Self.openForReading(path: path, configuration: configuration, busyTimeout: busyTimeout)
            return
        }
        do {
            pool = try Self.openPool(path: path, configuration: configuration, busyTimeout: busyTimeout)
        } catch let error as DatabaseError {
            throw StoreError.sqlite(context: "opening \(path)", message: error.message ?? "\(error)")
        }
        try translatingErrors { try SchemaSetup.prepare(self) }
    }

    /// Reads with a consistent snapshot; runs concurrently with other reads and with writes.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.read(body) }
    }

    /// Writes inside one transaction: everything `body` does is committed together, or rolled
    /// back together if it throws.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.write(body) }
    }

    /// Writes without an implicit transaction; `body` manages its own (or runs statements that
    /// must not run inside one, like `InitSpatialMetadata(1)`).
    public func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.writeWithoutTransaction(body) }
    }

    /// Runs `body`, turning SQLite's "database is locked" (after the busy timeout) and, on a
    /// read-only store, "attempt to write a readonly database" into errors that say what
    /// held the lock, or why the store cannot be written.
    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.locked(path: path, seconds: Int(busyTimeout), holder: LockHolder.describe(databasePath: path))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY && isReadOnly {
            throw StoreError.readOnly(path: path, reason: "it was opened for reading only")
        }
    }

    /// Closes this process's idle reader connections (they reopen on the next read), so that a
    /// bulk write may switch the journal mode (see `BulkJournal`).
    func closeIdleReaders() {
        pool.invalidateReadOnlyConnections()
    }

    /// How long, in seconds, a connection waits for another connection's lock before failing
    /// with "database is locked": two writers take turns, and a process opening the file while a
    /// bulk load holds it (see `BulkJournal`) waits for the load to commit.
    public static let busyTimeout: TimeInterval = 60

    /// Page size of new databases, in bytes (existing files keep theirs). 16 KiB rather than
    /// SQLite's 4 KiB: a million-row load writes a quarter as many pages and B-tree cells split
    /// a quarter as often (paired runs: the 1M-place gazetteer load ~0.35 s faster, the 1M-row
    /// ACLED import no slower, `gazetteer find` the same); the R*Tree's nodes stay 1,228 bytes
    /// whatever the page size.
    static let pageSize = 16_384

    /// Refuses, without writing anything, a file that is not an IncidentAtlas database.
    ///
    /// The identity is read from the file header first (the magic string, and the application
    /// id at offset 68): a file of ours is accepted without opening a connection. That matters
    /// after a crash during a bulk load (see `BulkJournal`): the file then has a hot rollback
    /// journal, which a read-only connection cannot roll back (SQLite answers "attempt to write
    /// a readonly database"), while the pool's read-write connection rolls it back on open.
    /// Only a file without our id is opened read-only, to tell an empty SQLite file from a
    /// foreign database.
    private static func checkIdentity(path: String, busyTimeout: TimeInterval) throws {
        if let header = FileHandle(forReadingAtPath: path).flatMap({ handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 72)
        }), header.count == 72, header.prefix(16) == Data("SQLite format 3\0".utf8) {
            let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if Int32(bitPattern: id) == Self.applicationID { return }
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let applicationID: Int32
        let objectCount: Int
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (applicationID, objectCount) = try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                return (id, count)
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.notSQLite(path: path, detail: error.message ?? "\(error)")
        }
        if applicationID != Self.applicationID && objectCount > 0 {
            throw StoreError.notAnAtlasDatabase(path: path)
        }
    }
}

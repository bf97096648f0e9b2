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
    /// How to treat a missing file.
    public enum OpenMode: Sendable {
        /// Open an existing database; a missing file is an error.
        case existing
        /// Create the file and its schema if missing; open it otherwise.
        case createIfMissing
    }

    /// `PRAGMA application_id` of every IncidentAtlas database: "ATLS" in ASCII.
    public static let applicationID: Int32 = 0x4154_4C53

    /// The path of the database file.
    public let path: String

    /// The connection pool. It is constant for the lifetime of this object.
    let pool: DatabasePool

    /// The sidecar indexes this object has open (`<path>.points`, `<path>.names`).
    let sidecars = SidecarCache()

    /// Opens (or creates) the database at `path`.
    ///
    /// - parameters:
    ///   - path: file path of the database.
    ///   - mode: whether a missing file may be created.
    /// - throws: `StoreError` when the file is not an IncidentAtlas database, when SpatiaLite
    ///   cannot be initialised, or on any SQLite error.
    public init(path: String, mode: OpenMode = .existing) throws {
        self.path = path
        _ = SpatiaLiteConnection.libraryInitialised
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            try Self.checkIdentity(path: path)
        } else if mode == .existing {
            throw StoreError.missingDatabase(path: path)
        } else {
            // Files derived from an earlier database at this path: never read as this one's
            // (the new store id would refuse them), but not left lying around either.
            for suffix in StoreIdentity.sidecarSuffixes { unlink(path + suffix) }
        }
        var configuration = Configuration()
        let isNew = !exists
        configuration.prepareDatabase { db in
            // Before GRDB switches a new file to WAL, after which the page size is fixed.
            if isNew { try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)") }
            try SpatiaLiteConnection.prepare(db)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        configuration.label = "IncidentAtlas"
        configuration.busyMode = .timeout(Self.busyTimeout)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.sqlite(context: "opening \(path)", message: error.message ?? "\(error)")
        }
        try SchemaSetup.prepare(self, isNew: !exists)
    }

    /// Reads with a consistent snapshot; runs concurrently with other reads and with writes.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Writes inside one transaction: everything `body` does is committed together, or rolled
    /// back together if it throws.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// Writes without an implicit transaction; `body` manages its own (or runs statements that
    /// must not run inside one, like `InitSpatialMetadata(1)`).
    public func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction(body)
    }

    /// Closes this process's idle reader connections (they reopen on the next read), so that a
    /// bulk write may switch the journal mode (see `BulkJournal`).
    func closeIdleReaders() {
        pool.invalidateReadOnlyConnections()
    }

    /// How long, in seconds, a connection waits for another connection's lock before failing
    /// with "database is locked": two writers take turns, and a process opening the file while a
    /// bulk load holds it (see `BulkJournal`) waits for the load to commit.
    static let busyTimeout: TimeInterval = 60

    /// Page size of new databases, in bytes (existing files keep theirs). 16 KiB rather than
    /// SQLite's 4 KiB: a million-row load writes a quarter as many pages and B-tree cells split
    /// a quarter as often (paired runs: the 1M-place gazetteer load ~0.35 s faster, the 1M-row
    /// ACLED import no slower, `gazetteer find` the same); the R*Tree's nodes stay 1,228 bytes
    /// whatever the page size.
    static let pageSize = 16_384

    /// Refuses, without writing anything, a file that is not an IncidentAtlas database.
    /// An empty (zero-byte) file is accepted: SQLite treats it as a new database.
    ///
    /// The identity is read from the file header first (the magic string, and the application
    /// id at offset 68): a file of ours is accepted without opening a connection. That matters
    /// after a crash during a bulk load (see `BulkJournal`): the file then has a hot rollback
    /// journal, which a read-only connection cannot roll back (SQLite answers "attempt to write
    /// a readonly database"), while the pool's read-write connection rolls it back on open.
    /// Only a file without our id is opened read-only, to tell an empty SQLite file from a
    /// foreign database.
    private static func checkIdentity(path: String) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? NSNumber, size.intValue == 0 { return }
        if let header = FileHandle(forReadingAtPath: path).flatMap({ handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 72)
        }), header.count == 72, header.prefix(16) == Data("SQLite format 3\0".utf8) {
            let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if Int32(bitPattern: id) == Self.applicationID { return }
        }
        var configuration = Configuration()
        configuration.readonly = true
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

import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// Opening a store while another connection holds it, opening it read-only, and files that are
/// not stores yet.
@Suite struct StoreOpeningTests {
    /// Puts the file in rollback-journal mode (as a bulk load does) and takes the write lock on
    /// another connection, with one uncommitted row.
    private func holdWriteLockInRollbackMode(_ test: TestDatabase) throws -> DatabaseQueue {
        test.database.closeIdleReaders()
        let mode = try test.database.writeWithoutTransaction { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode = delete")
        }
        #expect(mode == "delete")
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: test.path, configuration: configuration)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO atlas_meta (key, value) VALUES ('uncommitted', 'x')")
        }
        return holder
    }

    private func release(_ holder: DatabaseQueue) throws {
        try holder.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
        try holder.close()
    }

    /// The switch to WAL that opening for writing makes cannot use the busy handler while a
    /// bulk load holds the write lock: the open must wait for the lock, not fail at once.
    @Test func openingForWritingWaitsForABulkLoadsLock() throws {
        let test = try TestDatabase()
        test.database.closeIdleReaders()
        let holder = try holdWriteLockInRollbackMode(test)
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            Thread.sleep(forTimeInterval: 0.3)
            try? release(holder)
            released.signal()
        }
        let second = try SpatialDatabase(path: test.path, mode: .existing, busyTimeout: 30)
        released.wait()
        #expect(try StoreMetadata.value("uncommitted", in: second) == "x")
        #expect(try second.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func aLockHeldPastTheTimeoutIsReportedAsLocked() throws {
        let test = try TestDatabase()
        test.database.closeIdleReaders()
        let holder = try holdWriteLockInRollbackMode(test)
        defer { try? release(holder) }
        #expect {
            try SpatialDatabase(path: test.path, mode: .existing, busyTimeout: 0.2)
        } throws: { error in
            guard case let .locked(path, _, _)? = error as? StoreError else { return false }
            return path == test.path
        }
    }

    /// A reader during a bulk load reads the committed state; it neither fails nor sees the
    /// load's rows.
    @Test func aReadOnlyOpenDuringABulkLoadReadsTheCommittedState() throws {
        let test = try TestDatabase()
        try StoreMetadata.set("committed", to: "yes", in: test.database)
        test.database.closeIdleReaders()
        let holder = try holdWriteLockInRollbackMode(test)
        defer { try? release(holder) }
        let reader = try SpatialDatabase(path: test.path, mode: .readOnly, busyTimeout: 5)
        #expect(try StoreMetadata.value("committed", in: reader) == "yes")
        #expect(try StoreMetadata.value("uncommitted", in: reader) == nil)
    }

    /// Opening for reading writes nothing: not the journal mode, not a migration, not a byte.
    @Test func aReadOnlyOpenWritesNothing() throws {
        let test = try TestDatabase()
        test.database.closeIdleReaders()
        try test.database.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = delete")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: test.path))
        let reader = try SpatialDatabase(path: test.path, mode: .readOnly)
        #expect(reader.isReadOnly)
        #expect(try IncidentStore(database: reader).count() == 0)
        #expect(try reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "delete")
        #expect(try Data(contentsOf: URL(fileURLWithPath: test.path)) == before)
        #expect {
            try StoreMetadata.set("probe", to: "x", in: reader)
        } throws: { error in
            guard case .readOnly? = error as? StoreError else { return false }
            return true
        }
    }

    /// Only creating may turn an empty file into a store.
    @Test func anEmptyFileIsRefusedUnlessCreating() throws {
        let file = try TemporaryFile(contents: "", suffix: ".sqlite")
        for mode in [SpatialDatabase.OpenMode.existing, .readOnly] {
            #expect {
                try SpatialDatabase(path: file.path, mode: mode)
            } throws: { error in
                guard case .emptyFile? = error as? StoreError else { return false }
                return true
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)).isEmpty)
        }
        let created = try SpatialDatabase(path: file.path, mode: .createIfMissing)
        #expect(try IncidentStore(database: created).count() == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
    }

    /// A file left with a hot journal by a crashed bulk load opens for reading too: the journal
    /// is rolled back first (the file is writable), since a read-only connection cannot.
    @Test func aReadOnlyOpenRollsBackAHotJournalWhenItCan() throws {
        let test = try TestDatabase()
        let crashed = test.path + "-crashed.sqlite"
        defer { for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: crashed + suffix) } }
        test.database.closeIdleReaders()
        try test.database.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = delete")
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN")
            for index in 0..<3_000 {
                try db.execute(sql: "INSERT INTO atlas_meta (key, value) VALUES (?, ?)",
                               arguments: ["crash-\(index)", String(repeating: "x", count: 200)])
            }
            try FileManager.default.copyItem(atPath: test.path, toPath: crashed)
            try FileManager.default.copyItem(atPath: test.path + "-journal", toPath: crashed + "-journal")
            try db.execute(sql: "ROLLBACK")
        }
        let reader = try SpatialDatabase(path: crashed, mode: .readOnly)
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM atlas_meta WHERE key LIKE 'crash-%'") } == 0)
    }
}

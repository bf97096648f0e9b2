import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Names the process that holds an SQLite lock on a database file, for "database is locked"
/// messages, by asking the kernel (`F_GETLK`) about the byte ranges SQLite's unix VFS locks.
///
/// A connection in rollback-journal mode locks bytes of the database file itself (RESERVED,
/// PENDING, and the SHARED range, which an EXCLUSIVE lock covers whole); in WAL mode the writer
/// locks a byte of the `-shm` file. POSIX locks belong to processes, so the answer is another
/// process or nil (this process's own locks are not reported).
enum LockHolder {
    /// SQLite's lock bytes in the database file (`PENDING_BYTE` and on).
    private static let pendingByte: Int = 0x4000_0000
    /// The WAL write lock in the `-shm` file (`WALINDEX_LOCK_OFFSET`, slot 0).
    private static let walWriteLockByte = 120

    /// "process 1234 (atlas import big.csv)" for the first process found holding a lock that a
    /// writer of `path` would wait for, or nil if none is found.
    static func describe(databasePath path: String) -> String? {
        let candidates: [(file: String, start: Int, length: Int)] = [
            (path, pendingByte, 2),                 // PENDING, RESERVED: another writer
            (path + "-shm", walWriteLockByte, 1),   // the WAL writer
            (path, pendingByte + 2, 510),           // SHARED range: readers, or EXCLUSIVE
        ]
        for candidate in candidates {
            if let pid = holder(of: candidate.file, start: candidate.start, length: candidate.length) {
                return "process \(pid)" + (commandLine(of: pid).map { " (\($0))" } ?? "")
            }
        }
        return nil
    }

    /// The pid of a process whose lock would conflict with a write lock on the range, or nil.
    private static func holder(of file: String, start: Int, length: Int) -> pid_t? {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(start)
        lock.l_len = off_t(length)
        guard fcntl(descriptor, F_GETLK, &lock) == 0, lock.l_type != Int16(F_UNLCK), lock.l_pid > 0 else { return nil }
        return lock.l_pid
    }

    /// The command line of `pid` from `/proc`, shortened, or nil where there is no `/proc`.
    private static func commandLine(of pid: pid_t) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let text = words.joined(separator: " ")
        return text.count > 160 ? String(text.prefix(157)) + "…" : text
    }
}

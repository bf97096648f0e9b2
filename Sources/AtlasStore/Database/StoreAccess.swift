import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether this process may write a database file, asked of the kernel before SQLite is.
///
/// SQLite opens a file it cannot write read-only without a word and fails at the first write
/// ("attempt to write a readonly database", or "unable to open database file" when it cannot
/// create its `-wal`, `-shm` or `-journal` file beside the database). Writing commands check
/// first, so the message says which file and why.
enum StoreAccess {
    /// Why `path` cannot be written, or nil if it can: the file (when it exists) and its folder,
    /// where SQLite creates its journal files, must both be writable.
    static func whyNotWritable(path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
            return reason(errno, subject: "the file")
        }
        if access(directory, W_OK | X_OK) != 0 {
            return reason(errno, subject: "its folder \(directory) (SQLite keeps its journal files beside the database)")
        }
        return nil
    }

    /// Throws `StoreError.readOnly` if `path` cannot be written.
    static func checkWritable(path: String) throws {
        if let reason = whyNotWritable(path: path) { throw StoreError.readOnly(path: path, reason: reason) }
    }

    private static func reason(_ code: Int32, subject: String) -> String {
        switch code {
        case EROFS: return "\(subject) is on a read-only file system (query commands still read it)"
        case EACCES, EPERM: return "\(subject) is not writable by this user (query commands still read it)"
        default: return "\(subject): \(String(cString: strerror(code)))"
        }
    }
}

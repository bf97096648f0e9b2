import Foundation

/// An advisory lock (`flock`) on `<sidecar>.lock`, held while one process rebuilds a sidecar:
/// other processes wanting the same sidecar wait, then find the file current and map it
/// instead of rebuilding it too. Where the lock file cannot be made (a read-only folder, where
/// no sidecar is written either) the rebuild runs unlocked.
struct SidecarLock {
    /// Runs `body` holding the lock of the sidecar at `path`.
    static func whileHolding<T>(forSidecar path: String, _ body: () throws -> T) rethrows -> T {
        let descriptor = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        var locked = flock(descriptor, LOCK_EX)
        while locked != 0 && errno == EINTR { locked = flock(descriptor, LOCK_EX) }
        defer { if locked == 0 { flock(descriptor, LOCK_UN) } }
        return try body()
    }
}

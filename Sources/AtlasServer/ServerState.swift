import AtlasQuery
import Foundation

/// What every handler shares: the store, the worker threads and the configuration.
final class ServerState: Sendable {
    /// The served store (any backend: a SpatiaLite file, PostGIS, reads on a replica).
    let backend: any AtlasBackend
    /// Where database work runs.
    let workers: DatabaseWorkers
    /// The configuration the server was started with.
    let configuration: ServerConfiguration
    /// When each incident generation was first seen, for `Last-Modified`.
    let generations = GenerationClock()

    init(backend: any AtlasBackend, configuration: ServerConfiguration) {
        self.backend = backend
        self.configuration = configuration
        workers = DatabaseWorkers(threads: configuration.workerThreads, queueLimit: configuration.workerQueueLimit)
    }

    /// The base of links when a request has no usable `Host` header.
    var fallbackBase: String { "http://\(configuration.host):\(configuration.port)" }

    /// The instant past which a request started now is out of time.
    func deadline() -> Date { Date().addingTimeInterval(configuration.requestTimeLimit) }
}

/// Remembers when the server first saw each incident generation: the store counts changes but
/// does not date them, so `Last-Modified` is the first time this server saw the data as it is
/// (its start, for data that has not changed since).
final class GenerationClock: @unchecked Sendable {
    private let lock = NSLock()
    /// The last generation seen and when it was first seen; guarded by `lock`.
    private var seen: (generation: String, since: Date)?

    /// The instant `generation` was first seen.
    func firstSeen(_ generation: String) -> Date {
        lock.lock()
        defer { lock.unlock() }
        if let seen, seen.generation == generation { return seen.since }
        // Whole seconds: HTTP dates have no fractions, and If-Modified-Since compares them.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        seen = (generation, now)
        return now
    }
}

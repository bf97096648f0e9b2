import Foundation

/// How `atlas serve` runs: where it listens, whether it takes writes, and the limits that keep
/// one client from taking the server (the store it serves is given to `AtlasServer.run`).
public struct ServerConfiguration: Sendable {
    /// The address to bind (127.0.0.1 by default: nothing outside the machine reaches it).
    public var host: String = "127.0.0.1"
    /// The port (0 picks a free one; the log line says which).
    public var port: Int = 8080
    /// The bearer token writes need; nil serves read-only (POST and DELETE answer 405).
    public var writeToken: String?
    /// Largest request body accepted, bytes (a POST of incidents).
    public var maximumBodyBytes: Int = 32 << 20
    /// Longest a request may take, seconds: a JSON answer then gets a 503 problem, a streamed
    /// answer is cut short.
    public var requestTimeLimit: TimeInterval = 60
    /// Threads that run database work.
    public var workerThreads: Int = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))
    /// Database jobs running or waiting at most before a request is refused with 503.
    public var workerQueueLimit: Int = 256

    /// A raster tile URL template (`https://tile.openstreetmap.org/{z}/{x}/{y}.png`) the map
    /// page draws under the incidents; nil keeps the page offline (bundled country outlines).
    public var tileURL: String?
    /// The attribution the tile server asks for, shown on the map.
    public var tileAttribution: String?

    /// A read-only server on 127.0.0.1:8080.
    public init() {}

    /// True when writes are allowed (a token was given).
    public var writesEnabled: Bool { writeToken != nil }
}

import AtlasQuery
import Dispatch
import Hummingbird
import Logging
import ServiceLifecycle

/// The OGC API – Features server behind `atlas serve`.
///
/// For example:
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.port = 8080
/// try await AtlasServer.run(try SpatiaLiteBackend(path: "atlas.sqlite"), configuration)  // until SIGINT or SIGTERM
/// ```
public enum AtlasServer {
    /// Serves `backend` until SIGINT or SIGTERM, then stops accepting connections, lets the
    /// requests in flight finish, and returns.
    ///
    /// - throws: a bind error if the address is taken.
    public static func run(_ backend: any AtlasBackend, _ configuration: ServerConfiguration,
                           logger: Logger = Logger(label: "atlas.serve")) async throws {
        let state = ServerState(backend: backend, configuration: configuration)
        let application = makeApplication(state, logger: logger)
        try await application.runService()
        try await state.workers.shutdown()
        logger.info("stopped")
    }

    /// `run` for a synchronous caller (the CLI, whose commands are not async): blocks this
    /// thread until the server has stopped.
    public static func runBlocking(_ backend: any AtlasBackend, _ configuration: ServerConfiguration,
                                   logger: Logger = Logger(label: "atlas.serve")) throws {
        let outcome = BlockingOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await run(backend, configuration, logger: logger) } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// The application over `state`, not yet running (tests drive it with HummingbirdTesting).
    static func makeApplication(_ state: ServerState, logger: Logger) -> some ApplicationProtocol {
        let configuration = state.configuration
        let location = state.backend.location
        return Application(
            router: ServerRoutes.router(state, logger: logger),
            server: .http1(configuration: .init(additionalChannelHandlers: [MalformedRequestHandler()])),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "IncidentAtlas"),
            onServerRunning: { channel in
                // The address actually bound (port 0 picks one): scripts read it from this line.
                logger.info("listening on \(channel.localAddress?.description ?? "?") (database \(location), \(configuration.writesEnabled ? "writes with a bearer token" : "read-only"))")
            },
            logger: logger
        )
    }
}

/// The error a blocking run ended with; written by the server task before it signals, read
/// by the waiting thread after.
private final class BlockingOutcome: @unchecked Sendable {
    var error: (any Error)?
}

import Foundation
import PostgresNIO

/// One connection to the server, used synchronously: the backend protocols are synchronous,
/// so each statement is sent on postgres-nio's event loop and its future waited for.
///
/// Waiting blocks only the calling thread; the event loop that answers is postgres-nio's own,
/// so this never waits on a Swift concurrency thread it needs. Statements and transactions
/// from several threads are serialized by `lock`.
final class PostGISConnection: @unchecked Sendable {
    /// The store's URL (without password in messages).
    let url: PostgresURL
    /// Open until `deinit`; only used while `lock` is held.
    private let connection: PostgresConnection
    /// Serializes sessions: a transaction's statements are never interleaved with another's.
    private let lock = NSLock()
    private let logger: Logger

    /// Connects to `url`; the session's `application_name` is `applicationName` (what
    /// `pg_stat_activity` shows for it, e.g. `atlas serve`).
    ///
    /// - throws: `PostGISError.unreachable`, `.authenticationFailed` or `.noSuchDatabase`.
    init(url: PostgresURL, applicationName: String) throws {
        self.url = url
        var logger = Logger(label: "atlas.postgis")
        logger.logLevel = .error
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        // PostgreSQL keeps at most 63 bytes of it.
        configuration.options.additionalStartupParameters = [("application_name", String(applicationName.utf8.prefix(63)) ?? "atlas")]
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw Self.connectionError(error, url: url)
        }
    }

    deinit {
        // Waited for: postgres-nio requires a connection to be closed before it is released.
        // The last reference goes on a caller's thread, never on the event loop.
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Runs `body` with the connection to itself (no other thread's statement in between).
    func withSession<T>(_ body: (PostGISSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(PostGISSession(connection: connection, logger: logger, url: url))
    }

    /// Runs `body` in one transaction: committed if it returns and `commit` says so for its
    /// result, rolled back otherwise (and if it throws).
    func withTransaction<T>(_ context: String, commit: (T) -> Bool = { _ in true },
                            _ body: (PostGISSession) throws -> T) throws -> T {
        try withSession { session in
            try session.execute("BEGIN", context: context)
            do {
                let result = try body(session)
                try session.execute(commit(result) ? "COMMIT" : "ROLLBACK", context: context)
                return result
            } catch {
                // A broken connection has nothing to roll back (the server drops the
                // transaction), and a statement sent on it would never be answered.
                if case PostGISError.connectionLost = error {} else { _ = try? session.execute("ROLLBACK", context: context) }
                throw error
            }
        }
    }

    /// The `PostGISError` for a failed connection attempt.
    private static func connectionError(_ error: any Error, url: PostgresURL) -> PostGISError {
        guard let error = error as? PSQLError else { return .unreachable(url.redacted, reason: "\(error)") }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? ""
        switch state {
        case "28P01", "28000": return .authenticationFailed(url.redacted, message: message)
        case "3D000": return .noSuchDatabase(url.redacted)
        default: break
        }
        if error.code == .authMechanismRequiresPassword {
            return .authenticationFailed(url.redacted, message: "the server asks for a password and the URL has none")
        }
        if error.code == .server { return .server(url.redacted, context: "connecting", message: message) }
        let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
        return .unreachable(url.redacted, reason: reason)
    }
}

/// The connection while one caller holds it: statements run in order, each waited for.
struct PostGISSession {
    fileprivate let connection: PostgresConnection
    fileprivate let logger: Logger
    /// The store's URL, for messages.
    let url: PostgresURL

    /// Runs `query` and returns its rows.
    ///
    /// - parameter context: what is being done, for the error message.
    /// - throws: `PostGISError.server` with the server's message.
    @discardableResult
    func rows(_ query: PostgresQuery, context: String) throws -> [PostgresRow] {
        if connection.isClosed {
            throw PostGISError.connectionLost(url.redacted, context: context, reason: "the connection is closed")
        }
        let outcome = QueryOutcome()
        connection.query(query, logger: logger).whenComplete { outcome.finish($0) }
        // Waited for in steps: a statement sent as the connection breaks may never be answered
        // (postgres-nio does not always fail it), so a closed connection ends the wait.
        while true {
            if let result = outcome.wait(seconds: 0.2) {
                do {
                    return Array(try result.get().rows)
                } catch {
                    throw failure(error, context: context)
                }
            }
            if connection.isClosed {
                throw PostGISError.connectionLost(url.redacted, context: context, reason: "the connection closed")
            }
        }
    }

    /// The `PostGISError` for a failed statement: `.connectionLost` when the connection broke
    /// (closed, reset, or the server shutting down: SQLSTATE class 57P), else `.server`.
    func failure(_ error: any Error, context: String) -> PostGISError {
        guard let error = error as? PSQLError else {
            return connection.isClosed ? .connectionLost(url.redacted, context: context, reason: "\(error)")
                                       : .server(url.redacted, context: context, message: "\(error)")
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message]
        if state.hasPrefix("57P") || [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
            || connection.isClosed {
            return .connectionLost(url.redacted, context: context, reason: message ?? "\(error.code)")
        }
        return .server(url.redacted, context: context, message: message ?? "\(error.code)")
    }

    /// Runs one statement of constant text (no values).
    func execute(_ sql: String, context: String) throws {
        try rows(PostgresQuery(unsafeSQL: sql), context: context)
    }

    /// Starts sending `data`, rows in COPY's text format, into `columns` of `table` (constant
    /// names of the code) with `COPY … FROM STDIN`: the values travel as data, never as SQL
    /// text. Returns at once: the caller may prepare the next rows meanwhile, but sends nothing
    /// else on this session before the `PendingCopy`'s `wait()` returned (`CopyOverlap`).
    ///
    /// postgres-nio offers COPY only as an async function: it runs in a task on the COPY thread
    /// (`CopyExecutor`, not the cooperative pool this thread may belong to).
    func startCopy(into table: String, columns: [String], data: ByteBuffer, context: String) -> PendingCopy {
        let outcome = CopyOutcome()
        let (connection, logger) = (self.connection, self.logger)
        runOffCooperativePool {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        return PendingCopy(session: self, outcome: outcome, context: context)
    }

    /// Whether the connection is closed (broken or ended).
    var isClosed: Bool { connection.isClosed }

    /// Runs `sql` (constant text with `$n` placeholders) with `binds`.
    @discardableResult
    func rows(_ sql: BoundSQL, context: String) throws -> [PostgresRow] {
        try rows(sql.query, context: context)
    }
}

/// The result of a statement, handed from the event loop to the thread waiting for it.
private final class QueryOutcome: @unchecked Sendable {
    // `result` is written once before `done` is signalled and read after a wait saw the signal.
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<PostgresQueryResult, any Error>?

    func finish(_ result: Result<PostgresQueryResult, any Error>) {
        self.result = result
        done.signal()
    }

    /// The result, or nil if it did not come within `seconds`.
    func wait(seconds: Double) -> Result<PostgresQueryResult, any Error>? {
        done.wait(timeout: .now() + seconds) == .success ? result : nil
    }
}

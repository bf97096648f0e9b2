import AtlasPostGIS
import Foundation
import PostgresNIO

/// The PostgreSQL server the tests use: `ATLAS_TEST_POSTGRES_URL` (scripts/postgis-cluster
/// starts one). Without it the PostGIS tests are skipped, unless `ATLAS_REQUIRE_POSTGRES=1`
/// says CI must run them, and then they fail.
public enum TestPostgres {
    /// The server's URL, or nil.
    public static let url: String? = ProcessInfo.processInfo.environment["ATLAS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// True when the run must not skip the PostGIS tests.
    public static let required = ProcessInfo.processInfo.environment["ATLAS_REQUIRE_POSTGRES"] == "1"

    /// True if the PostGIS tests run: a server is given, or one is required (so they fail).
    public static var enabled: Bool { url != nil || required }

    /// The URL, or an error saying it is missing.
    public static func requireURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "ATLAS_REQUIRE_POSTGRES=1 but ATLAS_TEST_POSTGRES_URL is not set (scripts/postgis-cluster start)" }
    }

    /// `url` with its database replaced by `database`.
    public static func url(_ url: String, database: String) throws -> String {
        let parsed = try PostgresURL(url)
        return "postgresql://\(parsed.user)@\(parsed.host):\(parsed.port)/\(database)"
    }

    /// A new empty database `name` on the test server (dropped first if it exists, with any
    /// sessions still on it), and its URL: a test suite's own, so suites that run at the same
    /// time never share tables.
    public static func freshDatabase(_ name: String) throws -> String {
        let server = try requireURL()
        try execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)", "CREATE DATABASE \(name)"], on: try url(server, database: "postgres"))
        return try url(server, database: name)
    }

    /// Runs statements of constant text on `url`'s database, outside the backend (test set-up:
    /// dropping tables, creating databases).
    public static func execute(_ statements: [String], on url: String) throws {
        try withConnection(url) { connection in
            for statement in statements {
                _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
            }
        }
    }

    /// The first column of every row of `sql` (constant text of a test, a `text` result) on
    /// `url`'s database, outside the backend.
    public static func strings(_ sql: String, on url: String) throws -> [String] {
        try withConnection(url) { connection in
            try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().map { try $0.decode(String.self) }
        }
    }

    private static let logger = Logger(label: "atlas.postgis.tests")

    /// Runs `body` on a new connection to `url`'s database, closed afterwards.
    private static func withConnection<T>(_ url: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        let parsed = try PostgresURL(url)
        let configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 99, logger: logger).wait()
        defer { try? connection.close().wait() }
        return try body(connection)
    }
}

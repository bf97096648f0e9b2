import AtlasPostGIS
import Foundation
import PostgresNIO

/// The PostgreSQL server the tests use: `ATLAS_TEST_POSTGRES_URL` (scripts/postgis-cluster
/// starts one). Without it the PostGIS tests are skipped, unless `ATLAS_REQUIRE_POSTGRES=1`
/// says CI must run them, and then they fail.
enum TestPostgres {
    /// The server's URL, or nil.
    static let url: String? = ProcessInfo.processInfo.environment["ATLAS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// True when the run must not skip the PostGIS tests.
    static let required = ProcessInfo.processInfo.environment["ATLAS_REQUIRE_POSTGRES"] == "1"

    /// True if the PostGIS tests run: a server is given, or one is required (so they fail).
    static var enabled: Bool { url != nil || required }

    /// The URL, or an error saying it is missing.
    static func requireURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "ATLAS_REQUIRE_POSTGRES=1 but ATLAS_TEST_POSTGRES_URL is not set (scripts/postgis-cluster start)" }
    }

    /// `url` with its database replaced by `database`.
    static func url(_ url: String, database: String) throws -> String {
        let parsed = try PostgresURL(url)
        return "postgresql://\(parsed.user)@\(parsed.host):\(parsed.port)/\(database)"
    }

    /// Runs statements of constant text on `url`'s database, outside the backend (test set-up:
    /// dropping tables, creating databases).
    static func execute(_ statements: [String], on url: String) throws {
        let parsed = try PostgresURL(url)
        let configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 99,
            logger: Logger(label: "atlas.postgis.tests")).wait()
        defer { try? connection.close().wait() }
        for statement in statements {
            _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "atlas.postgis.tests")).wait()
        }
    }
}

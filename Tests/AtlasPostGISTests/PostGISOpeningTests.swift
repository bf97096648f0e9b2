import AtlasModel
import AtlasPostGIS
import AtlasTestSupport
import AtlasStore
import Testing

/// Opening a store that cannot be used says why, naming the URL without its password.
@Suite(.enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"))
struct PostGISOpeningTests {
    @Test func aServerThatDoesNotAnswerIsUnreachable() throws {
        // Port 1 on loopback: nothing listens there.
        let url = "postgresql://atlas:s3cret@127.0.0.1:1/atlas"
        do {
            _ = try PostGISBackend(url: url, admin1Key: NameFolding.key)
            Issue.record("opened \(url)")
        } catch let error as PostGISError {
            guard case let .unreachable(location, _) = error else { Issue.record("\(error)"); return }
            #expect(location == "postgresql://atlas@127.0.0.1:1/atlas")
            #expect(!error.description.contains("s3cret"))
        }
    }

    @Test func anUnknownRoleIsRefusedByName() throws {
        let url = try TestPostgres.url(try TestPostgres.requireURL(), database: "atlas_test")
            .replacingOccurrences(of: "postgresql://atlas@", with: "postgresql://nobody:pw@")
        #expect { try PostGISBackend(url: url, admin1Key: NameFolding.key) } throws: { error in
            guard case let .authenticationFailed(location, _)? = error as? PostGISError else { return false }
            return !location.contains("pw")
        }
    }

    @Test func anUnknownDatabaseIsNamed() throws {
        let url = try TestPostgres.url(try TestPostgres.requireURL(), database: "no_such_database")
        #expect(throws: PostGISError.noSuchDatabase(try TestPostgres.url(url, database: "no_such_database"))) {
            try PostGISBackend(url: url, admin1Key: NameFolding.key)
        }
    }

    @Test func aDatabaseWithoutPostGISIsRefused() throws {
        let server = try TestPostgres.requireURL()
        try TestPostgres.execute(["DROP DATABASE IF EXISTS atlas_plain", "CREATE DATABASE atlas_plain"],
                                 on: try TestPostgres.url(server, database: "postgres"))
        let url = try TestPostgres.url(server, database: "atlas_plain")
        #expect { try PostGISBackend(url: url, admin1Key: NameFolding.key) } throws: { error in
            guard case .noPostGIS? = error as? PostGISError else { return false }
            return true
        }
    }

    @Test func aDatabaseWithoutTheTablesIsNotAStore() throws {
        let server = try TestPostgres.requireURL()
        try TestPostgres.execute(["DROP DATABASE IF EXISTS atlas_empty", "CREATE DATABASE atlas_empty"],
                                 on: try TestPostgres.url(server, database: "postgres"))
        let url = try TestPostgres.url(server, database: "atlas_empty")
        try TestPostgres.execute(["CREATE EXTENSION postgis"], on: url)
        #expect(throws: PostGISError.notAStore(url)) { try PostGISBackend(url: url, admin1Key: NameFolding.key) }
    }

    @Test func urlsWithoutAHostAUserOrADatabaseAreRefused() {
        for text in ["postgresql://127.0.0.1/atlas", "postgresql://atlas@127.0.0.1", "mysql://atlas@h/db"] {
            #expect(throws: PostGISError.self) { try PostgresURL(text) }
        }
        #expect(PostgresURL.looksLikeURL("postgresql://a@b/c"))
        #expect(!PostgresURL.looksLikeURL("atlas.sqlite"))
    }
}

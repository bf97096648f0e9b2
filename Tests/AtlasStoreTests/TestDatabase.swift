import Foundation
@testable import AtlasStore

/// A fresh database file in the temporary folder, deleted (with its WAL) on release.
final class TestDatabase: Sendable {
    let path: String
    let database: SpatialDatabase

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-test-\(UUID().uuidString).sqlite").path
        database = try SpatialDatabase(path: path, mode: .createIfMissing)
    }

    /// A database with the repository's bundled geodata loaded.
    static func withBundledGeodata() throws -> TestDatabase {
        let test = try TestDatabase()
        _ = try BundledGeodata(directory: repositoryGeodata).load(into: test.database)
        return test
    }

    /// `geodata/` of this checkout, found from this source file's path.
    static var repositoryGeodata: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("geodata")
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

import Foundation
@testable import AtlasStore

/// A fresh database file in the temporary folder, deleted (with its WAL) on release.
final class TestDatabase: Sendable {
    let path: String
    let database: SpatialDatabase

    init() throws {
        path = Self.newPath()
        database = try SpatialDatabase(path: path, mode: .createIfMissing)
    }

    private init(copying template: String) throws {
        path = Self.newPath()
        for suffix in ["", ".names"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: path + suffix)
        }
        database = try SpatialDatabase(path: path, mode: .existing)
    }

    private static func newPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("atlas-test-\(UUID().uuidString).sqlite").path
    }

    /// A database with the repository's bundled geodata loaded: a copy of one loaded once per
    /// test process (the whole Syrian gazetteer takes seconds to load in a debug build).
    static func withBundledGeodata() throws -> TestDatabase {
        try TestDatabase(copying: bundledTemplate.get())
    }

    /// The path of a closed database (its WAL checkpointed) holding the bundled geodata.
    private static let bundledTemplate = Result<String, any Error> {
        let path = newPath()
        let database = try SpatialDatabase(path: path, mode: .createIfMissing)
        _ = try BundledGeodata(directory: repositoryGeodata).load(into: database)
        _ = try Gazetteer(database: database).find("Aleppo")  // writes the name index beside it
        return path
    }

    /// `geodata/` of this checkout, found from this source file's path.
    static var repositoryGeodata: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("geodata")
    }

    deinit {
        for suffix in ["", "-wal", "-shm", ".names", ".points"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

import ArgumentParser
import AtlasQuery
import AtlasStore
import Foundation

/// `--db PATH`, shared by every command that touches a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Database file (default: $ATLAS_DB, else ./atlas.sqlite).", valueName: "path"))
    var path: String?

    /// The path in effect.
    var resolvedPath: String {
        if let path { return path }
        if let fromEnvironment = ProcessInfo.processInfo.environment["ATLAS_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "atlas.sqlite"
    }

    /// Opens the existing database; a missing file is an error that says to run `atlas init`.
    func open() throws -> SpatialDatabase {
        try SpatialDatabase(path: resolvedPath, mode: .existing)
    }

    /// The existing store as a backend: what query commands use, so that they run on any
    /// backend.
    func backend() throws -> any AtlasBackend {
        SpatiaLiteBackend(database: try open())
    }
}

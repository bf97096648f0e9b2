import AtlasModel
import ArgumentParser
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import Foundation

/// `--db PATH`, shared by every command that touches a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Database file (default: $ATLAS_DB, else ./atlas.sqlite), or a PostGIS store as postgresql://USER[:PASSWORD]@HOST:PORT/DB.",
        valueName: "path"))
    var path: String?

    /// The path in effect.
    var resolvedPath: String {
        if let path { return path }
        if let fromEnvironment = ProcessInfo.processInfo.environment["ATLAS_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "atlas.sqlite"
    }

    /// Seconds to wait for another process's lock: `$ATLAS_BUSY_TIMEOUT`, else 60.
    var busyTimeout: Double {
        ProcessInfo.processInfo.environment["ATLAS_BUSY_TIMEOUT"].flatMap(Double.init).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
            ?? SpatialDatabase.busyTimeout
    }

    /// True when the store is a PostgreSQL URL: the PostGIS backend.
    var isPostGIS: Bool { PostgresURL.looksLikeURL(resolvedPath) }

    /// The PostGIS store at the URL: `.existing` checks its tables, `.create` makes what is missing.
    func postGIS(mode: PostGISBackend.OpenMode = .existing) throws -> PostGISBackend {
        try Self.postGIS(url: resolvedPath, mode: mode)
    }

    /// The PostGIS store at `url`; its sessions show as `atlas COMMAND` in `pg_stat_activity`.
    static func postGIS(url: String, mode: PostGISBackend.OpenMode = .existing) throws -> PostGISBackend {
        try PostGISBackend(url: url, mode: mode, applicationName: "atlas \(invokedCommand)")
    }

    /// Refuses a PostgreSQL URL for `command`, which only works on a SpatiaLite file.
    func requireSpatiaLite(for command: String) throws {
        guard isPostGIS else { return }
        let shown = (try? PostgresURL(resolvedPath).redacted) ?? "postgresql://…"
        throw InputProblem("atlas \(command) works on SpatiaLite stores only, not on the PostGIS store \(shown)")
    }

    /// Opens the existing database for reading only (every query command): nothing is written,
    /// so a read-only file or file system serves as well. A missing or empty file is an error
    /// that says to run `atlas init`.
    func open() throws -> SpatialDatabase {
        try requireSpatiaLite(for: Self.invokedCommand)
        return try SpatialDatabase(path: resolvedPath, mode: .readOnly, busyTimeout: busyTimeout)
    }

    /// Opens the existing database for writing (import, add, loads, `extract --commit`);
    /// a store that cannot be written is refused with the reason.
    func openForWriting() throws -> SpatialDatabase {
        try requireSpatiaLite(for: Self.invokedCommand)
        return try SpatialDatabase(path: resolvedPath, mode: .existing, busyTimeout: busyTimeout)
    }

    /// The existing store as a backend: what query commands use, so that they run on any
    /// backend. Opened for reading only unless `forWriting`. A `postgresql://` URL opens the
    /// PostGIS store there (its tables must exist: `atlas init --db URL`).
    func backend(forWriting: Bool = false) throws -> any AtlasBackend {
        if isPostGIS { return try postGIS() }
        return SpatiaLiteBackend(database: try forWriting ? openForWriting() : open())
    }

    /// The subcommand words of this run (`gazetteer load`), for messages.
    static var invokedCommand: String {
        CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2)
            .filter { $0.allSatisfy { $0.isLetter } }.joined(separator: " ")
    }
}

import ArgumentParser
import AtlasPostGIS
import AtlasQuery
import AtlasServer
import Foundation
import Logging

/// `atlas serve`: the database as an OGC API – Features service over HTTP.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the database over HTTP as OGC API – Features (incidents, places, regions) until SIGINT or SIGTERM.",
        discussion: """
            Read-only unless --token-file is given: then POST and DELETE on /collections/incidents/items need \
            'Authorization: Bearer TOKEN' with the file's first line as TOKEN. The API is described at /api. \
            --db is a SpatiaLite file or a PostGIS URL; with --read-replica (a hot standby of that PostGIS \
            store) every read goes to the standby and every write to --db.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one; the log says which).") var port: Int = 8080
    @Option(name: .customLong("read-replica"), help: ArgumentHelp(
        "Send reads to this hot standby of the PostGIS store --db names (default: $ATLAS_READ_REPLICA); writes go to --db.",
        valueName: "url"))
    var readReplica: String?
    @Flag(name: .customLong("read-only"), help: "Refuse writes (the default without --token-file).") var readOnly = false
    @Option(name: .customLong("token-file"), help: ArgumentHelp("Allow writes with the bearer token in this file.", valueName: "file"))
    var tokenFile: String?
    @Option(help: ArgumentHelp("Draw the map page over this raster tile server instead of the bundled country outlines, "
        + "e.g. 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' (then the browser fetches tiles from it).", valueName: "url"))
    var tiles: String?
    @Option(name: .customLong("tiles-attribution"), help: ArgumentHelp("The attribution the tile server requires "
        + "(default for openstreetmap.org: '© OpenStreetMap contributors').", valueName: "text"))
    var tilesAttribution: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        if readOnly && tokenFile != nil { throw ValidationError("--read-only and --token-file exclude each other") }
        if let tiles, !(tiles.hasPrefix("http://") || tiles.hasPrefix("https://")) || !["{z}", "{x}", "{y}"].allSatisfy(tiles.contains) {
            throw ValidationError("--tiles takes an http(s) URL template with {z}, {x} and {y}, got '\(tiles)'")
        }
    }

    /// `--read-replica`, else `$ATLAS_READ_REPLICA`; nil when neither is given.
    private var replicaURL: String? {
        readReplica ?? ProcessInfo.processInfo.environment["ATLAS_READ_REPLICA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func run() throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        if let tokenFile { configuration.writeToken = try Self.token(from: tokenFile) }
        configuration.tileURL = tiles
        configuration.tileAttribution = tilesAttribution
            ?? (tiles?.contains("openstreetmap.org") == true ? "© OpenStreetMap contributors" : nil)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        try AtlasServer.runBlocking(try backend(), configuration)
    }

    /// The store `--db` names (opened for writing when writes are on), reading from the
    /// replica when one is given.
    private func backend() throws -> any AtlasBackend {
        let primary = try database.backend(forWriting: tokenFile != nil)
        guard let replicaURL else { return primary }
        guard database.isPostGIS else {
            throw InputProblem("--read-replica needs a PostGIS store in --db (a postgresql:// URL), not \(database.resolvedPath)")
        }
        guard PostgresURL.looksLikeURL(replicaURL) else {
            throw InputProblem("--read-replica takes a postgresql://USER@HOST:PORT/DB URL of a hot standby of --db")
        }
        return ReadReplicaBackend(primary: primary, replica: try DatabaseOptions.postGIS(url: replicaURL))
    }

    /// The token: the file's first line, at least 16 characters (a short token is guessable).
    private static func token(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("--token-file \(path): cannot read the file")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else { throw ValidationError("--token-file \(path): the token must be at least 16 characters on the first line") }
        return token
    }
}

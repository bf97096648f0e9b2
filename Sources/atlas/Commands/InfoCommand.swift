import Foundation
import ArgumentParser
import AtlasPostGIS
import AtlasStore

/// `atlas info`: library versions, counts, file path.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show library versions (SQLite, SpatiaLite or PostgreSQL, PostGIS; GEOS, PROJ), table counts and the file path or URL.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        if database.isPostGIS { return try Self.show(database.postGIS().info()) }
        let info = try StoreInfo.read(from: database.open())
        print("file        \(info.path) (\(info.fileBytes) bytes)")
        print("sqlite      \(info.sqliteVersion)")
        print("spatialite  \(info.spatiaLiteVersion)")
        print("geos        \(info.geosVersion)")
        print("proj        \(info.projVersion)")
        print("schema      \(info.schema.joined(separator: ", "))")
        for (table, rows) in info.counts {
            print("\(table.padding(toLength: 12, withPad: " ", startingAt: 0))\(rows)")
        }
        for (key, value) in info.meta { print("\(key): \(value)") }
    }

    /// The PostGIS store's information, in the same layout.
    private static func show(_ info: PostGISStoreInfo) {
        print("url         \(info.url) (\(info.databaseBytes) bytes)")
        print("postgresql  \(info.postgresVersion)")
        print("postgis     \(info.postGISVersion)")
        print("geos        \(info.geosVersion)")
        print("proj        \(info.projVersion)")
        for (table, rows) in info.counts {
            print("\(table.padding(toLength: 12, withPad: " ", startingAt: 0))\(rows)")
        }
        for (key, value) in info.meta { print("\(key): \(value)") }
    }
}

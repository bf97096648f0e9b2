import Foundation
import ArgumentParser
import AtlasStore

/// `atlas info`: library versions, counts, file path.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show library versions (SQLite, SpatiaLite, GEOS, PROJ), table counts and the file path.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
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
}

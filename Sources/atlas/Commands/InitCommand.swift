import ArgumentParser
import AtlasModel
import AtlasStore
import Foundation

/// `atlas init`: creates the database and loads the bundled geodata.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database (or the tables of a PostGIS store) and load the bundled geodata.",
        discussion: "Running it again on an initialised database changes nothing.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Create an empty database: no bundled geodata.")
    var empty = false

    func run() throws {
        if database.isPostGIS { return try PostGISInit(database: database, empty: empty).run() }
        let path = database.resolvedPath
        let existed = FileManager.default.fileExists(atPath: path)
        let store = try SpatialDatabase(path: path, mode: .createIfMissing, busyTimeout: database.busyTimeout)
        if empty {
            StandardError.print(existed ? "\(path): already exists; left as it is" : "\(path): created, empty")
            return
        }
        if let loadedAt = try StoreMetadata.value(StoreMetadata.bundledGeodataKey, in: store) {
            StandardError.print("\(path): already initialised (bundled geodata loaded \(loadedAt)); nothing to do")
            return
        }
        let bundle = try BundledGeodata.locate()
        for (file, report) in try bundle.load(into: store) {
            Self.show(file, report)
        }
        let sample = try bundle.loadSampleIncidents(into: store)
        for rejection in sample.rejections { StandardError.print(rejection.description) }
        StandardError.print("\(bundle.sampleIncidentsFile.lastPathComponent): \(sample.summary)")
        let now = ISO8601DateFormatter().string(from: Date())
        try StoreMetadata.set(StoreMetadata.bundledGeodataKey, to: now, in: store)
        StandardError.print("\(path): ready")
    }

    /// Prints a bundled file's load report.
    static func show(_ file: String, _ report: LoadReport) {
        for issue in report.issues { StandardError.print(issue.description) }
        StandardError.print("\(file): \(report.summary(noun: file.contains("admin1") ? "governorates" : "places"))")
    }
}

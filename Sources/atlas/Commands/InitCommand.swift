import ArgumentParser
import AtlasStore
import Foundation

/// `atlas init`: creates the database and loads the bundled geodata.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database and load the bundled geodata (Syrian gazetteer, sample incidents).",
        discussion: "Running it again on an initialised database changes nothing.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Create an empty database: no bundled geodata.")
    var empty = false

    func run() throws {
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
            for issue in report.issues { StandardError.print(issue.description) }
            StandardError.print("\(file): \(report.summary(noun: file.contains("admin1") ? "governorates" : "places"))")
        }
        let sample = try bundle.loadSampleIncidents(into: store)
        for rejection in sample.rejections { StandardError.print(rejection.description) }
        StandardError.print("\(bundle.sampleIncidentsFile.lastPathComponent): \(sample.summary)")
        let now = ISO8601DateFormatter().string(from: Date())
        try StoreMetadata.set(StoreMetadata.bundledGeodataKey, to: now, in: store)
        StandardError.print("\(path): ready")
    }
}

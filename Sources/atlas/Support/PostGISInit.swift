import AtlasModel
import AtlasPostGIS
import AtlasStore
import Foundation

/// `atlas init --db postgresql://…`: creates the PostGIS tables (PostGIS itself if the role may)
/// and loads the bundled geodata as `atlas init` does for a file: the gazetteer files are read
/// by the SpatiaLite loader into a scratch store and copied (so both backends hold the same
/// places, ids and spellings), the sample incidents imported through the PostGIS importer.
struct PostGISInit {
    let database: DatabaseOptions
    let empty: Bool

    func run() throws {
        let backend = try database.postGIS(mode: .create)
        let url = backend.location
        if empty {
            StandardError.print("\(url): tables ready, no geodata loaded")
            return
        }
        if let loadedAt = try backend.metadata(StoreMetadata.bundledGeodataKey) {
            StandardError.print("\(url): already initialised (bundled geodata loaded \(loadedAt)); nothing to do")
            return
        }
        let bundle = try BundledGeodata.locate()
        let loaded = try GazetteerSnapshot.loadingInScratchStore { try bundle.load(into: $0) }
        for (file, report) in loaded.result { InitCommand.show(file, report) }
        _ = try backend.loadGazetteer(admin1: loaded.admin1, places: loaded.places, context: "storing the bundled gazetteer")
        var options = ImportOptions()
        options.format = .acled
        options.strict = true
        let sample = try backend.writer.importFile(bundle.sampleIncidentsFile.path, options: options)
        for rejection in sample.rejections { StandardError.print(rejection.description) }
        StandardError.print("\(bundle.sampleIncidentsFile.lastPathComponent): \(sample.summary)")
        try backend.setMetadata(StoreMetadata.bundledGeodataKey, to: ISO8601DateFormatter().string(from: Date()))
        StandardError.print("\(url): ready")
    }
}

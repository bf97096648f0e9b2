import AtlasExtract
import AtlasStore
import Foundation

/// Report text through extraction, over the bundled gazetteer (a store built once per process
/// in the temporary folder). Oracle: every candidate lies on the globe and its place is one the
/// gazetteer holds (a name in the text); extraction errors are reported, not crashes.
enum ExtractFuzz {
    /// The store and extractor, made on first use (the other targets do not pay for them).
    private static let extractor: ReportExtractor = {
        let path = NSTemporaryDirectory() + "/atlas-fuzz-extract-\(getpid()).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            let database = try SpatialDatabase(path: path, mode: .createIfMissing)
            let geodata = try BundledGeodata.locate()
            _ = try geodata.load(into: database)
            let actors = try ActorTable(path: geodata.directory.appendingPathComponent("actors.tsv").path)
            return ReportExtractor(index: try GazetteerIndex(database: database), actors: actors)
        } catch {
            fail("cannot build the extraction fixture (set ATLAS_GEODATA to the geodata folder): \(error)")
        }
    }()

    static func run(_ data: Data) {
        guard let extraction = try? extractor.extract(String(decoding: data, as: UTF8.self)) else { return }
        for candidate in extraction.candidates {
            let position = candidate.place.coordinate
            guard abs(position.latitude) <= 90, abs(position.longitude) <= 180 else { fail("a candidate at \(position)") }
        }
    }
}

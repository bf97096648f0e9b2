import AtlasGeo
import AtlasModel
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasImport

/// `GeoJSONAreaFile` streams a FeatureCollection's areas; `AreaParsing.geoJSON` of the whole
/// file is the oracle for what it finds and refuses.
@Suite struct GeoJSONAreaFileTests {
    private func square(_ west: Double, _ south: Double, _ side: Double) -> String {
        let ring = [(west, south), (west + side, south), (west + side, south + side), (west, south + side), (west, south)]
        return "[[" + ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ",") + "]]"
    }

    /// Random collections of good squares, MultiPolygons, open rings, points, null geometries,
    /// and members before and after `features`: the streamed areas and problems equal the
    /// whole-file parse, feature numbers included.
    @Test func streamedAreasEqualTheWholeFileParse() throws {
        var random = SeededRandom(seed: 31)
        for trial in 0..<60 {
            var features: [String] = []
            for number in 0..<Int(random.unit() * 12) {
                let (west, south) = (random.unit() * 40, random.unit() * 40)
                let properties = "{\"name\": \"area \(trial)-\(number)\", \"rank\": \(number), \"note\": null}"
                switch Int(random.unit() * 5) {
                case 0: features.append("{\"type\": \"Feature\", \"properties\": \(properties), \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": [\(square(west, south, 1)), \(square(west + 2, south, 0.5))]}}")
                case 1: features.append("{\"type\": \"Feature\", \"properties\": \(properties), \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[\(west), \(south)], [\(west + 1), \(south)], [\(west), \(south + 1)]]]}}")
                case 2: features.append("{\"type\": \"Feature\", \"properties\": \(properties), \"geometry\": {\"type\": \"Point\", \"coordinates\": [\(west), \(south)]}}")
                case 3: features.append("{\"type\": \"Feature\", \"properties\": \(properties), \"geometry\": null}")
                default: features.append("{\"type\": \"Feature\", \"properties\": \(properties), \"geometry\": {\"type\": \"Polygon\", \"coordinates\": \(square(west, south, random.unit() + 0.1))}}")
                }
            }
            let text = "{\"name\": \"t\", \"type\": \"FeatureCollection\",\n\"features\": [" + features.joined(separator: ",\n") + "], \"bbox\": [0, 0, 1, 1]}"
            let file = try TemporaryFile(contents: text, suffix: ".geojson")
            let streamed = try GeoJSONAreaFile.read(path: file.path)
            let whole = try AreaParsing.geoJSON(Data(text.utf8))
            #expect(streamed.areas.map(\.feature) == whole.areas.map(\.feature), "trial \(trial)")
            #expect(streamed.areas.map(\.shape) == whole.areas.map(\.shape), "trial \(trial)")
            #expect(streamed.areas.map(\.properties) == whole.areas.map(\.properties), "trial \(trial)")
            #expect(streamed.problems.map(\.0) == whole.problems.map(\.0), "trial \(trial)")
            #expect(streamed.problems.map(\.1) == whole.problems.map(\.1), "trial \(trial)")
        }
    }

    /// A feature over the cap is one refused feature naming its size; the areas around it load.
    @Test func aFeatureOverTheCapIsRefusedAndTheOthersLoad() throws {
        let padding = String(repeating: "x", count: 5_000)
        let text = """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Polygon", "coordinates": \(square(1, 1, 1))}},
            {"type": "Feature", "properties": {"name": "\(padding)"}, "geometry": {"type": "Polygon", "coordinates": \(square(3, 3, 1))}},
            {"type": "Feature", "properties": {"name": "c"}, "geometry": {"type": "Polygon", "coordinates": \(square(5, 5, 1))}}]}
            """
        let file = try TemporaryFile(contents: text, suffix: ".geojson")
        let read = try GeoJSONAreaFile.read(path: file.path, maxFeatureBytes: 1_000)
        #expect(read.areas.map(\.feature) == [1, 3])
        #expect(read.problems.count == 1 && read.problems[0].0 == 2)
        #expect(read.problems.first?.1.hasPrefix("feature of ") == true && read.problems.first?.1.contains("longer than 1000") == true)
    }

    /// A lone geometry is read whole (an area, no problem); over the cap it is a clear error
    /// that says how to give large areas.
    @Test func aLoneGeometryIsReadWholeUpToTheCap() throws {
        let text = "{\"type\": \"Polygon\", \"coordinates\": \(square(10, 10, 2))}"
        let file = try TemporaryFile(contents: text, suffix: ".geojson")
        let read = try GeoJSONAreaFile.read(path: file.path)
        #expect(read.areas.count == 1 && read.problems.isEmpty)
        #expect(read.areas.first?.shape == (try AreaParsing.geoJSON(Data(text.utf8))).areas.first?.shape)
        #expect { try GeoJSONAreaFile.read(path: file.path, maxFeatureBytes: 20) } throws: { error in
            guard case let .malformed(path, _, reason)? = error as? InputError else { return false }
            return path == file.path && reason.contains("longer than 20 bytes") && reason.contains("FeatureCollection")
        }
    }

    /// A collection whose skeleton breaks (a truncated file) is refused before any area is
    /// returned, naming the byte.
    @Test func aTruncatedCollectionIsAnErrorNamingTheByte() throws {
        let text = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": \(square(1, 1, 1))}"
        let file = try TemporaryFile(contents: text, suffix: ".geojson")
        #expect { try GeoJSONAreaFile.read(path: file.path) } throws: { error in
            guard case let .malformed(path, nil, reason)? = error as? InputError else { return false }
            return path == file.path && reason.contains("byte")
        }
    }
}

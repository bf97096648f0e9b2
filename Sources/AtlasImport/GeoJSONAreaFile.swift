import AtlasGeo
import AtlasModel
import Foundation

/// The (Multi)Polygon areas of a GeoJSON file, read without holding the file: a
/// FeatureCollection is streamed one feature at a time (`GeoJSONFeatureScanner`), so a large
/// file of boundaries costs the memory of its areas, not of its text and a parsed JSON tree.
/// A lone Feature or geometry (and standard input, which cannot be read twice) is read whole,
/// up to the same per-feature cap. `forEachArea` hands the areas on one by one, so a loader
/// that stores each as it comes holds one feature, not the file's areas.
///
/// For example:
///
/// ```swift
/// let (areas, problems) = try GeoJSONAreaFile.read(path: "governorates.geojson")
/// ```
package enum GeoJSONAreaFile {
    /// The most bytes of one feature (or of a whole file that is not a FeatureCollection):
    /// detailed national boundaries run to tens of MiB.
    package static let maxFeatureBytes = 64 << 20

    /// Every area of the file at `path`, and the features refused (1-based feature number,
    /// reason), in file order.
    ///
    /// - throws: `InputError.unreadable` if the file cannot be read, `.malformed` if it is not
    ///   GeoJSON (naming the byte where a FeatureCollection's skeleton breaks) or a lone
    ///   feature is over the cap.
    package static func read(path: String, maxFeatureBytes: Int = maxFeatureBytes) throws -> (areas: [AreaParsing.Area], problems: [(Int, String)]) {
        var areas: [AreaParsing.Area] = []
        let problems = try forEachArea(path: path, maxFeatureBytes: maxFeatureBytes) { areas.append($0) }
        return (areas, problems)
    }

    /// Hands each area of the file at `path` to `body` as soon as its feature is parsed, so only
    /// one feature is held at a time (a file of a million small areas loads in the memory of
    /// one); returns the features refused (1-based feature number, reason), in file order.
    ///
    /// - throws: as `read(path:maxFeatureBytes:)`, and whatever `body` throws (which stops the
    ///   reading).
    package static func forEachArea(path: String, maxFeatureBytes: Int = maxFeatureBytes,
                                    _ body: (AreaParsing.Area) throws -> Void) throws -> [(Int, String)] {
        guard try GeoJSONFeatureScanner.isFeatureCollection(path: path) else {
            let whole = try readWhole(path: path, maxBytes: maxFeatureBytes)
            try whole.areas.forEach(body)
            return whole.problems
        }
        let scanner = GeoJSONFeatureScanner(source: try ByteSource(path: path), maxFeatureBytes: maxFeatureBytes)
        var problems: [(Int, String)] = []
        while let feature = try scanner.next() {
            switch feature {
            case let .bytes(data):
                let area: AreaParsing.Area
                do { area = try AreaParsing.geoJSONFeature(data, number: scanner.count) } catch {
                    problems.append((scanner.count, error.description))
                    continue
                }
                try body(area)
            case let .tooLong(length, start):
                problems.append((scanner.count, "feature of \(length) bytes, longer than \(maxFeatureBytes) (it starts \"\(InputExcerpt.of(bytes: start))\")"))
            }
        }
        return problems
    }

    /// A file that is one Feature or geometry, parsed whole if it is at most `maxBytes`.
    private static func readWhole(path: String, maxBytes: Int) throws -> (areas: [AreaParsing.Area], problems: [(Int, String)]) {
        let source = try ByteSource(path: path)
        var data = Data()
        while let chunk = try source.nextChunk() {
            data.append(contentsOf: chunk)
            if data.count > maxBytes {
                throw InputError.malformed(file: path, line: nil, reason: "a GeoJSON object longer than \(maxBytes) bytes that is not a FeatureCollection (give the areas as a FeatureCollection, which is read feature by feature)")
            }
        }
        do { return try AreaParsing.geoJSON(data) } catch {
            throw InputError.malformed(file: path, line: nil, reason: error.description)
        }
    }
}

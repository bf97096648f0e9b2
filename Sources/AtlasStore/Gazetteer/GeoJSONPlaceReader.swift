import AtlasModel
import AtlasImport
import AtlasGeo
import Foundation

/// Reads places from a GeoJSON FeatureCollection of Points; properties as in the CSV format.
///
/// Streamed one feature at a time (`GeoJSONFeatureScanner`): memory stays flat whatever the
/// file's size. Problems are reported by feature number, 1-based.
enum GeoJSONPlaceReader {
    /// The most bytes of one place feature (a point and its names).
    static let maxFeatureBytes = InputLimits.maxLineBytes

    /// Calls `accept` for each valid feature and `reject` (feature number, message) for each bad one.
    ///
    /// - throws: `InputError.malformed` if the file is not a GeoJSON FeatureCollection (before
    ///   any feature is handed out).
    static func read(
        path: String, source: String,
        accept: (PlaceRecord) throws -> Void, reject: (Int, String) -> Void
    ) throws {
        guard path != "-" else {
            throw InputError.malformed(file: path, line: nil, reason: "GeoJSON is read in two passes (the skeleton first): give a file, not standard input")
        }
        guard try GeoJSONFeatureScanner.isFeatureCollection(path: path) else {
            throw InputError.malformed(file: path, line: nil, reason: "not a GeoJSON FeatureCollection")
        }
        let scanner = GeoJSONFeatureScanner(source: try ByteSource(path: path), maxFeatureBytes: maxFeatureBytes)
        while let element = try scanner.next() {
            let number = scanner.count
            switch element {
            case let .tooLong(length, start):
                reject(number, "feature \(number): \(length) bytes, longer than \(maxFeatureBytes) (it starts \"\(InputExcerpt.of(bytes: start))\")")
            case let .bytes(data):
                switch place(from: data, number: number, source: source) {
                case let .success(place): try accept(place)
                case let .failure(problem): reject(number, problem.message)
                }
            }
        }
    }

    /// Why a feature is refused.
    private struct Problem: Error { let message: String }

    /// The place of one feature's JSON bytes, or why not.
    private static func place(from data: Data, number: Int, source: String) -> Result<PlaceRecord, Problem> {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return .failure(Problem(message: "feature \(number) is not valid JSON"))
        }
        guard let feature = object as? [String: Any], feature["type"] as? String == "Feature" else {
            return .failure(Problem(message: "feature \(number) is not a GeoJSON Feature"))
        }
        guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
              let position = geometry["coordinates"] as? [Any], position.count >= 2 else {
            return .failure(Problem(message: "feature \(number): geometry is not a Point"))
        }
        guard let lon = (position[0] as? NSNumber)?.doubleValue, let lat = (position[1] as? NSNumber)?.doubleValue else {
            return .failure(Problem(message: "feature \(number): coordinates are not numbers"))
        }
        let coordinate: Coordinate
        switch FieldParsing.coordinate(latitude: String(lat), longitude: String(lon)) {
        case let .success(value): coordinate = value
        case let .failure(error): return .failure(Problem(message: "feature \(number): \(error)"))
        }
        var fields: [String: String] = [:]
        for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
            switch value {
            case let text as String: fields[key.lowercased()] = text
            case let number as NSNumber: fields[key.lowercased()] = number.stringValue
            case let list as [Any]: fields[key.lowercased()] = list.compactMap { $0 as? String }.joined(separator: "|")
            default: continue
            }
        }
        return PlaceFieldMapping.record(fields: fields, coordinate: coordinate, source: source)
            .mapError { Problem(message: "feature \(number): \($0)") }
    }
}

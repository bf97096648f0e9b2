import AtlasModel
import AtlasImport
import AtlasGeo
import Foundation

/// Reads places from a GeoJSON FeatureCollection of Points; properties as in the CSV format.
///
/// The document is parsed whole (gazetteer GeoJSON files are small; the 12M-line GeoNames
/// dump goes through the streaming TSV path). Problems are reported by feature number, 1-based.
enum GeoJSONPlaceReader {
    /// Calls `accept` for each valid feature and `reject` (feature number, message) for each bad one.
    ///
    /// - throws: `InputError.malformed` if the file is not a GeoJSON FeatureCollection.
    static func read(
        path: String, source: String,
        accept: (PlaceRecord) throws -> Void, reject: (Int, String) -> Void
    ) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError.unreadable(file: path, reason: error.localizedDescription)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputError.malformed(file: path, line: nil, reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let collection = object as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any] else {
            throw InputError.malformed(file: path, line: nil, reason: "not a GeoJSON FeatureCollection")
        }
        for (index, element) in features.enumerated() {
            let number = index + 1
            guard let feature = element as? [String: Any], feature["type"] as? String == "Feature" else {
                reject(number, "feature \(number) is not a GeoJSON Feature"); continue
            }
            guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
                  let position = geometry["coordinates"] as? [Any], position.count >= 2 else {
                reject(number, "feature \(number): geometry is not a Point"); continue
            }
            guard let lon = (position[0] as? NSNumber)?.doubleValue, let lat = (position[1] as? NSNumber)?.doubleValue else {
                reject(number, "feature \(number): coordinates are not numbers"); continue
            }
            let coordinate: Coordinate
            switch FieldParsing.coordinate(latitude: String(lat), longitude: String(lon)) {
            case let .success(value): coordinate = value
            case let .failure(error): reject(number, "feature \(number): \(error)"); continue
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
            switch PlaceFieldMapping.record(fields: fields, coordinate: coordinate, source: source) {
            case let .success(place): try accept(place)
            case let .failure(error): reject(number, "feature \(number): \(error)")
            }
        }
    }
}

import Foundation

/// Reads areas (Polygon or MultiPolygon) from GeoJSON (lon, lat) and WKT (x y = lon lat).
public enum AreaParsing {
    /// One area read from a file, with its GeoJSON properties as text.
    public struct Area: Sendable {
        /// The geometry.
        public var shape: MultiPolygon
        /// Properties of its Feature, values as text ("" for null).
        public var properties: [String: String]
        /// 1-based feature number in the file.
        public var feature: Int
    }

    /// Every (Multi)Polygon of a GeoJSON geometry, Feature or FeatureCollection; a feature that is
    /// not an area is reported in `problems` (feature number, reason) and skipped.
    ///
    /// - throws: `GeometryError.unreadable` if the data is not JSON or not GeoJSON.
    public static func geoJSON(_ data: Data) throws(GeometryError) -> (areas: [Area], problems: [(Int, String)]) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .unreadable(jsonProblem(error, in: data))
        }
        guard let root = object as? [String: Any], let type = root["type"] as? String else {
            throw .unreadable("not a GeoJSON object (no \"type\")")
        }
        var features: [[String: Any]] = []
        switch type {
        case "FeatureCollection": features = (root["features"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        case "Feature": features = [root]
        case "Polygon", "MultiPolygon": features = [["type": "Feature", "geometry": root, "properties": [String: Any]()]]
        default: throw .unreadable("GeoJSON \(type) holds no polygon")
        }
        var areas: [Area] = [], problems: [(Int, String)] = []
        for (offset, feature) in features.enumerated() {
            do { areas.append(try area(feature: feature, number: offset + 1)) } catch { problems.append((offset + 1, error.description)) }
        }
        return (areas, problems)
    }

    /// The area of one GeoJSON Feature given as its JSON bytes (an element of a streamed
    /// FeatureCollection), numbered `number` (1-based) in its file.
    ///
    /// - throws: `GeometryError` if it is not JSON, not a Feature with a (Multi)Polygon, or the
    ///   polygon is invalid.
    public static func geoJSONFeature(_ data: Data, number: Int) throws(GeometryError) -> Area {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .unreadable(jsonProblem(error, in: data))
        }
        guard let feature = object as? [String: Any], feature["type"] as? String == "Feature" else {
            throw .unreadable("not a GeoJSON Feature")
        }
        return try area(feature: feature, number: number)
    }

    /// The area of a parsed Feature object.
    private static func area(feature: [String: Any], number: Int) throws(GeometryError) -> Area {
        guard let geometry = feature["geometry"] as? [String: Any] else { throw GeometryError.unreadable("no geometry") }
        let shape = try multiPolygon(geometry)
        var properties: [String: String] = [:]
        for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
            properties[key] = value is NSNull ? "" : (value as? String) ?? "\(value)"
        }
        return Area(shape: shape, properties: properties, feature: number)
    }

    /// "not valid JSON at line L, column C (near '…')" from the parser's error, whose text gives
    /// only a character offset; `NaN` and `Infinity`, which JSON does not have, are named.
    static func jsonProblem(_ error: any Error, in data: Data) -> String {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        guard let range = detail.range(of: "character "),
              let offset = Int(detail[range.upperBound...].prefix(while: \.isNumber)), offset <= data.count else {
            return "not valid JSON" + (detail.isEmpty ? "" : " (\(detail))")
        }
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
        let near = String(decoding: data.dropFirst(offset).prefix(12), as: UTF8.self)
            .unicodeScalars.map { $0.value < 0x20 ? " " : String($0) }.joined()
        let words = near.lowercased()
        let hint = words.hasPrefix("nan") || words.hasPrefix("inf") || words.hasPrefix("-inf")
            ? ": JSON has no NaN or Infinity; a position needs two finite numbers" : ""
        return "not valid JSON at line \(line), column \(column) (near '\(near)')\(hint)"
    }

    /// A GeoJSON Polygon or MultiPolygon geometry object, validated.
    static func multiPolygon(_ geometry: [String: Any]) throws(GeometryError) -> MultiPolygon {
        let type = geometry["type"] as? String ?? "?"
        let coordinates = geometry["coordinates"]
        let polygonList: [Any]
        switch type {
        case "Polygon": polygonList = [coordinates as Any]
        case "MultiPolygon": polygonList = coordinates as? [Any] ?? []
        default: throw .unreadable("geometry is a \(type), not a Polygon or MultiPolygon")
        }
        var parts: [Polygon] = []
        for polygonObject in polygonList {
            guard let polygon = polygonObject as? [Any] else { throw .unreadable("a polygon is not an array of rings") }
            var rings: [[Coordinate]] = []
            for (number, ringObject) in polygon.enumerated() {
                guard let positions = ringObject as? [Any] else { throw .unreadable("ring \(number) is not an array of positions") }
                var ring: [Coordinate] = []
                for (index, position) in positions.enumerated() {
                    guard let pair = position as? [Any], pair.count >= 2,
                          let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue else {
                        throw .badPosition(ring: number, index: index, detail: "not a [longitude, latitude] pair of numbers")
                    }
                    ring.append(Coordinate(latitude: lat, longitude: lon))
                }
                rings.append(ring)
            }
            guard let exterior = rings.first else { throw .unreadable("a polygon without rings") }
            let part = Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
            try PolygonValidation.validate(part)
            parts.append(part)
        }
        guard !parts.isEmpty else { throw .unreadable("an empty MultiPolygon") }
        return MultiPolygon(parts)
    }

    /// A WKT `POLYGON((…))` or `MULTIPOLYGON(((…)))`, optionally with an `SRID=4326;` prefix, validated.
    public static func wkt(_ text: String) throws(GeometryError) -> MultiPolygon {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.uppercased().hasPrefix("SRID=") {
            guard let semicolon = body.firstIndex(of: ";") else { throw .unreadable("WKT: SRID prefix without ';'") }
            body = String(body[body.index(after: semicolon)...])
        }
        let upper = body.uppercased()
        let isMulti = upper.hasPrefix("MULTIPOLYGON")
        guard isMulti || upper.hasPrefix("POLYGON") else {
            throw .unreadable("WKT: expected POLYGON or MULTIPOLYGON, found '\(body.prefix(20))'")
        }
        if upper.contains("EMPTY") { throw .unreadable("WKT: an EMPTY polygon covers nothing") }
        // Nesting depth 2 (POLYGON) or 3 (MULTIPOLYGON) holds a ring: "x y, x y, …".
        let ringDepth = isMulti ? 3 : 2
        var depth = 0, current = "", polygons: [[[Coordinate]]] = [], rings: [[Coordinate]] = []
        for character in body.drop(while: { $0 != "(" }) {
            switch character {
            case "(":
                depth += 1
                current = ""
            case ")":
                if depth == ringDepth {
                    var ring: [Coordinate] = []
                    for (index, pair) in current.split(separator: ",").enumerated() {
                        // Decimal numbers only: `Double` would also read `nan`, `inf` and `0x1p3`.
                        let words = pair.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                        let numbers = words.compactMap { DecimalNumber.value($0) }
                        guard (2...4).contains(words.count), numbers.count == words.count else {
                            let shown = pair.trimmingCharacters(in: .whitespacesAndNewlines)
                            throw .badPosition(ring: rings.count, index: index,
                                               detail: "'\(shown.prefix(40))\(shown.count > 40 ? "…" : "")' is not 'x y' in decimal degrees")
                        }
                        ring.append(Coordinate(latitude: numbers[1], longitude: numbers[0]))
                    }
                    rings.append(ring)
                }
                if depth == ringDepth - 1 { polygons.append(rings); rings = [] }
                depth -= 1
            default:
                if depth == ringDepth { current.append(character) }
            }
        }
        guard depth == 0, !polygons.isEmpty else { throw .unreadable("WKT: unbalanced parentheses") }
        var parts: [Polygon] = []
        for rings in polygons {
            guard let exterior = rings.first else { throw .unreadable("WKT: a polygon without rings") }
            let part = Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
            try PolygonValidation.validate(part)
            parts.append(part)
        }
        return MultiPolygon(parts)
    }
}

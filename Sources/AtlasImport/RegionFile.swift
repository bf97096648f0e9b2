import AtlasGeo
import AtlasModel

/// A GeoJSON file of regions read for `regions load`: the named areas to store, and the
/// features refused (bad geometry, no name), so every backend loads and reports alike.
public struct RegionFile: Sendable {
    /// One area to store: its name, its feature's properties, its shape with rings oriented
    /// (exterior counter-clockwise), and its 1-based feature number in the file.
    public struct NamedArea: Sendable {
        public var name: String
        public var properties: [String: String]
        public var shape: MultiPolygon
        public var feature: Int
    }

    /// The areas with a name, in file order.
    public var areas: [NamedArea] = []
    /// The refused features (`loaded` is left to the backend).
    public var report = LoadReport()

    /// Reads `path` (a FeatureCollection feature by feature, see `GeoJSONAreaFile`), naming
    /// each area by its `nameProperty` property.
    ///
    /// - throws: `InputError` if the file cannot be read or is not GeoJSON.
    public init(path: String, nameProperty: String) throws {
        let parsed = try GeoJSONAreaFile.read(path: path)
        var refused = parsed.problems.map { (feature: $0.0, message: $0.1) }
        for area in parsed.areas {
            guard let name = area.properties[nameProperty], !name.isEmpty else {
                refused.append((area.feature, "no '\(nameProperty)' property"))
                continue
            }
            areas.append(NamedArea(name: name, properties: area.properties,
                                   shape: MultiPolygon(area.shape.polygons.map { $0.oriented() }), feature: area.feature))
        }
        report.issues = refused.sorted { $0.feature < $1.feature }
            .map { .init(file: path, line: $0.feature, message: "feature \($0.feature): \($0.message)") }
    }
}

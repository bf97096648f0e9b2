import AtlasGeo
import AtlasModel

/// A GeoJSON file of regions read for `regions load`: the named areas to store, handed on one
/// at a time, and the features refused (bad geometry, no name), so every backend loads and
/// reports alike and holds one area at a time, however many the file has.
public enum RegionFile {
    /// One area to store: its name, its feature's properties, its shape with rings oriented
    /// (exterior counter-clockwise), and its 1-based feature number in the file.
    public struct NamedArea: Sendable {
        public var name: String
        public var properties: [String: String]
        public var shape: MultiPolygon
        public var feature: Int
    }

    /// Reads `path` (a FeatureCollection feature by feature, see `GeoJSONAreaFile`), naming
    /// each area by its `nameProperty` property, and hands each named area to `store` in file
    /// order. Returns the refused features as the report's issues, sorted by feature number,
    /// with `loaded` counting the calls to `store` that returned.
    ///
    /// - throws: `InputError` if the file cannot be read or is not GeoJSON; whatever `store`
    ///   throws (which stops the reading).
    public static func forEachArea(path: String, nameProperty: String, _ store: (NamedArea) throws -> Void) throws -> LoadReport {
        var report = LoadReport()
        var refused = try GeoJSONAreaFile.forEachArea(path: path) { area in
            guard let name = area.properties[nameProperty], !name.isEmpty else {
                report.issues.append(.init(file: path, line: area.feature, message: "feature \(area.feature): no '\(nameProperty)' property"))
                return
            }
            try store(NamedArea(name: name, properties: area.properties,
                                shape: MultiPolygon(area.shape.polygons.map { $0.oriented() }), feature: area.feature))
            report.loaded += 1
        }.map { LoadReport.Issue(file: path, line: $0.0, message: "feature \($0.0): \($0.1)") }
        refused += report.issues
        report.issues = refused.sorted { $0.line < $1.line }
        return report
    }
}

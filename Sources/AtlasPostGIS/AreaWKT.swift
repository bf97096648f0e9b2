import AtlasGeo

/// Areas as WKT for PostGIS (bound as a parameter, never spliced).
enum AreaWKT {
    /// `MULTIPOLYGON(((lon lat, …)))` with every digit Swift needs to round-trip each double.
    static func text(_ shape: MultiPolygon) -> String {
        func ring(_ points: [Coordinate]) -> String {
            "(" + points.map { "\($0.longitude) \($0.latitude)" }.joined(separator: ", ") + ")"
        }
        return "MULTIPOLYGON(" + shape.polygons.map { polygon in
            "(" + ([polygon.exterior] + polygon.holes).map(ring).joined(separator: ", ") + ")"
        }.joined(separator: ", ") + ")"
    }
}

extension MultiPolygon {
    /// `MULTIPOLYGON(((lon lat, …)))`, longitude first, with every digit Swift needs to
    /// round-trip each double (for binding as a parameter to SpatiaLite or PostGIS).
    public var wkt: String {
        func ring(_ points: [Coordinate]) -> String {
            "(" + points.map { "\($0.longitude) \($0.latitude)" }.joined(separator: ", ") + ")"
        }
        return "MULTIPOLYGON(" + polygons.map { polygon in
            "(" + ([polygon.exterior] + polygon.holes).map(ring).joined(separator: ", ") + ")"
        }.joined(separator: ", ") + ")"
    }
}

import AtlasGeo
import AtlasModel

/// The benchmark's area question: a square 40 km wide around a centre, given as a polygon (not
/// a box, so the exact covers test runs), for the in-process workloads of every backend.
enum BenchAreas {
    /// The square around `centre` (its half-width is 20 km, in metres, on the ellipsoid).
    static func square(around centre: Coordinate) -> MultiPolygon {
        let box = BoundingBox.around(centre, radiusMeters: 20_000)
        let ring = [(box.west, box.south), (box.east, box.south), (box.east, box.north), (box.west, box.north), (box.west, box.south)]
            .map { Coordinate(latitude: $0.1, longitude: $0.0) }
        return MultiPolygon([Polygon(exterior: ring)])
    }

    /// `area`'s first polygon as WKT (lon lat order), for the SQL baselines.
    static func wkt(_ area: MultiPolygon) -> String {
        "POLYGON((" + area.polygons[0].exterior.map { "\($0.longitude) \($0.latitude)" }.joined(separator: ", ") + "))"
    }

    /// The query for the incidents in the square around `centre`.
    static func query(around centre: Coordinate) -> IncidentQuery {
        var query = IncidentQuery()
        query.areas = [square(around: centre)]
        return query
    }
}

import AtlasGeo
import AtlasModel
import AtlasQuery
import PostgresNIO

/// Reads incident positions (id, longitude, latitude) with the filter and the spatial
/// prefilters in SQL: the candidates `IncidentQueryEngine` then tests exactly.
///
/// Every prefilter keeps a superset of what the exact test keeps, so the answer is decided by
/// the same Swift code (`RadiusTest`, `BoundingBox.contains`, `MultiPolygon.covers`) as in
/// the SpatiaLite store, whatever PostGIS's own rounding at boundaries.
struct IncidentPositions {
    let connection: PostGISConnection

    /// Positions passing `filter` and `prefilter`, in id order, after `afterID`, at most `limit`.
    func positions(filter: IncidentFilter, prefilter: SpatialPrefilter = SpatialPrefilter(), afterID: Int64? = nil, limit: Int? = nil) throws -> [IncidentPosition] {
        var sql = BoundSQL("SELECT i.id, ST_X(i.geom), ST_Y(i.geom) FROM incident AS i WHERE true")
        Self.appendPrefilter(prefilter, to: &sql)
        sql.appendFilter(filter)
        if let afterID {
            sql.append(" AND i.id > ")
            sql.bind(afterID)
        }
        sql.append(" ORDER BY i.id")
        if let limit {
            sql.append(" LIMIT ")
            sql.bind(Int64(limit))
        }
        return try read(sql, context: "reading incident positions")
    }

    /// The `limit` positions passing `filter` and `prefilter` nearest to `center` by planar
    /// distance in degrees (the GiST index's order; ties in any order). Not the geodesic order:
    /// the engine only needs `limit` matches to bound its exact search, and near the centre
    /// degrees order points almost as metres do.
    func nearest(to center: Coordinate, filter: IncidentFilter, prefilter: SpatialPrefilter, limit: Int) throws -> [IncidentPosition] {
        var sql = BoundSQL("SELECT i.id, ST_X(i.geom), ST_Y(i.geom) FROM incident AS i WHERE true")
        Self.appendPrefilter(prefilter, to: &sql)
        sql.appendFilter(filter)
        sql.append(" ORDER BY i.geom <-> ")
        Self.appendPoint(center, to: &sql)
        sql.append(" LIMIT ")
        sql.bind(Int64(limit))
        return try read(sql, context: "reading the nearest incidents")
    }

    /// How many incidents pass `filter`.
    func count(filter: IncidentFilter) throws -> Int {
        var sql = BoundSQL("SELECT count(*) FROM incident AS i WHERE true")
        sql.appendFilter(filter)
        let rows = try connection.withSession { try $0.rows(sql, context: "counting incidents") }
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }

    private func read(_ sql: BoundSQL, context: String) throws -> [IncidentPosition] {
        let rows = try connection.withSession { try $0.rows(sql, context: context) }
        return try rows.map { row in
            let (id, longitude, latitude) = try row.decode((Int64, Double, Double).self)
            return IncidentPosition(id: id, coordinate: Coordinate(latitude: latitude, longitude: longitude))
        }
    }

    /// Appends the prefilter's conditions, each index-driven.
    private static func appendPrefilter(_ prefilter: SpatialPrefilter, to sql: inout BoundSQL) {
        if let circle = prefilter.circle {
            // The index finds the circle's box; the spherical distance (use_spheroid false, no
            // index) then drops the box's corners before the rows are sent. The ellipsoidal
            // distance differs from the spherical one by less than 0.6 %, so 1 % more than the
            // radius, plus a metre, keeps every point `RadiusTest` can keep.
            appendBox(BoundingBox.around(circle.center, radiusMeters: circle.radiusMeters), to: &sql)
            sql.append(" AND ST_DWithin(i.geom::geography, ")
            appendPoint(circle.center, to: &sql)
            sql.append("::geography, ")
            sql.bind(circle.radiusMeters * 1.01 + 1)
            sql.append(", false)")
        }
        for box in prefilter.boxes {
            appendBox(box, to: &sql)
        }
        for area in prefilter.areas where !area.boundingBox.crossesAntimeridian {
            // Planar, like `MultiPolygon.covers`; within 1e-7° (about 1 cm) rather than
            // ST_Covers, so a point PostGIS rounds to just outside an edge is still a candidate.
            sql.append(" AND ST_DWithin(i.geom, ST_GeomFromText(")
            sql.bind(area.wkt)
            sql.append(", 4326), 1e-7)")
        }
    }

    /// Appends ` AND` the index's box test for `box` (two boxes, either of which may hold a
    /// match, when it crosses the antimeridian). Index boxes are rounded outwards: a superset.
    private static func appendBox(_ box: BoundingBox, to sql: inout BoundSQL) {
        sql.append(" AND (")
        for (index, part) in box.splitAtAntimeridian.enumerated() {
            if index > 0 { sql.append(" OR ") }
            sql.append("i.geom && ST_MakeEnvelope(")
            sql.bind(part.west); sql.append(", ")
            sql.bind(part.south); sql.append(", ")
            sql.bind(part.east); sql.append(", ")
            sql.bind(part.north); sql.append(", 4326)")
        }
        sql.append(")")
    }

    /// Appends `center` as a geometry point (longitude first, as PostGIS wants it).
    private static func appendPoint(_ center: Coordinate, to sql: inout BoundSQL) {
        sql.append("ST_SetSRID(ST_MakePoint(")
        sql.bind(center.longitude)
        sql.append(", ")
        sql.bind(center.latitude)
        sql.append("), 4326)")
    }
}

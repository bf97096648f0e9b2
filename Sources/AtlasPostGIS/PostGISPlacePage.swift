import AtlasGeo
import AtlasModel
import PostgresNIO

extension PostGISGazetteer {
    /// One page of the places in id order, inside `box` when given, and how many match, in SQL:
    /// `&&` on the GiST index (a superset: index boxes are rounded outwards) and the exact
    /// test on `ST_X`/`ST_Y`, edges included, each half of a box across the antimeridian alike.
    func places(in box: BoundingBox?, offset: Int, limit: Int) throws -> (places: [Place], numberMatched: Int) {
        let context = "reading a page of places"
        return try connection.withSession { session in
            var count = BoundSQL("SELECT count(*) FROM place")
            var page = BoundSQL("SELECT id FROM place")
            if let box {
                Self.appendInside(box, to: &count)
                Self.appendInside(box, to: &page)
            }
            page.append(" ORDER BY id LIMIT ")
            page.bind(Int64(limit))
            page.append(" OFFSET ")
            page.bind(Int64(offset))
            let total = try session.rows(count, context: context).first?.decode(Int64.self) ?? 0
            let ids = try session.rows(page, context: context).map { try $0.decode(Int64.self) }
            let places = try PostGISNameLookup(session: session).places(ids: ids)
            return (ids.compactMap { places[$0] }, Int(total))
        }
    }

    /// ` WHERE` the place lies in `box`: one parenthesised test per half of the box.
    private static func appendInside(_ box: BoundingBox, to sql: inout BoundSQL) {
        sql.append(" WHERE ")
        for (index, part) in box.splitAtAntimeridian.enumerated() {
            if index > 0 { sql.append(" OR ") }
            let (west, south, east, north) = (sql.bindDetached(part.west), sql.bindDetached(part.south),
                                              sql.bindDetached(part.east), sql.bindDetached(part.north))
            sql.append("(geom && ST_MakeEnvelope(\(west), \(south), \(east), \(north), 4326)"
                + " AND ST_X(geom) BETWEEN \(west) AND \(east) AND ST_Y(geom) BETWEEN \(south) AND \(north))")
        }
    }
}

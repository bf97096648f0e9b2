import Foundation
import AtlasGeo
import AtlasModel
import GRDB

/// A page of the gazetteer's places in id order, for the `places` collection of a server:
/// without a box, by `LIMIT`/`OFFSET` on the primary key; with one, the candidates the place
/// R*Tree finds (a superset: its boxes are rounded outwards) tested exactly by
/// `BoundingBox.contains`.
enum PlacePage {
    /// The page of `box` (all places without one) after `offset`, at most `limit`, and how many
    /// places match.
    static func read(in box: BoundingBox?, offset: Int, limit: Int, db: Database) throws -> (places: [Place], numberMatched: Int) {
        guard let box else {
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM place") ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT \(PlaceRow.columns) FROM place p \(PlaceRow.admin1Join) ORDER BY p.id LIMIT ? OFFSET ?",
                                        arguments: [limit, offset])
            return (try rows.map(PlaceRow.place(from:)), total)
        }
        var matched: [Int64] = []
        let statement = try db.cachedStatement(sql: """
            SELECT p.id, p.geom FROM idx_place_geom AS r CROSS JOIN place AS p ON p.id = r.pkid
            WHERE r.xmin <= ? AND r.xmax >= ? AND r.ymin <= ? AND r.ymax >= ?
            """)
        for part in box.splitAtAntimeridian {
            let rows = try Row.fetchCursor(statement, arguments: [part.east, part.west, part.north, part.south])
            while let row = try rows.next() {
                let blob: Data? = row[1]
                guard let blob, let coordinate = SpatiaLitePoint.coordinate(from: blob) else {
                    throw StoreError.invalidValue("place \(row[0] as Int64): geometry is not a point")
                }
                if box.contains(coordinate) { matched.append(row[0]) }
            }
        }
        // The two halves of a box across the antimeridian meet at ±180: a place there is in both.
        let ids = Array(Set(matched)).sorted()
        let page = Array(ids.dropFirst(offset).prefix(limit))
        let places = try PlaceRow.fetch(ids: page, in: db)
        return (page.compactMap { places[$0] }, ids.count)
    }
}

extension Gazetteer {
    /// One page of the places in id order, inside `box` when given (see `PlacePage`), and how
    /// many match.
    public func places(in box: BoundingBox?, offset: Int, limit: Int) throws -> (places: [Place], numberMatched: Int) {
        try database.read { db in try PlacePage.read(in: box, offset: offset, limit: limit, db: db) }
    }
}

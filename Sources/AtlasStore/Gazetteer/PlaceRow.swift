import Foundation
import AtlasGeo
import AtlasModel
import GRDB

/// Reads `Place` values from the `place` table.
enum PlaceRow {
    /// The columns `place(from:)` reads, in its order (11 columns), over `place p` and
    /// `admin1Join`.
    static let columns = """
        p.id, p.name, p.feature_class, p.feature_code, p.country, p.admin1, a.name AS admin1_name,
        p.population, p.importance, p.source, p.geom
        """
    /// The join of `place p` with its governorate `a` that `columns` needs.
    static let admin1Join = "LEFT JOIN admin1 a ON a.country = p.country AND a.code = p.admin1"

    /// The place with `id`, joined with its governorate name; nil if absent.
    static func fetch(id: Int64, in db: Database) throws -> Place? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM place p \(admin1Join) WHERE p.id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        return try place(from: row)
    }

    /// The places with `ids` that exist, by id, in one query (the ids go in as one bound JSON
    /// array).
    static func fetch(ids: [Int64], in db: Database) throws -> [Int64: Place] {
        let statement = try db.cachedStatement(sql: """
            SELECT \(columns) FROM place p \(admin1Join) WHERE p.id IN (SELECT value FROM json_each(?))
            """)
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var places: [Int64: Place] = [:]
        places.reserveCapacity(ids.count)
        let rows = try Row.fetchCursor(statement, arguments: [list])
        while let row = try rows.next() {
            let place = try place(from: row)
            places[place.id] = place
        }
        return places
    }

    /// Builds a place from a row of the queries above.
    static func place(from row: Row) throws -> Place {
        // By position (the query's column order): GRDB's lookup by name lower-cases names.
        let blob: Data? = row[10]
        guard let blob, let coordinate = SpatiaLitePoint.coordinate(from: blob) else {
            throw StoreError.invalidValue("place \(row[0] as Int64): geometry is not a point")
        }
        return Place(
            id: row[0], name: row[1], coordinate: coordinate, featureClass: row[2], featureCode: row[3],
            country: row[4], admin1: row[5], admin1Name: row[6], population: row[7], importance: row[8], source: row[9])
    }
}

import Foundation
import AtlasGeo
import GRDB

/// Reads `Place` values from the `place` table.
enum PlaceRow {
    /// The place with `id`, joined with its governorate name; nil if absent.
    static func fetch(id: Int64, in db: Database) throws -> Place? {
        let statement = try db.cachedStatement(sql: """
            SELECT p.id, p.name, p.feature_class, p.feature_code, p.country, p.admin1, a.name AS admin1_name,
                   p.population, p.importance, p.source, p.geom
            FROM place p LEFT JOIN admin1 a ON a.country = p.country AND a.code = p.admin1
            WHERE p.id = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        return try place(from: row)
    }

    /// Builds a place from a row of the query above.
    static func place(from row: Row) throws -> Place {
        let blob: Data? = row["geom"]
        guard let blob, let coordinate = SpatiaLitePoint.coordinate(from: blob) else {
            throw StoreError.invalidValue("place \(row["id"] as Int64): geometry is not a point")
        }
        return Place(
            id: row["id"], name: row["name"], coordinate: coordinate,
            featureClass: row["feature_class"], featureCode: row["feature_code"], country: row["country"],
            admin1: row["admin1"], admin1Name: row["admin1_name"], population: row["population"],
            importance: row["importance"], source: row["source"])
    }
}

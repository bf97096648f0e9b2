import GRDB

/// Bulk read access to the gazetteer for text processing: every spelling with its folded key,
/// and places by id in batches.
public struct GazetteerNames: Sendable {
    private let database: SpatialDatabase

    /// Names of the gazetteer in `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Calls `body(placeID, name, key)` for every spelling, streaming.
    public func forEachName(_ body: (Int64, String, String) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT place_id, name, key FROM place_name")
            while let row = try rows.next() { try body(row[0], row[1], row[2]) }
        }
    }

    /// The places with these ids (absent ids are left out), by id.
    public func places(ids: some Sequence<Int64>) throws -> [Int64: Place] {
        try database.read { db in
            var result: [Int64: Place] = [:]
            for id in Set(ids) { if let place = try PlaceRow.fetch(id: id, in: db) { result[id] = place } }
            return result
        }
    }

    /// Every governorate with all its spellings.
    public func admin1Records() throws -> [Admin1Record] {
        try database.read { db in try Admin1Lookup.all(in: db) }
    }
}

import AtlasModel
import AtlasQuery
import Foundation
import GRDB

/// Bulk read access to the gazetteer for text processing: every spelling with its folded key,
/// and places by id in batches.
public struct GazetteerNames: GazetteerNameListing {
    private let database: SpatialDatabase

    /// Names of the gazetteer in `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Calls `body(placeID, name, key)` for every spelling, in folded-key order (from the name
    /// index, built first if it is not current).
    public func forEachName(_ body: (Int64, String, String) throws -> Void) throws {
        let names = try database.read { db in try NameIndexStore.current(in: db, cache: database.sidecars) }
        for index in 0..<names.count {
            let entry = names.entry(at: index)
            try body(entry.placeID, entry.name, entry.key)
        }
    }

    /// The places with these ids (absent ids are left out), by id; places read once are kept,
    /// so a run extracting many reports reads each place once.
    public func places(ids: some Sequence<Int64>) throws -> [Int64: Place] {
        var result: [Int64: Place] = [:]
        var missing: [Int64] = []
        cache.lock.lock()
        for id in Set(ids) {
            if let place = cache.places[id] { result[id] = place } else { missing.append(id) }
        }
        cache.lock.unlock()
        guard !missing.isEmpty else { return result }
        let fetched = try database.read { db in
            try missing.compactMap { try PlaceRow.fetch(id: $0, in: db) }
        }
        cache.lock.lock()
        for place in fetched {
            cache.places[place.id] = place
            result[place.id] = place
        }
        cache.lock.unlock()
        return result
    }

    /// Places already read; guarded by `lock`.
    private final class PlaceCache: @unchecked Sendable {
        let lock = NSLock()
        var places: [Int64: Place] = [:]
    }

    private let cache = PlaceCache()

    /// Every governorate with all its spellings.
    public func admin1Records() throws -> [Admin1Record] {
        try database.read { db in try Admin1Lookup.all(in: db) }
    }
}

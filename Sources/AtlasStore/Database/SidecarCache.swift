import Foundation
import GRDB

/// The sidecar indexes one `SpatialDatabase` has open, each kept with the stamp it was built or
/// checked at. Owned by the database object (no process-wide state): a server holding one
/// store reuses a verified index across requests until the table's generation changes.
final class SidecarCache: @unchecked Sendable {
    /// The incident point index.
    let points = Slot<PointIndex>()
    /// The gazetteer name index.
    let names = Slot<NameIndex>()

    /// One index and its stamp. `value(for:load:)` runs at most one load at a time, so two
    /// threads asking for a stale index rebuild it once; readers of a current index only take
    /// the lock for the comparison.
    final class Slot<Index: AnyObject>: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: (stamp: SidecarStamp, index: Index)?

        /// The kept index if its stamp is `stamp`, else what `load` returns (and its stamp),
        /// which is kept from then on.
        func value(for stamp: SidecarStamp, load: () throws -> (SidecarStamp, Index)) rethrows -> Index {
            lock.lock()
            defer { lock.unlock() }
            if let kept, kept.stamp == stamp { return kept.index }
            let (loadedStamp, index) = try load()
            kept = (loadedStamp, index)
            return index
        }

        /// Keeps `index` as current for `stamp` (an index the caller has just written).
        func keep(_ index: Index, for stamp: SidecarStamp) {
            lock.lock()
            defer { lock.unlock() }
            kept = (stamp, index)
        }
    }
}

extension SidecarStamp {
    /// The stamp a point index of the incident table must carry to be current in `db`.
    static func incidents(in db: Database) throws -> SidecarStamp {
        try read(generationKey: IncidentGeneration.key, in: db)
    }

    /// The stamp a name index of the gazetteer must carry to be current in `db`.
    static func places(in db: Database) throws -> SidecarStamp {
        try read(generationKey: PlaceGeneration.key, in: db)
    }

    private static func read(generationKey: String, in db: Database) throws -> SidecarStamp {
        // Cached: a server reads the stamp on every request.
        let statement = try db.cachedStatement(sql: """
            SELECT (SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = ?),
                   (SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = ?)
            """)
        let row = try Row.fetchOne(statement, arguments: [StoreIdentity.key, generationKey])
        return SidecarStamp(storeID: row?[0] ?? 0, generation: row?[1] ?? 0)
    }
}

/// The random id of a database (`atlas_meta.store_id`, set by migration v6), which binds its
/// sidecar files to it: a sidecar of another store, or of an earlier file at the same path,
/// never passes for current.
enum StoreIdentity {
    /// Its key in `atlas_meta`.
    static let key = "store_id"

    /// The suffixes of the files derived from a database at `path` (`path + suffix`).
    static let sidecarSuffixes = [".points", ".names"]
}

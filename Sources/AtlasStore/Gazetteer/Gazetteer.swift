import AtlasGeo
import AtlasModel
import AtlasQuery
import Foundation
import GRDB

/// Finds places by name, whatever the romanisation.
///
/// Ranking, most important first: match kind (exact spelling > same folded key > edit
/// distance ≤ 2 on the folded key, nearer first), the `--in` governorate, feature importance
/// (capital > admin seat > town > airport/base > neighbourhood), population, then id.
///
/// For example:
///
/// ```swift
/// let matches = try Gazetteer(database: db).find("Shaykh Maqsud", limit: 3)
/// matches.first?.place.name  // "Sheikh Maqsood"
/// ```
public struct Gazetteer: GazetteerResolving {
    let database: SpatialDatabase

    /// A gazetteer over `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Ranked candidates for `query`.
    ///
    /// - parameters:
    ///   - query: a place name in any spelling; a trailing descriptor ("airport", "camp") is
    ///     also tried without, preferring places of that kind.
    ///   - admin1: a governorate (name in any spelling, GeoNames code `09`, `SY.09`, or OCHA
    ///     p-code `SY02`) whose places rank first.
    ///   - limit: how many candidates at most.
    /// - throws: `GazetteerError.unknownAdmin1` if `admin1` names no loaded governorate,
    ///   `GazetteerError.emptyQuery` if the query has no letters.
    public func find(_ query: String, in admin1: String? = nil, limit: Int = 10) throws -> [PlaceMatch] {
        try database.read { db in try Self.find(query, in: admin1, limit: limit, db: db, sidecars: database.sidecars) }
    }

    /// `find` on a connection the caller holds: the importer's writer, inside its transaction
    /// (see `BulkJournal`: other connections may not be able to read while it writes).
    static func find(_ query: String, in admin1: String?, limit: Int, db: Database, sidecars: SidecarCache) throws -> [PlaceMatch] {
        guard !NameFolding.key(query).isEmpty else { throw GazetteerError.emptyQuery(query) }
        let context = try admin1.map { try Admin1Lookup.resolve($0, in: db) }
        let names = NameIndexLookup(db: db, index: try NameIndexStore.current(in: db, cache: sidecars))
        return try GazetteerFinder.find(query, context: context, limit: limit, names: names)
    }

    /// The names nearest to `query` when `find` has nothing (see `GazetteerFinder.suggestions`).
    public func suggestions(for query: String, limit: Int = 3) throws -> [PlaceMatch] {
        try database.read { db in
            let names = NameIndexLookup(db: db, index: try NameIndexStore.current(in: db, cache: database.sidecars))
            return try GazetteerFinder.suggestions(for: query, limit: limit, names: names)
        }
    }

    /// The place with `id`, or nil.
    public func place(id: Int64) throws -> Place? {
        try database.read { db in try PlaceRow.fetch(id: id, in: db) }
    }

    /// The governorate `name` designates (any spelling, code or p-code) and the folded keys of
    /// all its names; nil if none matches.
    public func admin1Keys(for name: String) throws -> (record: Admin1Record, keys: [String])? {
        try database.read { db in
            guard let record = Admin1Lookup.match(name, in: try Admin1Lookup.all(in: db)) else { return nil }
            return (record, record.foldedKeys)
        }
    }

    /// Every governorate the admin1 table knows, ordered by country and code.
    public func admin1Records() throws -> [Admin1Record] {
        try database.read { db in try Admin1Lookup.all(in: db) }
    }
}


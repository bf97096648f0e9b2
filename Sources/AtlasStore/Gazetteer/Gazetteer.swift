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
    private let database: SpatialDatabase

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
        let key = NameFolding.key(query)
        guard !key.isEmpty else { throw GazetteerError.emptyQuery(query) }
        let context = try admin1.map { try Admin1Lookup.resolve($0, in: db) }
        var search = GazetteerSearch(db: db, names: try NameIndexStore.current(in: db, cache: sidecars), query: query, context: context)
        try search.collect(key: key, descriptorCodes: nil, penalty: 0)
        if !search.hasNameMatch, let (bare, codes) = Self.splitDescriptor(key) {
            try search.collect(key: bare, descriptorCodes: codes, penalty: 0.05)
        }
        // Fuzzy matching only when no spelling matched: it is the costly stage on a large
        // gazetteer, and an exact or folded match already outranks anything it could add.
        if !search.hasNameMatch {
            try search.collectFuzzy(key: key)
        }
        return search.ranked(limit: limit)
    }

    /// The names nearest to `query` when `find` has nothing: places whose folded key shares its
    /// first two letters and is within 4 edits (a third of its length for long names), nearest
    /// first. For error messages ("no place matches 'Aleppoo…'; closest: …").
    public func suggestions(for query: String, limit: Int = 3) throws -> [PlaceMatch] {
        let key = NameFolding.key(query)
        guard key.count >= 2 else { return [] }
        return try database.read { db in
            var search = GazetteerSearch(db: db, names: try NameIndexStore.current(in: db, cache: database.sidecars), query: query, context: nil)
            try search.collectSuggestions(key: key, maximumDistance: max(4, key.count / 3))
            return search.ranked(limit: limit)
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
            let keys = Set(record.allNames.map(NameFolding.key).filter { !$0.isEmpty })
            return (record, keys.sorted())
        }
    }

    /// Every governorate the admin1 table knows, ordered by country and code.
    public func admin1Records() throws -> [Admin1Record] {
        try database.read { db in try Admin1Lookup.all(in: db) }
    }

    /// Descriptor phrases folded like names, longest first: ("er bas", codes), ….
    private static let foldedDescriptors: [(suffix: String, codes: Set<String>)] =
        FeatureImportance.descriptors
            .map { (" " + NameFolding.key($0.key), $0.value) }
            .sorted { $0.0.count > $1.0.count }

    /// The key without a trailing descriptor ("nerab erport" → "nerab", airport codes), or nil.
    static func splitDescriptor(_ key: String) -> (String, Set<String>)? {
        for (suffix, codes) in foldedDescriptors where key.hasSuffix(suffix) && key.count > suffix.count {
            return (String(key.dropLast(suffix.count)), codes)
        }
        return nil
    }
}


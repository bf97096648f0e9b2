import AtlasModel

/// The gazetteer's search, the same for every backend over its `PlaceNameLookup`.
///
/// Ranking, most important first: match kind (exact spelling > same folded key > edit
/// distance ≤ 2 on the folded key, nearer first), the `--in` governorate, feature importance
/// (capital > admin seat > town > airport/base > neighbourhood), population, then id.
public enum GazetteerFinder {
    /// Ranked candidates for `query` (a place name in any spelling; a trailing descriptor such
    /// as "airport" is also tried without, preferring places of that kind), those of the
    /// governorate `context` first, at most `limit`.
    ///
    /// - throws: `GazetteerError.emptyQuery` if the query has no letters; the lookup's errors.
    public static func find<Lookup: PlaceNameLookup>(_ query: String, context: Admin1Record?, limit: Int,
                                                     names: Lookup) throws -> [PlaceMatch] {
        let key = NameFolding.key(query)
        guard !key.isEmpty else { throw GazetteerError.emptyQuery(query) }
        var search = GazetteerSearch(names: names, query: query, context: context)
        try search.collect(key: key, descriptorCodes: nil, penalty: 0)
        if !search.hasNameMatch, let (bare, codes) = splitDescriptor(key) {
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
    public static func suggestions<Lookup: PlaceNameLookup>(for query: String, limit: Int, names: Lookup) throws -> [PlaceMatch] {
        let key = NameFolding.key(query)
        guard key.count >= 2 else { return [] }
        var search = GazetteerSearch(names: names, query: query, context: nil)
        try search.collectSuggestions(key: key, maximumDistance: max(4, key.count / 3))
        return search.ranked(limit: limit)
    }

    /// Descriptor phrases folded like names, longest first: ("er bas", codes), ….
    private static let foldedDescriptors: [(suffix: String, codes: Set<String>)] =
        FeatureImportance.descriptors
            .map { (" " + NameFolding.key($0.key), $0.value) }
            .sorted { $0.0.count > $1.0.count }

    /// The key without a trailing descriptor ("nerab erport" → "nerab", airport codes), or nil.
    public static func splitDescriptor(_ key: String) -> (String, Set<String>)? {
        for (suffix, codes) in foldedDescriptors where key.hasSuffix(suffix) && key.count > suffix.count {
            return (String(key.dropLast(suffix.count)), codes)
        }
        return nil
    }
}

import AtlasGeo
import AtlasModel

/// One search in progress: gathers candidates stage by stage, keeping each place's best match
/// (see `GazetteerFinder`), over any backend's `PlaceNameLookup`.
struct GazetteerSearch<Lookup: PlaceNameLookup> {
    /// The spellings by folded key and skeleton, and the places.
    private let names: Lookup
    private let query: String
    private let queryLowercased: String
    private let context: Admin1Record?
    /// Best match so far per place id.
    private(set) var candidates: [Int64: PlaceMatch] = [:]
    /// The places the current stage's offers name, read in one query (see `prefetch`).
    private var prefetched: [Int64: Place] = [:]
    /// True once an exact or folded match of the whole query was found.
    private(set) var hasNameMatch = false

    /// How many fuzzy candidate keys to examine at most (bounds the cost on huge gazetteers).
    static var fuzzyCandidateLimit: Int { 4000 }

    init(names: Lookup, query: String, context: Admin1Record?) {
        self.names = names
        self.query = query
        self.queryLowercased = query.trimmingASCIISpaces().lowercased()
        self.context = context
    }

    /// Adds places having a name whose folded key is `key`. With `descriptorCodes`, only places
    /// of those feature codes count (the query named the kind: "… airport").
    mutating func collect(key: String, descriptorCodes: Set<String>?, penalty: Double) throws {
        let entries = try names.spellings(key: key)
        try prefetch(entries.map(\.placeID))
        for entry in entries {
            let exact = descriptorCodes == nil && entry.name.lowercased() == queryLowercased
            try offer(id: entry.placeID, matchedName: entry.name, kind: exact ? .exact : .folded, distance: 0,
                      penalty: penalty, requiredCodes: descriptorCodes)
        }
    }

    /// Adds places whose folded key is within edit distance 2 of `key` (1 for keys of fewer
    /// than 5 letters). Candidates come from the skeleton order (same consonants) and from the
    /// keys sharing the first three letters, at most `fuzzyCandidateLimit` of each.
    mutating func collectFuzzy(key: String) throws {
        let limit = key.count < 5 ? 1 : 2
        var candidates = try names.spellings(skeleton: NameFolding.skeleton(ofKey: key), limit: Self.fuzzyCandidateLimit)
        candidates += try names.spellings(keyPrefix: String(key.prefix(3)), keyLengths: Self.lengths(key, within: limit),
                                          limit: Self.fuzzyCandidateLimit)
        let matches = candidates.compactMap { entry -> (entry: PlaceSpelling, distance: Int)? in
            let distance = EditDistance.distance(key, entry.key, limit: limit)
            return distance <= limit ? (entry, distance) : nil
        }
        try prefetch(matches.map(\.entry.placeID))
        for (entry, distance) in matches {
            try offer(id: entry.placeID, matchedName: entry.name, kind: distance == 0 ? .folded : .fuzzy,
                      distance: distance, penalty: 0, requiredCodes: nil)
        }
    }

    /// Adds the places whose folded key starts with the same two letters as `key` and lies
    /// within `maximumDistance` edits of it (at most `fuzzyCandidateLimit` keys examined): a
    /// looser net than `collectFuzzy`, for "closest names" in a message when nothing matched.
    mutating func collectSuggestions(key: String, maximumDistance: Int) throws {
        let candidates = try names.spellings(keyPrefix: String(key.prefix(2)), keyLengths: Self.lengths(key, within: maximumDistance),
                                             limit: Self.fuzzyCandidateLimit)
        let matches = candidates.compactMap { entry -> (entry: PlaceSpelling, distance: Int)? in
            let distance = EditDistance.distance(key, entry.key, limit: maximumDistance)
            return distance <= maximumDistance ? (entry, distance) : nil
        }
        try prefetch(matches.map(\.entry.placeID))
        for (entry, distance) in matches {
            try offer(id: entry.placeID, matchedName: entry.name, kind: .fuzzy, distance: distance, penalty: 0, requiredCodes: nil)
        }
    }

    /// Key lengths (in Unicode scalars) that can lie within `edits` of `key`.
    private static func lengths(_ key: String, within edits: Int) -> ClosedRange<Int> {
        let length = key.unicodeScalars.count
        return max(0, length - edits)...(length + edits)
    }

    /// Reads, in one query, the places of `ids` that have no candidate yet: `offer` finds them
    /// here instead of running a query per offer (a name shared by hundreds of places cost a
    /// query each). An offer whose place is not here (it beats an existing candidate) still
    /// reads it alone, so which offers are taken does not change.
    private mutating func prefetch(_ ids: [Int64]) throws {
        let wanted = Set(ids.filter { candidates[$0] == nil })
        prefetched = wanted.isEmpty ? [:] : try names.places(ids: Array(wanted))
    }

    /// The candidates in rank order, at most `limit`.
    func ranked(limit: Int) -> [PlaceMatch] {
        // Sorted as positions: moving the matches themselves (each a place with its strings)
        // was a quarter of a search's time on names shared by many places.
        let all = Array(candidates.values)
        let order = all.indices.sorted { first, second in
            let a = all[first], b = all[second]
            if a.kind != b.kind { return a.kind > b.kind }
            if a.distance != b.distance { return a.distance < b.distance }
            if a.score != b.score { return a.score > b.score }
            if a.inContext != b.inContext { return a.inContext }
            if a.place.importance != b.place.importance { return a.place.importance > b.place.importance }
            if a.place.population != b.place.population { return a.place.population > b.place.population }
            return a.place.id < b.place.id
        }
        return order.prefix(limit).map { all[$0] }
    }

    /// Keeps place `id` as a candidate unless it has a better match already.
    private mutating func offer(
        id: Int64, matchedName: String, kind: PlaceMatch.Kind, distance: Int, penalty: Double,
        requiredCodes: Set<String>?
    ) throws {
        if let existing = candidates[id], existing.kind > kind || (existing.kind == kind && existing.distance <= distance) {
            return
        }
        guard let place = try prefetched[id] ?? names.places(ids: [id])[id] else { return }
        if let requiredCodes, !requiredCodes.contains(place.featureCode) { return }
        let base: Double
        switch kind {
        case .exact: base = 1.0
        case .folded: base = 0.9
        case .fuzzy: base = distance == 1 ? 0.8 : 0.7
        }
        let inContext = context.map { $0.country == place.country && $0.code == place.admin1 } ?? false
        candidates[id] = PlaceMatch(place: place, matchedName: matchedName, kind: kind, distance: distance,
                                    inContext: inContext, score: base - penalty)
        if kind != .fuzzy && penalty == 0 { hasNameMatch = true }
    }
}

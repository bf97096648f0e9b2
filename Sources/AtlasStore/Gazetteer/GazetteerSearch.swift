import AtlasGeo
import Foundation
import GRDB

/// One search in progress: gathers candidates stage by stage, keeping each place's best match.
struct GazetteerSearch {
    private let db: Database
    private let query: String
    private let queryLowercased: String
    private let context: Admin1Record?
    /// Best match so far per place id.
    private(set) var candidates: [Int64: PlaceMatch] = [:]
    /// True once an exact or folded match of the whole query was found.
    private(set) var hasNameMatch = false

    /// How many fuzzy candidate keys to examine at most (bounds the cost on huge gazetteers).
    static let fuzzyCandidateLimit = 4000

    init(db: Database, query: String, context: Admin1Record?) {
        self.db = db
        self.query = query
        self.queryLowercased = query.trimmingASCIISpaces().lowercased()
        self.context = context
    }

    /// Adds places having a name whose folded key is `key`. With `descriptorCodes`, only places
    /// of those feature codes count (the query named the kind: "… airport").
    ///
    /// Names and their places come in one joined query (one statement instead of one more per
    /// candidate place: a common key names dozens of places).
    mutating func collect(key: String, descriptorCodes: Set<String>?, penalty: Double) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT \(PlaceRow.columns), n.name
            FROM place_name n CROSS JOIN place p ON p.id = n.place_id \(PlaceRow.admin1Join) WHERE n.key = ?
            """)
        for row in try Row.fetchAll(statement, arguments: [key]) {
            let place = try PlaceRow.place(from: row)
            let name: String = row[11]
            let exact = descriptorCodes == nil && name.lowercased() == queryLowercased
            try offer(id: place.id, place: place, matchedName: name, kind: exact ? .exact : .folded, distance: 0,
                      penalty: penalty, requiredCodes: descriptorCodes)
        }
    }

    /// Adds places whose folded key is within edit distance 2 of `key` (1 for keys of fewer
    /// than 5 letters). Candidates come from the skeleton index (same consonants) and from the
    /// keys sharing the first three letters, at most `fuzzyCandidateLimit` of each.
    mutating func collectFuzzy(key: String) throws {
        let limit = key.count < 5 ? 1 : 2
        let skeleton = NameFolding.skeleton(ofKey: key)
        var rows = try Row.fetchAll(db, sql: """
            SELECT place_id, name, key FROM place_name WHERE skeleton = ? LIMIT ?
            """, arguments: [skeleton, Self.fuzzyCandidateLimit])
        let prefix = String(key.prefix(3))
        if let upper = Self.successor(of: prefix) {
            rows += try Row.fetchAll(db, sql: """
                SELECT place_id, name, key FROM place_name
                WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ? LIMIT ?
                """, arguments: [prefix, upper, key.count - limit, key.count + limit, Self.fuzzyCandidateLimit])
        }
        for row in rows {
            let candidateKey: String = row["key"]
            let distance = EditDistance.distance(key, candidateKey, limit: limit)
            guard distance <= limit else { continue }
            try offer(id: row["place_id"], matchedName: row["name"], kind: distance == 0 ? .folded : .fuzzy,
                      distance: distance, penalty: 0, requiredCodes: nil)
        }
    }

    /// Adds the places whose folded key starts with the same two letters as `key` and lies
    /// within `maximumDistance` edits of it (at most `fuzzyCandidateLimit` keys examined): a
    /// looser net than `collectFuzzy`, for "closest names" in a message when nothing matched.
    mutating func collectSuggestions(key: String, maximumDistance: Int) throws {
        let prefix = String(key.prefix(2))
        guard let upper = Self.successor(of: prefix) else { return }
        let rows = try Row.fetchAll(db, sql: """
            SELECT place_id, name, key FROM place_name WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ? LIMIT ?
            """, arguments: [prefix, upper, key.count - maximumDistance, key.count + maximumDistance, Self.fuzzyCandidateLimit])
        for row in rows {
            let distance = EditDistance.distance(key, row["key"], limit: maximumDistance)
            guard distance <= maximumDistance else { continue }
            try offer(id: row["place_id"], matchedName: row["name"], kind: .fuzzy, distance: distance, penalty: 0, requiredCodes: nil)
        }
    }

    /// The candidates in rank order, at most `limit`.
    func ranked(limit: Int) -> [PlaceMatch] {
        let sorted = candidates.values.sorted { a, b in
            if a.kind != b.kind { return a.kind > b.kind }
            if a.distance != b.distance { return a.distance < b.distance }
            if a.score != b.score { return a.score > b.score }
            if a.inContext != b.inContext { return a.inContext }
            if a.place.importance != b.place.importance { return a.place.importance > b.place.importance }
            if a.place.population != b.place.population { return a.place.population > b.place.population }
            return a.place.id < b.place.id
        }
        return Array(sorted.prefix(limit))
    }

    /// Keeps `id` (`place`, when the caller has read it already) as a candidate unless it has
    /// a better match already.
    private mutating func offer(
        id: Int64, place knownPlace: Place? = nil, matchedName: String, kind: PlaceMatch.Kind, distance: Int, penalty: Double,
        requiredCodes: Set<String>?
    ) throws {
        if let existing = candidates[id], existing.kind > kind || (existing.kind == kind && existing.distance <= distance) {
            return
        }
        guard let place = try knownPlace ?? PlaceRow.fetch(id: id, in: db) else { return }
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

    /// The smallest string greater than every string starting with `prefix`.
    private static func successor(of prefix: String) -> String? {
        guard var last = prefix.unicodeScalars.last, !prefix.isEmpty else { return nil }
        var scalars = Array(prefix.unicodeScalars.dropLast())
        guard let next = Unicode.Scalar(last.value + 1) else { return nil }
        last = next
        scalars.append(last)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

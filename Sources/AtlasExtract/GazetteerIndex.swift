import AtlasStore

/// Every gazetteer spelling as a word trie, built once per run, plus the governorates.
///
/// Matching is exact on folded keys; there is no fuzzy matching in extraction. Spellings that start
/// with a lower-case letter (GeoNames' machine transliterations) and single-word names that are
/// common words (`CommonWords`) are left out: "June", "Power" or "Bab" would otherwise turn
/// ordinary words into places. A single-word name of fewer than five folded letters is kept only
/// for a place with a known population, a governorate seat or a curated site ("Homs", "Nubl",
/// "Jobar"), not for one of the thousands of hamlets whose short names are also words.
public struct GazetteerIndex: Sendable {
    let trie: WordTrie<Int64>
    let names: GazetteerNames
    let admin1: [Admin1Record]
    /// Names indexed, for reports.
    public let nameCount: Int

    /// Reads the gazetteer of `database`.
    public init(database: SpatialDatabase) throws {
        names = GazetteerNames(database: database)
        var trie = WordTrie<Int64>()
        var count = 0
        var short: [(Int64, [String])] = []
        try names.forEachName { placeID, name, key in
            // GeoNames carries machine transliterations in lower case ("homsi" for Homs); a
            // name as written in a report starts with a capital (or is in a caseless script).
            if let first = name.unicodeScalars.first, first.properties.isLowercase { return }
            let words = key.split(separator: " ").map(String.init)
            if words.count == 1 {
                if words[0].count < 3 || CommonWords.folded.contains(words[0]) { return }
                if words[0].count < 5 { short.append((placeID, words)); return }
            }
            trie.insert(words, value: placeID)
            count += 1
        }
        let shortPlaces = try names.places(ids: short.map(\.0))
        for (placeID, words) in short {
            guard let place = shortPlaces[placeID], Self.isWellKnown(place) else { continue }
            trie.insert(words, value: placeID)
            count += 1
        }
        self.trie = trie
        nameCount = count
        admin1 = try names.admin1Records()
    }

    /// A place known beyond its hamlet: a population figure, a seat, or a curated site.
    static func isWellKnown(_ place: Place) -> Bool {
        place.population > 0 || place.importance >= FeatureImportance.rank(featureCode: "PPLA") || place.source == "syria-sites"
    }
}

import AtlasModel
import AtlasQuery
import AtlasStore

/// Every gazetteer spelling as a word trie, built once per run, plus the governorates.
///
/// Matching is exact on folded keys; there is no fuzzy matching in extraction. Spellings that start
/// with a lower-case letter (GeoNames' machine transliterations) and single-word names that are
/// common words (`CommonWords`) are kept only for a place with a known population, a governorate
/// seat or a curated site, and the extractor takes them only when written with their article
/// ("al-Bab", never "Bab" or "June"). A single-word name of three folded letters is kept only for
/// such a well-known place, not for one of the thousands of hamlets whose short names are words.
public struct GazetteerIndex: Sendable {
    let trie: WordTrie<Int64>
    let names: any GazetteerNameListing
    let admin1: [Admin1Record]
    /// Names indexed, for reports.
    public let nameCount: Int

    /// Reads the gazetteer of the SpatiaLite store `database`.
    public init(database: SpatialDatabase) throws {
        try self.init(names: GazetteerNames(database: database))
    }

    /// Reads the gazetteer of any backend through its name listing.
    public init(names: any GazetteerNameListing) throws {
        self.names = names
        var trie = WordTrie<Int64>()
        var count = 0
        var short: [(Int64, [String])] = []
        try names.forEachName { placeID, name, key in
            // GeoNames carries machine transliterations in lower case ("homsi" for Homs); a
            // name as written in a report starts with a capital (or is in a caseless script).
            if let first = name.unicodeScalars.first, first.properties.isLowercase { return }
            let words = key.split(separator: " ").map(String.init)
            if words.count == 1 {
                if words[0].count < 3 { return }
                if words[0].count < 4 || CommonWords.folded.contains(words[0]) { short.append((placeID, words)); return }
            }
            trie.insert(words, value: placeID)
            count += 1
        }
        let shortPlaces = try names.places(ids: short.map(\.0))
        for (placeID, words) in short {
            // A common word names a place only when the report writes its article ("al-Bab"),
            // which the extractor checks; a hamlet never.
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

import AtlasModel
import AtlasStore

/// Every gazetteer spelling as a word trie, built once per run, plus the governorates.
///
/// Spellings that start with a lower-case letter (GeoNames' machine transliterations) and
/// single-word names that are common English words, or shorter than three folded letters, are left
/// out: "Center", "Power" or "Bab" would otherwise turn ordinary words into places.
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
        try names.forEachName { placeID, name, key in
            // GeoNames carries machine transliterations in lower case ("homsi" for Homs); a
            // name as written in a report starts with a capital (or is in a caseless script).
            if let first = name.unicodeScalars.first, first.properties.isLowercase { return }
            let words = key.split(separator: " ").map(String.init)
            if words.count == 1 && (words[0].count < 3 || Self.commonWords.contains(words[0])) { return }
            trie.insert(words, value: placeID)
            count += 1
        }
        self.trie = trie
        nameCount = count
        admin1 = try names.admin1Records()
    }

    /// English words that are also place names somewhere, folded.
    static let commonWords: Set<String> = Set([
        "center", "centre", "power", "station", "city", "town", "army", "front", "state", "forces", "area", "camp", "base",
        "airport", "north", "south", "east", "west", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "high", "points", "region", "province", "militants", "ministry", "defense", "defence", "statement",
        "online", "group", "groups", "government", "syria", "syrian", "russia", "russian", "united", "nations", "council",
        "security", "islamic", "jordan", "lebanon", "turkey", "iraq", "israel", "hills", "valley", "river", "plain", "mount",
    ].map(NameFolding.key))
}

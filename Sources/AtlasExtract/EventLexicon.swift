import AtlasModel
import AtlasStore

/// The words that say something happened at a place, and the ACLED type each implies.
enum EventLexicon {
    /// Kinds of event words.
    enum Kind: Sendable {
        case shelling, airStrike, clash, capture

        /// ACLED event type and sub-event type; captures depend on who captured.
        func acledType(actorIsState: Bool, prevented: Bool) -> (String, String) {
            switch self {
            case .shelling: return ("Explosions/Remote violence", "Shelling/artillery/missile attack")
            case .airStrike: return ("Explosions/Remote violence", "Air/drone strike")
            case .clash: return ("Battles", "Armed clash")
            case .capture:
                if prevented { return ("Battles", "Armed clash") }
                return actorIsState ? ("Battles", "Government regains territory") : ("Battles", "Non-state actor overtakes territory")
            }
        }
    }

    /// Event phrases (plain words) and their kinds; folded with the gazetteer's rules at first use.
    private static let phrases: [(String, Kind)] = [
        ("shell", .shelling), ("shells", .shelling), ("shelled", .shelling), ("shelling", .shelling), ("mortar", .shelling),
        ("mortars", .shelling), ("rocket", .shelling), ("rockets", .shelling), ("missile", .shelling), ("missiles", .shelling),
        ("artillery", .shelling), ("bombarded", .shelling), ("bombardment", .shelling), ("grad", .shelling),
        ("hit", .shelling), ("struck", .shelling), ("pounded", .shelling), ("targeted", .shelling), ("violations", .shelling),
        ("violation", .shelling), ("exploded", .shelling), ("explosion", .shelling), ("car bomb", .shelling),
        ("strikes", .airStrike), ("jets", .airStrike), ("attack", .clash),
        ("airstrike", .airStrike), ("airstrikes", .airStrike), ("air strike", .airStrike), ("air strikes", .airStrike),
        ("air raid", .airStrike), ("air raids", .airStrike), ("raid", .airStrike), ("raids", .airStrike), ("bombed", .airStrike),
        ("bombing", .airStrike), ("barrel bomb", .airStrike), ("barrel bombs", .airStrike), ("warplanes", .airStrike),
        ("clashes", .clash), ("clashed", .clash), ("fighting", .clash), ("fought", .clash), ("attacked", .clash),
        ("assault", .clash), ("offensive", .clash), ("battles", .clash),
        ("captured", .capture), ("seized", .capture), ("seizing", .capture), ("took control", .capture),
        ("taken control", .capture), ("taking control", .capture), ("ousted", .capture), ("ousting", .capture),
        ("recaptured", .capture), ("regained", .capture), ("pushed", .capture), ("liberated", .capture),
    ]

    /// The phrases as a trie over folded words.
    static let trie: WordTrie<Int> = {
        var trie = WordTrie<Int>()
        for (index, phrase) in phrases.enumerated() {
            trie.insert(phrase.0.split(separator: " ").map { NameFolding.key(String($0)) }, value: index)
        }
        return trie
    }()

    /// The kind of phrase `index` of the trie.
    static func kind(_ index: Int) -> Kind { phrases[index].1 }

    /// Folded words that, just before an event word, say it did not happen ("prevented … from seizing").
    static let prevention: Set<String> = Set(["prevented", "stopped", "repelled", "foiled"].map(NameFolding.key))
}

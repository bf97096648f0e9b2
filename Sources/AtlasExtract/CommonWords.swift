import AtlasModel
import AtlasStore

/// Words that a report capitalises for other reasons (sentence starts, titles, months) and that
/// are also the name of some Syrian village: as a one-word name they are never a place mention.
/// Folded with the gazetteer's rule, so `Jun` and `June` both fold to `jun`.
enum CommonWords {
    static let folded: Set<String> = Set(words.map(NameFolding.key))

    private static let words: [String] = [
        // Calendar
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight", "yesterday", "morning", "evening", "night",
        // Places in the abstract, compass, terrain
        "center", "centre", "power", "station", "city", "town", "village", "villages", "area", "areas", "camp", "base", "airport",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "high", "points", "point", "region",
        "province", "hills", "hill", "valley", "river", "plain", "mount", "mountain", "mountains", "road", "highway", "bridge",
        "school", "hospital", "market", "mosque", "church", "farm", "farms", "factory", "well", "wells", "dam", "lake", "sea",
        "desert", "border", "crossing", "line", "front", "frontline", "side", "square", "street", "gate", "tower", "castle",
        // Actors and institutions
        "army", "state", "forces", "militants", "ministry", "defense", "defence", "statement", "online", "group", "groups",
        "government", "council", "security", "islamic", "united", "nations", "committee", "observatory", "police", "guard",
        "brigade", "brigades", "battalion", "division", "regiment", "unit", "units", "corps", "militia", "rebels", "rebel",
        "opposition", "coalition", "president", "minister", "general", "colonel", "commander", "spokesman", "official",
        "officials", "monitor", "monitors", "residents", "sources", "source", "media", "agency", "news", "reuters", "tass",
        // Countries and peoples named in Syrian reports
        "syria", "syrian", "russia", "russian", "jordan", "lebanon", "turkey", "turkish", "iraq", "israel", "iran", "iranian",
        "kurdish", "kurds", "arab", "arabs", "american", "america", "french", "british",
        // Sentence starters and ordinary words
        "in", "on", "at", "of", "for", "from", "by", "with", "near", "to", "and", "but", "while", "when", "if", "as", "an",
        "a", "into", "across", "around", "between", "against", "under", "towards", "toward", "within", "outside", "inside",
        "the", "this", "that", "there", "then", "over", "during", "after", "before", "since", "some", "several", "many",
        "meanwhile", "later", "earlier", "also", "another", "other", "others", "both", "each", "one", "two", "three", "four",
        "five", "first", "second", "third", "last", "next", "new", "old", "good", "free", "great", "little", "big", "long",
        "local", "according", "reported", "report", "reports", "update", "breaking", "photo", "caption", "file", "video",
        "shelling", "attack", "attacks", "strike", "strikes", "fire", "fighting", "clashes", "violations", "ceasefire",
        "truce", "killed", "wounded", "dead", "civilians", "children", "women", "men", "people", "family", "house", "home",
        "water", "bread", "salt", "sugar", "gold", "stone", "black", "white", "red", "green", "blue", "star", "sun", "moon",
        "victory", "peace", "hope", "light", "life", "union", "liberation", "revolution", "martyrs", "martyr", "sheikh",
        "shaykh", "abu", "umm", "ibn", "bin", "tal", "tell", "jabal", "jebel", "ain", "ayn", "deir", "kafr", "khirbet",
        "khirbat", "qasr", "bab", "beit", "bayt", "hay", "haret", "mazraa", "mazraat", "ard", "wadi", "nahr", "bir", "tall",
        "hamam", "hammam", "qarya", "qaryat", "mashta", "jisr", "tahta", "fawqa", "sharqi", "gharbi", "kabir", "saghir",
        "jadid", "jadida", "qadim", "qadima",
    ]
}

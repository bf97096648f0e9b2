import AtlasModel
import AtlasStore

/// Folded words the rules look for.
enum Rule {
    static let from = NameFolding.key("from")
    static let of = NameFolding.key("of")
    static let in_ = NameFolding.key("in")
    static let determiners: Set<String> = Set(["the", "a"].map(NameFolding.key))
    static let compass: Set<String> = Set(["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                                           "northern", "southern", "eastern", "western"].map(NameFolding.key))
    static let city = NameFolding.key("city")
    static let countryside = NameFolding.key("countryside")
    static let originVerbs: Set<String> = Set(["fired", "launched"].map(NameFolding.key))
    static let centres: Set<String> = Set(["center", "centre", "headquarters", "ministry", "command", "embassy", "office"].map(NameFolding.key))
    static let organisations: Set<String> = Set(["university", "council", "committee", "radio", "media", "agency", "club", "news"].map(NameFolding.key))
    static let areas: Set<String> = Set(["province", "governorate", "countryside", "region", "suburbs", "outskirts",
                                         "environs", "edge", "edges"].map(NameFolding.key))
    /// Area words that stand for a whole governorate when they follow its seat.
    static let governorateAreas: Set<String> = Set(["province", "governorate", "countryside"].map(NameFolding.key))
    static let direction = NameFolding.key("direction")
    static let at: Set<String> = Set(["in", "at", "near"].map(NameFolding.key))
    static let bases: Set<String> = Set(["base", "airbase", "bases", "airfield", "airport"].map(NameFolding.key))
    static let settlements: Set<String> = Set(["town", "city", "village"].map(NameFolding.key))
}

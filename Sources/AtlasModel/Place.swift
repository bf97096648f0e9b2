import AtlasGeo

/// A place as stored in the gazetteer.
public struct Place: Sendable, Equatable, Identifiable {
    /// GeoNames id, or a local id of 1,000,000,000 and up.
    public var id: Int64
    /// Main name.
    public var name: String
    /// Position.
    public var coordinate: Coordinate
    /// GeoNames feature class and code, e.g. `P` and `PPLX`.
    public var featureClass: String
    /// GeoNames feature code, e.g. `PPLA`, `AIRP`.
    public var featureCode: String
    /// ISO country code.
    public var country: String
    /// Admin1 code (`09`).
    public var admin1: String
    /// Admin1 name when the admin1 table knows it (`Aleppo`), else nil.
    public var admin1Name: String?
    /// Population, 0 when unknown.
    public var population: Int
    /// Rank of the feature kind (see `FeatureImportance`).
    public var importance: Int
    /// Where the record came from.
    public var source: String

    /// Creates a place value.
    public init(id: Int64, name: String, coordinate: Coordinate, featureClass: String, featureCode: String,
                country: String, admin1: String, admin1Name: String?, population: Int, importance: Int, source: String) {
        self.id = id
        self.name = name
        self.coordinate = coordinate
        self.featureClass = featureClass
        self.featureCode = featureCode
        self.country = country
        self.admin1 = admin1
        self.admin1Name = admin1Name
        self.population = population
        self.importance = importance
        self.source = source
    }
}

/// One candidate of a gazetteer search, with why and how well it matched.
public struct PlaceMatch: Sendable, Equatable {
    /// How the query met the place's name.
    public enum Kind: String, Sendable, Comparable {
        /// Edit distance ≤ 2 between folded keys.
        case fuzzy
        /// The folded keys are equal (`Shaykh Maqsud` for `Sheikh Maqsood`).
        case folded
        /// The same spelling, ignoring case.
        case exact

        private var order: Int { self == .exact ? 2 : self == .folded ? 1 : 0 }
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.order < rhs.order }
    }

    /// The place.
    public var place: Place
    /// The spelling that matched.
    public var matchedName: String
    /// Exact, folded or fuzzy.
    public var kind: Kind
    /// Edit distance of the folded keys (0 unless fuzzy).
    public var distance: Int
    /// True when the place lies in the governorate given with `--in`.
    public var inContext: Bool
    /// A score in 0…1 for display: 1 exact, 0.9 folded, 0.8/0.7 fuzzy at distance 1/2, less a
    /// little when a descriptor word ("airport") had to be dropped.
    public var score: Double

    /// Creates a match.
    public init(place: Place, matchedName: String, kind: Kind, distance: Int, inContext: Bool, score: Double) {
        self.place = place
        self.matchedName = matchedName
        self.kind = kind
        self.distance = distance
        self.inContext = inContext
        self.score = score
    }

    /// The geo precision an incident placed at this match deserves (ACLED scale): 1 for a
    /// name match, 2 for a fuzzy one, which may be a namesake nearby.
    public var geoPrecision: GeoPrecision {
        let level = kind == .fuzzy ? 2 : 1
        return GeoPrecision(level: level, scheme: "gazetteer", code: level)
    }
}

/// One place of a gazetteer with every spelling, as stored: what one backend's gazetteer hands
/// to another's (`atlas init` and `gazetteer load` on PostGIS).
public struct GazetteerEntry: Sendable, Equatable {
    /// One spelling with its folded key.
    public struct Spelling: Sendable, Equatable {
        /// The spelling as stored.
        public var name: String
        /// `NameFolding.key` of the spelling.
        public var key: String
        /// ISO language code, or "".
        public var language: String
        /// Whether the source marks it as preferred.
        public var isPreferred: Bool

        /// Creates a spelling.
        public init(name: String, key: String, language: String, isPreferred: Bool) {
            self.name = name
            self.key = key
            self.language = language
            self.isPreferred = isPreferred
        }
    }

    /// The place (`admin1Name` is not stored: it comes from the governorates).
    public var place: Place
    /// The ASCII form of the main name.
    public var asciiName: String
    /// Second-level division code.
    public var admin2: String
    /// The key that identifies the place in its source (`geonames:170063`): loads upsert by it.
    public var sourceKey: String
    /// Every spelling.
    public var spellings: [Spelling]

    /// Creates an entry.
    public init(place: Place, asciiName: String, admin2: String, sourceKey: String, spellings: [Spelling]) {
        self.place = place
        self.asciiName = asciiName
        self.admin2 = admin2
        self.sourceKey = sourceKey
        self.spellings = spellings
    }
}

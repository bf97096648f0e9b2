import AtlasModel
import AtlasImport
import Foundation
import AtlasGeo

/// A place as a loader hands it to the store: one gazetteer entry with all its spellings.
public struct PlaceRecord: Sendable, Equatable {
    /// One spelling of a place's name.
    public struct AlternateName: Sendable, Equatable, Hashable {
        /// The spelling as written.
        public var name: String
        /// ISO 639 language code, or "" when unknown.
        public var language: String
        /// True for the official or preferred name in its language.
        public var isPreferred: Bool

        /// Creates a spelling.
        public init(_ name: String, language: String = "", isPreferred: Bool = false) {
            self.name = name
            self.language = language
            self.isPreferred = isPreferred
        }
    }

    /// GeoNames id when the place comes from GeoNames; nil for places of other sources, which
    /// get a local id (1,000,000,000 and up, above GeoNames' range).
    public var geonameID: Int64?
    /// The main name.
    public var name: String
    /// The name in plain ASCII (GeoNames' `asciiname`), or the main name.
    public var asciiName: String
    /// Position of the place.
    public var coordinate: Coordinate
    /// GeoNames feature class: `P` populated place, `S` spot/building, `A` administrative, ….
    public var featureClass: String
    /// GeoNames feature code: `PPLC`, `PPLA`, `PPL`, `PPLX`, `AIRP`, `AIRB`, ….
    public var featureCode: String
    /// ISO 3166 alpha-2 country code.
    public var country: String
    /// GeoNames admin1 code within the country (`09` is Aleppo in Syria).
    public var admin1: String
    /// GeoNames admin2 code.
    public var admin2: String
    /// Population, 0 when unknown.
    public var population: Int
    /// Every other spelling; the main and ASCII names are added by the store.
    public var alternateNames: [AlternateName]
    /// Where the record comes from (`geonames`, a file name, `syria-sites`).
    public var source: String
    /// Identity for re-loads: `geonames:<id>`, or the source's own key. Loading a record with a
    /// known key updates that place instead of adding a second one.
    public var sourceKey: String

    /// Creates a record.
    public init(
        geonameID: Int64?, name: String, asciiName: String? = nil, coordinate: Coordinate,
        featureClass: String = "P", featureCode: String = "PPL", country: String = "",
        admin1: String = "", admin2: String = "", population: Int = 0,
        alternateNames: [AlternateName] = [], source: String, sourceKey: String? = nil
    ) {
        self.geonameID = geonameID
        self.name = name
        self.asciiName = asciiName ?? name
        self.coordinate = coordinate
        self.featureClass = featureClass
        self.featureCode = featureCode
        self.country = country
        self.admin1 = admin1
        self.admin2 = admin2
        self.population = population
        self.alternateNames = alternateNames
        self.source = source
        if let sourceKey {
            self.sourceKey = sourceKey
        } else if let geonameID {
            self.sourceKey = "geonames:\(geonameID)"
        } else {
            self.sourceKey = "\(source):\(name)@\(coordinate)"
        }
    }

    /// Splits `P.PPLX` into class and code; a bare code (`PPLX`) gets its class from the code.
    public static func splitFeature(_ text: String) -> (featureClass: String, featureCode: String) {
        let trimmed = text.trimmingASCIISpaces()
        if let dot = trimmed.firstIndex(of: ".") {
            return (String(trimmed[..<dot]).uppercased(), String(trimmed[trimmed.index(after: dot)...]).uppercased())
        }
        let code = trimmed.uppercased()
        return (FeatureImportance.featureClass(ofCode: code), code)
    }
}

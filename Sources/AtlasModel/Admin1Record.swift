/// A first-level administrative division (a Syrian governorate), keyed by country and code.
public struct Admin1Record: Sendable, Equatable {
    /// ISO 3166 alpha-2 country code.
    public var country: String
    /// GeoNames admin1 code within the country (`09` for Aleppo).
    public var code: String
    /// English name.
    public var name: String
    /// ASCII name.
    public var asciiName: String
    /// GeoNames id of the division, when known.
    public var geonameID: Int64?
    /// Arabic name, when known.
    public var nameArabic: String?
    /// OCHA p-code (`SY02`), which boundary files use.
    public var pcode: String?
    /// Other spellings (`Idleb`, `Idlib`, `Rif Dimashq`, `Rural Damascus`, …).
    public var alternateNames: [String]

    /// Creates a record.
    public init(country: String, code: String, name: String, asciiName: String, geonameID: Int64? = nil,
                nameArabic: String? = nil, pcode: String? = nil, alternateNames: [String] = []) {
        self.country = country
        self.code = code
        self.name = name
        self.asciiName = asciiName
        self.geonameID = geonameID
        self.nameArabic = nameArabic
        self.pcode = pcode
        self.alternateNames = alternateNames
    }

    /// Every spelling by which a user may name this division.
    public var allNames: [String] {
        [name, asciiName] + (nameArabic.map { [$0] } ?? []) + alternateNames
    }
}

/// Location precision of an incident, on ACLED's 1–3 scale, with the upstream code kept.
///
/// ACLED: 1 = the exact town or a neighbourhood, 2 = near a town or in a district with only a
/// general area named, 3 = only the province/region. UCDP GED's `where_prec` has 7 levels
/// (1 exact place … 7 only the country or international waters); they map onto ACLED's scale
/// for filtering (`--max-geo-precision`), and the original code and its scheme are stored.
public struct GeoPrecision: Sendable, Equatable {
    /// The unified scale used for filtering: 1 (best) to 3.
    public var level: Int
    /// Which scheme `code` belongs to: `acled`, `ucdp`, `gazetteer` (placed by name), `exact`
    /// (coordinates given by the user).
    public var scheme: String
    /// The upstream code in its own scheme.
    public var code: Int

    /// Creates a precision from an explicit level, scheme and code.
    public init(level: Int, scheme: String, code: Int) {
        self.level = level
        self.scheme = scheme
        self.code = code
    }

    /// ACLED's own code (1–3); nil if out of range.
    public static func acled(_ code: Int) -> GeoPrecision? {
        (1...3).contains(code) ? GeoPrecision(level: code, scheme: "acled", code: code) : nil
    }

    /// UCDP `where_prec` (1–7) mapped: 1–2 → 1 (place or within 25 km of it), 3 → 2 (second
    /// order admin), 4–7 → 3 (first order admin, a vaguer area, or the country); nil if out of range.
    public static func ucdp(_ code: Int) -> GeoPrecision? {
        guard (1...7).contains(code) else { return nil }
        let level = code <= 2 ? 1 : code == 3 ? 2 : 3
        return GeoPrecision(level: level, scheme: "ucdp", code: code)
    }
}

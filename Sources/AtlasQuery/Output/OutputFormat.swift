/// The output formats of every listing command.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people, with a count line.
    case table
    /// An RFC 7946 FeatureCollection.
    case geojson
    /// GeoJSON Lines: one Feature per line (RFC 8142 style, without record separators).
    case geojsonl
    /// CSV with a header row (RFC 4180 quoting).
    case csv
    /// ACLED's CSV export columns (incident listings only): `atlas import` reads it back unchanged.
    case acled
    /// A JSON array of objects (for results without geometry, such as `stats`).
    case json
}

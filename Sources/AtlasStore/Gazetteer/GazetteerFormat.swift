/// The file formats the gazetteer loads.
public enum GazetteerFormat: String, Sendable, CaseIterable {
    /// GeoNames main dump (`allCountries.txt`, `SY.txt`, `cities500.txt`): 19 tab-separated
    /// columns, no header.
    case geonames
    /// CSV with a header: `name,latitude,longitude` required; `feature_code`, `admin1`,
    /// `alternate_names` (separated by `|`), `country_code`, `population`, `geonameid`,
    /// `admin2`, `key` optional.
    case csv
    /// The CSV columns, tab-separated (`.tsv`).
    case tsv
    /// A GeoJSON FeatureCollection of Points with the CSV's fields as properties.
    case geojson

    /// The format a file name suggests: `.csv`, `.geojson`/`.json`, else GeoNames.
    public static func guess(fromPath path: String) -> GazetteerFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") { return .tsv }
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geojson }
        return .geonames
    }
}

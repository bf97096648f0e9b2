/// The incident file formats `atlas import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// ACLED CSV export (`event_id_cnty`, `event_date`, `event_type`, …, `timestamp`).
    case acled
    /// UCDP GED CSV (`id`, `date_start`, `where_prec`, `type_of_violence`, `best`, …).
    case ucdp
    /// The project's own CSV columns (`source_key,event_date,event_type,…,latitude,longitude,…`).
    case csv
    /// A GeoJSON FeatureCollection of Points whose properties are the project's CSV fields.
    case geojson
    /// JSON Lines: one incident per line, a GeoJSON Feature or a flat object of the CSV fields.
    case jsonl

    /// The format a file name says, if it says one (`.geojson`, `.jsonl`, `.ndjson`).
    public static func guess(path: String) -> ImportFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geojson }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".geojsonl") { return .jsonl }
        return nil
    }

    /// The format a CSV header reveals: ACLED by `event_id_cnty`, UCDP by `where_prec`, else csv.
    public static func guess(header: [String]) -> ImportFormat {
        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
        if names.contains("event_id_cnty") { return .acled }
        if names.contains("where_prec") && names.contains("date_start") { return .ucdp }
        return .csv
    }
}

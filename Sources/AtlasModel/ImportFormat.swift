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
}

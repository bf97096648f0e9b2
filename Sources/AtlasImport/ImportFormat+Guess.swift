import AtlasModel

package extension ImportFormat {
    /// The format a file name says, if it says one (`.geojson`, `.jsonl`, `.ndjson`).
    static func guess(path: String) -> ImportFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geojson }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".geojsonl") { return .jsonl }
        return nil
    }

    /// The format a CSV header reveals: ACLED by `event_id_cnty`, UCDP by `where_prec`, else csv.
    static func guess(header: [String]) -> ImportFormat {
        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
        if names.contains("event_id_cnty") { return .acled }
        if names.contains("where_prec") && names.contains("date_start") { return .ucdp }
        return .csv
    }
}

import AtlasModel

/// Writes `atlas stats` groups as a table or CSV (GeoJSON formats have no geometry to offer
/// here and fall back to CSV's columns as JSON lines).
public struct StatsWriter {
    /// A writer.
    public init() {}

    /// Writes `groups` (grouped by `grouping`) in `format` to `sink`.
    public func write(_ groups: [IncidentGroupCount], grouping: IncidentGrouping, format: OutputFormat, to sink: ByteSink) throws {
        switch format {
        case .table:
            var table = TextTable(columns: [.init(grouping.rawValue), .init("incidents", alignRight: true), .init("fatalities", alignRight: true)])
            for group in groups { table.append([group.key, String(group.count), String(group.fatalities)]) }
            let total = groups.reduce(0) { $0 + $1.count }
            try sink.write(table.render() + "\(groups.count) group\(groups.count == 1 ? "" : "s"), \(total) incidents\n")
        case .csv, .acled:
            try sink.write("\(grouping.rawValue),incidents,fatalities\n")
            for group in groups { try sink.write("\(TextEscaping.csvField(group.key)),\(group.count),\(group.fatalities)\n") }
        case .geojson, .geojsonl:
            for group in groups {
                try sink.write("{\"\(grouping.rawValue)\":\(TextEscaping.jsonString(group.key)),\"incidents\":\(group.count),\"fatalities\":\(group.fatalities)}\n")
            }
        }
        try sink.flush()
    }
}

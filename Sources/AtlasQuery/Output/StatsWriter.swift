import AtlasModel

/// Writes `atlas stats` groups as a table, CSV or a JSON array of objects (groups have no
/// geometry, so no GeoJSON).
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
        case .csv:
            try sink.write("\(grouping.rawValue),incidents,fatalities\n")
            for group in groups { try sink.write("\(TextEscaping.csvField(group.key)),\(group.count),\(group.fatalities)\n") }
        case .json:
            try sink.write("[")
            for (index, group) in groups.enumerated() {
                try sink.write((index > 0 ? ",\n" : "\n")
                    + "{\"\(grouping.rawValue)\":\(TextEscaping.jsonString(group.key)),\"incidents\":\(group.count),\"fatalities\":\(group.fatalities)}")
            }
            try sink.write(groups.isEmpty ? "]\n" : "\n]\n")
        case .geojson, .geojsonl, .acled:
            throw OutputError.unsupportedFormat(format, what: "stats", supported: [.table, .csv, .json])
        }
        try sink.flush()
    }
}

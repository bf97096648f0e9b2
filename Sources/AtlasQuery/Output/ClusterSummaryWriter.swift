import AtlasGeo
import AtlasModel
import Foundation

/// Writes cluster summaries: a table for people, CSV, or GeoJSON with one Feature per cluster
/// whose geometry is the cluster's convex hull (a Point or LineString for degenerate clusters).
public struct ClusterSummaryWriter {
    /// Decimal places of coordinates.
    public var precision: Int

    /// A writer with `precision` decimals.
    public init(precision: Int = 6) {
        self.precision = precision
    }

    /// Writes `summaries` in `format` to `sink`.
    public func write(_ summaries: [ClusterSummary], format: OutputFormat, to sink: ByteSink) throws {
        switch format {
        case .table: try sink.write(table(summaries))
        case .csv, .acled:
            try sink.write("cluster_id,size,core_count,centroid_lat,centroid_lon,radius_m,first_date,last_date,fatalities,top_locations,top_types,actors\n")
            for summary in summaries {
                let a = summary.attributes
                let cells = [
                    String(summary.id), String(summary.size), String(summary.coreCount),
                    DecimalText.fixed(summary.centroid.latitude, digits: precision), DecimalText.fixed(summary.centroid.longitude, digits: precision),
                    DecimalText.fixed(summary.radiusMeters, digits: 1), firstDate(summary), lastDate(summary),
                    String(a?.fatalities ?? 0), ranked(a?.topLocations), ranked(a?.topEventTypes), ranked(a?.actors),
                ]
                try sink.write(cells.map(TextEscaping.csvField).joined(separator: ",") + "\n")
            }
        case .geojson:
            try sink.write("{\"type\":\"FeatureCollection\",\"features\":[")
            for (index, summary) in summaries.enumerated() { try sink.write((index > 0 ? ",\n" : "\n") + feature(summary)) }
            try sink.write("\n]}\n")
        case .geojsonl:
            for summary in summaries { try sink.write(feature(summary) + "\n") }
        }
    }

    private func table(_ summaries: [ClusterSummary]) -> String {
        var table = TextTable(columns: [
            .init("cluster", alignRight: true), .init("size", alignRight: true), .init("core", alignRight: true),
            .init("centroid"), .init("radius km", alignRight: true), .init("first"), .init("last"),
            .init("deaths", alignRight: true), .init("top locations"), .init("actors"),
        ])
        for summary in summaries {
            let a = summary.attributes
            table.append([
                String(summary.id), String(summary.size), String(summary.coreCount),
                "\(DecimalText.fixed(summary.centroid.latitude, digits: 4)),\(DecimalText.fixed(summary.centroid.longitude, digits: 4))",
                String(format: "%.2f", summary.radiusMeters / 1000), firstDate(summary), lastDate(summary),
                String(a?.fatalities ?? 0), ranked(a?.topLocations), ranked(a?.actors.prefix(2).map { $0 }),
            ])
        }
        let members = summaries.reduce(0) { $0 + $1.size }
        return table.render() + "\(summaries.count) cluster\(summaries.count == 1 ? "" : "s"), \(members) incidents in clusters\n"
    }

    private func feature(_ summary: ClusterSummary) -> String {
        let a = summary.attributes
        func list(_ values: [RankedValue]?) -> String {
            "[" + (values ?? []).map { "{\"value\":\(TextEscaping.jsonString($0.value)),\"count\":\($0.count)}" }.joined(separator: ",") + "]"
        }
        let properties = [
            "\"cluster_id\":\(summary.id)", "\"size\":\(summary.size)", "\"core_count\":\(summary.coreCount)",
            "\"centroid\":[\(DecimalText.fixed(summary.centroid.longitude, digits: precision)),\(DecimalText.fixed(summary.centroid.latitude, digits: precision))]",
            "\"radius_m\":\(DecimalText.fixed(summary.radiusMeters, digits: 1))",
            "\"first_date\":\(TextEscaping.jsonString(firstDate(summary)))",
            "\"last_date\":\(TextEscaping.jsonString(lastDate(summary)))",
            "\"fatalities\":\(a?.fatalities ?? 0)", "\"top_locations\":\(list(a?.topLocations))",
            "\"top_types\":\(list(a?.topEventTypes))", "\"actors\":\(list(a?.actors))",
        ].joined(separator: ",")
        return "{\"type\":\"Feature\",\"id\":\(summary.id),\"geometry\":\(geometry(summary.hull)),\"properties\":{\(properties)}}"
    }

    /// The hull as GeoJSON: lon/lat, exterior ring counter-clockwise (as `ConvexHull` builds it).
    private func geometry(_ hull: ConvexHull) -> String {
        func position(_ c: Coordinate) -> String { "[\(DecimalText.fixed(c.longitude, digits: precision)),\(DecimalText.fixed(c.latitude, digits: precision))]" }
        switch hull {
        case .empty: return "null"
        case let .point(c): return "{\"type\":\"Point\",\"coordinates\":\(position(c))}"
        case let .lineString(a, b): return "{\"type\":\"LineString\",\"coordinates\":[\(position(a)),\(position(b))]}"
        case let .polygon(ring): return "{\"type\":\"Polygon\",\"coordinates\":[[\(ring.map(position).joined(separator: ","))]]}"
        }
    }

    private func firstDate(_ summary: ClusterSummary) -> String {
        summary.attributes?.firstEventDate ?? ISODate(dayNumber: summary.firstDay).description
    }

    private func lastDate(_ summary: ClusterSummary) -> String {
        summary.attributes?.lastEventDate ?? ISODate(dayNumber: summary.lastDay).description
    }

    private func ranked(_ values: [RankedValue]?) -> String {
        (values ?? []).map { "\($0.value) (\($0.count))" }.joined(separator: "; ")
    }
}

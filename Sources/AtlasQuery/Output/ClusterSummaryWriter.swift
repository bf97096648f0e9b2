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
        case .csv:
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
        case .geojson, .geojsonl:
            let stream = FeatureStream(framing: format == .geojson ? .collection : .lines, sink: sink)
            try stream.begin()
            for summary in summaries { try stream.write { appendFeature(summary, into: &$0) } }
            try stream.end()
        case .acled, .json:
            throw OutputError.unsupportedFormat(format, what: "cluster summaries", supported: [.table, .csv, .geojson, .geojsonl])
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

    /// One Feature: the hull as geometry (lon/lat, exterior ring counter-clockwise as
    /// `ConvexHull` builds it), the summary as properties.
    private func appendFeature(_ summary: ClusterSummary, into buffer: inout [UInt8]) {
        let a = summary.attributes
        func list(_ values: [RankedValue]?) -> String {
            "[" + (values ?? []).map { "{\"value\":\(TextEscaping.jsonString($0.value)),\"count\":\($0.count)}" }.joined(separator: ",") + "]"
        }
        var feature = FeatureJSON(digits: precision)
        feature.begin(id: Int64(summary.id), into: &buffer)
        switch summary.hull {
        case .empty: feature.noGeometry(into: &buffer)
        case let .point(c): feature.point(c, into: &buffer)
        case let .lineString(a, b): feature.geometry("LineString", rings: [[a, b]], nested: false, into: &buffer)
        case let .polygon(ring): feature.geometry("Polygon", rings: [ring], nested: true, into: &buffer)
        }
        feature.property("cluster_id", summary.id, into: &buffer)
        feature.property("size", summary.size, into: &buffer)
        feature.property("core_count", summary.coreCount, into: &buffer)
        var centroid: [UInt8] = []
        feature.position(summary.centroid, into: &centroid)
        feature.property("centroid", json: String(decoding: centroid, as: UTF8.self), into: &buffer)
        feature.property("radius_m", summary.radiusMeters, digits: 1, into: &buffer)
        feature.property("first_date", firstDate(summary), into: &buffer)
        feature.property("last_date", lastDate(summary), into: &buffer)
        feature.property("fatalities", a?.fatalities ?? 0, into: &buffer)
        feature.property("top_locations", json: list(a?.topLocations), into: &buffer)
        feature.property("top_types", json: list(a?.topEventTypes), into: &buffer)
        feature.property("actors", json: list(a?.actors), into: &buffer)
        feature.end(into: &buffer)
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

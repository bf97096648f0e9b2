import AtlasExtract
import AtlasModel
import AtlasQuery

/// Writes the incidents `atlas extract` found: a table, CSV, or GeoJSON features through the
/// shared `FeatureStream` (a point at the resolved place, lon/lat; the mention, evidence and
/// resolution as properties).
struct ExtractionWriter {
    /// The formats extraction results can be written in.
    static let formats: [OutputFormat] = [.table, .geojson, .geojsonl, .csv]

    let format: OutputFormat
    /// Decimal places of coordinates.
    let precision: Int

    func write(_ extraction: ReportExtractor.Extraction, date: ReportDate, to sink: ByteSink) throws {
        switch format {
        case .table:
            var table = TextTable(columns: [.init("place"), .init("location"), .init("kind"), .init("admin1"), .init("lat", alignRight: true),
                                            .init("lon", alignRight: true), .init("type"), .init("actor1"), .init("prec", alignRight: true),
                                            .init("offsets"), .init("resolution")])
            for c in extraction.candidates {
                table.append([c.place.name, c.location == c.place.name ? "" : c.location, "\(c.place.featureClass).\(c.place.featureCode)",
                              c.place.admin1Name ?? c.place.admin1,
                              DecimalText.fixed(c.place.coordinate.latitude, digits: 5), DecimalText.fixed(c.place.coordinate.longitude, digits: 5),
                              c.subEventType, c.actor1, String(c.geoPrecision), "\(c.offsets.lowerBound)-\(c.offsets.upperBound)", c.resolution])
            }
            try sink.write(table.render() + "\(extraction.candidates.count) incident\(extraction.candidates.count == 1 ? "" : "s") on \(date.date)\n")
        case .geojson, .geojsonl:
            let stream = FeatureStream(framing: format == .geojson ? .collection : .lines, sink: sink)
            try stream.begin()
            for (index, c) in extraction.candidates.enumerated() {
                try stream.write { buffer in
                    var feature = FeatureJSON(digits: precision)
                    feature.begin(id: Int64(index + 1), into: &buffer)
                    feature.point(c.place.coordinate, into: &buffer)
                    feature.property("place", c.place.name, into: &buffer)
                    feature.property("place_id", c.place.id, into: &buffer)
                    feature.property("location", c.location, into: &buffer)
                    feature.property("admin1", c.place.admin1Name ?? c.place.admin1, into: &buffer)
                    feature.property("note", c.note, into: &buffer)
                    feature.property("mention", c.mention, into: &buffer)
                    feature.property("start", c.offsets.lowerBound, into: &buffer)
                    feature.property("end", c.offsets.upperBound, into: &buffer)
                    feature.property("event_date", date.date.description, into: &buffer)
                    feature.property("time_precision", date.timePrecision, into: &buffer)
                    feature.property("event_type", c.eventType, into: &buffer)
                    feature.property("sub_event_type", c.subEventType, into: &buffer)
                    feature.property("actor1", c.actor1, into: &buffer)
                    feature.property("actor2", c.actor2, into: &buffer)
                    feature.property("geo_precision", c.geoPrecision, into: &buffer)
                    feature.property("evidence", c.evidence, into: &buffer)
                    feature.property("resolution", c.resolution, into: &buffer)
                    let alternatives = c.alternatives.map { TextEscaping.jsonString("\($0.name) (\($0.admin1Name ?? $0.admin1))") }
                    feature.property("alternatives", json: "[" + alternatives.joined(separator: ",") + "]", into: &buffer)
                    feature.end(into: &buffer)
                }
            }
            try stream.end()
        case .csv:
            try sink.write("place,place_id,latitude,longitude,event_date,event_type,sub_event_type,actor1,actor2,geo_precision,start,end,evidence,location,note\n")
            for c in extraction.candidates {
                let cells = [c.place.name, String(c.place.id), DecimalText.fixed(c.place.coordinate.latitude, digits: precision),
                             DecimalText.fixed(c.place.coordinate.longitude, digits: precision), date.date.description, c.eventType, c.subEventType,
                             c.actor1, c.actor2, String(c.geoPrecision), String(c.offsets.lowerBound), String(c.offsets.upperBound), c.evidence, c.location, c.note]
                try sink.write(cells.map(TextEscaping.csvField).joined(separator: ",") + "\n")
            }
        case .acled, .json:
            throw OutputError.unsupportedFormat(format, what: "extract", supported: Self.formats)
        }
        try sink.flush()
    }
}

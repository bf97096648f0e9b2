import AtlasGeo
import AtlasModel
import Foundation

/// Streams incidents as GeoJSON (RFC 7946 FeatureCollection), GeoJSON Lines, CSV or a table.
///
/// Call `begin()`, then `write(_:distanceMeters:)` per incident, then `end()`. GeoJSON, GeoJSON
/// Lines and CSV are written as they come (memory independent of the row count); the table,
/// being for people, holds its rows to align the columns.
///
/// GeoJSON: lon/lat, no `crs`, `id` on each Feature, `precision` decimals, properties
/// event_date, event_type, sub_event_type, actor1, actor2, location, admin1, admin2,
/// geo_precision, time_precision, fatalities, source, notes, source_key and, for distance
/// queries, distance_m. Extra per-row properties (e.g. `cluster_id`) can be passed in.
public final class IncidentWriter {
    private let format: OutputFormat
    private let sink: ByteSink
    private let precision: Int
    private let withDistance: Bool
    private let extraColumns: [String]
    private var count = 0
    private var table: TextTable?
    /// The framing of the GeoJSON formats.
    private let features: FeatureStream?

    /// The formats incidents can be written in.
    public static let formats: [OutputFormat] = [.table, .geojson, .geojsonl, .csv, .acled]

    /// The CSV columns, in order (distance_m last when present).
    public static let csvColumns = [
        "id", "source_key", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
        "admin1", "admin2", "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes",
    ]

    /// A writer of `format` to `sink`.
    ///
    /// - parameters:
    ///   - withDistance: add `distance_m` (and a km column in tables).
    ///   - extraColumns: names of extra properties given to `write` (e.g. `cluster_id`, `is_core`).
    public init(format: OutputFormat, sink: ByteSink, precision: Int = 6, withDistance: Bool = false, extraColumns: [String] = []) {
        self.format = format
        self.sink = sink
        self.precision = precision
        self.withDistance = withDistance
        self.extraColumns = extraColumns
        switch format {
        case .geojson: features = FeatureStream(framing: .collection, sink: sink)
        case .geojsonl: features = FeatureStream(framing: .lines, sink: sink)
        default: features = nil
        }
    }

    /// Writes what comes before the first incident.
    public func begin() throws {
        switch format {
        case .json: throw OutputError.unsupportedFormat(format, what: "incident listings", supported: Self.formats)
        case .geojson, .geojsonl: try features?.begin()
        case .csv:
            let header = Self.csvColumns + (withDistance ? ["distance_m"] : []) + extraColumns
            try sink.write(header.joined(separator: ",") + "\n")
        case .acled: try sink.write(ACLEDColumns.names.joined(separator: ",") + "\n")
        case .table:
            var columns: [TextTable.Column] = [.init("id", alignRight: true), .init("date"), .init("type")]
            if withDistance { columns.append(.init("km", alignRight: true)) }
            columns += [.init("location"), .init("actor1"), .init("deaths", alignRight: true), .init("lat", alignRight: true),
                        .init("lon", alignRight: true)]
            columns += extraColumns.map { TextTable.Column($0) }
            table = TextTable(columns: columns)
        }
    }

    /// Writes one incident; `extra` holds JSON-ready values for `extraColumns`, in order
    /// (`"null"`, numbers, or JSON strings as produced by `TextEscaping.jsonString`).
    public func write(_ incident: Incident, distanceMeters: Double? = nil, extra: [String] = []) throws {
        switch format {
        case .geojson, .geojsonl:
            try features?.write { appendFeature(incident, distanceMeters, extra, into: &$0) }
        case .csv:
            try sink.append { encodeRecord(incident, distanceMeters: distanceMeters, extra: extra, into: &$0) }
        case .acled:
            let cells = ACLEDColumns.values(of: incident, precision: precision)
            try sink.write(cells.map(TextEscaping.csvField).joined(separator: ",") + "\n")
        case .table:
            var cells = [String(incident.id ?? 0), incident.eventDate,
                         incident.subEventType.isEmpty ? incident.eventType : incident.subEventType]
            if withDistance { cells.append(String(format: "%.2f", (distanceMeters ?? 0) / 1000)) }
            cells += [incident.location, incident.actor1, String(incident.fatalities),
                      DecimalText.fixed(incident.coordinate.latitude, digits: 5), DecimalText.fixed(incident.coordinate.longitude, digits: 5)]
            cells += extra.map(Self.plainText)
            table?.append(cells)
        case .json:
            break
        }
        count += 1
    }

    /// True when each incident is one self-contained record (a GeoJSON Feature, a GeoJSON Lines
    /// line, a CSV line) that `encodeRecord` can produce apart from the stream and
    /// `writeRecord` can put in later, in any order the caller chooses (see `RankedRecordSpill`).
    public var writesSeparateRecords: Bool { format == .geojson || format == .geojsonl || format == .csv }

    /// Appends the record of one incident to `buffer`, with no separator before it or line
    /// end after it for GeoJSON (a Feature), with its newline for CSV. Only for formats with
    /// `writesSeparateRecords`; the others append nothing.
    public func encodeRecord(_ incident: Incident, distanceMeters: Double? = nil, extra: [String] = [], into buffer: inout [UInt8]) {
        appendRecord(incident, distanceMeters, extra, into: &buffer)
    }

    /// `encodeRecord`, into an `OutputBytes` (a server page).
    public func encodeRecord(_ incident: Incident, distanceMeters: Double? = nil, extra: [String] = [], into buffer: inout OutputBytes) {
        appendRecord(incident, distanceMeters, extra, into: &buffer)
    }

    private func appendRecord<Output: ByteAppending>(_ incident: Incident, _ distanceMeters: Double?, _ extra: [String], into buffer: inout Output) {
        switch format {
        case .geojson, .geojsonl:
            appendFeature(incident, distanceMeters, extra, into: &buffer)
        case .csv:
            var cells = [
                String(incident.id ?? 0), incident.sourceKey, incident.eventDate, incident.eventType, incident.subEventType,
                incident.actor1, incident.actor2, incident.location, incident.admin1, incident.admin2,
                fixed(incident.coordinate.latitude), fixed(incident.coordinate.longitude),
                String(incident.geoPrecision.level), String(incident.timePrecision), String(incident.fatalities),
                incident.source, incident.notes,
            ]
            if withDistance { cells.append(DecimalText.fixed(distanceMeters ?? 0, digits: 2)) }
            cells += extra.map(Self.plainText)
            JSONBytes.raw(cells.map(TextEscaping.csvField).joined(separator: ",") + "\n", into: &buffer)
        case .acled, .table, .json:
            break
        }
    }

    /// Writes a record made by `encodeRecord` (of this writer's format), with the separator
    /// the stream needs before it.
    public func writeRecord(_ record: UnsafeRawBufferPointer) throws {
        if let features {
            try features.write(encoded: record)
        } else {
            try sink.append { $0.append(contentsOf: record) }
        }
        count += 1
    }

    /// Writes what comes after the last incident and flushes. `members` are extra top-level
    /// members of a GeoJSON FeatureCollection (name, JSON value), e.g. `numberMatched`.
    public func end(members: [(name: String, json: String)] = []) throws {
        switch format {
        case .geojson, .geojsonl: try features?.end(members: members)
        case .table:
            try sink.write((table?.render() ?? "") + "\(count) incident\(count == 1 ? "" : "s")\n")
        case .csv, .acled, .json: break
        }
        try sink.flush()
    }

    /// How many incidents were written.
    public var written: Int { count }

    /// Appends the GeoJSON Feature of `fields` (no separator) to `buffer`: the same bytes as
    /// `encodeRecord` of the incident the fields come from, in a GeoJSON format without extra
    /// columns (the server's pages).
    public func encodeFeature(_ fields: IncidentFeatureFields, distanceMeters: Double? = nil, into buffer: inout [UInt8]) {
        appendFeature(fields, distanceMeters, into: &buffer)
    }

    /// `encodeFeature`, into an `OutputBytes` (a server page).
    public func encodeFeature(_ fields: IncidentFeatureFields, distanceMeters: Double? = nil, into buffer: inout OutputBytes) {
        appendFeature(fields, distanceMeters, into: &buffer)
    }

    /// Appends one Feature (no separator) to `buffer`: `extra` holds the values of
    /// `extraColumns`, in order.
    private func appendFeature<Output: ByteAppending, Source: IncidentFeatureSource>(
        _ incident: Source, _ distanceMeters: Double?, _ extra: [String] = [], into buffer: inout Output
    ) {
        var feature = FeatureJSON(digits: precision)
        feature.begin(id: incident.featureID, into: &buffer)
        feature.point(incident.coordinate, into: &buffer)
        incident.eventDate.append(under: keys.eventDate, to: &feature, into: &buffer)
        incident.eventType.append(under: keys.eventType, to: &feature, into: &buffer)
        incident.subEventType.append(under: keys.subEventType, to: &feature, into: &buffer)
        incident.actor1.append(under: keys.actor1, to: &feature, into: &buffer)
        incident.actor2.append(under: keys.actor2, to: &feature, into: &buffer)
        incident.location.append(under: keys.location, to: &feature, into: &buffer)
        incident.admin1.append(under: keys.admin1, to: &feature, into: &buffer)
        incident.admin2.append(under: keys.admin2, to: &feature, into: &buffer)
        feature.property(keys.geoPrecision, incident.geoPrecisionLevel, into: &buffer)
        feature.property(keys.timePrecision, incident.timePrecision, into: &buffer)
        feature.property(keys.fatalities, incident.fatalities, into: &buffer)
        incident.source.append(under: keys.source, to: &feature, into: &buffer)
        incident.notes.append(under: keys.notes, to: &feature, into: &buffer)
        incident.sourceKey.append(under: keys.sourceKey, to: &feature, into: &buffer)
        if withDistance { feature.property(keys.distance, distanceMeters ?? 0, digits: 2, into: &buffer) }
        for (name, value) in zip(extraColumns, extra) { feature.property(name, json: value, into: &buffer) }
        feature.end(into: &buffer)
    }

    /// The incident properties' keys, encoded once for the process; a writer holds them so a
    /// feature reads them without the lazy global's check per key.
    private let keys = Keys.encoded

    /// The incident properties' keys.
    private struct Keys {
        static let encoded = Keys()
        let eventDate = FeatureJSON.Key("event_date")
        let eventType = FeatureJSON.Key("event_type")
        let subEventType = FeatureJSON.Key("sub_event_type")
        let actor1 = FeatureJSON.Key("actor1")
        let actor2 = FeatureJSON.Key("actor2")
        let location = FeatureJSON.Key("location")
        let admin1 = FeatureJSON.Key("admin1")
        let admin2 = FeatureJSON.Key("admin2")
        let geoPrecision = FeatureJSON.Key("geo_precision")
        let timePrecision = FeatureJSON.Key("time_precision")
        let fatalities = FeatureJSON.Key("fatalities")
        let source = FeatureJSON.Key("source")
        let notes = FeatureJSON.Key("notes")
        let sourceKey = FeatureJSON.Key("source_key")
        let distance = FeatureJSON.Key("distance_m")
    }

    private func fixed(_ value: Double) -> String { DecimalText.fixed(value, digits: precision) }

    /// A JSON-ready value as plain text for CSV and tables (`null` → empty, strings unquoted).
    private static func plainText(_ json: String) -> String {
        if json == "null" { return "" }
        guard json.hasPrefix("\""), let data = json.data(using: .utf8),
              let text = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) as? String else { return json }
        return text
    }
}

import AtlasGeo
import AtlasModel
import Foundation
import GRDB

/// The mapping between `Incident` and the `incident` table, in one place.
enum IncidentColumns {
    /// The stored columns in the order `values(of:)` binds them (geometry last).
    static let names = [
        "source_key", "event_date", "date_end", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "admin3", "location",
        "place_id", "geo_precision", "precision_scheme", "precision_code", "fatalities", "source", "source_scale",
        "notes", "tags", "upstream_timestamp", "attributes", "report_id", "geom",
    ]

    /// `SELECT` list reading every column, `id` first.
    static let selectList = "id, " + names.joined(separator: ", ")

    /// Values to bind, in `names` order; the geometry as a SpatiaLite point blob.
    static func values(of incident: Incident) -> StatementArguments {
        [
            incident.sourceKey, incident.eventDate, incident.dateEnd, incident.timePrecision, incident.disorderType,
            incident.eventType, incident.subEventType, incident.actor1, incident.assocActor1, incident.actor2,
            incident.assocActor2, incident.country, incident.admin1, incident.admin2, incident.admin3, incident.location,
            incident.placeID, incident.geoPrecision.level, incident.geoPrecision.scheme, incident.geoPrecision.code,
            incident.fatalities, incident.source, incident.sourceScale, incident.notes, incident.tags,
            incident.upstreamTimestamp, attributesJSON(incident.attributes), incident.reportID,
            SpatiaLitePoint.blob(incident.coordinate),
        ]
    }

    /// The parameter (1-based, in `names` order) of each text field of `IncidentBatch`.
    private static let textParameters: [Int32] = IncidentBatch.TextField.allCases.map { field in
        let column: String
        switch field {
        case .sourceKey: column = "source_key"
        case .eventDate: column = "event_date"
        case .dateEnd: column = "date_end"
        case .disorderType: column = "disorder_type"
        case .eventType: column = "event_type"
        case .subEventType: column = "sub_event_type"
        case .actor1: column = "actor1"
        case .assocActor1: column = "assoc_actor_1"
        case .actor2: column = "actor2"
        case .assocActor2: column = "assoc_actor_2"
        case .country: column = "country"
        case .admin1: column = "admin1"
        case .admin2: column = "admin2"
        case .admin3: column = "admin3"
        case .location: column = "location"
        case .precisionScheme: column = "precision_scheme"
        case .source: column = "source"
        case .sourceScale: column = "source_scale"
        case .notes: column = "notes"
        case .tags: column = "tags"
        case .attributes: column = "attributes"
        }
        return Int32(names.firstIndex(of: column).map { $0 + 1 } ?? 0)
    }

    /// Binds row `row` of `batch` to parameters 1…29 of `statement`, in `names` order, and runs
    /// it. The texts are bound where they lie in the batch, without copies.
    ///
    /// - returns: what `FastStatement.run()` returns.
    @discardableResult
    static func bindAndRun(_ batch: IncidentBatch, row: Int, to statement: FastStatement, blob: inout [UInt8]) throws -> Int64? {
        let values = batch.numbers[row]
        func integer(_ index: Int32, _ value: Int64?) { if let value { statement.bind(index, value) } else { statement.bindNull(index) } }
        statement.bind(4, values.timePrecision); integer(17, values.placeID); statement.bind(18, values.geoLevel)
        statement.bind(20, values.geoCode); statement.bind(21, values.fatalities); integer(26, values.upstreamTimestamp)
        integer(28, values.reportID)
        SpatiaLitePoint.write(values.coordinate, into: &blob)
        statement.bind(29, blob: blob)
        return try batch.bytes.withUnsafeBufferPointer { bytes in
            for field in IncidentBatch.textFields {
                let (start, count) = batch.span(field, row: row)
                let parameter = textParameters[field.rawValue]
                if count < 0 {
                    statement.bindNull(parameter)
                } else if let base = bytes.baseAddress {
                    statement.bind(parameter, utf8: base + start, count: count)
                } else {
                    statement.bind(parameter, "")
                }
            }
            return try statement.run()
        }
    }

    /// Decodes a row selected with `selectList`.
    ///
    /// - throws: `StoreError.invalidValue` if the geometry is not a point blob.
    static func incident(from row: Row) throws -> Incident {
        try incident(from: row, withAttributes: true)
    }

    /// Decodes a row selected with `selectList`; `withAttributes: false` leaves the upstream
    /// extra columns undecoded (only ACLED output needs them, and JSON decoding is a large
    /// share of an export's time).
    static func incident(from row: Row, withAttributes: Bool) throws -> Incident {
        // By position (`selectList` order: id, then `names`): GRDB's lookup by name compares
        // lower-cased names and cost a fifth of a large export.
        let blob: Data? = row[29]
        guard let blob, let coordinate = SpatiaLitePoint.coordinate(from: blob) else {
            throw StoreError.invalidValue("incident \(row[0] as Int64? ?? -1): geometry is not a point")
        }
        let level: Int = row[18]
        return Incident(
            id: row[0], sourceKey: row[1], eventDate: row[2], dateEnd: row[3], timePrecision: row[4],
            disorderType: row[5], eventType: row[6], subEventType: row[7], actor1: row[8], assocActor1: row[9],
            actor2: row[10], assocActor2: row[11], country: row[12], admin1: row[13], admin2: row[14], admin3: row[15],
            location: row[16], placeID: row[17], coordinate: coordinate,
            geoPrecision: GeoPrecision(level: level, scheme: row[19], code: row[20] ?? level),
            fatalities: row[21], source: row[22], sourceScale: row[23], notes: row[24], tags: row[25],
            upstreamTimestamp: row[26], attributes: withAttributes ? attributes(fromJSON: row[27]) : [:], reportID: row[28])
    }

    /// Decodes the current row of `statement`, which selected `selectList`: the same mapping as
    /// `incident(from:withAttributes:)` without building a GRDB `Row` (streaming output of a
    /// million rows spends most of its time there otherwise).
    ///
    /// - throws: `StoreError.invalidValue` if the geometry is not a point blob.
    static func incident(from statement: FastStatement, withAttributes: Bool) throws -> Incident {
        let id = statement.int64(0)
        guard let coordinate = SpatiaLitePoint.coordinate(from: statement.blob(29)) else {
            throw StoreError.invalidValue("incident \(id): geometry is not a point")
        }
        func text(_ column: Int32) -> String { statement.text(column) }
        let level = Int(statement.int64(18))
        return Incident(
            id: id, sourceKey: text(1), eventDate: text(2), dateEnd: statement.optionalText(3),
            timePrecision: Int(statement.int64(4)), disorderType: text(5), eventType: text(6),
            subEventType: text(7), actor1: text(8), assocActor1: text(9), actor2: text(10), assocActor2: text(11),
            country: text(12), admin1: text(13), admin2: text(14), admin3: text(15), location: text(16),
            placeID: statement.optionalInt64(17), coordinate: coordinate,
            geoPrecision: GeoPrecision(level: level, scheme: text(19), code: statement.optionalInt64(20).map { Int($0) } ?? level),
            fatalities: Int(statement.int64(21)), source: text(22), sourceScale: text(23), notes: text(24), tags: text(25),
            upstreamTimestamp: statement.optionalInt64(26),
            attributes: withAttributes ? attributes(fromJSON: statement.optionalText(27)) : [:],
            reportID: statement.optionalInt64(28))
    }

    /// Attributes as a JSON object with sorted keys (stable text, so "unchanged" is detectable).
    static func attributesJSON(_ attributes: [String: String]) -> String {
        FlatJSON.object(attributes)
    }

    /// Attributes from their JSON text; an unreadable text gives no attributes.
    static func attributes(fromJSON text: String?) -> [String: String] {
        guard let text, text != "{}" else { return [:] }
        return FlatJSON.parse(text) ?? [:]
    }
}

import AtlasGeo
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

    /// Binds `incident` to parameters 1…29 of `statement`, in `names` order. `attributesJSON`,
    /// when given, is `attributesJSON(incident.attributes)` computed ahead (imports do it on
    /// their parsing thread, off the writer's).
    static func bind(_ incident: Incident, to statement: FastStatement, blob: inout [UInt8], attributesJSON json: String? = nil) {
        func text(_ index: Int32, _ value: String?) { if let value { statement.bind(index, value) } else { statement.bindNull(index) } }
        func integer(_ index: Int32, _ value: Int64?) { if let value { statement.bind(index, value) } else { statement.bindNull(index) } }
        text(1, incident.sourceKey); text(2, incident.eventDate); text(3, incident.dateEnd)
        statement.bind(4, incident.timePrecision); text(5, incident.disorderType); text(6, incident.eventType)
        text(7, incident.subEventType); text(8, incident.actor1); text(9, incident.assocActor1); text(10, incident.actor2)
        text(11, incident.assocActor2); text(12, incident.country); text(13, incident.admin1); text(14, incident.admin2)
        text(15, incident.admin3); text(16, incident.location); integer(17, incident.placeID)
        statement.bind(18, incident.geoPrecision.level); text(19, incident.geoPrecision.scheme)
        statement.bind(20, incident.geoPrecision.code); statement.bind(21, incident.fatalities); text(22, incident.source)
        text(23, incident.sourceScale); text(24, incident.notes); text(25, incident.tags); integer(26, incident.upstreamTimestamp)
        text(27, json ?? attributesJSON(incident.attributes)); integer(28, incident.reportID)
        SpatiaLitePoint.write(incident.coordinate, into: &blob)
        statement.bind(29, blob: blob)
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

import AtlasImport
import AtlasGeo
import AtlasModel
import AtlasQuery
import Foundation
import GRDB

/// One stored column of `incident` besides `id`. Its raw value is both its position in
/// `IncidentColumns.selectList` (where `id` is 0) and its parameter number in the insert and
/// update statements, so binders and decoders name columns instead of counting them.
enum IncidentColumn: Int32, CaseIterable {
    case sourceKey = 1, eventDate, dateEnd, timePrecision, disorderType, eventType, subEventType
    case actor1, assocActor1, actor2, assocActor2, country, admin1, admin2, admin3, location
    case placeID, geoPrecision, precisionScheme, precisionCode, fatalities, source, sourceScale
    case notes, tags, upstreamTimestamp, attributes, reportID, geom

    /// The column's SQL name.
    var name: String {
        switch self {
        case .sourceKey: return "source_key"
        case .eventDate: return "event_date"
        case .dateEnd: return "date_end"
        case .timePrecision: return "time_precision"
        case .disorderType: return "disorder_type"
        case .eventType: return "event_type"
        case .subEventType: return "sub_event_type"
        case .actor1: return "actor1"
        case .assocActor1: return "assoc_actor_1"
        case .actor2: return "actor2"
        case .assocActor2: return "assoc_actor_2"
        case .country: return "country"
        case .admin1: return "admin1"
        case .admin2: return "admin2"
        case .admin3: return "admin3"
        case .location: return "location"
        case .placeID: return "place_id"
        case .geoPrecision: return "geo_precision"
        case .precisionScheme: return "precision_scheme"
        case .precisionCode: return "precision_code"
        case .fatalities: return "fatalities"
        case .source: return "source"
        case .sourceScale: return "source_scale"
        case .notes: return "notes"
        case .tags: return "tags"
        case .upstreamTimestamp: return "upstream_timestamp"
        case .attributes: return "attributes"
        case .reportID: return "report_id"
        case .geom: return "geom"
        }
    }
}

/// The mapping between `Incident` and the `incident` table, in one place.
enum IncidentColumns {
    /// The stored columns in parameter order (geometry last).
    static let names = IncidentColumn.allCases.map(\.name)

    /// `SELECT` list reading every column, `id` first.
    static let selectList = "id, " + names.joined(separator: ", ")

    /// Binds `incident` to parameters 1…29 of `statement` (`IncidentColumn` order) and runs it;
    /// returns what `FastStatement.run()` returns.
    @discardableResult
    static func bindAndRun(_ incident: Incident, to statement: FastStatement) throws -> Int64? {
        func text(_ column: IncidentColumn, _ value: String?) {
            if let value { statement.bind(column.rawValue, value) } else { statement.bindNull(column.rawValue) }
        }
        func integer(_ column: IncidentColumn, _ value: Int64?) {
            if let value { statement.bind(column.rawValue, value) } else { statement.bindNull(column.rawValue) }
        }
        text(.sourceKey, incident.sourceKey); text(.eventDate, incident.eventDate); text(.dateEnd, incident.dateEnd)
        integer(.timePrecision, Int64(incident.timePrecision)); text(.disorderType, incident.disorderType)
        text(.eventType, incident.eventType); text(.subEventType, incident.subEventType)
        text(.actor1, incident.actor1); text(.assocActor1, incident.assocActor1); text(.actor2, incident.actor2)
        text(.assocActor2, incident.assocActor2); text(.country, incident.country); text(.admin1, incident.admin1)
        text(.admin2, incident.admin2); text(.admin3, incident.admin3); text(.location, incident.location)
        integer(.placeID, incident.placeID); integer(.geoPrecision, Int64(incident.geoPrecision.level))
        text(.precisionScheme, incident.geoPrecision.scheme); integer(.precisionCode, Int64(incident.geoPrecision.code))
        integer(.fatalities, Int64(incident.fatalities)); text(.source, incident.source); text(.sourceScale, incident.sourceScale)
        text(.notes, incident.notes); text(.tags, incident.tags); integer(.upstreamTimestamp, incident.upstreamTimestamp)
        text(.attributes, attributesJSON(incident.attributes)); integer(.reportID, incident.reportID)
        statement.bind(IncidentColumn.geom.rawValue, blob: [UInt8](SpatiaLitePoint.blob(incident.coordinate)))
        return try statement.run()
    }

    /// The column of each text field of `IncidentBatch`.
    private static let textColumns: [IncidentColumn] = IncidentBatch.TextField.allCases.map { field in
        switch field {
        case .sourceKey: return .sourceKey
        case .eventDate: return .eventDate
        case .dateEnd: return .dateEnd
        case .disorderType: return .disorderType
        case .eventType: return .eventType
        case .subEventType: return .subEventType
        case .actor1: return .actor1
        case .assocActor1: return .assocActor1
        case .actor2: return .actor2
        case .assocActor2: return .assocActor2
        case .country: return .country
        case .admin1: return .admin1
        case .admin2: return .admin2
        case .admin3: return .admin3
        case .location: return .location
        case .precisionScheme: return .precisionScheme
        case .source: return .source
        case .sourceScale: return .sourceScale
        case .notes: return .notes
        case .tags: return .tags
        case .attributes: return .attributes
        }
    }

    /// Binds row `row` of `batch` to parameters 1…29 of `statement` (`IncidentColumn` order)
    /// and runs it. The texts are bound where they lie in the batch, without copies.
    ///
    /// - returns: what `FastStatement.run()` returns.
    @discardableResult
    static func bindAndRun(_ batch: IncidentBatch, row: Int, to statement: FastStatement, blob: inout [UInt8]) throws -> Int64? {
        let values = batch.numbers[row]
        func integer(_ column: IncidentColumn, _ value: Int64?) {
            if let value { statement.bind(column.rawValue, value) } else { statement.bindNull(column.rawValue) }
        }
        integer(.timePrecision, Int64(values.timePrecision)); integer(.placeID, values.placeID)
        integer(.geoPrecision, Int64(values.geoLevel)); integer(.precisionCode, Int64(values.geoCode))
        integer(.fatalities, Int64(values.fatalities)); integer(.upstreamTimestamp, values.upstreamTimestamp)
        integer(.reportID, values.reportID)
        SpatiaLitePoint.write(values.coordinate, into: &blob)
        statement.bind(IncidentColumn.geom.rawValue, blob: blob)
        return try batch.bytes.withUnsafeBufferPointer { bytes in
            for field in IncidentBatch.textFields {
                let (start, count) = batch.span(field, row: row)
                let parameter = textColumns[field.rawValue].rawValue
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

    /// Decodes the current row of `statement`, which selected `selectList`.
    ///
    /// `withAttributes: false` leaves the upstream extra columns undecoded (only ACLED output
    /// needs them, and JSON decoding is a large share of an export's time).
    ///
    /// - throws: `StoreError.invalidValue` if the geometry is not a point blob.
    static func incident(from statement: FastStatement, withAttributes: Bool = true) throws -> Incident {
        let id = statement.int64(0)
        guard let coordinate = SpatiaLitePoint.coordinate(from: statement.blob(IncidentColumn.geom.rawValue)) else {
            throw StoreError.invalidValue("incident \(id): geometry is not a point")
        }
        func text(_ column: IncidentColumn) -> String { statement.text(column.rawValue) }
        func optionalText(_ column: IncidentColumn) -> String? { statement.optionalText(column.rawValue) }
        func integer(_ column: IncidentColumn) -> Int { Int(statement.int64(column.rawValue)) }
        func optionalInteger(_ column: IncidentColumn) -> Int64? { statement.optionalInt64(column.rawValue) }
        let level = integer(.geoPrecision)
        return Incident(
            id: id, sourceKey: text(.sourceKey), eventDate: text(.eventDate), dateEnd: optionalText(.dateEnd),
            timePrecision: integer(.timePrecision), disorderType: text(.disorderType), eventType: text(.eventType),
            subEventType: text(.subEventType), actor1: text(.actor1), assocActor1: text(.assocActor1), actor2: text(.actor2),
            assocActor2: text(.assocActor2), country: text(.country), admin1: text(.admin1), admin2: text(.admin2),
            admin3: text(.admin3), location: text(.location), placeID: optionalInteger(.placeID), coordinate: coordinate,
            geoPrecision: GeoPrecision(level: level, scheme: text(.precisionScheme), code: optionalInteger(.precisionCode).map { Int($0) } ?? level),
            fatalities: integer(.fatalities), source: text(.source), sourceScale: text(.sourceScale), notes: text(.notes),
            tags: text(.tags), upstreamTimestamp: optionalInteger(.upstreamTimestamp),
            attributes: withAttributes ? attributes(fromJSON: optionalText(.attributes)) : [:],
            reportID: optionalInteger(.reportID))
    }

    /// `SELECT` list of the columns a GeoJSON Feature shows, read by `featureFields(from:)`:
    /// `id`, then `featureColumns` in order (half the columns, so half SQLite's column work).
    static let featureSelectList = "id, " + featureColumns.map(\.name).joined(separator: ", ")

    /// The columns of `featureSelectList` after `id`, in order.
    private static let featureColumns: [IncidentColumn] = [
        .geom, .geoPrecision, .timePrecision, .fatalities, .eventDate, .eventType, .subEventType,
        .actor1, .actor2, .location, .admin1, .admin2, .source, .notes, .sourceKey,
    ]

    /// The Feature fields of the current row of `statement` (which selects
    /// `featureSelectList`), its text borrowed from SQLite until the statement steps again; the
    /// same values `incident(from:)` decodes.
    ///
    /// - throws: `StoreError.invalidValue` if the geometry is not a point.
    static func featureFields(from statement: FastStatement) throws -> IncidentFeatureFields {
        let id = statement.int64(0)
        guard let coordinate = SpatiaLitePoint.coordinate(from: statement.blob(1)) else {
            throw StoreError.invalidValue("incident \(id): geometry is not a point")
        }
        var fields = IncidentFeatureFields(id: id, coordinate: coordinate, geoPrecision: Int(statement.int64(2)),
                                           timePrecision: Int(statement.int64(3)), fatalities: Int(statement.int64(4)))
        fields.eventDate = statement.textBytes(5)
        fields.eventType = statement.textBytes(6)
        fields.subEventType = statement.textBytes(7)
        fields.actor1 = statement.textBytes(8)
        fields.actor2 = statement.textBytes(9)
        fields.location = statement.textBytes(10)
        fields.admin1 = statement.textBytes(11)
        fields.admin2 = statement.textBytes(12)
        fields.source = statement.textBytes(13)
        fields.notes = statement.textBytes(14)
        fields.sourceKey = statement.textBytes(15)
        return fields
    }

    /// The incident of the first row `sql` (which selects `selectList`) returns with `arguments`
    /// bound, or nil.
    static func first(in db: Database, sql: String, arguments: [(any DatabaseValueConvertible)?]) throws -> Incident? {
        let statement = try FastStatement(db, sql: sql)
        statement.bind(arguments)
        var found: Incident?
        try statement.forEachRowWhile { row in
            found = try incident(from: row)
            return false
        }
        return found
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

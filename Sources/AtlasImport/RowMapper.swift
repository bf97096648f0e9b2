import AtlasGeo
import AtlasModel

/// One import row as an incident.
package struct MappedRow {
    /// The incident; its `attributes` may be left empty: `attributesJSON` holds them.
    package var incident: Incident
    /// The row's coordinate; nil means "place it by its location".
    package var coordinate: Coordinate?
    /// The unmapped columns as the JSON text `incident.attributes` is stored as.
    package var attributesJSON: String
}

/// Turns import rows into incidents.
package protocol RowMapper {
    /// Columns with a field of their own in `Incident`; the others go to `attributes`.
    static var mapped: [ImportColumn] { get }
    /// Validates `row` and adds it to `batch`, or throws a `RowError` and leaves `batch` as it was.
    func append(_ row: ImportRow, to batch: inout IncidentBatch) throws
}

/// A mapper that builds an `Incident` per row (formats read by the thousand, not the million).
package protocol IncidentRowMapper: RowMapper {
    /// The incident for `row`, or a `RowError`.
    func incident(from row: ImportRow) throws -> MappedRow
}

package extension IncidentRowMapper {
    func append(_ row: ImportRow, to batch: inout IncidentBatch) throws {
        let mapped = try incident(from: row)
        batch.append(mapped.incident, attributesJSON: mapped.attributesJSON, line: row.line, needsPlace: mapped.coordinate == nil)
    }
}

/// Rows of an ACLED CSV export.
package struct ACLEDRowMapper: RowMapper {
    /// Event type checks already made in this file.
    package let eventTypes = EventTypeMemo()
    /// ACLED's export columns, in its order; also the column order `ACLEDWriter` writes.
    package static let columns = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]
    /// Columns with a field of their own in `Incident`; the others go to `attributes`.
    package static let mapped: [ImportColumn] = [
        .eventIDCnty, .eventDate, .timePrecision, .disorderType, .eventType, .subEventType, .actor1,
        .assocActor1, .actor2, .assocActor2, .country, .admin1, .admin2, .admin3, .location, .latitude,
        .longitude, .geoPrecision, .source, .sourceScale, .notes, .fatalities, .tags, .timestamp,
    ]

    /// Validates the row first and then copies its texts into `batch` as bytes: ACLED files
    /// are the ones with millions of rows (see `IncidentBatch`).
    package func append(_ row: ImportRow, to batch: inout IncidentBatch) throws {
        let date = try row.date(.eventDate)
        if row.isEmpty(.eventType) { _ = try row.required(.eventType) }
        let (eventType, subEventType) = try eventTypes.resolve(eventType: row.bytes(.eventType), subEventType: row.bytes(.subEventType))
        let coordinate = try row.coordinate()
        let precision = try row.integer(.geoPrecision, in: 1...3, default: 1)
        var timestamp: Int64?
        if !row.isEmpty(.timestamp) {
            guard let value = Int64(row[.timestamp]) else { throw RowError(field: "timestamp", reason: "'\(InputExcerpt.of(row[.timestamp]))' is not a whole number") }
            timestamp = value
        }
        let timePrecision = try row.integer(.timePrecision, in: 1...3, default: 1)
        let fatalities = try row.integer(.fatalities, in: 0...Int(Int32.max), default: 0)
        let eventDate = date.description
        batch.startRow()
        if row.isEmpty(.eventIDCnty) {
            batch.setText(.sourceKey, ContentKey.of([eventDate, eventType, subEventType, row[.actor1], row[.actor2],
                                                     row[.location], row[.latitude], row[.longitude], row[.notes]]))
        } else {
            row.copy(.eventIDCnty, to: .sourceKey, of: &batch)
        }
        batch.setText(.eventDate, eventDate)
        row.copy(.disorderType, to: .disorderType, of: &batch)
        batch.setText(.eventType, eventType)
        batch.setText(.subEventType, subEventType)
        let copied: [(IncidentBatch.TextField, ImportColumn)] = Self.copiedTexts
        for (field, column) in copied { row.copy(column, to: field, of: &batch) }
        batch.setText(.precisionScheme, "acled")
        batch.setText(.attributes) { row.appendUnmappedAttributesJSON(to: &$0) }
        batch.finishRow(IncidentBatch.Numbers(
            line: row.line, needsPlace: coordinate == nil, coordinate: coordinate ?? Coordinate(latitude: 0, longitude: 0),
            timePrecision: timePrecision, geoLevel: precision, geoCode: precision, fatalities: fatalities,
            upstreamTimestamp: timestamp))
    }

    /// Texts stored as the file has them (trimmed).
    private static let copiedTexts: [(IncidentBatch.TextField, ImportColumn)] = [
        (.actor1, .actor1), (.assocActor1, .assocActor1), (.actor2, .actor2), (.assocActor2, .assocActor2),
        (.country, .country), (.admin1, .admin1), (.admin2, .admin2), (.admin3, .admin3), (.location, .location),
        (.source, .source), (.sourceScale, .sourceScale), (.notes, .notes), (.tags, .tags),
    ]
}

/// Rows of UCDP GED CSV.
package struct UCDPRowMapper: IncidentRowMapper {
    package static let mapped: [ImportColumn] = [
        .id, .dateStart, .dateEnd, .datePrec, .wherePrec, .typeOfViolence, .sideA, .sideB, .best,
        .sourceArticle, .adm1, .adm2, .whereCoordinates, .country, .latitude, .longitude,
    ]

    package func incident(from row: ImportRow) throws -> MappedRow {
        let id = try row.required(.id)
        let start = try row.date(.dateStart)
        let end = row[.dateEnd].isEmpty ? nil : try row.date(.dateEnd)
        if let end, end < start { throw RowError(field: "date_end", reason: "\(end) is before date_start \(start)") }
        let datePrecision = try row.integer(.datePrec, in: 1...5, default: 1)
        let wherePrecision = try row.integer(.wherePrec, in: 1...7, default: 1)
        let violence = try row.integer(.typeOfViolence, in: 1...3)
        let (eventType, subEventType) = violence == 3
            ? ("Violence against civilians", "Attack") : ("Battles", "Armed clash")
        var attributes = row.unmappedAttributes()
        attributes["type_of_violence"] = String(violence)
        attributes["date_prec"] = String(datePrecision)
        let coordinate = try row.coordinate()
        let incident = Incident(
            sourceKey: "ucdp:\(id)", eventDate: start.description, dateEnd: end?.description,
            timePrecision: datePrecision == 1 ? 1 : datePrecision <= 3 ? 2 : 3,
            eventType: eventType, subEventType: subEventType, actor1: row[.sideA], actor2: row[.sideB],
            country: row[.country], admin1: Self.stripKind(row[.adm1]), admin2: Self.stripKind(row[.adm2]),
            location: row[.whereCoordinates], coordinate: coordinate ?? Coordinate(latitude: 0, longitude: 0),
            geoPrecision: GeoPrecision.ucdp(wherePrecision) ?? GeoPrecision(level: 3, scheme: "ucdp", code: wherePrecision),
            fatalities: try row.integer(.best, in: 0...Int(Int32.max), default: 0),
            source: row[.sourceArticle], attributes: attributes)
        return MappedRow(incident: incident, coordinate: coordinate, attributesJSON: FlatJSON.object(attributes))
    }

    /// UCDP writes "Aleppo governorate", "Jabal Saman district": keep the name.
    package static func stripKind(_ text: String) -> String {
        for suffix in [" governorate", " province", " district", " subdistrict", " nahiya"] where text.lowercased().hasSuffix(suffix) {
            return String(text.dropLast(suffix.count))
        }
        return text
    }
}

/// Rows of the project's own CSV.
package struct ProjectRowMapper: IncidentRowMapper {
    /// Event type checks already made in this file.
    package let eventTypes = EventTypeMemo()
    /// The columns `atlas export --format csv` writes and this format reads.
    package static let mapped: [ImportColumn] = [
        .id, .sourceKey, .eventDate, .eventType, .subEventType, .actor1, .actor2, .location, .admin1, .admin2,
        .latitude, .longitude, .geoPrecision, .timePrecision, .fatalities, .source, .notes, .distanceM,
    ]

    package func incident(from row: ImportRow) throws -> MappedRow {
        let date = try row.date(.eventDate)
        let (eventType, subEventType) = try eventTypes.resolve(eventType: try row.required(.eventType), subEventType: row[.subEventType])
        let coordinate = try row.coordinate()
        if coordinate == nil && row[.location].isEmpty {
            throw RowError(field: "latitude", reason: "no coordinates and no location to place the incident by")
        }
        let precision = try row.integer(.geoPrecision, in: 1...3, default: 1)
        var incident = Incident(
            sourceKey: row[.sourceKey], eventDate: date.description,
            timePrecision: try row.integer(.timePrecision, in: 1...3, default: 1),
            eventType: eventType, subEventType: subEventType, actor1: row[.actor1], actor2: row[.actor2],
            admin1: row[.admin1], admin2: row[.admin2], location: row[.location],
            coordinate: coordinate ?? Coordinate(latitude: 0, longitude: 0),
            geoPrecision: GeoPrecision(level: precision, scheme: coordinate == nil ? "gazetteer" : "acled", code: precision),
            fatalities: try row.integer(.fatalities, in: 0...Int(Int32.max), default: 0),
            source: row[.source], notes: row[.notes])
        if incident.sourceKey.isEmpty {
            incident.sourceKey = ContentKey.of([incident.eventDate, eventType, subEventType, incident.actor1, incident.actor2,
                                                incident.location, row[.latitude], row[.longitude], incident.notes])
        }
        return MappedRow(incident: incident, coordinate: coordinate, attributesJSON: row.unmappedAttributesJSON())
    }
}

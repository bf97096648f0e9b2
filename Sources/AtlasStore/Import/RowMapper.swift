import AtlasGeo

/// Turns one import row into an incident. A nil coordinate means "place it by its location".
protocol RowMapper {
    /// Columns with a field of their own in `Incident`; the others go to `attributes`.
    static var mapped: Set<String> { get }
    /// The incident for `row`, its coordinate possibly unknown (nil), or a `RowError`.
    func incident(from row: ImportRow) throws -> (Incident, Coordinate?)
}

/// Rows of an ACLED CSV export.
struct ACLEDRowMapper: RowMapper {
    /// ACLED's export columns, in its order; also the column order `ACLEDWriter` writes.
    static let columns = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]
    /// Columns with a field of their own in `Incident`; the others go to `attributes`.
    static let mapped: Set<String> = [
        "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]

    func incident(from row: ImportRow) throws -> (Incident, Coordinate?) {
        let date = try row.date("event_date")
        let (eventType, subEventType) = try EventTypeCheck.resolve(eventType: try row.required("event_type"), subEventType: row["sub_event_type"])
        let coordinate = try row.coordinate()
        let precision = try row.integer("geo_precision", in: 1...3, default: 1)
        var timestamp: Int64?
        if !row["timestamp"].isEmpty {
            guard let value = Int64(row["timestamp"]) else { throw RowError(field: "timestamp", reason: "'\(row["timestamp"])' is not a whole number") }
            timestamp = value
        }
        let key = row["event_id_cnty"].isEmpty ? nil : row["event_id_cnty"]
        var incident = Incident(
            sourceKey: key ?? "", eventDate: date.description,
            timePrecision: try row.integer("time_precision", in: 1...3, default: 1),
            disorderType: row["disorder_type"], eventType: eventType, subEventType: subEventType,
            actor1: row["actor1"], assocActor1: row["assoc_actor_1"], actor2: row["actor2"], assocActor2: row["assoc_actor_2"],
            country: row["country"], admin1: row["admin1"], admin2: row["admin2"], admin3: row["admin3"], location: row["location"],
            coordinate: coordinate ?? Coordinate(latitude: 0, longitude: 0),
            geoPrecision: GeoPrecision(level: precision, scheme: "acled", code: precision),
            fatalities: try row.integer("fatalities", in: 0...Int(Int32.max), default: 0),
            source: row["source"], sourceScale: row["source_scale"], notes: row["notes"], tags: row["tags"],
            upstreamTimestamp: timestamp, attributes: row.unmappedAttributes())
        if key == nil {
            incident.sourceKey = ContentKey.of([incident.eventDate, eventType, subEventType, incident.actor1, incident.actor2,
                                                incident.location, row["latitude"], row["longitude"], incident.notes])
        }
        return (incident, coordinate)
    }
}

/// Rows of UCDP GED CSV.
struct UCDPRowMapper: RowMapper {
    static let mapped: Set<String> = [
        "id", "date_start", "date_end", "date_prec", "where_prec", "type_of_violence", "side_a", "side_b", "best",
        "source_article", "adm_1", "adm_2", "where_coordinates", "country", "latitude", "longitude",
    ]

    func incident(from row: ImportRow) throws -> (Incident, Coordinate?) {
        let id = try row.required("id")
        let start = try row.date("date_start")
        let end = row["date_end"].isEmpty ? nil : try row.date("date_end")
        if let end, end < start { throw RowError(field: "date_end", reason: "\(end) is before date_start \(start)") }
        let datePrecision = try row.integer("date_prec", in: 1...5, default: 1)
        let wherePrecision = try row.integer("where_prec", in: 1...7, default: 1)
        let violence = try row.integer("type_of_violence", in: 1...3)
        let (eventType, subEventType) = violence == 3
            ? ("Violence against civilians", "Attack") : ("Battles", "Armed clash")
        var attributes = row.unmappedAttributes()
        attributes["type_of_violence"] = String(violence)
        attributes["date_prec"] = String(datePrecision)
        let coordinate = try row.coordinate()
        let incident = Incident(
            sourceKey: "ucdp:\(id)", eventDate: start.description, dateEnd: end?.description,
            timePrecision: datePrecision == 1 ? 1 : datePrecision <= 3 ? 2 : 3,
            eventType: eventType, subEventType: subEventType, actor1: row["side_a"], actor2: row["side_b"],
            country: row["country"], admin1: Self.stripKind(row["adm_1"]), admin2: Self.stripKind(row["adm_2"]),
            location: row["where_coordinates"], coordinate: coordinate ?? Coordinate(latitude: 0, longitude: 0),
            geoPrecision: GeoPrecision.ucdp(wherePrecision) ?? GeoPrecision(level: 3, scheme: "ucdp", code: wherePrecision),
            fatalities: try row.integer("best", in: 0...Int(Int32.max), default: 0),
            source: row["source_article"], attributes: attributes)
        return (incident, coordinate)
    }

    /// UCDP writes "Aleppo governorate", "Jabal Saman district": keep the name.
    static func stripKind(_ text: String) -> String {
        for suffix in [" governorate", " province", " district", " subdistrict", " nahiya"] where text.lowercased().hasSuffix(suffix) {
            return String(text.dropLast(suffix.count))
        }
        return text
    }
}

/// Rows of the project's own CSV.
struct ProjectRowMapper: RowMapper {
    /// The columns `atlas export --format csv` writes and this format reads.
    static let mapped: Set<String> = [
        "id", "source_key", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "admin2",
        "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes", "distance_m",
    ]

    func incident(from row: ImportRow) throws -> (Incident, Coordinate?) {
        let date = try row.date("event_date")
        let (eventType, subEventType) = try EventTypeCheck.resolve(eventType: try row.required("event_type"), subEventType: row["sub_event_type"])
        let coordinate = try row.coordinate()
        if coordinate == nil && row["location"].isEmpty {
            throw RowError(field: "latitude", reason: "no coordinates and no location to place the incident by")
        }
        let precision = try row.integer("geo_precision", in: 1...3, default: 1)
        var incident = Incident(
            sourceKey: row["source_key"], eventDate: date.description,
            timePrecision: try row.integer("time_precision", in: 1...3, default: 1),
            eventType: eventType, subEventType: subEventType, actor1: row["actor1"], actor2: row["actor2"],
            admin1: row["admin1"], admin2: row["admin2"], location: row["location"],
            coordinate: coordinate ?? Coordinate(latitude: 0, longitude: 0),
            geoPrecision: GeoPrecision(level: precision, scheme: coordinate == nil ? "gazetteer" : "acled", code: precision),
            fatalities: try row.integer("fatalities", in: 0...Int(Int32.max), default: 0),
            source: row["source"], notes: row["notes"], attributes: row.unmappedAttributes())
        if incident.sourceKey.isEmpty {
            incident.sourceKey = ContentKey.of([incident.eventDate, eventType, subEventType, incident.actor1, incident.actor2,
                                                incident.location, row["latitude"], row["longitude"], incident.notes])
        }
        return (incident, coordinate)
    }
}

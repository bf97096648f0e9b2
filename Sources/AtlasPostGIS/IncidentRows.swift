import AtlasGeo
import AtlasModel
import PostgresNIO

/// The mapping between `Incident` and the `incident` table, in one place: the select list a
/// row is decoded from, and the column list and values a row is written with.
enum IncidentRows {
    /// Every column for `Incident`, `id` first, the position last (longitude, latitude).
    static let selectList = """
        i.id, i.source_key, i.event_date, i.date_end, i.time_precision, i.disorder_type, i.event_type, \
        i.sub_event_type, i.actor1, i.assoc_actor_1, i.actor2, i.assoc_actor_2, i.country, i.admin1, i.admin2, \
        i.admin3, i.location, i.place_id, i.geo_precision, i.precision_scheme, i.precision_code, i.fatalities, \
        i.source, i.source_scale, i.notes, i.tags, i.upstream_timestamp, i.attributes, i.report_id, \
        ST_X(i.geom), ST_Y(i.geom)
        """

    /// The written columns, in the order `appendValues` binds them.
    static let writtenColumns = """
        source_key, event_date, date_end, time_precision, disorder_type, event_type, sub_event_type, actor1, \
        assoc_actor_1, actor2, assoc_actor_2, country, admin1, admin1_key, admin2, admin3, location, place_id, \
        geo_precision, precision_scheme, precision_code, fatalities, source, source_scale, notes, tags, \
        upstream_timestamp, attributes, report_id, geom
        """

    /// Appends `(v1, v2, …)` for `incident`, every value bound; the point is built from its
    /// longitude and latitude (that order) in SRID 4326.
    ///
    /// - parameters:
    ///   - admin1Key: the folded governorate (`NameFolding.key` of `admin1`).
    ///   - open: false when the caller already opened the parenthesis (with an id before).
    static func appendValues(_ incident: Incident, admin1Key: String, to sql: inout BoundSQL, open: Bool = true) {
        if open { sql.append("(") }
        sql.bind(incident.sourceKey); sql.append(", ")
        sql.bind(incident.eventDate); sql.append(", ")
        sql.bind(incident.dateEnd); sql.append("::text, ")
        sql.bind(Int64(incident.timePrecision)); sql.append(", ")
        sql.bind(incident.disorderType); sql.append(", ")
        sql.bind(incident.eventType); sql.append(", ")
        sql.bind(incident.subEventType); sql.append(", ")
        sql.bind(incident.actor1); sql.append(", ")
        sql.bind(incident.assocActor1); sql.append(", ")
        sql.bind(incident.actor2); sql.append(", ")
        sql.bind(incident.assocActor2); sql.append(", ")
        sql.bind(incident.country); sql.append(", ")
        sql.bind(incident.admin1); sql.append(", ")
        sql.bind(admin1Key); sql.append(", ")
        sql.bind(incident.admin2); sql.append(", ")
        sql.bind(incident.admin3); sql.append(", ")
        sql.bind(incident.location); sql.append(", ")
        sql.bind(incident.placeID); sql.append("::bigint, ")
        sql.bind(Int64(incident.geoPrecision.level)); sql.append(", ")
        sql.bind(incident.geoPrecision.scheme); sql.append(", ")
        sql.bind(Int64(incident.geoPrecision.code)); sql.append(", ")
        sql.bind(Int64(incident.fatalities)); sql.append(", ")
        sql.bind(incident.source); sql.append(", ")
        sql.bind(incident.sourceScale); sql.append(", ")
        sql.bind(incident.notes); sql.append(", ")
        sql.bind(incident.tags); sql.append(", ")
        sql.bind(incident.upstreamTimestamp); sql.append("::bigint, ")
        sql.bind(FlatJSON.object(incident.attributes)); sql.append(", ")
        sql.bind(incident.reportID); sql.append("::bigint, ST_SetSRID(ST_MakePoint(")
        sql.bind(incident.coordinate.longitude); sql.append(", ")
        sql.bind(incident.coordinate.latitude); sql.append("), 4326))")
    }

    /// Decodes a row that selected `selectList`.
    ///
    /// - parameter withAttributes: decode the upstream extra columns (only ACLED output needs them).
    /// - throws: a postgres-nio decoding error if a column has another type.
    static func incident(from row: PostgresRow, withAttributes: Bool = true) throws -> Incident {
        let cells = row.makeRandomAccess()
        func text(_ index: Int) throws -> String { try cells[index].decode(String.self) }
        func optionalText(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }
        func integer(_ index: Int) throws -> Int { try cells[index].decode(Int.self) }
        func optionalInteger(_ index: Int) throws -> Int64? { try cells[index].decode(Int64?.self) }
        let level = try integer(18)
        return Incident(
            id: try cells[0].decode(Int64.self), sourceKey: try text(1), eventDate: try text(2), dateEnd: try optionalText(3),
            timePrecision: try integer(4), disorderType: try text(5), eventType: try text(6), subEventType: try text(7),
            actor1: try text(8), assocActor1: try text(9), actor2: try text(10), assocActor2: try text(11),
            country: try text(12), admin1: try text(13), admin2: try text(14), admin3: try text(15), location: try text(16),
            placeID: try optionalInteger(17),
            coordinate: Coordinate(latitude: try cells[30].decode(Double.self), longitude: try cells[29].decode(Double.self)),
            geoPrecision: GeoPrecision(level: level, scheme: try text(19), code: try optionalInteger(20).map { Int($0) } ?? level),
            fatalities: try integer(21), source: try text(22), sourceScale: try text(23), notes: try text(24), tags: try text(25),
            upstreamTimestamp: try optionalInteger(26),
            attributes: withAttributes ? attributes(fromJSON: try text(27)) : [:],
            reportID: try optionalInteger(28))
    }

    /// Attributes from their JSON text; an unreadable text gives no attributes (as in the
    /// SpatiaLite store).
    private static func attributes(fromJSON text: String) -> [String: String] {
        text == "{}" ? [:] : FlatJSON.parse(text) ?? [:]
    }
}

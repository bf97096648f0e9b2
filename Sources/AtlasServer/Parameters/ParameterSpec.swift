/// One query parameter an endpoint accepts: its name, what it means and its JSON schema. The
/// same value feeds the strict parser (which names are allowed) and the OpenAPI document, so
/// the document cannot describe a parameter the server refuses, nor miss one it takes.
struct ParameterSpec: Sendable {
    /// The name in the query string.
    var name: String
    /// What it does, for the OpenAPI document.
    var description: String
    /// Its OpenAPI 3.0 schema.
    var schema: JSONValue
    /// False for `bbox`, whose numbers are one comma-separated value (OpenAPI `explode: false`).
    var explode = true
    /// True when the endpoint answers 400 without it (`q` of a search, `by` of stats).
    var required = false

    /// The OpenAPI parameter object.
    var openAPI: JSONValue {
        .obj(["name": .string(name), "in": "query", "required": .bool(required), "description": .string(description),
              "style": "form", "explode": .bool(explode), "schema": schema])
    }
}

/// The parameters of every endpoint, by name.
enum ParameterCatalog {
    /// Largest `limit`.
    static let maximumLimit = 10_000
    /// `limit` when none is given.
    static let defaultLimit = 100

    /// `f`: the response format, overriding `Accept`.
    static func format(_ formats: [ResponseFormat]) -> ParameterSpec {
        ParameterSpec(name: "f", description: "Response format (overrides the Accept header): " + formats.map(\.rawValue).joined(separator: ", ") + ".",
                      schema: .obj(["type": "string", "enum": .array(formats.map { .string($0.rawValue) })]))
    }

    static let bbox = ParameterSpec(
        name: "bbox",
        description: "Only features inside this box: west,south,east,north in degrees (WGS84 longitude/latitude, CRS84); "
            + "west greater than east crosses the antimeridian. Edges count as inside.",
        schema: .obj(["type": "array", "minItems": 4, "maxItems": 4,
                      "items": .obj(["type": "number", "minimum": -180, "maximum": 180])]),
        explode: false)

    static let datetime = ParameterSpec(
        name: "datetime",
        description: "Only incidents on this date or in this interval (RFC 3339 dates or date-times): an instant "
            + "`2016-05-22`, a closed interval `2016-02-27/2016-03-31`, or half-open `2016-02-27/..` and `../2016-03-31`. "
            + "Incidents are dated to the day: a time of day keeps its whole day.",
        schema: .obj(["type": "string"]))

    static let limit = ParameterSpec(
        name: "limit",
        description: "At most this many features in the response (default \(defaultLimit)); follow the `next` link for more.",
        schema: .obj(["type": "integer", "minimum": 1, "maximum": .integer(maximumLimit), "default": .integer(defaultLimit)]))

    static let after = ParameterSpec(
        name: "after",
        description: "Paging cursor: only the features after this one in the answer's order. Set by the `next` link; "
            + "its form is `ID`, or `DISTANCE@ID` for answers ordered by distance.",
        schema: .obj(["type": "string", "pattern": "^([0-9.eE+-]+@)?[0-9]+$"]))

    static let before = ParameterSpec(
        name: "before",
        description: "Paging cursor: only the last `limit` features before this one in the answer's order (the page before it). "
            + "Set by the `prev` link; same form as `after`.",
        schema: .obj(["type": "string", "pattern": "^([0-9.eE+-]+@)?[0-9]+$"]))

    /// Paging over a list that is not incidents (places, regions): how many to skip.
    static let offset = ParameterSpec(
        name: "offset",
        description: "Skip this many features (set by the `next` and `prev` links).",
        schema: .obj(["type": "integer", "minimum": 0, "maximum": 100_000_000, "default": 0]))

    static let eventType = ParameterSpec(
        name: "event_type",
        description: "Only this ACLED event type, full name (`Explosions/Remote violence`) or short name (`explosions`).",
        schema: .obj(["type": "string", "minLength": 1]))

    static let subEventType = ParameterSpec(
        name: "sub_event_type",
        description: "Only this ACLED sub-event type, full name (`Shelling/artillery/missile attack`) or short name (`shelling`, `airstrike`).",
        schema: .obj(["type": "string", "minLength": 1]))

    static let actor = ParameterSpec(
        name: "actor",
        description: "Only incidents one of whose actors (actor1, actor2, associated actors) contains this text, ignoring case.",
        schema: .obj(["type": "string", "minLength": 1]))

    static let admin1 = ParameterSpec(
        name: "admin1",
        description: "Only incidents in this governorate: any spelling, GeoNames code or OCHA p-code (`Idlib`, `Idleb`, `SY07`).",
        schema: .obj(["type": "string", "minLength": 1]))

    static let geoPrecision = ParameterSpec(
        name: "geo_precision",
        description: "Only incidents located at least this precisely (ACLED scale: 1 exact place, 2 near, 3 region).",
        schema: .obj(["type": "integer", "minimum": 1, "maximum": 3]))

    static let source = ParameterSpec(
        name: "source",
        description: "Only incidents whose source contains this text, ignoring case.",
        schema: .obj(["type": "string", "minLength": 1]))

    static let near = ParameterSpec(
        name: "near",
        description: "Vendor parameter. Only incidents within `km` (WGS84 geodesic distance) of `LAT,LON` or of a place "
            + "named in any spelling (the gazetteer's best match), nearest first, each with `distance_m`.",
        schema: .obj(["type": "string", "minLength": 1]))

    static let km = ParameterSpec(
        name: "km",
        description: "Vendor parameter. The radius of `near`, in kilometres (default 10).",
        schema: .obj(["type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": 20_000]))

    static let within = ParameterSpec(
        name: "within",
        description: "Vendor parameter. Only incidents inside this region: a loaded boundary (collection `regions`), "
            + "else the governorate of that name.",
        schema: .obj(["type": "string", "minLength": 1]))

    /// The incident filters shared by items, clusters and stats.
    static let incidentFilters = [bbox, datetime, eventType, subEventType, actor, admin1, geoPrecision, source, near, km, within]

    /// `/collections/incidents/items`.
    static let incidentItems = incidentFilters + [limit, after, before, format([.json, .html, .csv])]
}

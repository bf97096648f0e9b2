/// The OGC API – Features documents that describe the service: landing page, conformance,
/// collections. Plain values built from the base URL; the routes render them as JSON or HTML.
enum ServiceDocuments {
    /// The conformance classes the server implements.
    static func conformanceClasses(writesEnabled: Bool) -> [String] {
        var classes = [
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        ]
        if writesEnabled { classes.append("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete") }
        return classes
    }

    static let title = "IncidentAtlas"
    static let description = "Conflict and ceasefire incidents, the gazetteer of places they are located by, and named regions."

    /// The landing page `/`.
    static func landing(_ base: BaseURL) -> JSONValue {
        .obj(["title": .string(title), "description": .string(description), "links": .array([
            Link(href: base.url("/"), rel: "self", type: MediaTypes.json, title: "This document").json,
            Link(href: base.url("/", query: [("f", "html")]), rel: "alternate", type: "text/html", title: "This document as HTML").json,
            Link(href: base.url("/api"), rel: "service-desc", type: MediaTypes.openAPI, title: "The API definition (OpenAPI 3.0)").json,
            Link(href: base.url("/conformance"), rel: "conformance", type: MediaTypes.json, title: "Conformance classes").json,
            Link(href: base.url("/collections"), rel: "data", type: MediaTypes.json, title: "Collections").json,
        ])])
    }

    /// `/conformance`.
    static func conformance(writesEnabled: Bool) -> JSONValue {
        .obj(["conformsTo": .array(conformanceClasses(writesEnabled: writesEnabled).map { .string($0) })])
    }

    /// `/collections/{id}`.
    static func collection(_ collection: CollectionID, _ base: BaseURL) -> JSONValue {
        let path = "/collections/\(collection.rawValue)"
        return .obj([
            "id": .string(collection.rawValue), "title": .string(collection.title), "description": .string(collection.description),
            "links": .array([
                Link(href: base.url(path), rel: "self", type: MediaTypes.json, title: "This collection").json,
                Link(href: base.url(path, query: [("f", "html")]), rel: "alternate", type: "text/html", title: "This collection as HTML").json,
                Link(href: base.url(path + "/items"), rel: "items", type: MediaTypes.geoJSON, title: "\(collection.title) as GeoJSON").json,
                Link(href: base.url(path + "/items", query: [("f", "html")]), rel: "items", type: "text/html", title: "\(collection.title) as HTML").json,
                Link(href: base.url(path + "/items", query: [("f", "csv")]), rel: "items", type: "text/csv", title: "\(collection.title) as CSV").json,
            ]),
            "extent": .obj([
                "spatial": .obj(["bbox": [[-180, -90, 180, 90]], "crs": .string(crs84)]),
                "temporal": .obj(["interval": [[.null, .null]], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"]),
            ]),
            "itemType": "feature",
            "crs": [.string(crs84)],
            "storageCrs": .string(crs84),
        ])
    }

    /// `/collections`.
    static func collections(_ base: BaseURL) -> JSONValue {
        .obj([
            "links": .array([
                Link(href: base.url("/collections"), rel: "self", type: MediaTypes.json, title: "This document").json,
                Link(href: base.url("/collections", query: [("f", "html")]), rel: "alternate", type: "text/html", title: "This document as HTML").json,
            ]),
            "collections": .array(CollectionID.allCases.map { collection($0, base) }),
        ])
    }

    /// WGS84 longitude/latitude, the only CRS served.
    static let crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
}

/// The collections the server publishes.
enum CollectionID: String, Sendable, CaseIterable {
    case incidents, places, regions

    var title: String {
        switch self {
        case .incidents: return "Incidents"
        case .places: return "Places"
        case .regions: return "Regions"
        }
    }

    var description: String {
        switch self {
        case .incidents: return "Conflict incidents with ACLED-compatible fields, located as points (WGS84)."
        case .places: return "The gazetteer: towns, neighbourhoods, airports and bases, with every spelling."
        case .regions: return "Named areas loaded with `atlas regions load` (governorate boundaries, user areas)."
        }
    }
}

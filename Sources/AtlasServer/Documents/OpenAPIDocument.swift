import AtlasModel
/// The OpenAPI 3.0 document served at `/api`: every path the router serves, with the parameters
/// from the same `ParameterSpec` lists the handlers validate against, and every response
/// (errors are the `Problem` schema). schemathesis checks the server against it in the tests.
enum OpenAPIDocument {
    /// The document for a server at `base`; the write operations appear only when writes are on.
    static func build(base: BaseURL, writesEnabled: Bool) -> JSONValue {
        var paths: [(String, JSONValue)] = [
            ("/", .obj(["get": operation("getLandingPage", "The landing page: links to the API definition, conformance and collections.",
                                         tag: "Capabilities", parameters: [ParameterCatalog.format([.json, .html])],
                                         ok: documentContent("LandingPage", html: true))])),
            ("/conformance", .obj(["get": operation("getConformance", "The conformance classes the server implements.", tag: "Capabilities",
                                                    parameters: [ParameterCatalog.format([.json, .html])],
                                                    ok: documentContent("ConfClasses", html: true))])),
            ("/api", .obj(["get": operation("getAPI", "This document.", tag: "Capabilities", parameters: [ParameterCatalog.format([.json])],
                                            ok: .obj([MediaTypes.openAPI: .obj(["schema": .obj(["type": "object"])])]))])),
            ("/collections", .obj(["get": operation("getCollections", "The collections: incidents, places, regions.", tag: "Capabilities",
                                                    parameters: [ParameterCatalog.format([.json, .html])],
                                                    ok: documentContent("Collections", html: true))])),
            ("/collections/{collectionId}", .obj(["get": operation(
                "describeCollection", "One collection's description.", tag: "Capabilities",
                parameters: [ParameterCatalog.format([.json, .html])], pathParameters: [collectionIDParameter],
                ok: documentContent("Collection", html: true))])),
            ("/collections/incidents/items", .object(itemsOperations(writesEnabled: writesEnabled))),
            ("/collections/incidents/items/{featureId}", .object(itemOperations(writesEnabled: writesEnabled))),
            ("/collections/incidents/clusters", .obj(["get": operation(
                "getIncidentClusters", "Vendor extension. DBSCAN clusters of the selected incidents: one Feature per cluster, "
                    + "its convex hull as geometry, with size, core count, first and last date, fatalities and top locations, types and actors.",
                tag: "Incidents", parameters: AnalysisController.clusterParameters,
                ok: featureContent(csv: true, html: false))])),
            ("/collections/incidents/stats", .obj(["get": operation(
                "getIncidentStats", "Vendor extension. Incident counts and fatalities per group of the selected incidents.",
                tag: "Incidents", parameters: AnalysisController.statsParameters,
                ok: .obj([MediaTypes.json: schemaRef("Stats"), "text/csv": textSchema]))])),
            ("/collections/incidents/grid", .obj(["get": operation(
                "getIncidentGrid", "Vendor extension. Counts of the selected incidents per grid cell: cells as [lon, lat, count] at the mean position of their incidents.",
                tag: "Incidents", parameters: GridController.gridParameters,
                ok: .obj([MediaTypes.json: .obj(["schema": .obj(["type": "object", "required": ["cell", "numberMatched", "cells"]])])]))])),
            ("/collections/places/items", .obj(["get": operation(
                "getPlaces", "Gazetteer places in id order.", tag: "Places", parameters: PlacesController.itemsParameters,
                ok: featureContent(csv: true, html: true))])),
            ("/collections/places/items/{featureId}", .obj(["get": operation(
                "getPlace", "One place by its gazetteer id.", tag: "Places", parameters: [ParameterCatalog.format([.json, .html])],
                pathParameters: [featureIDParameter("A gazetteer place id (GeoNames id or local id).")],
                ok: .obj([MediaTypes.geoJSON: schemaRef("Feature"), "text/html": textSchema]))])),
            ("/places/search", .obj(["get": operation(
                "searchPlaces", "Vendor extension. The gazetteer resolver: the best match for a name in any spelling first, then the "
                    + "alternatives it weighed, each with rank, score, match kind (exact, folded, fuzzy) and the spelling that matched.",
                tag: "Places", parameters: PlacesController.searchParameters,
                ok: featureContent(csv: true, html: false, schema: "PlainFeatureCollection"))])),
            ("/collections/regions/items", .obj(["get": operation(
                "getRegions", "Stored regions (MultiPolygons) in name order.", tag: "Regions", parameters: RegionsController.itemsParameters,
                ok: featureContent(csv: false, html: true))])),
            ("/collections/regions/items/{featureId}", .obj(["get": operation(
                "getRegion", "One region by name.", tag: "Regions", parameters: [ParameterCatalog.format([.json, .html])],
                pathParameters: [featureIDParameter("The region's name (any case and spelling that folds the same).")],
                ok: .obj([MediaTypes.geoJSON: schemaRef("Feature"), "text/html": textSchema]))])),
        ]
        paths.sort { $0.0 < $1.0 }
        var components: [(String, JSONValue)] = [("schemas", schemas)]
        if writesEnabled {
            components.append(("securitySchemes", .obj(["bearerToken": .obj(["type": "http", "scheme": "bearer"])])))
        }
        return .obj([
            "openapi": "3.0.3",
            "info": .obj(["title": .string(ServiceDocuments.title), "version": "1.0.0", "description": .string(ServiceDocuments.description)]),
            "servers": [.obj(["url": .string(base.prefix)])],
            "tags": [.obj(["name": "Capabilities"]), .obj(["name": "Incidents"]), .obj(["name": "Places"]), .obj(["name": "Regions"])],
            "paths": .object(paths),
            "components": .object(components),
        ])
    }

    // MARK: - Operations

    private static func itemsOperations(writesEnabled: Bool) -> [(String, JSONValue)] {
        var operations: [(String, JSONValue)] = [("get", operation(
            "getIncidents",
            "Incidents matching every parameter given, in id order (nearest first with `near`), one page at a time: "
                + "follow the `next` link. `ETag` and `Last-Modified` change when the incidents do.",
            tag: "Incidents", parameters: ParameterCatalog.incidentItems, ok: featureContent(csv: true, html: true),
            okHeaders: true, notModified: true))]
        if writesEnabled {
            operations.append(("post", writeOperation(
                "createIncidents",
                "Adds or updates incidents (idempotent by source_key) through the same importer and validation as `atlas import`: "
                    + "a GeoJSON Feature or FeatureCollection, or ACLED CSV. Rejected rows are listed, not stored.",
                requestBody: .obj(["required": true, "content": .obj([
                    MediaTypes.geoJSON: .obj(["schema": .obj(["type": "object"])]),
                    MediaTypes.json: .obj(["schema": .obj(["type": "object"])]),
                    "text/csv": .obj(["schema": .obj(["type": "string"])]),
                ])]),
                ok: ("201", "The import report.", .obj([MediaTypes.json: schemaRef("ImportReport")])))))
        }
        return operations
    }

    private static func itemOperations(writesEnabled: Bool) -> [(String, JSONValue)] {
        let idParameter = featureIDParameter("An incident id (a whole number).")
        var operations: [(String, JSONValue)] = [("get", operation(
            "getIncident", "One incident by id.", tag: "Incidents", parameters: [ParameterCatalog.format([.json, .html, .csv])],
            pathParameters: [idParameter],
            ok: .obj([MediaTypes.geoJSON: schemaRef("Feature"), "text/html": textSchema, "text/csv": textSchema])))]
        if writesEnabled {
            var delete = writeOperation("deleteIncident", "Deletes one incident.", requestBody: nil,
                                        ok: ("204", "Deleted.", nil))
            if case let .object(pairs) = delete {
                delete = .object(pairs + [("parameters", .array([idParameter]))])
            }
            operations.append(("delete", delete))
        }
        return operations
    }

    /// A GET operation: `ok` is the 200 content; every error is a problem document.
    private static func operation(_ id: String, _ summary: String, tag: String, parameters: [ParameterSpec],
                                  pathParameters: [JSONValue] = [], ok: JSONValue, okHeaders: Bool = false,
                                  notModified: Bool = false) -> JSONValue {
        var success: [(String, JSONValue)] = [("description", "The answer."), ("content", ok)]
        if okHeaders {
            success.append(("headers", .obj([
                "ETag": .obj(["description": "Changes with the incident generation of the store.", "schema": .obj(["type": "string"])]),
                "Last-Modified": .obj(["description": "When the server first saw the incidents as they are.", "schema": .obj(["type": "string"])]),
            ])))
        }
        var responses: [(String, JSONValue)] = [("200", .object(success))]
        if notModified { responses.append(("304", .obj(["description": "Not modified since the ETag given in If-None-Match."]))) }
        responses += problemResponses
        return .obj([
            "operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
            "parameters": .array(pathParameters + parameters.map(\.openAPI)),
            "responses": .object(responses),
        ])
    }

    /// A write operation: bearer token required.
    private static func writeOperation(_ id: String, _ summary: String, requestBody: JSONValue?,
                                       ok: (status: String, description: String, content: JSONValue?)) -> JSONValue {
        var success: [(String, JSONValue)] = [("description", .string(ok.description))]
        if let content = ok.content { success.append(("content", content)) }
        var pairs: [(String, JSONValue)] = [
            ("operationId", .string(id)), ("summary", .string(summary)), ("tags", ["Incidents"]),
            ("security", [.obj(["bearerToken": []])]),
        ]
        if let requestBody { pairs.append(("requestBody", requestBody)) }
        pairs.append(("responses", .object([(ok.status, .object(success))] + problemResponses)))
        return .object(pairs)
    }

    /// Every error: a problem document, whatever the status.
    private static let problemResponses: [(String, JSONValue)] = [
        ("400", problem("A parameter or body the server cannot use; the detail names it.")),
        ("404", problem("No such resource.")),
        ("default", problem("Any other error (401, 405, 413, 414, 503, 500), as a problem document.")),
    ]

    private static func problem(_ description: String) -> JSONValue {
        .obj(["description": .string(description), "content": .obj([MediaTypes.problem: schemaRef("Problem")])])
    }

    private static let collectionIDParameter: JSONValue = .obj([
        "name": "collectionId", "in": "path", "required": true, "description": "The collection.",
        "schema": .obj(["type": "string", "enum": .array(CollectionID.allCases.map { .string($0.rawValue) })]),
    ])

    private static func featureIDParameter(_ description: String) -> JSONValue {
        .obj(["name": "featureId", "in": "path", "required": true, "description": .string(description), "schema": .obj(["type": "string"])])
    }

    private static func documentContent(_ schema: String, html: Bool) -> JSONValue {
        var content: [(String, JSONValue)] = [(MediaTypes.json, schemaRef(schema))]
        if html { content.append(("text/html", textSchema)) }
        return .object(content)
    }

    private static func featureContent(csv: Bool, html: Bool, schema: String = "FeatureCollection") -> JSONValue {
        var content: [(String, JSONValue)] = [(MediaTypes.geoJSON, schemaRef(schema))]
        if html { content.append(("text/html", textSchema)) }
        if csv { content.append(("text/csv", textSchema)) }
        return .object(content)
    }

    private static func schemaRef(_ name: String) -> JSONValue { .obj(["schema": .obj(["$ref": .string("#/components/schemas/\(name)")])]) }

    private static let textSchema: JSONValue = .obj(["schema": .obj(["type": "string"])])

    // MARK: - Schemas

    private static let linkRef: JSONValue = .obj(["$ref": "#/components/schemas/Link"])
    private static let linksSchema: JSONValue = .obj(["type": "array", "items": linkRef])

    private static let schemas: JSONValue = .obj([
        "Problem": .obj([
            "type": "object", "required": ["type", "title", "status", "detail"],
            "properties": .obj(["type": .obj(["type": "string"]), "title": .obj(["type": "string"]),
                                "status": .obj(["type": "integer"]), "detail": .obj(["type": "string"])]),
        ]),
        "Link": .obj([
            "type": "object", "required": ["href", "rel"],
            "properties": .obj(["href": .obj(["type": "string"]), "rel": .obj(["type": "string"]),
                                "type": .obj(["type": "string"]), "title": .obj(["type": "string"])]),
        ]),
        "LandingPage": .obj([
            "type": "object", "required": ["links"],
            "properties": .obj(["title": .obj(["type": "string"]), "description": .obj(["type": "string"]), "links": linksSchema]),
        ]),
        "ConfClasses": .obj([
            "type": "object", "required": ["conformsTo"],
            "properties": .obj(["conformsTo": .obj(["type": "array", "items": .obj(["type": "string"])])]),
        ]),
        "Collections": .obj([
            "type": "object", "required": ["links", "collections"],
            "properties": .obj(["links": linksSchema,
                                "collections": .obj(["type": "array", "items": .obj(["$ref": "#/components/schemas/Collection"])])]),
        ]),
        "Collection": .obj([
            "type": "object", "required": ["id", "links"],
            "properties": .obj([
                "id": .obj(["type": "string"]), "title": .obj(["type": "string"]), "description": .obj(["type": "string"]),
                "links": linksSchema, "extent": .obj(["type": "object"]), "itemType": .obj(["type": "string"]),
                "crs": .obj(["type": "array", "items": .obj(["type": "string"])]), "storageCrs": .obj(["type": "string"]),
            ]),
        ]),
        "Geometry": .obj([
            "type": "object", "required": ["type", "coordinates"],
            "properties": .obj([
                "type": .obj(["type": "string", "enum": ["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"]]),
                "coordinates": .obj(["type": "array"]),
            ]),
        ]),
        "Feature": .obj([
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": .obj([
                "type": .obj(["type": "string", "enum": ["Feature"]]),
                "id": .obj(["oneOf": [.obj(["type": "string"]), .obj(["type": "integer"])]]),
                "geometry": .obj(["allOf": [.obj(["$ref": "#/components/schemas/Geometry"])], "nullable": true]),
                "properties": .obj(["type": "object", "nullable": true]),
                "links": linksSchema,
            ]),
        ]),
        "FeatureCollection": .obj([
            "type": "object", "required": ["type", "features"],
            "properties": .obj([
                "type": .obj(["type": "string", "enum": ["FeatureCollection"]]),
                "features": .obj(["type": "array", "items": .obj(["$ref": "#/components/schemas/Feature"])]),
                "numberMatched": .obj(["type": "integer", "minimum": 0]),
                "numberReturned": .obj(["type": "integer", "minimum": 0]),
                "timeStamp": .obj(["type": "string", "format": "date-time"]),
                "links": linksSchema,
            ]),
        ]),
        "PlainFeatureCollection": .obj([
            "type": "object", "required": ["type", "features"],
            "properties": .obj([
                "type": .obj(["type": "string", "enum": ["FeatureCollection"]]),
                "features": .obj(["type": "array", "items": .obj(["$ref": "#/components/schemas/Feature"])]),
            ]),
        ]),
        "Stats": .obj([
            "type": "object", "required": ["by", "numberMatched", "groups"],
            "properties": .obj([
                "by": .obj(["type": "string"]), "numberMatched": .obj(["type": "integer", "minimum": 0]),
                "groups": .obj(["type": "array", "items": .obj([
                    "type": "object", "required": ["key", "incidents", "fatalities"],
                    "properties": .obj(["key": .obj(["type": "string"]), "incidents": .obj(["type": "integer"]),
                                        "fatalities": .obj(["type": "integer"])]),
                ])]),
            ]),
        ]),
        "ImportReport": .obj([
            "type": "object", "required": ["read", "inserted", "updated", "unchanged", "rejections"],
            "properties": .obj([
                "read": .obj(["type": "integer"]), "inserted": .obj(["type": "integer"]), "updated": .obj(["type": "integer"]),
                "unchanged": .obj(["type": "integer"]), "ids": .obj(["type": "array", "items": .obj(["type": "integer"])]),
                "rejections": .obj(["type": "array", "items": .obj([
                    "type": "object",
                    "properties": .obj(["line": .obj(["type": "integer"]), "field": .obj(["type": "string"]), "reason": .obj(["type": "string"])]),
                ])]),
            ]),
        ]),
    ])
}

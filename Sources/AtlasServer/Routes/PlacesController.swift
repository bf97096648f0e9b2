import AtlasGeo
import AtlasModel
import AtlasQuery
import Hummingbird

/// `/collections/places/items`, `/collections/places/items/{featureId}` and `/places/search`:
/// the gazetteer as features, and its resolver with the alternatives it weighed.
struct PlacesController: Sendable {
    let state: ServerState

    static let itemsParameters = [ParameterCatalog.bbox, ParameterCatalog.limit, ParameterCatalog.offset,
                                  ParameterCatalog.format([.json, .html, .csv])]
    static let searchParameters = [
        ParameterSpec(name: "q", description: "A place name in any spelling or romanisation, in any script (required; a value without a letter or digit is answered 400).",
                      schema: .obj(["type": "string", "minLength": 1, "maxLength": 200]), required: true),
        ParameterSpec(name: "admin1", description: "Prefer places in this governorate (any spelling, code or p-code).",
                      schema: .obj(["type": "string", "minLength": 1])),
        ParameterSpec(name: "limit", description: "At most this many candidates (default 5): the best first, then its alternatives.",
                      schema: .obj(["type": "integer", "minimum": 1, "maximum": 50, "default": 5])),
        ParameterCatalog.format([.json, .csv]),
    ]
    static let path = "/collections/places/items"

    /// GET items: places in id order, `offset`/`limit` paged.
    func items(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Set(Self.itemsParameters.map(\.name)))
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html, .csv])
        let box = try parameters["bbox"].map(ParameterValues.bbox)
        let limit = try parameters["limit"].map { try ParameterValues.integer("limit", $0, in: 1...ParameterCatalog.maximumLimit) }
            ?? ParameterCatalog.defaultLimit
        let offset = try parameters["offset"].map { try ParameterValues.integer("offset", $0, in: 0...100_000_000) } ?? 0
        let gazetteer = state.backend.gazetteer
        let (page, matched) = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) {
            try gazetteer.places(in: box, offset: offset, limit: limit)
        }
        let links = ItemsLinks(base: BaseURL(request: request, fallback: state.fallbackBase), path: Self.path,
                               parameters: parameters["bbox"].map { [("bbox", $0)] } ?? [], limit: limit,
                               current: offset > 0 ? ("offset", String(offset)) : nil)
        let next = offset + page.count < matched ? ("offset", String(offset + page.count)) : nil
        let previous = offset > 0 ? ("offset", String(max(0, offset - limit))) : nil
        let pageLinks = links.links(format: format, next: next, previous: previous)
        switch format {
        case .csv:
            var text = "id,name,feature_code,country,admin1,admin1_name,population,latitude,longitude\n"
            for place in page {
                text += [String(place.id), place.name, "\(place.featureClass).\(place.featureCode)", place.country, place.admin1,
                         place.admin1Name ?? "", String(place.population), String(place.coordinate.latitude), String(place.coordinate.longitude)]
                    .map(TextEscaping.csvField).joined(separator: ",") + "\n"
            }
            return Responses.text(text, type: MediaTypes.csv)
        case .json, .html:
            let collection: JSONValue = .obj([
                "type": "FeatureCollection", "features": .array(page.map(Self.feature)),
                "numberMatched": .integer(matched), "numberReturned": .integer(page.count),
                "timeStamp": .string(FeaturePage.timeStamp()), "links": .array(pageLinks.map(\.json)),
            ])
            return Responses.document(collection, title: "Places", format: format, type: MediaTypes.geoJSON)
        }
    }

    /// GET one place by its gazetteer id.
    func item(_ request: Request, id text: String) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: ["f"])
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html])
        guard let id = FeatureID.incident(text) else { throw Problem.notFound("no place with id '\(QueryParameters.shown(text))'") }
        let gazetteer = state.backend.gazetteer
        guard let place = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit, {
            try gazetteer.place(id: id)
        }) else { throw Problem.notFound("no place with id \(id)") }
        return Responses.document(Self.feature(place), title: place.name, format: format, type: MediaTypes.geoJSON)
    }

    /// GET /places/search: the resolver's ranked candidates as GeoJSON (or CSV), written by
    /// the CLI's `PlaceMatchWriter` (rank, score, match kind, matched spelling).
    func search(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Set(Self.searchParameters.map(\.name)))
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .csv])
        guard let query = parameters["q"], !query.trimmingASCIISpaces().isEmpty else {
            throw Problem.badRequest("q is required: the place name to look up")
        }
        guard query.count <= 200 else { throw Problem.badRequest("q is longer than 200 characters") }
        let admin1 = parameters["admin1"]
        let limit = try parameters["limit"].map { try ParameterValues.integer("limit", $0, in: 1...50) } ?? 5
        let gazetteer = state.backend.gazetteer
        let bytes = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) { () -> [UInt8] in
            let matches: [PlaceMatch]
            do { matches = try gazetteer.find(query, in: admin1, limit: limit) } catch let error as GazetteerError {
                throw Problem.badRequest("\(error)")
            }
            return try WriterCapture.bytes { sink in
                try PlaceMatchWriter().write(matches, format: format == .csv ? .csv : .geojson, to: sink)
            }
        }
        return Responses.text(String(decoding: bytes, as: UTF8.self), type: format == .csv ? MediaTypes.csv : MediaTypes.geoJSON)
    }

    /// A place as a GeoJSON Feature.
    static func feature(_ place: Place) -> JSONValue {
        .obj([
            "type": "Feature", "id": .integer(Int(place.id)),
            "geometry": .obj(["type": "Point", "coordinates": [.number(place.coordinate.longitude), .number(place.coordinate.latitude)]]),
            "properties": .obj([
                "name": .string(place.name), "feature_code": .string("\(place.featureClass).\(place.featureCode)"),
                "country": .string(place.country), "admin1": .string(place.admin1),
                "admin1_name": place.admin1Name.map { .string($0) } ?? .null, "population": .integer(place.population),
                "source": .string(place.source),
            ]),
        ])
    }
}

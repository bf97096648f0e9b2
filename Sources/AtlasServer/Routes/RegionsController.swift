import AtlasGeo
import AtlasModel
import AtlasQuery
import Foundation
import Hummingbird

/// `/collections/regions/items` and `/collections/regions/items/{featureId}`: the stored named
/// areas, their names as feature ids.
struct RegionsController: Sendable {
    let state: ServerState

    static let itemsParameters = [ParameterCatalog.limit, ParameterCatalog.offset, ParameterCatalog.format([.json, .html])]
    static let path = "/collections/regions/items"

    func items(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Set(Self.itemsParameters.map(\.name)))
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html])
        let limit = try parameters["limit"].map { try ParameterValues.integer("limit", $0, in: 1...ParameterCatalog.maximumLimit) }
            ?? ParameterCatalog.defaultLimit
        let offset = try parameters["offset"].map { try ParameterValues.integer("offset", $0, in: 0...100_000_000) } ?? 0
        let store = state.backend.regions
        let (regions, matched) = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) {
            let names = try store.regionNames()
            let page = try names.dropFirst(offset).prefix(limit).compactMap { try store.region(named: $0) }
            return (page, names.count)
        }
        let links = ItemsLinks(base: BaseURL(request: request, fallback: state.fallbackBase), path: Self.path, parameters: [],
                               limit: limit, current: offset > 0 ? ("offset", String(offset)) : nil)
        let next = offset + regions.count < matched ? ("offset", String(offset + regions.count)) : nil
        let collection: JSONValue = .obj([
            "type": "FeatureCollection", "features": .array(regions.map(\.feature)),
            "numberMatched": .integer(matched), "numberReturned": .integer(regions.count),
            "timeStamp": .string(FeaturePage.timeStamp()),
            "links": .array(links.links(format: format, next: next).filter { !$0.href.contains("f=csv") }.map(\.json)),
        ])
        return Responses.document(collection, title: "Regions", format: format, type: MediaTypes.geoJSON)
    }

    func item(_ request: Request, id: String) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: ["f"])
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html])
        let name = id.removingPercentEncoding ?? id
        let regions = state.backend.regions
        guard let region = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit, {
            try regions.region(named: name)
        }) else { throw Problem.notFound("no region named '\(QueryParameters.shown(name))'") }
        return Responses.document(region.feature, title: region.name, format: format, type: MediaTypes.geoJSON)
    }
}

extension Region {
    /// A GeoJSON Feature with a MultiPolygon geometry, the name as id.
    var feature: JSONValue {
        func ring(_ points: [Coordinate]) -> JSONValue { .array(points.map { [.number($0.longitude), .number($0.latitude)] }) }
        let polygons: [JSONValue] = shape.polygons.map { .array(([$0.exterior] + $0.holes).map(ring)) }
        return .obj(["type": "Feature", "id": .string(name), "geometry": .obj(["type": "MultiPolygon", "coordinates": .array(polygons)]),
                     "properties": .obj(["name": .string(name)])])
    }
}

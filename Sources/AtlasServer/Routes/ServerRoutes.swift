import Hummingbird
import Logging

/// Every route of the server, in one place: the API's table of contents.
enum ServerRoutes {
    /// The router for `state`, with request logging and problem responses around every route.
    static func router(_ state: ServerState, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: ProblemMiddleware(logger: logger))

        let service = ServiceController(state: state)
        let map = MapController(state: state, assets: MapAssets.load())
        router.get("/") { request, _ in try map.landing(request) ?? service.landing(request) }
        router.get("/map") { _, _ in try map.page() }
        router.get("/map/config.json") { _, _ in map.configuration() }
        router.get("/map/:file") { _, context in try map.file(try context.parameters.require("file")) }
        router.get("/conformance") { request, _ in try service.conformance(request) }
        router.get("/api") { request, _ in try service.api(request) }
        router.get("/collections") { request, _ in try service.collections(request) }
        router.get("/collections/:collectionId") { request, context in
            try service.collection(request, id: try context.parameters.require("collectionId"))
        }

        let incidents = IncidentsController(state: state)
        let analysis = AnalysisController(state: state)
        router.get("/collections/incidents/items") { request, _ in try await incidents.items(request) }
        router.get("/collections/incidents/items/:featureId") { request, context in
            try await incidents.item(request, id: try context.parameters.require("featureId"))
        }
        let writes = IncidentWritesController(state: state)
        router.post("/collections/incidents/items") { request, _ in try await writes.create(request) }
        router.delete("/collections/incidents/items/:featureId") { request, context in
            try await writes.delete(request, id: try context.parameters.require("featureId"))
        }
        router.get("/collections/incidents/clusters") { request, _ in try await analysis.clusters(request) }
        router.get("/collections/incidents/stats") { request, _ in try await analysis.stats(request) }
        let grid = GridController(state: state)
        router.get("/collections/incidents/grid") { request, _ in try await grid.grid(request) }

        let places = PlacesController(state: state)
        router.get("/collections/places/items") { request, _ in try await places.items(request) }
        router.get("/collections/places/items/:featureId") { request, context in
            try await places.item(request, id: try context.parameters.require("featureId"))
        }
        router.get("/places/search") { request, _ in try await places.search(request) }

        let regions = RegionsController(state: state)
        router.get("/collections/regions/items") { request, _ in try await regions.items(request) }
        router.get("/collections/regions/items/:featureId") { request, context in
            try await regions.item(request, id: try context.parameters.require("featureId"))
        }
        return router
    }
}

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
        router.get("/") { request, _ in try service.landing(request) }
        router.get("/conformance") { request, _ in try service.conformance(request) }
        router.get("/api") { request, _ in try service.api(request) }
        router.get("/collections") { request, _ in try service.collections(request) }
        router.get("/collections/:collectionId") { request, context in
            try service.collection(request, id: try context.parameters.require("collectionId"))
        }

        let incidents = IncidentsController(state: state)
        router.get("/collections/incidents/items") { request, _ in try await incidents.items(request) }
        router.get("/collections/incidents/items/:featureId") { request, context in
            try await incidents.item(request, id: try context.parameters.require("featureId"))
        }
        return router
    }
}

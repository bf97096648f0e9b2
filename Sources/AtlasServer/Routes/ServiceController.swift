import Hummingbird

/// `/`, `/conformance`, `/api`, `/collections` and `/collections/{collectionId}`: the documents
/// that describe the service.
struct ServiceController: Sendable {
    let state: ServerState

    private static let documentFormats: [ResponseFormat] = [.json, .html]

    func landing(_ request: Request) throws -> Response {
        let format = try documentFormat(request)
        return Responses.document(ServiceDocuments.landing(base(request)), title: ServiceDocuments.title, format: format)
    }

    func conformance(_ request: Request) throws -> Response {
        let format = try documentFormat(request)
        return Responses.document(ServiceDocuments.conformance(writesEnabled: state.configuration.writesEnabled),
                                  title: "Conformance", format: format)
    }

    func api(_ request: Request) throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: ["f"])
        _ = try ResponseFormat.negotiate(parameters["f"], accept: nil, offered: [.json])
        return Responses.json(OpenAPIDocument.build(base: base(request), writesEnabled: state.configuration.writesEnabled),
                              type: MediaTypes.openAPI)
    }

    func collections(_ request: Request) throws -> Response {
        let format = try documentFormat(request)
        return Responses.document(ServiceDocuments.collections(base(request)), title: "Collections", format: format)
    }

    func collection(_ request: Request, id: String) throws -> Response {
        let format = try documentFormat(request)
        guard let collection = CollectionID(rawValue: id) else {
            throw Problem.notFound("no collection '\(QueryParameters.shown(id))'; collections: "
                + CollectionID.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return Responses.document(ServiceDocuments.collection(collection, base(request)), title: collection.title, format: format)
    }

    private func documentFormat(_ request: Request) throws -> ResponseFormat {
        let parameters = try QueryParameters(query: request.uri.query, allowed: ["f"])
        return try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: Self.documentFormats)
    }

    private func base(_ request: Request) -> BaseURL { BaseURL(request: request, fallback: state.fallbackBase) }
}

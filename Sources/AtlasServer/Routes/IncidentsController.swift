import AtlasModel
import AtlasQuery
import Foundation
import Hummingbird

/// `/collections/incidents/items` and `/collections/incidents/items/{featureId}`: incidents
/// selected by `ItemsRequest`, streamed through `FeaturePage`.
struct IncidentsController: Sendable {
    let state: ServerState

    /// The names `items` accepts.
    static let itemsParameters = Set(ParameterCatalog.incidentItems.map(\.name))

    /// The collection's items path.
    static let path = "/collections/incidents/items"

    /// GET items: one page of the selection. One worker job resolves the query, checks the
    /// client's cache validators and writes the page into a spool (memory, then an unlinked
    /// file past a few MiB), so the database is read at its own speed and released before the
    /// client reads; a page that fits in memory is answered with its length, a larger one is
    /// streamed from the spool.
    func items(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Self.itemsParameters)
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html, .csv])
        let items = try ItemsRequest(parameters, paged: true)
        let backend = state.backend
        let clock = state.generations
        let links = ItemsLinks(base: BaseURL(request: request, fallback: state.fallbackBase), path: Self.path,
                               parameters: items.linkParameters, limit: items.limit,
                               current: parameters["after"].map { ("after", $0) } ?? parameters["before"].map { ("before", $0) })
        let deadline = state.deadline()
        let spool = ResponseSpool()
        let (validators, modified) = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) {
            let query = try items.query(in: backend)
            let validators = CacheValidators(generation: try backend.incidents.incidentGeneration(), request: request,
                                             format: format, clock: clock)
            if validators.matches(request) { return (validators, false) }
            let page = FeaturePage(query: query, format: format, withDistance: query.center != nil,
                                   links: { next, previous, format in
                                       links.links(format: format, next: next.map { ("after", $0.description) },
                                                   previous: previous.map { ("before", $0.description) })
                                   },
                                   deadline: deadline)
            try page.write(from: backend.incidents, to: spool)
            spool.finish()
            return (validators, true)
        }
        guard modified else { return validators.notModified() }
        return Responses.spooled(spool, type: format == .json ? MediaTypes.geoJSON : format == .csv ? MediaTypes.csv : MediaTypes.html,
                                 headers: validators.headers)
    }

    /// GET one incident by id.
    func item(_ request: Request, id text: String) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: ["f"])
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html, .csv])
        guard let id = FeatureID.incident(text) else {
            throw Problem.notFound("no incident with id '\(QueryParameters.shown(text))'; incident ids are whole numbers")
        }
        let incidents = state.backend.incidents
        let found = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) {
            try incidents.incident(id: id)
        }
        guard let incident = found else { throw Problem.notFound("no incident with id \(id)") }
        let base = BaseURL(request: request, fallback: state.fallbackBase)
        let encoder = IncidentWriter(format: format == .csv ? .csv : .geojson, sink: .standardOutput())
        var record: [UInt8] = []
        switch format {
        case .csv:
            record += Array((IncidentWriter.csvColumns.joined(separator: ",") + "\n").utf8)
            encoder.encodeRecord(incident, into: &record)
            return Responses.text(String(decoding: record, as: UTF8.self), type: MediaTypes.csv)
        case .html:
            let table = "<table>" + HTMLPage.incidentRow(incident, distanceMeters: nil) + "</table>"
            return Responses.text(HTMLPage.page("Incident \(id)", table), type: MediaTypes.html)
        case .json:
            encoder.encodeRecord(incident, into: &record)
            // The encoder's Feature ends with its closing brace: the OGC links go just before it.
            guard record.last == UInt8(ascii: "}") else { throw Problem(.internalServerError, "feature encoding ended unexpectedly") }
            record.removeLast()
            let links: JSONValue = .array([
                Link(href: base.url("\(Self.path)/\(id)"), rel: "self", type: MediaTypes.geoJSON, title: "This incident").json,
                Link(href: base.url("/collections/incidents"), rel: "collection", type: MediaTypes.json, title: "Incidents").json,
            ])
            return Responses.text(String(decoding: record, as: UTF8.self) + ",\"links\":" + links.text + "}\n", type: MediaTypes.geoJSON)
        }
    }
}

/// Feature ids from a URL path.
enum FeatureID {
    /// An incident id: 1 to 19 ASCII digits, nothing else (no sign, no spaces, no dots).
    static func incident(_ text: String) -> Int64? {
        guard (1...19).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(text)
    }
}

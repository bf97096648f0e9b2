import AtlasModel
import AtlasQuery
import Hummingbird

/// `/collections/incidents/clusters` and `/collections/incidents/stats`: DBSCAN hulls and group
/// counts of an incident selection made by `ItemsRequest`, written by the CLI's writers.
struct AnalysisController: Sendable {
    let state: ServerState

    /// Clustering reads the whole selection into memory: past this many incidents the client
    /// is asked to narrow it.
    static let maximumClusteredIncidents = 200_000

    /// The selection parameters without `near` and its `km`: here `km` is DBSCAN's eps.
    static let clusterParameters = ItemsRequest.selectionParameters.filter { $0.name != "near" && $0.name != "km" } + [
        ParameterSpec(name: "km", description: "DBSCAN neighbourhood radius eps in kilometres (great-circle; default 1).",
                      schema: .obj(["type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": 1000])),
        ParameterSpec(name: "minPoints", description: "Incidents within eps (itself included) that make a core point (default 5).",
                      schema: .obj(["type": "integer", "minimum": 1, "maximum": 10_000])),
        ParameterSpec(name: "days", description: "Also require dates at most this many days apart (space-time DBSCAN).",
                      schema: .obj(["type": "integer", "minimum": 0, "maximum": 36_500])),
        ParameterCatalog.format([.json, .csv]),
    ]

    static let statsParameters = ItemsRequest.selectionParameters + [
        ParameterSpec(name: "by", description: "Group by (required): week (ISO, named by its Monday), admin1, type, actor, day, month or place.",
                      schema: .obj(["type": "string", "enum": .array(IncidentGrouping.allCases.map { .string($0.rawValue) })]), required: true),
        ParameterCatalog.format([.json, .csv]),
    ]

    func clusters(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Set(Self.clusterParameters.map(\.name)))
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .csv])
        let km = try parameters["km"].map { try ParameterValues.number("km", $0, in: 0.001...1000) } ?? 1
        let minPoints = try parameters["minPoints"].map { try ParameterValues.integer("minPoints", $0, in: 1...10_000) } ?? 5
        let days = try parameters["days"].map { try ParameterValues.integer("days", $0, in: 0...36_500) }
        let clustering: ClusteringParameters
        do { clustering = try ClusteringParameters(epsMeters: km * 1000, minPoints: minPoints, maxDays: days) } catch {
            throw Problem.badRequest("\(error)")
        }
        let selection = try ItemsRequest(parameters, paged: false, near: false)
        let backend = state.backend
        let bytes = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) { () -> [UInt8] in
            let query = try selection.query(in: backend)
            let search = backend.incidents
            let count = try search.count(query)
            guard count <= Self.maximumClusteredIncidents else {
                throw Problem.badRequest("the selection holds \(count) incidents; clustering takes at most \(Self.maximumClusteredIncidents): "
                    + "narrow it with bbox, datetime, event_type or within")
            }
            let outcome = try IncidentClustering.cluster(try search.incidents(query), parameters: clustering)
            return try WriterCapture.bytes { sink in
                try ClusterSummaryWriter().write(outcome.summaries, format: format == .csv ? .csv : .geojson, to: sink)
            }
        }
        return Responses.text(String(decoding: bytes, as: UTF8.self), type: format == .csv ? MediaTypes.csv : MediaTypes.geoJSON)
    }

    func stats(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Set(Self.statsParameters.map(\.name)))
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .csv])
        guard let byText = parameters["by"] else { throw Problem.badRequest("by is required: week, admin1, type or actor") }
        guard let grouping = IncidentGrouping(rawValue: byText) else {
            throw Problem.badRequest("by '\(QueryParameters.shown(byText))' is not a grouping; use one of: "
                + IncidentGrouping.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let selection = try ItemsRequest(parameters, paged: false)
        let backend = state.backend
        let groups = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) {
            try backend.incidents.counts(by: grouping, try selection.query(in: backend))
        }
        if format == .csv {
            let bytes = try WriterCapture.bytes { sink in try StatsWriter().write(groups, grouping: grouping, format: .csv, to: sink) }
            return Responses.text(String(decoding: bytes, as: UTF8.self), type: MediaTypes.csv)
        }
        return Responses.json(.obj([
            "by": .string(grouping.rawValue),
            "numberMatched": .integer(groups.reduce(0) { $0 + $1.count }),
            "groups": .array(groups.map { .obj(["key": .string($0.key), "incidents": .integer($0.count), "fatalities": .integer($0.fatalities)]) }),
        ]))
    }
}

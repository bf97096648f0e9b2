import AtlasModel
import AtlasQuery
import Hummingbird

/// `/collections/incidents/grid`: incident counts per grid cell of a selection made by
/// `ItemsRequest`, for maps that would otherwise draw too many points.
struct GridController: Sendable {
    let state: ServerState

    /// Cells at most in one answer: a cell size that small for the box is refused.
    static let maximumCells = 20_000

    static let gridParameters = ItemsRequest.selectionParameters.filter { $0.name != "near" && $0.name != "km" } + [
        ParameterSpec(name: "cell", description: "Cell size in degrees of longitude and latitude (required; cells are aligned to multiples of it).",
                      schema: .obj(["type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": 90]), required: true),
        ParameterCatalog.format([.json]),
    ]

    /// `{"cell": size, "numberMatched": n, "cells": [[lon, lat, count], …]}` with each cell at
    /// the mean position of its incidents (longitude first, as in GeoJSON).
    func grid(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query, allowed: Set(Self.gridParameters.map(\.name)))
        _ = try ResponseFormat.negotiate(parameters["f"], accept: nil, offered: [.json])
        guard let cellText = parameters["cell"] else { throw Problem.badRequest("cell is required: the cell size in degrees, e.g. cell=0.1") }
        let cell = try ParameterValues.number("cell", cellText, in: 0.0001...90)
        let selection = try ItemsRequest(parameters, paged: false, near: false)
        let backend = state.backend
        let grid = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) { () -> IncidentGrid? in
            IncidentGrid(try backend.incidents.matches(try selection.query(in: backend)), cellDegrees: cell)
        }
        guard let grid else { throw Problem.badRequest("cell \(cellText) is not a positive size") }
        guard grid.cells.count <= Self.maximumCells else {
            throw Problem.badRequest("cell \(cellText) gives \(grid.cells.count) cells; at most \(Self.maximumCells): use a larger cell or a smaller bbox")
        }
        return Responses.json(.obj([
            "cell": .number(cell),
            "numberMatched": .integer(grid.total),
            "cells": .array(grid.cells.map { .array([.number(Self.rounded($0.mean.longitude)), .number(Self.rounded($0.mean.latitude)), .integer($0.count)]) }),
        ]))
    }

    /// Degrees to 5 decimals (about a metre): the page draws them at zoom levels far coarser.
    private static func rounded(_ degrees: Double) -> Double { (degrees * 100_000).rounded() / 100_000 }
}

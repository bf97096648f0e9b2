import AtlasModel
import AtlasQuery
import Foundation
import Hummingbird

/// `POST /collections/incidents/items` and `DELETE /collections/incidents/items/{featureId}`
/// (OGC API – Features Part 4 style): off unless the server has a token; every write needs it.
/// A POST goes through the backend's importer (`IncidentWriting.importFile`), the same importer and
/// validation as `atlas import`.
struct IncidentWritesController: Sendable {
    let state: ServerState

    func create(_ request: Request) async throws -> Response {
        try authorize(request)
        _ = try QueryParameters(query: request.uri.query, allowed: [])
        let contentType = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
        let format: ImportFormat
        let fileExtension: String
        switch contentType {
        case "application/geo+json", "application/json": (format, fileExtension) = (.geojson, "geojson")
        case "text/csv": (format, fileExtension) = (.acled, "csv")
        default:
            throw Problem(.unsupportedMediaType, "send a GeoJSON Feature or FeatureCollection (application/geo+json) or ACLED CSV (text/csv), "
                + "not '\(QueryParameters.shown(contentType))'")
        }
        let limit = state.configuration.maximumBodyBytes
        // A body declared too large is refused before a byte of it is read.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw Problem(.contentTooLarge, "the request body is \(declared) bytes; the server accepts at most \(limit)")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let raw = Data(buffer.readableBytesView)
        let (body, sourceKeys) = format == .geojson ? try Self.featureCollection(raw) : (raw, [])
        let writer = state.backend.writer
        let (report, ids) = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) { () -> (ImportReport, [Int64]) in
            let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
            let path = directory + "/atlas-serve-post-\(UUID().uuidString).\(fileExtension)"
            guard FileManager.default.createFile(atPath: path, contents: body) else {
                throw Problem(.internalServerError, "the request body could not be stored for import")
            }
            defer { try? FileManager.default.removeItem(atPath: path) }
            var options = ImportOptions()
            options.format = format == .geojson ? .geojson : nil
            options.bulk = false
            let report: ImportReport
            do { report = try writer.importFile(path, options: options) } catch let error as InputError {
                throw Problem.badRequest("\(error)".replacingOccurrences(of: path, with: "body"))
            }
            return (report, try writer.ids(sourceKeys: sourceKeys).compactMap { $0 })
        }
        let stored = report.inserted + report.updated + report.unchanged
        let document: JSONValue = .obj([
            "read": .integer(report.read), "inserted": .integer(report.inserted), "updated": .integer(report.updated),
            "unchanged": .integer(report.unchanged), "ids": .array(ids.map { .integer(Int($0)) }),
            "rejections": .array(report.rejections.map { .obj(["line": .integer($0.line), "field": .string($0.field), "reason": .string($0.reason)]) }),
        ])
        guard stored > 0 || report.read == 0 else {
            let first = report.rejections.prefix(3).map { "line \($0.line): \($0.field): \($0.reason)" }.joined(separator: "; ")
            throw Problem.badRequest("no incident was stored: \(report.rejected) rejected (\(first))")
        }
        return Responses.text(document.text + "\n", type: MediaTypes.json, status: .created)
    }

    func delete(_ request: Request, id text: String) async throws -> Response {
        try authorize(request)
        guard let id = FeatureID.incident(text) else { throw Problem.notFound("no incident with id '\(QueryParameters.shown(text))'") }
        let writer = state.backend.writer
        let deleted = try await state.workers.run(timeLimit: state.configuration.requestTimeLimit) {
            try writer.delete(id: id)
        }
        guard deleted else { throw Problem.notFound("no incident with id \(id)") }
        return Response(status: .noContent)
    }

    /// Checks that writes are on and the request carries the token.
    private func authorize(_ request: Request) throws {
        guard let token = state.configuration.writeToken else {
            throw Problem(.methodNotAllowed, "this server is read-only; start atlas serve with --token-file to accept writes",
                          headers: [.allow: "GET"])
        }
        try BearerToken(token).authorize(request)
    }

    /// A Feature or FeatureCollection body as a FeatureCollection (what the importer reads), with
    /// the source keys its features give.
    ///
    /// - throws: `Problem` 400 when the body is not a GeoJSON Feature or FeatureCollection.
    static func featureCollection(_ body: Data) throws -> (Data, [String]) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw Problem.badRequest("the body is not a JSON object")
        }
        let features: [[String: Any]]
        switch object["type"] as? String {
        case "Feature": features = [object]
        case "FeatureCollection":
            guard let list = object["features"] as? [[String: Any]] else { throw Problem.badRequest("the FeatureCollection has no features array") }
            features = list
        default: throw Problem.badRequest("the body is not a GeoJSON Feature or FeatureCollection")
        }
        let keys = features.compactMap { ($0["properties"] as? [String: Any])?["source_key"] as? String }
        let collection: [String: Any] = ["type": "FeatureCollection", "features": features]
        guard let data = try? JSONSerialization.data(withJSONObject: collection) else { throw Problem.badRequest("the body could not be read as GeoJSON") }
        return (data, keys)
    }
}

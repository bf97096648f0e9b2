import AtlasModel
import Foundation
@testable import AtlasServer

/// A query string of `GET /collections/incidents/items` through the server's parsers
/// (`QueryParameters`, then `ItemsRequest`: bbox, datetime, limit, after, near/km, filters).
/// Oracles: a refusal is a `Problem` with a client status (400 or 414), never another error;
/// an accepted request's limit, box and cursor are within what the parameters allow.
enum ServerQueryFuzz {
    static func run(_ data: Data) {
        let query = String(decoding: data, as: UTF8.self)
        do {
            let parameters = try QueryParameters(query: query, allowed: IncidentsController.itemsParameters)
            let request = try ItemsRequest(parameters, paged: true)
            if let limit = request.query.limit, !(1...ParameterCatalog.maximumLimit).contains(limit) { fail("limit \(limit) from '\(query)'") }
            if let box = request.query.boundingBox, !(box.south <= box.north && abs(box.west) <= 180 && abs(box.east) <= 180) {
                fail("bbox \(box) from '\(query)'")
            }
            if let cursor = request.query.after, IncidentCursor(cursor.description) != cursor { fail("cursor \(cursor) does not print back") }
        } catch let problem as Problem {
            guard [400, 414].contains(problem.status.code) else { fail("status \(problem.status) for '\(query)'") }
        } catch {
            fail("'\(query)' was refused with \(type(of: error)), not a Problem: \(error)")
        }
    }
}

import AtlasModel
import AtlasQuery
import AtlasTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import AtlasServer

/// Writes through the routes on each backend, each test on a store of its own: a POST answers
/// with the ids the backend stored its features under, the items' `ETag` follows the incident
/// generation, and a DELETE removes what it names.
@Suite struct WriteRouteTests {
    typealias Kind = SeededBackend.Kind

    /// A store of 50 seeded incidents, PostGIS in the database `name`.
    private func store(_ kind: Kind, name: String) throws -> SeededBackend {
        try SeededBackend(kind, count: 50, seed: 4242, name: name)
    }

    /// A FeatureCollection of `count` incidents with source keys `prefix-N`.
    private static func features(_ count: Int, prefix: String) -> String {
        let features = (0..<count).map { n in
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[37.\#(n + 10),36.2]},"properties":{"source_key":"\#(prefix)-\#(n)","event_date":"2020-01-0\#(n % 9 + 1)","event_type":"Battles","sub_event_type":"Armed clash"}}"#
        }
        return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    private static func post(_ client: any TestClientProtocol, _ body: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = HTTPFields()
        headers[.contentType] = "application/geo+json"
        headers[.authorization] = "Bearer " + RouteTests.token
        return try await client.execute(uri: "/collections/incidents/items", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, (try? JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]) ?? [:])
        }
    }

    @Test(arguments: Kind.tested) func aPostAnswersTheIdsTheBackendStoredAndAgainChangesNothing(kind: Kind) async throws {
        let store = try store(kind, name: "atlas_route_writes_ids")
        try await RouteTests.withClient(store) { client in
            let (status, document) = try await Self.post(client, Self.features(5, prefix: "post"))
            #expect(status == .created, "\(document)")
            #expect(document["inserted"] as? Int == 5)
            let ids = (document["ids"] as? [NSNumber] ?? []).map(\.int64Value)
            let stored = try store.backend.writer.ids(sourceKeys: (0..<5).map { "post-\($0)" })
            #expect(ids == stored.compactMap { $0 } && ids.count == 5, "\(ids) \(stored)")
            #expect(Set(ids).isDisjoint(with: store.incidents.compactMap(\.id)))
            let (again, second) = try await Self.post(client, Self.features(5, prefix: "post"))
            #expect(again == .created)
            #expect(second["unchanged"] as? Int == 5 && second["inserted"] as? Int == 0, "\(second)")
            #expect((second["ids"] as? [NSNumber] ?? []).map(\.int64Value) == ids)
            #expect(try store.backend.writer.ids(sourceKeys: ["no-such-key"]) == [nil])
        }
    }

    @Test func aBodyOverTheLimitIsA413ProblemAndStoresNothing() async throws {
        let store = try store(.spatiaLite, name: "atlas_route_writes_too_large")
        let body = Self.features(3, prefix: "large")
        try await RouteTests.withClient(store, maximumBodyBytes: body.utf8.count - 1) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/geo+json"
            headers[.authorization] = "Bearer " + RouteTests.token
            try await client.execute(uri: "/collections/incidents/items", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
                let document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(document?["status"] as? Int == 413, "\(document ?? [:])")
            }
            #expect(try store.backend.incidents.count(IncidentQuery()) == 50)
        }
    }

    @Test(arguments: Kind.tested) func theETagFollowsTheIncidentGenerationAndDeleteRemoves(kind: Kind) async throws {
        let store = try store(kind, name: "atlas_route_writes_etag")
        try await RouteTests.withClient(store) { client in
            let path = "/collections/incidents/items?limit=5"
            func etag(_ ifNoneMatch: String? = nil) async throws -> (HTTPResponse.Status, String?) {
                var headers = HTTPFields()
                if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
                return try await client.execute(uri: path, method: .get, headers: headers) { ($0.status, $0.headers[.eTag]) }
            }
            let (_, before) = try await etag()
            let first = try #require(before)
            #expect(try await etag(first).0 == .notModified)
            let (status, document) = try await Self.post(client, Self.features(1, prefix: "etag"))
            #expect(status == .created)
            let (_, after) = try await etag()
            #expect(after != nil && after != first)
            #expect(try await etag(first).0 == .ok)
            let id = try #require((document["ids"] as? [NSNumber])?.first?.int64Value)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer " + RouteTests.token
            try await client.execute(uri: "/collections/incidents/items/\(id)", method: .delete, headers: headers) { #expect($0.status == .noContent) }
            #expect(try store.backend.incidents.incident(id: id) == nil)
            try await client.execute(uri: "/collections/incidents/items/\(id)", method: .get) { #expect($0.status == .notFound) }
            #expect(try await etag().1 != after)
        }
    }
}

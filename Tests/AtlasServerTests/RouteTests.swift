import AtlasGeo
import AtlasModel
import AtlasQuery
import AtlasTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import AtlasServer

/// The routes through Hummingbird's test client, over a store of seeded incidents on each
/// backend (SpatiaLite always, PostGIS when `ATLAS_TEST_POSTGRES_URL` is set); the incidents
/// they answer with are compared with the backend's own answer to the same query, so a wrong
/// translation of parameters, a lost or repeated feature across pages, or a wrong link shows.
@Suite struct RouteTests {
    static let token = "route-test-token-0123456789abcdef"
    typealias Kind = SeededBackend.Kind
    /// The read-only stores (no test writes to them), made once per kind.
    private static let spatiaLite = Result { try SeededBackend(.spatiaLite, count: 600, seed: 31337, name: "atlas_route_tests") }
    private static let postGIS = Result { try SeededBackend(.postGIS, count: 600, seed: 31337, name: "atlas_route_tests") }

    /// The read-only store of `kind`.
    static func store(_ kind: Kind) throws -> SeededBackend {
        try (kind == .spatiaLite ? spatiaLite : postGIS).get()
    }

    /// Runs `body` against the application over `store` (writes enabled with `token`).
    static func withClient(_ store: SeededBackend, maximumBodyBytes: Int? = nil,
                           _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = ServerConfiguration()
        configuration.writeToken = Self.token
        if let maximumBodyBytes { configuration.maximumBodyBytes = maximumBodyBytes }
        let state = ServerState(backend: store.backend, configuration: configuration)
        let application = AtlasServer.makeApplication(state, logger: Logger(label: "route-tests"))
        try await application.test(.router, body)
        try await state.workers.shutdown()
    }

    @Test(arguments: Kind.tested) func landingPageLinksTheServiceDocuments(kind: Kind) async throws {
        try await Self.withClient(try Self.store(kind)) { client in
            let (status, _, document) = try await Self.get(client, "/")
            #expect(status == .ok)
            let rels = Set(Self.links(document).map(\.rel))
            #expect(rels.isSuperset(of: ["self", "service-desc", "conformance", "data"]), "\(rels)")
        }
    }

    @Test(arguments: Kind.tested) func conformanceDeclaresCoreAndGeoJSON(kind: Kind) async throws {
        try await Self.withClient(try Self.store(kind)) { client in
            let (status, _, document) = try await Self.get(client, "/conformance")
            #expect(status == .ok)
            let classes = document["conformsTo"] as? [String] ?? []
            #expect(classes.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"))
            #expect(classes.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"))
        }
    }

    /// `next` to the end then `prev` to the start, by id and by distance: the store's answer
    /// once each, in order, the same pages both ways, `numberMatched` the store's count.
    @Test(arguments: Kind.tested, [
        ("bbox=37.0,36.0,37.4,36.4&limit=23", RouteTests.boxQuery),
        ("bbox=37.0,36.0,37.4,36.4&near=36.2,37.16&km=25&limit=17", RouteTests.nearQuery),
    ])
    func itemsPagesForwardsAndBackwardsAsTheStoreAnswers(kind: Kind, request: (String, IncidentQuery)) async throws {
        let (parameters, query) = request
        let store = try Self.store(kind)
        let expected = try store.backend.incidents.matches(query)
        #expect(expected.count > 60)  // several pages
        // Each feature is its own incident, with its own distance (pages in distance order are
        // encoded in id order and written in the page's order).
        let byID = Dictionary(uniqueKeysWithValues: store.incidents.map { ($0.id ?? 0, $0) })
        let distances = Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0.distanceMeters) })
        @Sendable func checkFeatures(_ document: [String: Any]) {
            for feature in document["features"] as? [[String: Any]] ?? [] {
                let id = (feature["id"] as? NSNumber)?.int64Value ?? 0, properties = feature["properties"] as? [String: Any] ?? [:]
                #expect(properties["source_key"] as? String == byID[id]?.sourceKey, "feature \(id)")
                if let distance = distances[id] ?? nil {
                    #expect(abs((properties["distance_m"] as? Double ?? -1) - distance) < 0.01, "feature \(id)")
                }
            }
        }
        try await Self.withClient(store) { client in
            var forward: [[Int64]] = []
            var (status, _, document) = try await Self.get(client, "/collections/incidents/items?" + parameters)
            checkFeatures(document)
            #expect(status == .ok)
            #expect(document["numberMatched"] as? Int == expected.count)
            #expect(!Self.links(document).contains { $0.rel == "prev" })  // the first page has none
            forward.append(Self.ids(document))
            while let next = Self.link("next", document) {
                (status, _, document) = try await Self.get(client, next)
                #expect(status == .ok)
                checkFeatures(document)
                if !Self.ids(document).isEmpty { forward.append(Self.ids(document)) }
            }
            #expect(forward.flatMap { $0 } == expected.map(\.id))
            var backward: [[Int64]] = []
            while let previous = Self.link("prev", document) {
                (status, _, document) = try await Self.get(client, previous)
                #expect(status == .ok)
                backward.insert(Self.ids(document), at: 0)
                #expect(backward.count <= forward.count)
                if backward.count > forward.count { break }
            }
            #expect(backward + [forward.last ?? []] == forward)
        }
    }

    @Test(arguments: Kind.tested) func anUnknownParameterIsA400ProblemNamingIt(kind: Kind) async throws {
        try await Self.withClient(try Self.store(kind)) { client in
            let (status, headers, document) = try await Self.get(client, "/collections/incidents/items?colour=red")
            #expect(status == .badRequest)
            #expect(headers[.contentType] == "application/problem+json")
            #expect(document["status"] as? Int == 400)
            #expect((document["detail"] as? String)?.contains("colour") == true, "\(document)")
        }
    }

    @Test(arguments: Kind.tested) func anIncidentByIdIsTheStoredOneAndAnUnknownIdIs404(kind: Kind) async throws {
        let store = try Self.store(kind)
        let incident = try #require(store.incidents.dropFirst(41).first)
        let id = try #require(incident.id)
        try await Self.withClient(store) { client in
            let (status, _, document) = try await Self.get(client, "/collections/incidents/items/\(id)")
            #expect(status == .ok)
            let coordinates = (document["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
            #expect(coordinates.count == 2)
            #expect(abs((coordinates.first ?? 0) - incident.coordinate.longitude) < 1e-6)
            #expect(abs((coordinates.last ?? 0) - incident.coordinate.latitude) < 1e-6)
            for missing in ["99999999", "../../etc/passwd", "12a"] {
                let (status, headers, _) = try await Self.get(client, "/collections/incidents/items/\(missing)")
                #expect(status == .notFound, "\(missing)")
                #expect(headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test(arguments: Kind.tested) func aPostWithoutTheTokenIs401AndStoresNothing(kind: Kind) async throws {
        let store = try Self.store(kind)
        let before = try store.backend.incidents.count(IncidentQuery())
        let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,36.2]},"properties":{"source_key":"route-test-1","event_date":"2020-01-02","event_type":"Battles","sub_event_type":"Armed clash"}}"#
        try await Self.withClient(store) { client in
            for authorization in [nil, "Bearer wrong-token-0123456789abcdef0"] {
                var headers = HTTPFields()
                headers[.contentType] = "application/geo+json"
                if let authorization { headers[.authorization] = authorization }
                try await client.execute(uri: "/collections/incidents/items", method: .post, headers: headers,
                                         body: ByteBuffer(string: feature)) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
        #expect(try store.backend.incidents.count(IncidentQuery()) == before)
    }

    /// Malformed values of the items parameters: each a 400 problem document whose detail names
    /// the parameter at fault (the standard's answer; a 500 or a silently ignored value is a bug).
    @Test(arguments: Kind.tested, [
        ("bbox=37.0,36.0,37.4", "bbox"),
        ("bbox=37.0,36.4,37.4,36.0", "bbox"),
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("datetime=2020-13-01", "datetime"),
        ("near=36.2,37.16&km=-1", "km"),
        ("km=5", "near"),
        ("after=not-a-cursor", "after"),
        ("bbox=37.0,36.0,37.4,36.4&after=12.5@7", "after"),
        ("event_type=Picnics", "event_type"),
    ])
    func aMalformedParameterIsA400ProblemNamingIt(kind: Kind, request: (String, String)) async throws {
        let (parameters, named) = request
        try await Self.withClient(try Self.store(kind)) { client in
            let (status, headers, document) = try await Self.get(client, "/collections/incidents/items?" + parameters)
            #expect(status == .badRequest, "\(parameters)")
            #expect(headers[.contentType] == "application/problem+json", "\(parameters)")
            #expect(document["status"] as? Int == 400, "\(parameters)")
            #expect((document["detail"] as? String)?.contains(named) == true, "\(parameters): \(document)")
        }
    }

    /// The grid's cells hold exactly the incidents the store selects for the same box, each
    /// within its cell's bounds; a missing or malformed cell size, or `near` (not a grid parameter), is a 400.
    @Test(arguments: Kind.tested) func theGridCountsTheBoxAsTheStoreSelectsIt(kind: Kind) async throws {
        let store = try Self.store(kind)
        let expected = try store.backend.incidents.matches(Self.boxQuery)
        try await Self.withClient(store) { client in
            let (status, _, document) = try await Self.get(client, "/collections/incidents/grid?bbox=37.0,36.0,37.4,36.4&cell=0.1")
            #expect(status == .ok)
            #expect(document["numberMatched"] as? Int == expected.count)
            let cells = document["cells"] as? [[Double]] ?? []
            #expect(!cells.isEmpty)
            #expect(cells.reduce(0) { $0 + Int($1[2]) } == expected.count)
            for cell in cells {
                #expect((37.0...37.4).contains(cell[0]) && (36.0...36.4).contains(cell[1]), "\(cell)")
            }
            for bad in ["bbox=37.0,36.0,37.4,36.4", "cell=abc", "cell=0", "cell=0.1&near=36.2,37.16"] {
                let (status, headers, _) = try await Self.get(client, "/collections/incidents/grid?" + bad)
                #expect(status == .badRequest, "\(bad)")
                #expect(headers[.contentType] == "application/problem+json", "\(bad)")
            }
        }
    }

    /// `/map` is the map page, served as HTML (a browser would otherwise show it as text).
    @Test func theMapIsServedAsHTML() async throws {
        try await Self.withClient(try Self.store(.spatiaLite)) { client in
            try await client.execute(uri: "/map", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(response.headers)")
                #expect(String(buffer: response.body).lowercased().contains("<html"))
            }
        }
    }

    /// Places are paged by `offset`: `prev` goes back one page (not below 0), `next` only while
    /// there are more, and the first page has no `prev`.
    @Test(arguments: Kind.tested) func placesPrevAndNextLinksCarryTheNeighbouringOffsets(kind: Kind) async throws {
        try await Self.withClient(try Self.store(kind)) { client in
            let (status, _, document) = try await Self.get(client, "/collections/places/items?limit=2&offset=5")
            #expect(status == .ok)
            let previous = try #require(Self.link("prev", document))
            #expect(previous.contains("offset=3") && previous.contains("limit=2"), "\(previous)")
            let matched = document["numberMatched"] as? Int ?? 0
            #expect((Self.link("next", document) != nil) == (matched > 7), "\(matched)")
            let (_, _, near) = try await Self.get(client, "/collections/places/items?limit=4&offset=1")
            #expect(Self.link("prev", near)?.contains("offset=0") == true)
            let (_, _, first) = try await Self.get(client, "/collections/places/items?limit=4")
            #expect(Self.link("prev", first) == nil)
        }
    }

    // MARK: - Queries the parameters above mean

    static let boxQuery: IncidentQuery = {
        var query = IncidentQuery()
        query.boundingBox = BoundingBox(west: 37.0, south: 36.0, east: 37.4, north: 36.4)
        return query
    }()

    static let nearQuery: IncidentQuery = {
        var query = boxQuery
        query.center = Coordinate(latitude: 36.2, longitude: 37.16)
        query.radiusMeters = 25_000
        return query
    }()

    // MARK: - Requests and documents

    /// Status, headers and the JSON object of a GET of `uri` (a path, or a link's absolute URL).
    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, HTTPFields, [String: Any]) {
        var path = uri
        if let url = URLComponents(string: uri), url.host != nil {
            path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        return try await client.execute(uri: path, method: .get) { response in
            let object = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            return (response.status, response.headers, object ?? [:])
        }
    }

    static func links(_ document: [String: Any]) -> [(rel: String, href: String)] {
        (document["links"] as? [[String: Any]] ?? []).compactMap { link in
            guard let rel = link["rel"] as? String, let href = link["href"] as? String else { return nil }
            return (rel, href)
        }
    }

    static func link(_ rel: String, _ document: [String: Any]) -> String? {
        links(document).first { $0.rel == rel }?.href
    }

    static func ids(_ document: [String: Any]) -> [Int64] {
        (document["features"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
    }
}

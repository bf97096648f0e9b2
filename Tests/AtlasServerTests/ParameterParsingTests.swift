import AtlasGeo
import AtlasModel
import AtlasStore
import Testing
@testable import AtlasServer

@Suite struct ParameterParsingTests {
    @Test func unknownParameterIsRefusedNamingIt() {
        #expect(throws: Problem.badRequest("unknown parameter 'colour'; this endpoint takes: bbox, limit")) {
            try QueryParameters(query: "bbox=1,2,3,4&colour=red", allowed: ["bbox", "limit"])
        }
    }

    @Test func repeatedParameterIsRefused() {
        #expect(throws: Problem.badRequest("parameter 'limit' is given more than once")) {
            try QueryParameters(query: "limit=1&limit=2", allowed: ["limit"])
        }
    }

    @Test func escapesAndPlusSignsAreDecoded() throws {
        let parameters = try QueryParameters(query: "actor=Jabhat%20al-Nusra&near=Sheikh+Maqsood", allowed: ["actor", "near"])
        #expect(parameters["actor"] == "Jabhat al-Nusra")
        #expect(parameters["near"] == "Sheikh Maqsood")
    }

    @Test func aBrokenEscapeIsA400() {
        #expect(throws: Problem.self) { try QueryParameters(query: "actor=%G1", allowed: ["actor"]) }
        #expect(throws: Problem.self) { try QueryParameters(query: "actor=%FF", allowed: ["actor"]) }
    }

    @Test func anOverlongQueryIsA414() {
        let query = "actor=" + String(repeating: "a", count: QueryParameters.maximumLength)
        #expect(throws: Problem(.uriTooLong, "the query string is \(query.utf8.count) bytes; at most 8192 are accepted")) {
            try QueryParameters(query: query, allowed: ["actor"])
        }
    }

    @Test func bboxAcrossTheAntimeridianIsKept() throws {
        let box = try ParameterValues.bbox("179,-17,-179,-16")
        #expect(box == BoundingBox(west: 179, south: -17, east: -179, north: -16))
    }

    @Test(arguments: ["1,2,3", "a,2,3,4", "0,50,1,40", "-181,0,0,1", "0,0,1,91", "nan,0,1,1", "1,2,3,4,5,6"])
    func malformedBBoxIsA400(_ text: String) {
        #expect(throws: Problem.self) { try ParameterValues.bbox(text) }
    }

    @Test func datetimeInstantAndIntervals() throws {
        let day = ISODate("2016-05-22")
        #expect(try ParameterValues.datetime("2016-05-22") == (day, day))
        #expect(try ParameterValues.datetime("2016-05-22T10:30:00Z") == (day, day))
        #expect(try ParameterValues.datetime("2016-02-27/..") == (ISODate("2016-02-27"), nil))
        #expect(try ParameterValues.datetime("../2016-05-22") == (nil, day))
        #expect(try ParameterValues.datetime("/2016-05-22T23:59:59+03:00") == (nil, day))
        #expect(try ParameterValues.datetime("2016-02-27/2016-05-22") == (ISODate("2016-02-27"), day))
    }

    @Test(arguments: ["2016-13-01", "2016-05-22/2016-05-01", "yesterday", "..", "2016-05-22T25:00:00Z", "2016-05-22T10:00", "a/b/c"])
    func malformedDatetimeIsA400(_ text: String) {
        #expect(throws: Problem.self) { try ParameterValues.datetime(text) }
    }

    @Test func limitAboveTheMaximumIsA400() {
        #expect(throws: Problem.badRequest("limit 10001 is out of range [1, 10000]")) {
            try ItemsRequest(QueryParameters(query: "limit=10001", allowed: ["limit"]), paged: true)
        }
    }

    @Test func itemsRequestBuildsTheQuery() throws {
        let parameters = try QueryParameters(query: "near=36.2,37.16&km=15&sub_event_type=shelling&limit=5&datetime=2016-05-01/..",
                                             allowed: IncidentsController.itemsParameters)
        let request = try ItemsRequest(parameters, paged: true)
        #expect(request.query.center == Coordinate(latitude: 36.2, longitude: 37.16))
        #expect(request.query.radiusMeters == 15_000)
        #expect(request.query.limit == 5)
        #expect(request.query.filter.since == ISODate("2016-05-01"))
        #expect(request.query.filter.types.count == 1)
    }

    @Test func aSubEventTypeUnderAnotherEventTypeIsA400() throws {
        let parameters = try QueryParameters(query: "event_type=battles&sub_event_type=shelling", allowed: IncidentsController.itemsParameters)
        #expect(throws: Problem.self) { try ItemsRequest(parameters, paged: true) }
    }
}

import Foundation
import Testing
@testable import AtlasGeo

@Suite struct PolygonTests {
    /// A 2° square around Aleppo with a 0.5° square hole in the middle.
    static let withHole = Polygon(
        exterior: [(36, 36), (36, 38), (38, 38), (38, 36), (36, 36)].map { Coordinate(latitude: $0.0, longitude: $0.1) },
        holes: [[(36.75, 36.75), (37.25, 36.75), (37.25, 37.25), (36.75, 37.25), (36.75, 36.75)].map { Coordinate(latitude: $0.0, longitude: $0.1) }])

    @Test func coversCountsBoundariesAsInsideAndHolesAsOutside() {
        let p = Self.withHole
        #expect(p.covers(Coordinate(latitude: 36.5, longitude: 36.5)))       // inside
        #expect(!p.covers(Coordinate(latitude: 37, longitude: 37)))          // in the hole
        #expect(p.covers(Coordinate(latitude: 36.75, longitude: 37)))        // on the hole's edge
        #expect(p.covers(Coordinate(latitude: 36, longitude: 37)))           // on the exterior edge
        #expect(p.covers(Coordinate(latitude: 38, longitude: 38)))           // a vertex
        #expect(!p.covers(Coordinate(latitude: 38.000001, longitude: 37)))   // just outside
    }

    @Test func aBowTieIsRejectedAsSelfIntersecting() {
        let bowTie = Polygon(exterior: [(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)].map { Coordinate(latitude: $0.1, longitude: $0.0) })
        #expect {
            try PolygonValidation.validate(bowTie)
        } throws: { error in
            "\(error)".contains("intersects itself")
        }
    }

    @Test func openOrShortRingsAreRejectedWithTheirReason() {
        let open = Polygon(exterior: [(0, 0), (1, 0), (1, 1), (0, 1)].map { Coordinate(latitude: $0.1, longitude: $0.0) })
        #expect(throws: GeometryError.notClosed(ring: 0)) { try PolygonValidation.validate(open) }
        let short = Polygon(exterior: [(0, 0), (1, 0), (0, 0)].map { Coordinate(latitude: $0.1, longitude: $0.0) })
        #expect(throws: GeometryError.tooFewPositions(ring: 0, count: 3)) { try PolygonValidation.validate(short) }
    }

    @Test func wktPolygonWithAHoleReadsLonLat() throws {
        let area = try AreaParsing.wkt("SRID=4326;POLYGON((36 36, 38 36, 38 38, 36 38, 36 36), (36.75 36.75, 36.75 37.25, 37.25 37.25, 37.25 36.75, 36.75 36.75))")
        #expect(area.polygons.count == 1)
        #expect(area.polygons[0].holes.count == 1)
        #expect(area.covers(Coordinate(latitude: 36.5, longitude: 37.9)))
        #expect(!area.covers(Coordinate(latitude: 37, longitude: 37)))
        #expect(throws: GeometryError.self) { try AreaParsing.wkt("POINT(37 36)") }
        #expect(throws: GeometryError.self) { try AreaParsing.wkt("POLYGON((36 36, 38 36, 38 38, 36 36)") }
    }

    @Test func geoJSONFeaturesAreReadWithTheirPropertiesAndBadOnesReported() throws {
        let json = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"ADM1_EN":"Test"},"geometry":{"type":"Polygon","coordinates":[[[36,36],[38,36],[38,38],[36,38],[36,36]]]}},
             {"type":"Feature","properties":{"ADM1_EN":"Open"},"geometry":{"type":"Polygon","coordinates":[[[36,36],[38,36],[38,38],[36,38]]]}},
             {"type":"Feature","properties":{"ADM1_EN":"Dot"},"geometry":{"type":"Point","coordinates":[37,36]}}]}
            """
        let parsed = try AreaParsing.geoJSON(Data(json.utf8))
        #expect(parsed.areas.map { $0.properties["ADM1_EN"] } == ["Test"])
        #expect(parsed.problems.map(\.0) == [2, 3])
        #expect(parsed.problems[0].1.contains("not closed"))
    }

    @Test func orientationFollowsTheRightHandRule() {
        let clockwise = Polygon(exterior: Self.withHole.exterior.reversed(), holes: [Self.withHole.holes[0].reversed()])
        let oriented = clockwise.oriented()
        #expect(Polygon.signedDoubleArea(oriented.exterior) > 0)
        #expect(Polygon.signedDoubleArea(oriented.holes[0]) < 0)
    }
}

import AtlasTestSupport
import Testing
@testable import AtlasGeo

@Suite struct ConvexHullTests {
    private func c(_ latitude: Double, _ longitude: Double) -> Coordinate {
        Coordinate(latitude: latitude, longitude: longitude)
    }

    /// Signed area (shoelace) of a closed ring in square degrees, positive counter-clockwise.
    private func signedArea(_ ring: [Coordinate]) -> Double {
        var sum = 0.0
        for (a, b) in zip(ring, ring.dropFirst()) {
            sum += a.longitude * b.latitude - b.longitude * a.latitude
        }
        return sum / 2
    }

    @Test func emptyInputGivesEmpty() {
        #expect(ConvexHull(of: []) == .empty)
        #expect(ConvexHull(of: []).vertices.isEmpty)
    }

    @Test func repeatedSinglePlaceIsAPoint() {
        let aleppo = c(36.2, 37.16)
        #expect(ConvexHull(of: [aleppo, aleppo, aleppo]) == .point(aleppo))
    }

    @Test func collinearPointsGiveTheTwoExtremes() {
        let points = [c(36.02, 37.02), c(36.0, 37.0), c(36.03, 37.03), c(36.01, 37.01), c(36.0, 37.0)]
        #expect(ConvexHull(of: points) == .lineString(c(36.0, 37.0), c(36.03, 37.03)))
    }

    @Test func northSouthLineIsALineString() {
        let points = [c(36.3, 37.1), c(36.1, 37.1), c(36.2, 37.1)]
        #expect(ConvexHull(of: points) == .lineString(c(36.1, 37.1), c(36.3, 37.1)))
    }

    @Test func squareWithInteriorEdgeAndDuplicatePointsIsCounterClockwiseClosedRing() {
        let corners = [c(36.0, 37.0), c(36.0, 37.1), c(36.1, 37.1), c(36.1, 37.0)]
        let extra = [c(36.05, 37.05), c(36.0, 37.05), c(36.1, 37.0), c(36.02, 37.08)]
        let hull = ConvexHull(of: extra + corners + extra)
        guard case let .polygon(ring) = hull else {
            Issue.record("expected a polygon, got \(hull)")
            return
        }
        // Starts at the smallest longitude, then smallest latitude; runs counter-clockwise.
        #expect(ring == [c(36.0, 37.0), c(36.0, 37.1), c(36.1, 37.1), c(36.1, 37.0), c(36.0, 37.0)])
        #expect(ring.first == ring.last)
        #expect(signedArea(ring) > 0)
        #expect(hull.vertices.count == 4)
    }

    @Test func resultDoesNotDependOnInputOrder() {
        var generator = SeededRandom(seed: 42)
        var points: [Coordinate] = []
        for _ in 0..<300 {
            let lat = 36.0 + Double(generator.next() % 10_000) / 100_000
            let lon = 37.0 + Double(generator.next() % 10_000) / 100_000
            points.append(c(lat, lon))
        }
        let hull = ConvexHull(of: points)
        #expect(ConvexHull(of: points.reversed()) == hull)
        #expect(ConvexHull(of: points.shuffled(using: &generator)) == hull)
        guard case let .polygon(ring) = hull else {
            Issue.record("expected a polygon, got \(hull)")
            return
        }
        #expect(signedArea(ring) > 0)
        // Every input point is inside or on the hull: left of or on every edge.
        for point in points {
            for (a, b) in zip(ring, ring.dropFirst()) {
                #expect(ConvexHull.cross(a, b, point) >= 0)
            }
        }
        // Every vertex is an input point.
        for vertex in hull.vertices {
            #expect(points.contains(vertex))
        }
    }

    @Test func triangleKeepsExactlyItsThreeCorners() {
        let hull = ConvexHull(of: [c(0, 0), c(0, 2), c(2, 1), c(0, 1), c(0.5, 1)])
        #expect(hull == .polygon([c(0, 0), c(0, 2), c(2, 1), c(0, 0)]))
    }
}

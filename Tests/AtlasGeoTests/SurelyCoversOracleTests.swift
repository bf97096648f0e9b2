import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasGeo

/// `surelyCovers(box)` lets a query take a whole index block without testing its points, so a
/// wrong "yes" loses or adds incidents. Checked against the point test on a dense grid of each
/// box (corners and edges included), over random star-shaped polygons with holes and random
/// boxes of every size, many of them touching or straddling an edge.
@Suite struct SurelyCoversOracleTests {
    @Test func aSurelyCoveredBoxHasEveryPointCovered() {
        var random = SeededRandom(seed: 20_161_222)
        var proven = 0, refused = 0
        for _ in 0..<400 {
            let polygon = Self.starPolygon(&random)
            let bounds = polygon.boundingBox
            for _ in 0..<20 {
                let west = bounds.west - 0.1 + random.unit() * (bounds.east - bounds.west + 0.2)
                let south = bounds.south - 0.1 + random.unit() * (bounds.north - bounds.south + 0.2)
                let size = random.unit() < 0.5 ? 0.05 : random.unit() * 0.5
                let box = BoundingBox(west: west, south: south, east: west + size, north: south + size * (0.5 + random.unit()))
                let area = MultiPolygon([polygon])
                guard area.surelyCovers(box) else {
                    refused += 1
                    continue
                }
                proven += 1
                let steps = 12
                for i in 0...steps {
                    for j in 0...steps {
                        let point = Coordinate(latitude: box.south + (box.north - box.south) * Double(j) / Double(steps),
                                               longitude: box.west + (box.east - box.west) * Double(i) / Double(steps))
                        #expect(area.covers(point), "box \(box) proven covered, point \(point) is not")
                    }
                }
            }
        }
        // The draws must prove some boxes and refuse others, or the test checks nothing.
        #expect(proven > 300 && refused > 300, "proven \(proven), refused \(refused)")
    }

    @Test func aBoxTheBoundaryTouchesIsNotProven() {
        let square = Polygon(exterior: [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)].map { Coordinate(latitude: $0.0, longitude: $0.1) })
        #expect(square.surelyCovers(BoundingBox(west: 0.25, south: 0.25, east: 0.75, north: 0.75)))
        // Sharing the square's edge, a corner on its vertex, poking out by a hair.
        #expect(!square.surelyCovers(BoundingBox(west: 0, south: 0.25, east: 0.5, north: 0.75)))
        #expect(!square.surelyCovers(BoundingBox(west: 0.5, south: 0.5, east: 1, north: 1)))
        #expect(!square.surelyCovers(BoundingBox(west: 0.5, south: 0.5, east: 1.000001, north: 0.75)))
        // Wholly inside a hole, or wholly outside: not covered.
        let holed = PolygonTests.withHole
        #expect(!holed.surelyCovers(BoundingBox(west: 36.9, south: 36.9, east: 37.1, north: 37.1)))
        #expect(!holed.surelyCovers(BoundingBox(west: 40, south: 40, east: 41, north: 41)))
        #expect(holed.surelyCovers(BoundingBox(west: 36.1, south: 36.1, east: 36.5, north: 36.5)))
    }

    @Test func unvalidatedRingsAndBoxesAcrossTheAntimeridianAreNeverProven() {
        // Unclosed: the missing closing edge would leave (-2.5, -0.5) looking inside.
        let open = Polygon(exterior: [(0, 0), (0, 10), (10, 10), (10, 0)].map { Coordinate(latitude: $0.0, longitude: $0.1) })
        #expect(!open.surelyCovers(BoundingBox(west: -3, south: -1, east: -2, north: 1)))
        let world = Polygon(exterior: [(-80, -179), (-80, 179), (80, 179), (80, -179), (-80, -179)]
            .map { Coordinate(latitude: $0.0, longitude: $0.1) })
        #expect(!world.surelyCovers(BoundingBox(west: 179.5, south: 0, east: -179.5, north: 1)))
        let notANumber = Polygon(exterior: [(0, 0), (0, .nan), (1, 1), (1, 0), (0, 0)].map { Coordinate(latitude: $0.0, longitude: $0.1) })
        #expect(!notANumber.surelyCovers(BoundingBox(west: 0.4, south: 0.4, east: 0.5, north: 0.5)))
    }

    /// A star-shaped ring of 5–12 vertices around a random centre, sometimes with a square hole.
    private static func starPolygon(_ random: inout SeededRandom) -> Polygon {
        let centre = Coordinate(latitude: -60 + random.unit() * 120, longitude: -170 + random.unit() * 340)
        let count = 5 + Int(random.unit() * 8)
        let radius = 0.1 + random.unit() * 0.6
        var ring = (0..<count).map { step -> Coordinate in
            let angle = Double(step) / Double(count) * 2 * .pi
            let reach = radius * (0.3 + 0.7 * random.unit())
            return Coordinate(latitude: centre.latitude + reach * sin(angle), longitude: centre.longitude + reach * cos(angle))
        }
        ring.append(ring[0])
        var holes: [[Coordinate]] = []
        if random.unit() < 0.4 {
            let h = radius * 0.15
            holes = [[(-h, -h), (-h, h), (h, h), (h, -h), (-h, -h)].map {
                Coordinate(latitude: centre.latitude + $0.0, longitude: centre.longitude + $0.1)
            }]
        }
        return Polygon(exterior: ring, holes: holes)
    }
}

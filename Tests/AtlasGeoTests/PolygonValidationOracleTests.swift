import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasGeo

/// The sweep finds a crossing exactly when comparing every pair of edges finds one, and the
/// pair it reports does cross.
@Suite struct PolygonValidationOracleTests {
    /// Every pair (i < j) in order: the first crossing pair, or nil.
    private func bruteForceFirstCrossing(_ ring: [Coordinate]) -> (Int, Int)? {
        let edges = ring.count - 1
        for i in 0..<edges {
            for j in (i + 1)..<edges where PolygonValidation.crosses(ring, i, j, edges: edges) { return (i, j) }
        }
        return nil
    }

    /// A star-shaped ring of `count` vertices around (36, 37), simple by construction unless
    /// `lattice` rounds it to 1e-3° (then collinear, touching and a few crossing edges occur).
    private func starRing(_ count: Int, _ random: inout SeededRandom, lattice: Bool = true) -> [Coordinate] {
        let grid = lattice ? 1000.0 : 1e12
        let angles = (0..<count).map { _ in random.unit() * 2 * Double.pi }.sorted()
        var ring = angles.map { angle -> Coordinate in
            let radius = 0.1 + random.unit()
            return Coordinate(latitude: ((36 + radius * sin(angle)) * grid).rounded() / grid,
                              longitude: ((37 + radius * cos(angle)) * grid).rounded() / grid)
        }
        ring.append(ring[0])
        return ring
    }

    @Test func randomRingsAgreeWithTheBruteForceCheck() {
        var random = SeededRandom(seed: 26_05)
        var crossing = 0, simple = 0
        for trial in 0..<600 {
            var ring = starRing(4 + Int(random.next() % 60), &random)
            switch trial % 3 {
            case 0: break                                                    // star: mostly simple
            case 1:                                                          // two vertices swapped
                let a = 1 + Int(random.next() % UInt64(ring.count - 2)), b = 1 + Int(random.next() % UInt64(ring.count - 2))
                ring.swapAt(a, b)
            default:                                                         // one vertex moved anywhere
                let a = 1 + Int(random.next() % UInt64(ring.count - 2))
                ring[a] = Coordinate(latitude: 35 + 2 * random.unit(), longitude: 36 + 2 * random.unit())
            }
            let expected = bruteForceFirstCrossing(ring)
            let found = PolygonValidation.firstCrossing(ring)
            #expect((found == nil) == (expected == nil), "trial \(trial): \(String(describing: found)) vs \(String(describing: expected))")
            if let (i, j) = found { #expect(PolygonValidation.crosses(ring, i, j, edges: ring.count - 1), "trial \(trial): \(i), \(j)") }
            if expected == nil { simple += 1 } else { crossing += 1 }
        }
        // Both kinds must be well represented for the comparison to mean anything.
        #expect(simple > 150)
        #expect(crossing > 150)
    }

    /// Rings on a 4 × 4 grid of points: vertical edges, collinear overlaps, a vertex on another
    /// edge, repeated points, all the cases where a sweep's order has ties.
    @Test func degenerateGridRingsAgreeWithTheBruteForceCheck() {
        var random = SeededRandom(seed: 4_4)
        var simple = 0
        for trial in 0..<3_000 {
            let count = 3 + Int(random.next() % 8)
            var ring = (0..<count).map { _ in
                Coordinate(latitude: 36 + Double(random.next() % 4) / 10, longitude: 37 + Double(random.next() % 4) / 10)
            }
            ring.append(ring[0])
            let expected = bruteForceFirstCrossing(ring)
            let found = PolygonValidation.firstCrossing(ring)
            #expect((found == nil) == (expected == nil), "trial \(trial): \(ring)")
            if let (i, j) = found { #expect(PolygonValidation.crosses(ring, i, j, edges: ring.count - 1), "trial \(trial)") }
            if expected == nil { simple += 1 }
        }
        #expect(simple > 100)
    }

    @Test func aLargeStarIsValidAndOneMovedVertexIsFound() throws {
        var random = SeededRandom(seed: 7)
        var ring = starRing(3_000, &random, lattice: false)
        #expect(PolygonValidation.firstCrossing(ring) == nil)
        // Pull one vertex through the centre to the far side: its two edges cross others.
        let moved = 1_500
        ring[moved] = Coordinate(latitude: 2 * 36 - ring[moved].latitude, longitude: 2 * 37 - ring[moved].longitude)
        let expected = bruteForceFirstCrossing(ring)
        #expect(expected != nil)
        let found = try #require(PolygonValidation.firstCrossing(ring))
        #expect(PolygonValidation.crosses(ring, found.0, found.1, edges: ring.count - 1))
    }
}

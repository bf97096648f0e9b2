import AtlasGeo
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// The server's pages of unfiltered box and radius queries against the brute-force oracle on a
/// dense store (dozens of incidents a point-index cell): the paths that count whole cells
/// without reading them, stop reading a cell once its ids pass the page, accept points inside
/// the circle's inscribed box without a distance, and choose a distance-ordered page among a
/// bounded set of nearest candidates.
@Suite struct UnfilteredPageOracleTests {
    static let data: QueryTestDatabase = {
        do { return try QueryTestDatabase(count: 6000, seed: 31337) } catch { preconditionFailure("query test database: \(error)") }
    }()

    private var search: IncidentSearch { IncidentSearch(database: Self.data.database) }

    private static func oracle(_ query: IncidentQuery) -> [IncidentMatch] {
        QueryOracle.answer(query, over: data.incidents, fold: NameFolding.key)
    }

    /// Every page of `query` by `after` cursors through `page(_:)`, checking `numberMatched` on
    /// each; the concatenated pages.
    private func allPages(_ query: IncidentQuery, expectedCount: Int) throws -> [IncidentMatch] {
        var page = query
        var found: [IncidentMatch] = []
        for _ in 0..<10_000 {
            let (matches, matched) = try search.page(page)
            #expect(matched == expectedCount, "\(page)")
            found += matches
            guard let last = matches.last, matches.count == page.limit else { return found }
            page.after = IncidentCursor(after: last)
        }
        Issue.record("paging did not end: \(query)")
        return found
    }

    @Test(arguments: 0..<4)
    func boxPagesEqualTheOracle(batch: Int) throws {
        var random = SeededRandom(seed: 5_100 + UInt64(batch))
        for _ in 0..<12 {
            var query = IncidentQuery()
            let west = 36.6 + random.unit() * 0.9, south = 35.8 + random.unit() * 0.7
            // From inside one cell (0.05°) to most of the data.
            let width = [0.004, 0.03, 0.12, 0.45, 1.2][Int(random.unit() * 5)], height = [0.004, 0.04, 0.11, 0.5, 1.0][Int(random.unit() * 5)]
            query.boundingBox = BoundingBox(west: west, south: south, east: west + width, north: south + height)
            let full = Self.oracle(query)
            query.limit = [1, 7, 100, 1000][Int(random.unit() * 4)]
            expectSameMatches(try allPages(query, expectedCount: full.count), full, query)
        }
    }

    /// Boxes across the antimeridian whose two parts meet one column of index cells (both edges
    /// within one 0.05° cell), and counts alone: each incident counted and paged once.
    @Test func boxesAcrossTheAntimeridianAndCountsEqualTheOracle() throws {
        for (west, east) in [(37.04, 37.01), (37.149, 37.101), (36.3, 38.2), (37.2, 37.2)] {
            var query = IncidentQuery()
            query.boundingBox = BoundingBox(west: west, south: 35.9, east: east, north: 36.5)
            let full = Self.oracle(query)
            query.limit = 500
            expectSameMatches(try allPages(query, expectedCount: full.count), full, query)
            query.limit = nil
            #expect(try search.count(query) == full.count, "\(query)")
        }
        var circle = IncidentQuery()
        circle.center = Coordinate(latitude: 36.2, longitude: 37.16)
        circle.radiusMeters = 12_000
        #expect(try search.count(circle) == Self.oracle(circle).count)
    }

    @Test(arguments: 0..<4)
    func radiusPagesEqualTheOracle(batch: Int) throws {
        var random = SeededRandom(seed: 6_100 + UInt64(batch))
        for round in 0..<10 {
            var query = IncidentQuery()
            query.center = Coordinate(latitude: 36.2 + (random.unit() - 0.5) * 0.6, longitude: 37.16 + (random.unit() - 0.5) * 0.8)
            query.radiusMeters = [300, 2_000, 9_000, 25_000, 70_000][Int(random.unit() * 5)]
            if round % 4 == 3 { query.order = .id }
            let full = Self.oracle(query)
            query.limit = [1, 5, 60, 400][Int(random.unit() * 4)]
            expectSameMatches(try allPages(query, expectedCount: full.count), full, query)
        }
    }

    @Test func theInscribedBoxLiesInsideTheCircle() {
        var random = SeededRandom(seed: 77)
        for _ in 0..<200 {
            let center = Coordinate(latitude: (random.unit() - 0.5) * 170, longitude: (random.unit() - 0.5) * 350)
            let radius = pow(10, 1 + random.unit() * 6)  // 10 m to 10,000 km
            let test = RadiusTest(center: center, radiusMeters: radius)
            guard let box = test.surelyInsideBox() else { continue }
            // The corners, the edge midpoints and random points: all within the radius, exactly.
            for _ in 0..<20 {
                let point = Coordinate(latitude: box.south + random.unit() * (box.north - box.south),
                                       longitude: box.west + random.unit() * (box.east - box.west))
                #expect(test.exactMeters(to: point) <= radius, "\(center) \(radius) \(point)")
            }
            for latitude in [box.south, box.north] {
                for longitude in [box.west, (box.west + box.east) / 2, box.east] {
                    #expect(test.exactMeters(to: Coordinate(latitude: latitude, longitude: longitude)) <= radius)
                }
            }
        }
    }

    /// The bound that orders blocks nearest first (and skips them once the page is full) must
    /// never exceed the spherical distance of a point in the block: checked at the corners, on
    /// the edges, at the point nearest the centre and at random points of boxes of every size.
    @Test func theLowerBoundToABoxIsAtMostEveryDistanceInIt() {
        var random = SeededRandom(seed: 78)
        for _ in 0..<500 {
            let center = Coordinate(latitude: (random.unit() - 0.5) * 170, longitude: (random.unit() - 0.5) * 350)
            let test = RadiusTest(center: center, radiusMeters: 1_000)
            let size = pow(10, -2 + random.unit() * 3.3)  // 0.01° to 20°
            let west = max(-180, min(180 - size, center.longitude + (random.unit() - 0.5) * 6 * size))
            let south = max(-89, min(89 - size, center.latitude + (random.unit() - 0.5) * 6 * size))
            let box = BoundingBox(west: west, south: south, east: west + size, north: south + size)
            let bound = test.sphericalMetersLowerBound(to: box)
            var points = [Coordinate(latitude: min(max(center.latitude, box.south), box.north),
                                     longitude: min(max(center.longitude, box.west), box.east))]
            for step in 0...10 {
                let t = Double(step) / 10
                points += [Coordinate(latitude: box.south + t * size, longitude: box.west), Coordinate(latitude: box.south + t * size, longitude: box.east),
                           Coordinate(latitude: box.south, longitude: box.west + t * size), Coordinate(latitude: box.north, longitude: box.west + t * size),
                           Coordinate(latitude: box.south + random.unit() * size, longitude: box.west + random.unit() * size)]
            }
            for point in points {
                #expect(bound <= test.sphericalMeters(to: point) * (1 + 1e-12), "\(center) \(box) \(point)")
            }
            if box.contains(center) { #expect(bound == 0) }
        }
    }
}

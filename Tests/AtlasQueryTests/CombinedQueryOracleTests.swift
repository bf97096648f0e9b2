import AtlasGeo
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// Every combination of a query's parts against a brute-force oracle: random centres, radii,
/// nearest counts, boxes (some across the antimeridian), areas (some with holes, several
/// intersecting), filters, orders, limits and cursors drawn together, and paging that must
/// return each match exactly once.
@Suite struct CombinedQueryOracleTests {
    static let data: QueryTestDatabase = {
        do { return try QueryTestDatabase(count: 1500, seed: 424242) } catch { preconditionFailure("query test database: \(error)") }
    }()

    private var search: IncidentSearch { IncidentSearch(database: Self.data.database) }

    private static func draw(_ random: inout SeededRandom) throws -> IncidentQuery {
        try QueryOracle.draw(&random, fold: NameFolding.key)
    }

    private static func oracle(_ query: IncidentQuery) -> [IncidentMatch] {
        QueryOracle.answer(query, over: data.incidents, fold: NameFolding.key)
    }

    @Test(arguments: 0..<6)
    func randomQueriesEqualTheOracle(batch: Int) throws {
        var random = SeededRandom(seed: 9_000 + UInt64(batch))
        var nonEmpty = 0
        for _ in 0..<50 {
            let query = try Self.draw(&random)
            let full = Self.oracle(query)
            let expected = Array(full.prefix(query.limit ?? .max))
            let found = try search.matches(query)
            expectSameMatches(found, expected, query)
            #expect(try search.count(query) == full.count)
            let page = try search.page(query)
            #expect(page.matches.map(\.id) == expected.map(\.id))
            #expect(page.numberMatched == full.count)
            if !found.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 15)  // the draws must exercise real answers, not only empty ones
    }

    @Test(arguments: 0..<3)
    func pagingReturnsEachMatchExactlyOnce(batch: Int) throws {
        var random = SeededRandom(seed: 7_000 + UInt64(batch))
        for _ in 0..<25 {
            let (query, full, page) = try Self.drawPaged(&random)
            expectSameMatches(try forwardPages(page).flatMap { $0 }, full, query)
        }
    }

    /// A drawn query without a limit, its whole answer, and the query with a page size: 1 to 15,
    /// or enough for about 20 pages of a large answer.
    private static func drawPaged(_ random: inout SeededRandom) throws -> (IncidentQuery, [IncidentMatch], IncidentQuery) {
        var query = try draw(&random)
        query.limit = nil
        let full = oracle(query)
        var page = query
        page.limit = max(1 + Int(random.unit() * 15), full.count / 20 + 1)
        return (query, full, page)
    }

    /// The non-empty pages of `page`'s answer, following `after` cursors (through their text
    /// form) until a page is short.
    private func forwardPages(_ query: IncidentQuery) throws -> [[IncidentMatch]] {
        var page = query
        var pages: [[IncidentMatch]] = []
        while true {
            let found = try search.matches(page)
            if !found.isEmpty { pages.append(found) }
            guard let last = found.last, found.count == page.limit else { return pages }
            page.after = IncidentCursor(IncidentCursor(after: last).description)
            #expect(page.after != nil)
        }
    }

    /// Forwards with `after` to the end, then backwards with `before` from the last page's first
    /// match: the backward pages are the forward pages again, so together they hold each match
    /// exactly once, in order (what the server's `next` and `prev` links walk).
    @Test(arguments: 0..<3)
    func pagingBackwardsRetracesTheForwardPages(batch: Int) throws {
        var random = SeededRandom(seed: 8_000 + UInt64(batch))
        var walked = 0, draws = 0
        // Draws go on until several of them page more than twice, so every batch walks real pages.
        while walked < 5 && draws < 80 {
            draws += 1
            let (query, full, paged) = try Self.drawPaged(&random)
            var page = paged
            let forward = try forwardPages(page)
            var backward: [[IncidentMatch]] = []
            var first = forward.last?.first
            while let cursor = first {
                page.before = IncidentCursor(IncidentCursor(after: cursor).description)  // through its text form
                let found = try search.matches(page)
                #expect(try search.page(page).matches.map(\.id) == found.map(\.id))
                if found.isEmpty { break }
                backward.insert(found, at: 0)
                first = found.first
            }
            if let last = forward.last { backward.append(last) }
            #expect(backward.map { $0.map(\.id) } == forward.map { $0.map(\.id) }, "\(query)")
            expectSameMatches(backward.flatMap { $0 }, full, query)
            if forward.count > 2 { walked += 1 }
        }
        #expect(walked >= 5)  // the draws must page several times, not only once
    }

    /// The reported cases: a radius with an area or a box and a limit narrows like `within`.
    @Test func radiusCombinedWithAnAreaOrABoxAndALimitNarrows() throws {
        let aleppo = Coordinate(latitude: 36.20124, longitude: 37.16117)
        var query = IncidentQuery.within(15_000, of: aleppo)
        query.areas = [try AreaParsing.wkt("POLYGON((0 0,1 0,1 1,0 1,0 0))")]
        #expect(try search.matches(query).isEmpty)
        query.areas = []
        query.boundingBox = BoundingBox(west: 37.1, south: 36.22, east: 37.2, north: 36.3)
        query.limit = 1
        let one = try search.matches(query)
        #expect(one.count == 1)
        #expect(one.map(\.id) == Array(Self.oracle(query).prefix(1)).map(\.id))
        // Two areas intersect: an incident must lie in both.
        var both = IncidentQuery()
        both.areas = [try AreaParsing.wkt("POLYGON((37.0 36.0, 37.2 36.0, 37.2 36.4, 37.0 36.4, 37.0 36.0))"),
                      try AreaParsing.wkt("POLYGON((37.1 36.0, 37.3 36.0, 37.3 36.4, 37.1 36.4, 37.1 36.0))")]
        let found = try search.matches(both)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.coordinate.longitude >= 37.1 && $0.coordinate.longitude <= 37.2 })
        expectSameMatches(found, Self.oracle(both), both)
    }

    @Test func queriesWhosePartsDoNotFitAreRefusedByName() {
        var query = IncidentQuery()
        query.radiusMeters = 1_000
        #expect(throws: QueryError.needsCenter("a radius")) { try search.matches(query) }
        query = IncidentQuery.within(1_000, of: Coordinate(latitude: 36, longitude: 37))
        query.after = IncidentCursor(id: 5)
        #expect(throws: QueryError.self) { try search.matches(query) }
        #expect(IncidentCursor("12.5@7") == IncidentCursor(id: 7, distanceMeters: 12.5))
        #expect(IncidentCursor("x@7") == nil)
        #expect(IncidentCursor("-1@7") == nil)
    }
}

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

    /// A query drawn at random, and the oracle's full answer to it (before cursor and limit).
    private static func draw(_ random: inout SeededRandom) throws -> IncidentQuery {
        var query = IncidentQuery()
        let nearAntimeridian = random.unit() < 0.1
        func point() -> Coordinate {
            nearAntimeridian
                ? Coordinate(latitude: -16.4 + (random.unit() - 0.5) * 0.3, longitude: random.unit() < 0.5 ? 179.95 : -179.95)
                : Coordinate(latitude: 36.2 + (random.unit() - 0.5) * 0.8, longitude: 37.16 + (random.unit() - 0.5) * 1.0)
        }
        if random.unit() < 0.7 {
            query.center = point()
            if random.unit() < 0.7 { query.radiusMeters = 500 + random.unit() * 40_000 }
            if random.unit() < 0.4 { query.nearestCount = 1 + Int(random.unit() * 60) }
            if random.unit() < 0.15 { query.order = .id }
        }
        if random.unit() < 0.4 {
            let corner = point()
            let width = 0.05 + random.unit() * 0.6, height = 0.05 + random.unit() * 0.5
            var west = corner.longitude - width / 2, east = corner.longitude + width / 2
            if west < -180 { west += 360 }
            if east > 180 { east -= 360 }
            query.boundingBox = BoundingBox(west: west, south: corner.latitude - height / 2, east: east, north: corner.latitude + height / 2)
        }
        let areaCount = nearAntimeridian ? 0 : Int(random.unit() * 2.6)
        for _ in 0..<areaCount {
            let c = point()
            let r = 0.05 + random.unit() * 0.3
            // A star-shaped ring (valid: angles increase), sometimes with a square hole.
            let exterior = (0...7).map { step -> Coordinate in
                let angle = Double(step % 7) / 7 * 2 * .pi
                let reach = r * (0.6 + 0.4 * ((step % 7) % 2 == 0 ? 1 : 0.5))
                return Coordinate(latitude: c.latitude + reach * sin(angle), longitude: c.longitude + reach * cos(angle))
            }
            var holes: [[Coordinate]] = []
            if random.unit() < 0.3 {
                let h = r / 6
                holes = [[(-h, -h), (-h, h), (h, h), (h, -h), (-h, -h)].map { Coordinate(latitude: c.latitude + $0.0, longitude: c.longitude + $0.1) }]
            }
            query.areas.append(MultiPolygon([Polygon(exterior: exterior, holes: holes)]))
        }
        if random.unit() < 0.3 { query.filter.types = try IncidentFilter.resolveTypes([["shelling", "battles", "airstrike"][Int(random.unit() * 3)]]) }
        if random.unit() < 0.3 { query.filter.since = ISODate(dayNumber: 16_800 + Int(random.unit() * 200)) }
        if random.unit() < 0.3 { query.filter.until = ISODate(dayNumber: 17_000 + Int(random.unit() * 200)) }
        if random.unit() < 0.2 { query.filter.actor = ["nusra", "FORCES", "islamic"][Int(random.unit() * 3)] }
        if random.unit() < 0.15 { query.filter.notActor = "nusra" }
        if random.unit() < 0.2 { query.filter.maxGeoPrecision = 1 + Int(random.unit() * 2) }
        if random.unit() < 0.2 { query.filter.admin1Keys = [NameFolding.key(random.unit() < 0.5 ? "Aleppo" : "Idlib")] }
        if random.unit() < 0.5 { query.limit = 1 + Int(random.unit() * 40) }
        return query
    }

    /// The oracle: every incident tested against every part, sorted, nearest cut, no index.
    private static func oracle(_ query: IncidentQuery) -> [IncidentMatch] {
        let filter = query.filter
        var kept: [IncidentMatch] = []
        for incident in data.incidents {
            let p = incident.coordinate
            if let box = query.boundingBox, !box.contains(p) { continue }
            if !query.areas.allSatisfy({ $0.covers(p) }) { continue }
            if let since = filter.since, incident.eventDate < since.description { continue }
            if let until = filter.until, incident.eventDate > until.description { continue }
            if !filter.types.isEmpty, !filter.types.contains(where: { type in
                switch type {
                case let .eventType(name): return incident.eventType == name
                case let .subEventType(sub): return incident.subEventType == sub.name
                }
            }) { continue }
            let actors = [incident.actor1, incident.assocActor1, incident.actor2, incident.assocActor2].joined(separator: " ").lowercased()
            if let actor = filter.actor, !actors.contains(actor.lowercased()) { continue }
            if let notActor = filter.notActor, actors.contains(notActor.lowercased()) { continue }
            if let precision = filter.maxGeoPrecision, incident.geoPrecision.level > precision { continue }
            if !filter.admin1Keys.isEmpty, !filter.admin1Keys.contains(NameFolding.key(incident.admin1)) { continue }
            var distance: Double?
            if let center = query.center {
                let d = Geodesic.wgs84.distanceMeters(from: center, to: p)
                if let radius = query.radiusMeters, d > radius { continue }
                distance = d
            }
            kept.append(IncidentMatch(id: incident.id!, coordinate: p, distanceMeters: distance))
        }
        let byDistance = { (a: IncidentMatch, b: IncidentMatch) in
            a.distanceMeters! != b.distanceMeters! ? a.distanceMeters! < b.distanceMeters! : a.id < b.id
        }
        if let count = query.nearestCount {
            kept.sort(by: byDistance)
            kept = Array(kept.prefix(count))
        }
        if query.effectiveOrder == .distance { kept.sort(by: byDistance) } else { kept.sort { $0.id < $1.id } }
        return kept
    }

    private func expectSame(_ found: [IncidentMatch], _ expected: [IncidentMatch], _ query: IncidentQuery) {
        #expect(found.map(\.id) == expected.map(\.id), "\(query)")
        for (a, b) in zip(found, expected) where a.distanceMeters != nil || b.distanceMeters != nil {
            // Vincenty (the search) and Karney (the oracle) agree to well under a millimetre.
            #expect(abs((a.distanceMeters ?? -1) - (b.distanceMeters ?? -2)) < 1e-4)
        }
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
            expectSame(found, expected, query)
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
            var query = try Self.draw(&random)
            query.limit = nil
            let full = Self.oracle(query)
            var page = query
            // Pages of 1 to 15, or enough for about 20 pages of a large answer.
            page.limit = max(1 + Int(random.unit() * 15), full.count / 20 + 1)
            var collected: [IncidentMatch] = []
            while true {
                let found = try search.matches(page)
                collected += found
                guard let last = found.last, found.count == page.limit else { break }
                page.after = IncidentCursor(IncidentCursor(after: last).description)  // through its text form
                #expect(page.after != nil)
            }
            expectSame(collected, full, query)
        }
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
        expectSame(found, Self.oracle(both), both)
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

import AtlasGeo
import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// The PostGIS backend against the SpatiaLite store and a brute-force oracle, on a real
/// PostgreSQL: random centres, radii, nearest counts, boxes (some across the antimeridian),
/// areas (some with holes), filters, orders, limits and cursors drawn together, paging, counts,
/// group counts and whole rows. Serialized: the write tests change the shared tables.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"))
struct PostGISOracleTests {
    /// Loaded once for the suite (1,500 incidents in each store).
    static let stores = Result { try TwoStores(count: 1500, seed: 424242) }

    private var both: TwoStores { get throws { try Self.stores.get() } }

    @Test func postgresIsGivenWhenRequired() throws {
        if TestPostgres.required { _ = try TestPostgres.requireURL() }
    }

    /// A query drawn at random (the same distribution as `CombinedQueryOracleTests`, plus the
    /// source filter).
    private static func draw(_ random: inout SeededRandom) throws -> IncidentQuery {
        try QueryOracle.draw(&random, fold: NameFolding.key)
    }

    private func oracle(_ query: IncidentQuery) throws -> [IncidentMatch] {
        QueryOracle.answer(query, over: try both.incidents, fold: NameFolding.key)
    }

    /// Same ids in the same order, distances within `tolerance` metres.
    private func expectSame(_ found: [IncidentMatch], _ expected: [IncidentMatch], _ query: IncidentQuery,
                            tolerance: Double, _ what: String) {
        #expect(found.map(\.id) == expected.map(\.id), "\(what): \(query)")
        for (a, b) in zip(found, expected) where a.distanceMeters != nil || b.distanceMeters != nil {
            #expect(abs((a.distanceMeters ?? -1) - (b.distanceMeters ?? -2)) < tolerance, "\(what): \(query)")
        }
    }

    @Test(arguments: 0..<4)
    func randomQueriesEqualSpatiaLiteAndTheOracle(batch: Int) throws {
        let stores = try both
        var random = SeededRandom(seed: 19_000 + UInt64(batch))
        var nonEmpty = 0
        for _ in 0..<50 {
            let query = try Self.draw(&random)
            let full = try oracle(query)
            let found = try stores.postGIS.incidents.matches(query)
            // The same distance code on both backends: equal to the millimetre (in fact exactly).
            expectSame(found, try stores.spatiaLite.incidents.matches(query), query, tolerance: 1e-3, "SpatiaLite")
            // Vincenty (the backends) and Karney (the oracle) agree to well under a millimetre.
            expectSame(found, Array(full.prefix(query.limit ?? .max)), query, tolerance: 1e-3, "oracle")
            #expect(try stores.postGIS.incidents.count(query) == full.count)
            if !found.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 15)  // the draws must exercise real answers, not only empty ones
    }

    @Test(arguments: 0..<2)
    func pagingReturnsEachMatchExactlyOnce(batch: Int) throws {
        let stores = try both
        var random = SeededRandom(seed: 17_000 + UInt64(batch))
        for _ in 0..<20 {
            var query = try Self.draw(&random)
            query.limit = nil
            let full = try oracle(query)
            var page = query
            page.limit = max(1 + Int(random.unit() * 15), full.count / 20 + 1)
            var collected: [IncidentMatch] = []
            while true {
                let found = try stores.postGIS.incidents.matches(page)
                collected += found
                guard let last = found.last, found.count == page.limit else { break }
                page.after = IncidentCursor(IncidentCursor(after: last).description)  // through its text form
            }
            expectSame(collected, full, query, tolerance: 1e-3, "pages")
        }
    }

    @Test func groupCountsEqualSpatiaLite() throws {
        let stores = try both
        var random = SeededRandom(seed: 23_000)
        for grouping in IncidentGrouping.allCases {
            for _ in 0..<3 {
                let query = try Self.draw(&random)
                #expect(try stores.postGIS.incidents.counts(by: grouping, query) == stores.spatiaLite.incidents.counts(by: grouping, query),
                        "\(grouping): \(query)")
            }
        }
    }

    @Test func rowsReadBackEqualWhatWasStored() throws {
        let stores = try both
        var fromPostGIS: [Incident] = []
        try stores.postGIS.incidents.forEachIncident(IncidentQuery(), withAttributes: true) { incident, _ in fromPostGIS.append(incident) }
        #expect(fromPostGIS == stores.incidents)
        let ids: [Int64] = [7, 3, 999_999, 1_500, 1]
        var byIDs: [Int64] = []
        try stores.postGIS.incidents.forEachIncident(ids: ids, withAttributes: false) { byIDs.append($0.id ?? 0) }
        #expect(byIDs == [7, 3, 1_500, 1])
        var aleppo = IncidentQuery.within(10_000, of: Coordinate(latitude: 36.20124, longitude: 37.16117))
        aleppo.limit = 25
        var spatial: [Incident] = [], expected: [Incident] = []
        try stores.postGIS.incidents.forEachIncident(aleppo, withAttributes: true) { incident, _ in spatial.append(incident) }
        try stores.spatiaLite.incidents.forEachIncident(aleppo, withAttributes: true) { incident, _ in expected.append(incident) }
        #expect(spatial == expected)
        #expect(spatial.count == 25)
    }

    @Test func upsertAndDeleteCountAsSpatiaLiteAndMoveTheGeneration() throws {
        let stores = try both
        let far = Coordinate(latitude: -60, longitude: -120)  // no drawn query reaches it
        var batch = [Incident(sourceKey: "w1", eventDate: "2017-01-01", eventType: "Battles", coordinate: far, upstreamTimestamp: 10),
                     Incident(sourceKey: "w2", eventDate: "2017-01-02", eventType: "Battles", coordinate: far)]
        let before = try stores.postGIS.incidents.incidentGeneration()
        #expect(counts(try stores.postGIS.writer.upsert(batch)) == [2, 0, 0])
        #expect(counts(try stores.spatiaLite.writer.upsert(batch)) == [2, 0, 0])
        let afterInsert = try stores.postGIS.incidents.incidentGeneration()
        #expect(afterInsert != before)
        #expect(counts(try stores.postGIS.writer.upsert(batch)) == [0, 0, 2])
        batch[0].notes = "older revision"  // same timestamp: not newer, so unchanged
        batch[1].notes = "changed"  // no timestamp: different, so updated
        let expected = counts(try stores.spatiaLite.writer.upsert(batch))
        #expect(counts(try stores.postGIS.writer.upsert(batch)) == expected)
        #expect(expected == [0, 1, 1])
        var query = IncidentQuery.within(1_000, of: far)
        query.order = .id
        let ids = try stores.postGIS.incidents.matches(query).map(\.id)
        #expect(ids == (try stores.spatiaLite.incidents.matches(query).map(\.id)))
        #expect(try stores.postGIS.incidents.incident(id: ids[1])?.notes == "changed")
        for id in ids {
            #expect(try stores.postGIS.writer.delete(id: id))
            #expect(try stores.spatiaLite.writer.delete(id: id))
        }
        #expect(try !stores.postGIS.writer.delete(id: ids[0]))
        #expect(try stores.postGIS.incidents.incidentGeneration() != afterInsert)
        // A missing file is refused before the database is touched, as on SpatiaLite.
        #expect(throws: InputError.unreadable(file: "x.csv", reason: "no such file")) {
            try stores.postGIS.writer.importFile("x.csv", options: ImportOptions())
        }
    }

    /// (inserted, updated, unchanged) as an array, for comparisons.
    private func counts(_ result: (inserted: Int, updated: Int, unchanged: Int)) -> [Int] {
        [result.inserted, result.updated, result.unchanged]
    }
}

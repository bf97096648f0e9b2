// The PostGIS side of scripts/bench: the PostGIS backend (through the storage seam, as every
// command uses it) against hand-written PostGIS SQL on the same database, with the SpatiaLite
// backend's time for the same questions on the same incidents beside them.
import AtlasGeo
import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import Foundation
import PostgresNIO

/// Hand-written PostGIS SQL for the benchmark's questions, run over postgres-nio the way the
/// backend runs its own statements (each sent and waited for on the calling thread), so the
/// comparison measures what the backend adds, not a different driver.
///
/// Over its own table, `atlas_bench_baseline`: a copy of `incident` (every column, the same
/// row order, so rows are as wide and as scattered) with a `geography` column added, as a
/// PostGIS user would keep it for these questions, and a GiST index on each of `geog` and
/// `geom` (the store itself has only the geometry one).
struct PostGISBaseline {
    private let connection: PostgresConnection
    private let logger = Logger(label: "atlas.bench.postgis")

    init(url: String) throws {
        let parsed = try PostgresURL(url)
        let configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 7, logger: logger).wait()
    }

    func close() { try? connection.close().wait() }

    /// Makes `atlas_bench_baseline` from the store's incidents (again, if it exists).
    func prepare() throws {
        for statement: PostgresQuery in [
            "DROP TABLE IF EXISTS atlas_bench_baseline",
            "CREATE TABLE atlas_bench_baseline AS SELECT *, geom::geography AS geog FROM incident ORDER BY id",
            "ALTER TABLE atlas_bench_baseline ADD PRIMARY KEY (id)",
            "CREATE INDEX ON atlas_bench_baseline USING gist (geog)",
            "CREATE INDEX ON atlas_bench_baseline USING gist (geom)",
            "ANALYZE atlas_bench_baseline",
            "ANALYZE incident",
        ] {
            _ = try connection.query(statement, logger: logger).wait()
        }
    }

    private func ids(_ query: PostgresQuery) throws -> [Int64] {
        try connection.query(query, logger: logger).wait().rows.map { try $0.decode(Int64.self, context: .default) }
    }

    /// Incidents within `metres` (geodesic, on the spheroid) of `centre`, nearest first, with
    /// their distances computed (as a user asking "what happened within r km" writes it).
    func radius(_ centre: Coordinate, metres: Double) throws -> [Int64] {
        try connection.query("""
            SELECT id, ST_Distance(geog, ST_SetSRID(ST_MakePoint(\(centre.longitude), \(centre.latitude)), 4326)::geography) AS d
            FROM atlas_bench_baseline
            WHERE ST_DWithin(geog, ST_SetSRID(ST_MakePoint(\(centre.longitude), \(centre.latitude)), 4326)::geography, \(metres))
            ORDER BY d, id
            """, logger: logger).wait().rows.map { try $0.decode((Int64, Double).self, context: .default).0 }
    }

    /// The `k` incidents nearest `centre`: candidates in the geography index's `<->` order (a
    /// sphere, so oversampled), re-ranked by the spheroid distance the backend reports, as a user
    /// who wants the exact answer writes it. One ORDER BY term inside: a tie-breaker there would
    /// stop the index from driving the order.
    func nearest(_ centre: Coordinate, k: Int) throws -> [Int64] {
        try ids("""
            SELECT id FROM (
                SELECT id, geog FROM atlas_bench_baseline
                ORDER BY geog <-> ST_SetSRID(ST_MakePoint(\(centre.longitude), \(centre.latitude)), 4326)::geography
                LIMIT \(k + 50)
            ) AS candidate
            ORDER BY ST_Distance(candidate.geog, ST_SetSRID(ST_MakePoint(\(centre.longitude), \(centre.latitude)), 4326)::geography), id
            LIMIT \(k)
            """)
    }

    /// Incidents covered by `wkt` (edges included, as the backend's areas).
    func covered(by wkt: String) throws -> [Int64] {
        try ids("SELECT id FROM atlas_bench_baseline WHERE ST_Covers(ST_GeomFromText(\(wkt), 4326), geom) ORDER BY id")
    }
}

/// The timings of one question on the three sides, per query in seconds.
private struct ThreeWay {
    var backend: [Double] = [], baseline: [Double] = [], spatiaLite: [Double] = []
}

/// `atlas-bench postgis --url URL --db SQLITE`: radius 1/10/50 km, nearest k = 10 and a 40 km
/// polygon, each on the PostGIS backend, in hand-written PostGIS SQL and on the SpatiaLite
/// backend (the same incidents imported into both); one JSON line per question.
func runPostGISWorkloads(_ arguments: Arguments, spatiaLite database: SpatialDatabase) throws {
    let url = arguments.string("url", "")
    let backend = try PostGISBackend(url: url).incidents
    let sqlite = SpatiaLiteBackend(database: database).incidents
    let baseline = try PostGISBaseline(url: url)
    defer { baseline.close() }
    try baseline.prepare()
    let points = try centres(database, count: arguments.int("centres", 30))
    let repeats = arguments.int("repeat", 3)

    /// Runs `question` for every centre on each side `repeats` times (after one warm-up round
    /// that also compares the answers), and reports per-query medians.
    func measure(_ name: String, backendAnswer: (Coordinate) throws -> [Int64], baselineAnswer: (Coordinate) throws -> [Int64],
                 spatiaLiteAnswer: (Coordinate) throws -> [Int64]) throws {
        var same = true, sameAsSpatiaLite = true, hits = 0
        for centre in points {
            let ours = try backendAnswer(centre), theirs = try baselineAnswer(centre), file = try spatiaLiteAnswer(centre)
            if Set(ours) != Set(theirs) { same = false }
            if ours != file { sameAsSpatiaLite = false }
            hits += ours.count
        }
        var times = ThreeWay()
        let perQuery = { (answer: (Coordinate) throws -> [Int64]) throws -> Double in
            try seconds { for centre in points { _ = try answer(centre) } } / Double(points.count)
        }
        for _ in 0..<repeats {
            times.backend.append(try perQuery(backendAnswer))
            times.baseline.append(try perQuery(baselineAnswer))
            times.spatiaLite.append(try perQuery(spatiaLiteAnswer))
        }
        report(name, atlas: times.backend, baseline: times.baseline, same: same, extra: [
            "spatialite_ms": String(format: "%.3f", summary(times.spatiaLite).median * 1000),
            "same_as_spatialite": String(sameAsSpatiaLite), "mean_hits": String(hits / max(points.count, 1)),
        ])
    }

    for km in [1.0, 10, 50] {
        let metres = km * 1000
        try measure("radius \(Int(km)) km",
                    backendAnswer: { try backend.matches(.within(metres, of: $0)).map(\.id) },
                    baselineAnswer: { try baseline.radius($0, metres: metres) },
                    spatiaLiteAnswer: { try sqlite.matches(.within(metres, of: $0)).map(\.id) })
    }
    let k = arguments.int("k", 10)
    try measure("nearest k=\(k)",
                backendAnswer: { try backend.matches(.nearest(k, to: $0)).map(\.id) },
                baselineAnswer: { try baseline.nearest($0, k: k) },
                spatiaLiteAnswer: { try sqlite.matches(.nearest(k, to: $0)).map(\.id) })
    try measure("polygon 40 km",
                backendAnswer: { try backend.matches(BenchAreas.query(around: $0)).map(\.id) },
                baselineAnswer: { try baseline.covered(by: BenchAreas.wkt(BenchAreas.square(around: $0))) },
                spatiaLiteAnswer: { try sqlite.matches(BenchAreas.query(around: $0)).map(\.id) })
}

// atlas-bench: in-process timings of IncidentAtlas against SpatiaLite SQL on the same file, for
// scripts/bench. Each workload runs a warm-up, then `--repeat` rounds, and prints one JSON line:
// medians and spreads for IncidentAtlas and the baseline, and whether both answered the same.
import AtlasExtract
import AtlasGeo
import AtlasModel
import AtlasQuery
import AtlasStore
import Foundation
import GRDB

/// Command-line arguments as `--name value` pairs.
struct Arguments {
    private var values: [String: String] = [:]
    let workload: String

    init(_ arguments: [String]) {
        workload = arguments.first ?? ""
        var index = 1
        while index + 1 < arguments.count {
            values[arguments[index].replacingOccurrences(of: "--", with: "")] = arguments[index + 1]
            index += 2
        }
    }

    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
    func double(_ name: String, _ fallback: Double) -> Double { values[name].flatMap(Double.init) ?? fallback }
    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap(Int.init) ?? fallback }
}

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// Median and (max − min) / median of a list of timings.
func summary(_ samples: [Double]) -> (median: Double, spread: Double) {
    let sorted = samples.sorted()
    let median = sorted[sorted.count / 2]
    return (median, median > 0 ? (sorted.last! - sorted.first!) / median : 0)
}

func report(_ name: String, atlas: [Double], baseline: [Double]?, same: Bool, extra: [String: String] = [:]) {
    let a = summary(atlas)
    var fields = ["\"workload\":\"\(name)\"", "\"atlas_ms\":\(String(format: "%.3f", a.median * 1000))",
                  "\"atlas_spread\":\(String(format: "%.2f", a.spread))", "\"same_answers\":\(same)"]
    if let baseline {
        let b = summary(baseline)
        fields += ["\"baseline_ms\":\(String(format: "%.3f", b.median * 1000))", "\"baseline_spread\":\(String(format: "%.2f", b.spread))",
                   "\"ratio\":\(String(format: "%.2f", b.median / max(a.median, 1e-9)))"]
    }
    for (key, value) in extra.sorted(by: { $0.key < $1.key }) { fields.append("\"\(key)\":\(value)") }
    FileHandle.standardOutput.write(Data(("{" + fields.joined(separator: ",") + "}\n").utf8))
}

/// Centres: `count` incident positions chosen deterministically from the store (queries land
/// where the data is, as users' queries do).
func centres(_ database: SpatialDatabase, count: Int) throws -> [Coordinate] {
    try database.read { db in
        let total = try Int.fetchOne(db, sql: "SELECT max(id) FROM incident") ?? 0
        return try (0..<count).compactMap { index -> Coordinate? in
            let id = 1 + (index * 7919 + 17) % max(total, 1)
            guard let blob = try Data.fetchOne(db, sql: "SELECT geom FROM incident WHERE id >= ? ORDER BY id LIMIT 1", arguments: [id]) else { return nil }
            return SpatiaLitePoint.coordinate(from: blob)
        }
    }
}

/// The same radius query as SpatiaLite SQL: SpatialIndex + PtDistWithin(…, 1) (ellipsoid).
func baselineRadius(_ db: Database, _ centre: Coordinate, _ metres: Double) throws -> [Int64] {
    let box = BoundingBox.around(centre, radiusMeters: metres)
    return try Int64.fetchAll(db, sql: """
        SELECT id FROM incident WHERE id IN (
            SELECT rowid FROM SpatialIndex WHERE f_table_name = 'incident' AND f_geometry_column = 'geom'
              AND search_frame = BuildMbr(?, ?, ?, ?, 4326))
          AND PtDistWithin(geom, MakePoint(?, ?, 4326), ?, 1)
        """, arguments: [box.west, box.south, box.east, box.north, centre.longitude, centre.latitude, metres])
}

let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
do {
    let database = try SpatialDatabase(path: arguments.string("db", "atlas.sqlite"), mode: .existing)
    let repeats = arguments.int("repeat", 5)
    switch arguments.workload {
    case "radius":
        let km = arguments.double("km", 10)
        let points = try centres(database, count: arguments.int("centres", 100))
        let search = IncidentSearch(database: database)
        var hits = 0, same = true
        // Warm-up and equality check, outside the timings.
        for centre in points {
            let ours = Set(try search.matches(.within(km * 1000, of: centre)).map(\.id))
            let theirs = Set(try database.read { try baselineRadius($0, centre, km * 1000) })
            if ours != theirs { same = false }
            hits += ours.count
        }
        var atlas: [Double] = [], baseline: [Double] = []
        for _ in 0..<repeats {
            atlas.append(try seconds { for centre in points { _ = try search.matches(.within(km * 1000, of: centre)) } } / Double(points.count))
            baseline.append(try seconds { try database.read { db in for centre in points { _ = try baselineRadius(db, centre, km * 1000) } } } / Double(points.count))
        }
        report("radius \(Int(km)) km", atlas: atlas, baseline: baseline, same: same, extra: ["mean_hits": String(hits / max(points.count, 1))])
    case "nearest":
        let k = arguments.int("k", 10)
        let points = try centres(database, count: arguments.int("centres", 100))
        let search = IncidentSearch(database: database)
        func sqlNearest(_ db: Database, _ centre: Coordinate) throws -> [Int64] {
            // SpatiaLite SQL: an index-bounded candidate set (5 km, widened until k found), ordered by ST_Distance(…, 1).
            var metres = 5_000.0
            while true {
                let box = BoundingBox.around(centre, radiusMeters: metres)
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM incident WHERE id IN (
                        SELECT rowid FROM SpatialIndex WHERE f_table_name = 'incident' AND f_geometry_column = 'geom'
                          AND search_frame = BuildMbr(?, ?, ?, ?, 4326))
                      AND ST_Distance(geom, MakePoint(?, ?, 4326), 1) <= ?
                    ORDER BY ST_Distance(geom, MakePoint(?, ?, 4326), 1), id LIMIT ?
                    """, arguments: [box.west, box.south, box.east, box.north, centre.longitude, centre.latitude, metres,
                                     centre.longitude, centre.latitude, k])
                if ids.count >= k || metres > 5_000_000 { return ids }
                metres *= 4
            }
        }
        var same = true
        for centre in points {
            let ours = try search.matches(.nearest(k, to: centre)).map(\.id)
            let theirs = try database.read { try sqlNearest($0, centre) }
            if Set(ours) != Set(theirs) { same = false }
        }
        var atlas: [Double] = [], baseline: [Double] = []
        for _ in 0..<repeats {
            atlas.append(try seconds { for centre in points { _ = try search.matches(.nearest(k, to: centre)) } } / Double(points.count))
            baseline.append(try seconds { try database.read { db in for centre in points { _ = try sqlNearest(db, centre) } } } / Double(points.count))
        }
        report("nearest k=\(k)", atlas: atlas, baseline: baseline, same: same)
    case "polygon":
        // A 40 km-wide square around each centre (BenchAreas).
        let points = try centres(database, count: arguments.int("centres", 20))
        let search = IncidentSearch(database: database)
        func sqlWithin(_ db: Database, _ area: MultiPolygon) throws -> [Int64] {
            let box = area.boundingBox
            return try Int64.fetchAll(db, sql: """
                SELECT id FROM incident WHERE id IN (
                    SELECT rowid FROM SpatialIndex WHERE f_table_name = 'incident' AND f_geometry_column = 'geom'
                      AND search_frame = BuildMbr(?, ?, ?, ?, 4326))
                  AND ST_Within(geom, GeomFromText(?, 4326)) ORDER BY id
                """, arguments: [box.west, box.south, box.east, box.north, BenchAreas.wkt(area)])
        }
        var same = true, hits = 0
        for centre in points {
            let ours = try search.matches(BenchAreas.query(around: centre)).map(\.id)
            let theirs = try database.read { try sqlWithin($0, BenchAreas.square(around: centre)) }
            // ST_Within excludes the boundary, covers includes it: compare away from edges.
            if abs(ours.count - theirs.count) > max(2, theirs.count / 10_000) { same = false }
            hits += ours.count
        }
        var atlas: [Double] = [], baseline: [Double] = []
        for _ in 0..<repeats {
            atlas.append(try seconds { for centre in points { _ = try search.matches(BenchAreas.query(around: centre)) } } / Double(points.count))
            baseline.append(try seconds { try database.read { db in for centre in points { _ = try sqlWithin(db, BenchAreas.square(around: centre)) } } } / Double(points.count))
        }
        report("polygon 40 km", atlas: atlas, baseline: baseline, same: same, extra: ["mean_hits": String(hits / max(points.count, 1))])
    case "postgis":
        try runPostGISWorkloads(arguments, spatiaLite: database)
    case "extract":
        let folder = arguments.string("reports", "")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        let texts = try files.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        var buildTime = 0.0
        var extractor: ReportExtractor?
        buildTime = try seconds {
            extractor = ReportExtractor(index: try GazetteerIndex(database: database),
                                        actors: try ActorTable(path: arguments.string("actors", "geodata/actors.tsv")))
        }
        guard let extractor else { exit(1) }
        var found = 0
        var atlas: [Double] = []
        for _ in 0..<repeats {
            atlas.append(try seconds { for text in texts { found += try extractor.extract(text).candidates.count } })
        }
        let median = summary(atlas).median
        report("extract", atlas: atlas.map { $0 / Double(texts.count) }, baseline: nil, same: true,
               extra: ["reports": String(texts.count), "reports_per_s": String(format: "%.0f", Double(texts.count) / median),
                       "index_build_s": String(format: "%.2f", buildTime), "mean_bytes": String(texts.reduce(0) { $0 + $1.utf8.count } / max(texts.count, 1)),
                       "incidents_per_report": String(format: "%.1f", Double(found) / Double(repeats * max(texts.count, 1)))])
    case "find":
        let names = try String(contentsOfFile: arguments.string("names", ""), encoding: .utf8).split(separator: "\n").map(String.init)
        let gazetteer = Gazetteer(database: database)
        for name in names.prefix(50) { _ = try gazetteer.find(name, limit: 5) }
        var perQuery: [Double] = []
        for name in names { perQuery.append(try seconds { _ = try gazetteer.find(name, limit: 5) }) }
        report("gazetteer find", atlas: perQuery, baseline: nil, same: true, extra: ["queries": String(names.count)])
    case "dbscan":
        var query = IncidentQuery()
        query.filter.types = try IncidentFilter.resolveTypes(["shelling"])
        query.boundingBox = BoundingBox.around(Coordinate(latitude: 36.2, longitude: 37.16), radiusMeters: 30_000)
        let incidents = try IncidentSearch(database: database).incidents(query)
        let parameters = try ClusteringParameters(epsMeters: arguments.double("km", 1) * 1000, minPoints: arguments.int("min-points", 5))
        var outcome: IncidentClustering.Outcome?
        var atlas: [Double] = []
        for _ in 0..<repeats { atlas.append(try seconds { outcome = try IncidentClustering.cluster(incidents, parameters: parameters) }) }
        if let path = Optional(arguments.string("points-out", "")), !path.isEmpty, let outcome {
            var text = "id,latitude,longitude,cluster_id,is_core\n"
            for (index, incident) in outcome.incidents.enumerated() {
                text += "\(incident.id ?? 0),\(incident.coordinate.latitude),\(incident.coordinate.longitude),\(outcome.result.labels[index].map(String.init) ?? ""),\(outcome.result.isCore[index])\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        report("dbscan", atlas: atlas, baseline: nil, same: true, extra: ["points": String(incidents.count), "clusters": String(outcome?.summaries.count ?? 0)])
    default:
        FileHandle.standardError.write(Data("usage: atlas-bench radius|nearest|polygon|postgis|find|dbscan|extract --db FILE [--url POSTGRESQL_URL] [--km R] [--k N] [--centres N] [--repeat N] [--names FILE]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("atlas-bench: \(error)\n".utf8))
    exit(1)
}

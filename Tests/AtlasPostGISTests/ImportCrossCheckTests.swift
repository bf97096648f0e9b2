import AtlasGeo
import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// The same files imported into a new SpatiaLite store and a new PostGIS database give the same
/// reports (counts and every `FILE:LINE: field: reason`), the same rows under the same ids and
/// the same query answers, across re-imports, updates, `--strict` and `--dry-run`.
///
/// Its own database (`atlas_import_test`), so it runs beside the suites that use `atlas_test`.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"))
final class ImportCrossCheckTests {
    let folder: URL
    let spatiaLite: SpatiaLiteBackend
    let postGIS: PostGISBackend

    init() throws {
        let server = try TestPostgres.requireURL()
        let url = try TestPostgres.url(server, database: "atlas_import_test")
        try TestPostgres.execute(["DROP DATABASE IF EXISTS atlas_import_test WITH (FORCE)", "CREATE DATABASE atlas_import_test"],
                                 on: try TestPostgres.url(server, database: "postgres"))
        postGIS = try PostGISBackend(url: url, mode: .create, admin1Key: NameFolding.key)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-import-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        spatiaLite = SpatiaLiteBackend(database: try SpatialDatabase(path: folder.appendingPathComponent("store.sqlite").path,
                                                                     mode: .createIfMissing))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }


    /// Valid ACLED rows spread over northern Syria: more than two COPY flushes, with dates,
    /// types, actors and governorates to filter on.
    static func generatedRows(count: Int, seed: UInt64, timestamp: Int = 1_600_000_000) -> [String] {
        var random = SeededRandom(seed: seed)
        let types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
                     ("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Violence against civilians", "Attack")]
        let actors = ["Jabhat al-Nusra", "Military Forces of Syria (2000-)", "Islamic State (Syria)", "Unidentified Armed Group (Syria)"]
        let admin1s = ["Aleppo", "Idlib", "Hama", "Ar-Raqqa", "Al-Hasakeh"]
        return (1...count).map { index in
            let (type, sub) = types[index % types.count]
            let day = 1 + Int(random.unit() * 28)
            return ACLEDRows.row("GEN\(index)", date: "2016-0\(1 + index % 9)-\(day < 10 ? "0" : "")\(day)", type: type, sub: sub,
                            actor: actors[(index / 3) % actors.count], admin1: admin1s[index % admin1s.count],
                            lat: String(34.5 + random.unit() * 2.5), lon: String(36.0 + random.unit() * 4.5),
                            fatalities: String(Int(random.unit() * 12)), timestamp: String(timestamp + index % 7),
                            notes: "report \(index)")
        }
    }

    /// Writes `text` to a file named `name` in the test folder.
    private func file(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Imports `path` into both stores and expects the same report; returns it.
    @discardableResult
    private func importBoth(_ path: String, strict: Bool = false, dryRun: Bool = false) throws -> ImportReport {
        var options = ImportOptions()
        options.strict = strict
        options.dryRun = dryRun
        let onFile = try spatiaLite.writer.importFile(path, options: options)
        let onServer = try postGIS.writer.importFile(path, options: options)
        #expect(onServer.summary == onFile.summary, "\(path)")
        #expect(onServer.rejections == onFile.rejections, "\(path)")
        return onFile
    }

    /// Every incident, whole, in id order, from both stores: equal.
    private func expectSameRows() throws {
        let all = IncidentQuery()
        let rows = try spatiaLite.incidents.incidents(all)
        #expect(rows.count == (try postGIS.incidents.count(all)))
        #expect(try postGIS.incidents.incidents(all) == rows)
    }

    @Test func everyFormatImportsAlikeIntoBothStores() throws {
        // Every kind of bad row, then a repeated key, odd bytes in a text, and rows without an id.
        let bad = ACLEDRows.badRows + [
            ACLEDRows.row("SYR1"),                                                   // 12: repeated key
            ACLEDRows.row("SYR11", notes: "tab\there, back\\slash, \"quotes\", line\nbreak, CR\r, دير الزور"),  // 13–14
            ACLEDRows.row("", notes: "no id: keyed by content"),                     // 15: good
            ACLEDRows.row("", notes: "no id: keyed by content"),                     // 16: the same content again
        ]
        let generated = [ACLEDRows.header] + Self.generatedRows(count: 9_000, seed: 77)
        let ucdp = """
            id,relid,year,type_of_violence,side_a,side_b,where_coordinates,where_prec,adm_1,adm_2,latitude,longitude,country,date_start,date_end,date_prec,best,low,high,source_article
            123456,SYR-2016-1,2016,1,Government of Syria,Syrian insurgents,Aleppo town,4,Aleppo governorate,Jabal Saman district,36.2012,37.1612,Syria,2016-05-20 00:00:00.000,2016-05-22 00:00:00.000,3,7,5,12,"Reuters, 23 May 2016"
            123457,SYR-2016-2,2016,3,IS,Civilians,Tadmur,1,Homs governorate,,34.56,38.28,Syria,2016-05-21,2016-05-21,1,2,2,2,SANA
            """
        let geojson = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[37.15167,36.23611]},
              "properties":{"source_key":"g1","event_date":"2016-05-22","event_type":"shelling","actor1":"Jabhat al-Nusra","fatalities":2}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[37,36],[38,36]]},"properties":{"event_date":"2016-05-22","event_type":"clash"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[179.999,-16.5]},"properties":{"source_key":"g2","event_date":"2016-05-22","event_type":"clash"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[37,36]},"properties":{"event_date":"2016-13-01","event_type":"clash"}}]}
            """
        let jsonl = """
            {"type":"Feature","geometry":{"type":"Point","coordinates":[37.16,36.2]},"properties":{"source_key":"j1","event_date":"2016-05-22","event_type":"airstrike"}}

            {"source_key":"j2","event_date":"2016-05-23","event_type":"clash","latitude":35.5,"longitude":35.8}
            not json at all
            """
        // No gazetteer in either store: the row with only a location is refused by both.
        let own = """
            event_date,event_type,actor1,location,admin1,latitude,longitude
            2016-05-22,shelling,Jabhat al-Nusra,Shaykh Maqsud,Aleppo,,
            2016-05-24,airstrike,Russia,Atareb,Aleppo,36.1378,36.8306
            """
        let paths = [
            try file("bad.csv", bad.joined(separator: "\n") + "\n"),
            try file("generated.csv", generated.joined(separator: "\n") + "\n"),
            try file("ged.csv", ucdp), try file("points.geojson", geojson), try file("points.jsonl", jsonl),
            try file("own.csv", own),
            TestPaths.seedIncidents,
        ]
        let first = try paths.map { try importBoth($0) }
        #expect(first[0].rejected == 10)
        #expect(first[1].inserted == 9_000)
        try expectSameRows()

        // Again: nothing changes, on either store.
        for path in paths {
            let again = try importBoth(path)
            #expect(again.inserted == 0 && again.updated == 0)
        }
        // Newer upstream revisions of a third of the generated rows update them alike.
        let newer = [ACLEDRows.header] + Self.generatedRows(count: 9_000, seed: 77, timestamp: 1_700_000_000).enumerated()
            .filter { $0.offset % 3 == 0 }.map(\.element)
        #expect(try importBoth(try file("newer.csv", newer.joined(separator: "\n") + "\n")).updated == newer.count - 1)
        try expectSameRows()

        // --strict with a bad row and --dry-run keep nothing, and count alike.
        let before = try postGIS.incidents.count(IncidentQuery())
        let mixed = try file("mixed.csv", [ACLEDRows.header, ACLEDRows.row("NEW1"), ACLEDRows.row("NEW2", lat: "x")].joined(separator: "\n"))
        let strict = try importBoth(mixed, strict: true)
        #expect(strict.rolledBack && strict.inserted == 1 && strict.rejected == 1)
        let dry = try importBoth(mixed, dryRun: true)
        #expect(dry.rolledBack && dry.inserted == 1)
        #expect(try postGIS.incidents.count(IncidentQuery()) == before)
        try expectSameRows()

        try expectSameAnswers()
    }

    /// Random queries of every family (`QueryOracle.draw`) answered alike by both stores over
    /// the imported rows.
    private func expectSameAnswers() throws {
        var random = SeededRandom(seed: 5150)
        var nonEmpty = 0
        for _ in 0..<60 {
            var query = try QueryOracle.draw(&random, fold: NameFolding.key)
            // The draws centre on Aleppo; the generated rows spread over the north.
            query.limit = query.limit.map { min($0, 500) }
            let found = try postGIS.incidents.matches(query)
            let expected = try spatiaLite.incidents.matches(query)
            #expect(found.map(\.id) == expected.map(\.id), "\(query)")
            for (a, b) in zip(found, expected) {
                #expect(abs((a.distanceMeters ?? 0) - (b.distanceMeters ?? 0)) < 1e-3, "\(query)")
            }
            #expect(try postGIS.incidents.count(query) == (try spatiaLite.incidents.count(query)), "\(query)")
            if !found.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 15)
        for grouping in [IncidentGrouping.week, .type, .admin1, .actor] {
            #expect(try postGIS.incidents.counts(by: grouping, IncidentQuery()) == (try spatiaLite.incidents.counts(by: grouping, IncidentQuery())))
        }
    }
}

/// Files of the repository the tests read.
enum TestPaths {
    /// The bundled sample incidents (ACLED columns, with coordinates).
    static let seedIncidents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("geodata/seed-incidents-2016-05-23.csv").path
}

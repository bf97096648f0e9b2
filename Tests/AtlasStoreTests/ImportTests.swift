import AtlasGeo
import AtlasModel
import AtlasTestSupport
import Foundation
import GRDB
import Testing
@testable import AtlasImport
@testable import AtlasStore

@Suite struct ImportTests {
    private func run(_ text: String, _ test: TestDatabase, strict: Bool = false, dryRun: Bool = false,
                     format: ImportFormat? = nil, name: String = "acled.csv") throws -> ImportReport {
        let file = try TemporaryFile(contents: text, suffix: "-" + name)
        var options = IncidentImporter.Options()
        options.strict = strict
        options.dryRun = dryRun
        options.format = format
        return try IncidentImporter(database: test.database).importFile(file.path, options: options)
    }

    /// The point index is rebuilt when the generation moves: an import that changes no row must
    /// leave it where it was, one that inserts or updates a row must move it.
    @Test func onlyAnImportThatChangesRowsBumpsTheIncidentGeneration() throws {
        let test = try TestDatabase()
        let generation = { try test.database.read { db in try IncidentGeneration.current(in: db) } }
        let first = ACLEDRows.header + "\n" + ACLEDRows.row("SYR1") + "\n" + ACLEDRows.row("SYR2") + "\n"
        _ = try run(first, test)
        let afterInsert = try generation()
        #expect(try run(first, test).unchanged == 2)
        #expect(try generation() == afterInsert)
        _ = try run(ACLEDRows.header + "\n" + ACLEDRows.row("SYR1", lat: "36.3", timestamp: "1600000001") + "\n", test)
        #expect(try generation() != afterInsert)
    }

    @Test func importsAnACLEDRowWithEveryField() throws {
        let test = try TestDatabase()
        let report = try run(ACLEDRows.header + "\n" + ACLEDRows.row("SYR1", notes: "Mortars, \"several\"") + "\n", test)
        #expect(report.summary == "read 1, inserted 1, updated 0, unchanged 0, rejected 0")
        let incident = try #require(try IncidentStore(database: test.database).incident(sourceKey: "SYR1"))
        #expect(incident.coordinate == Coordinate(latitude: 36.2361, longitude: 37.1517))
        #expect(incident.subEventType == "Shelling/artillery/missile attack")
        #expect(incident.location == "Aleppo - Sheikh Maqsoud")
        #expect(incident.notes == "Mortars, \"several\"")
        #expect(incident.geoPrecision == GeoPrecision(level: 1, scheme: "acled", code: 1))
        #expect(incident.upstreamTimestamp == 1_600_000_000)
        #expect(incident.attributes["iso"] == "760")
        #expect(incident.attributes["inter1"] == "2")
        let indexed = try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incident_geom") }
        #expect(indexed == 1)
        #expect(try test.database.read { db in try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incident_geom')") } == "ok")
    }

    @Test func reportsEachBadRowWithItsLineFieldAndReasonAndKeepsTheRest() throws {
        let test = try TestDatabase()
        let lines = ACLEDRows.badRows
        let report = try run(lines.joined(separator: "\n") + "\n", test)
        let messages = report.rejections.map(\.description).map { $0.replacingOccurrences(of: #"^.*acled\.csv"#, with: "acled.csv", options: .regularExpression) }
        #expect(messages == [
            "acled.csv:3: latitude: 95.5 out of range [-90, 90]",
            "acled.csv:4: event_date: 2016-02-30 is not a real date",
            "acled.csv:5: fatalities: -3 is negative",
            "acled.csv:6: row: truncated: 4 fields, the header has 31",
            "acled.csv:7: event_type: unknown event type 'Explosions/Remote violense'; closest valid: 'Explosions/Remote violence'",
            "acled.csv:8: sub_event_type: 'Armed clash' belongs to 'Battles', not 'Explosions/Remote violence'",
            "acled.csv:9: longitude: 'nan' is not a decimal number",
            "acled.csv:10: latitude: '0x1p3' is not a decimal number",
        ])
        #expect(report.inserted == 2)
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "SYR9")?.eventDate == "2016-05-22")
    }

    @Test func rowsAcrossManyParsingBatchesKeepTheirLineNumbersAndOrder() throws {
        // More rows than one hand-over batch between the parsing and the writing thread.
        let test = try TestDatabase()
        var lines = [ACLEDRows.header] + (1...3000).map { ACLEDRows.row("SYR\($0)") }
        lines[1200] = ACLEDRows.row("SYR1200", lat: "95.5")   // line 1201
        lines[2999] = ACLEDRows.row("SYR7")                   // line 3000: a repeated id
        let report = try run(lines.joined(separator: "\n") + "\n", test)
        #expect(report.read == 3000)
        #expect(report.inserted == 2998)
        #expect(report.rejections.map(\.line) == [1201, 3000])
        #expect(report.rejections.map(\.field) == ["latitude", "source_key"])
        let count = try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incident") }
        #expect(count == 2998)
    }

    @Test func parserAndWriterRejectionsComeInLineOrder() throws {
        // Truncated rows are refused while parsing, repeated keys while writing: the report
        // interleaves them by line all the same.
        let test = try TestDatabase()
        let lines = [
            ACLEDRows.header,
            ACLEDRows.row("SYR1"),            // 2
            ACLEDRows.row("SYR1"),            // 3: repeated (writer)
            "SYR5,2016-05-22,2016,1",         // 4: truncated (parser)
            ACLEDRows.row("SYR2"),            // 5
            ACLEDRows.row("SYR2"),            // 6: repeated (writer)
            ACLEDRows.row("SYR3", lat: "x"),  // 7: not a number (parser)
        ]
        let report = try run(lines.joined(separator: "\n") + "\n", test)
        #expect(report.rejections.map(\.line) == [3, 4, 6, 7])
        #expect(report.rejections.map(\.field) == ["source_key", "row", "source_key", "latitude"])
        #expect(report.read == 6)
        #expect(report.inserted == 2)
    }

    @Test func acledRowsWithoutAnIDAreKeyedByTheirContent() throws {
        let test = try TestDatabase()
        let text = ACLEDRows.header + "\n" + ACLEDRows.row("", notes: "no id here") + "\n"
        #expect(try run(text, test).inserted == 1)
        let expected = ContentKey.of(["2016-05-22", "Explosions/Remote violence", "Shelling/artillery/missile attack",
                                      "Jabhat al-Nusra", "", "Aleppo - Sheikh Maqsoud", "36.2361", "37.1517", "no id here"])
        let keys = try test.database.read { db in try String.fetchAll(db, sql: "SELECT source_key FROM incident") }
        #expect(keys == [expected])
        #expect(try run(text, test).summary == "read 1, inserted 0, updated 0, unchanged 1, rejected 0")
    }

    @Test func strictCommitsNothingWhenARowIsBad() throws {
        let test = try TestDatabase()
        let text = [ACLEDRows.header, ACLEDRows.row("SYR1"), ACLEDRows.row("SYR2", lat: "95.5")].joined(separator: "\n")
        let report = try run(text, test, strict: true)
        #expect(report.rolledBack)
        #expect(try IncidentStore(database: test.database).count() == 0)
        let triggers = try test.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incident'")
        }
        #expect((triggers ?? 0) >= 3)
    }

    @Test func dryRunCountsButWritesNothing() throws {
        let test = try TestDatabase()
        let report = try run([ACLEDRows.header, ACLEDRows.row("SYR1")].joined(separator: "\n"), test, dryRun: true)
        #expect(report.inserted == 1)
        #expect(report.rolledBack)
        #expect(try IncidentStore(database: test.database).count() == 0)
    }

    @Test func importingTwiceAddsNothingAndANewerTimestampUpdates() throws {
        let test = try TestDatabase()
        let first = [ACLEDRows.header, ACLEDRows.row("SYR1"), ACLEDRows.row("SYR2")].joined(separator: "\n")
        _ = try run(first, test)
        let again = try run(first, test)
        #expect(again.summary == "read 2, inserted 0, updated 0, unchanged 2, rejected 0")
        let revised = [ACLEDRows.header, ACLEDRows.row("SYR1", fatalities: "4", timestamp: "1700000000"),
                       ACLEDRows.row("SYR2", fatalities: "9", timestamp: "1500000000")].joined(separator: "\n")
        let third = try run(revised, test)
        #expect(third.updated == 1)
        #expect(third.unchanged == 1)
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "SYR1")?.fatalities == 4)
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "SYR2")?.fatalities == 0)
        #expect(try IncidentStore(database: test.database).count() == 2)
    }

    @Test func aKeyTwiceInOneFileIsRejectedOnItsSecondLine() throws {
        let test = try TestDatabase()
        let lines = [ACLEDRows.header, ACLEDRows.row("SYR1", fatalities: "1"), ACLEDRows.row("SYR1", fatalities: "2"), ACLEDRows.row("SYR2")]
        let report = try run(lines.joined(separator: "\n") + "\n", test)
        #expect(report.summary == "read 3, inserted 2, updated 0, unchanged 0, rejected 1")
        #expect(report.rejections.map(\.line) == [3])
        #expect(report.rejections.first?.field == "source_key")
        #expect(report.rejections.first?.reason.contains("appears twice") == true)
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "SYR1")?.fatalities == 1)
    }

    @Test func aStoredKeyTwiceInAFileUpdatesOnceAndRejectsTheRepeat() throws {
        let test = try TestDatabase()
        _ = try run([ACLEDRows.header, ACLEDRows.row("SYR1")].joined(separator: "\n"), test)
        let revised = [ACLEDRows.header, ACLEDRows.row("SYR1", fatalities: "4", timestamp: "1700000000"),
                       ACLEDRows.row("SYR1", fatalities: "5", timestamp: "1800000000")]
        let report = try run(revised.joined(separator: "\n"), test)
        #expect(report.summary == "read 2, inserted 0, updated 1, unchanged 0, rejected 1")
        #expect(report.rejections.map(\.line) == [3])
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "SYR1")?.fatalities == 4)
    }

    /// Without upstream timestamps a known row is compared field by field, its extra columns
    /// (kept as JSON) included: the same file again changes nothing, a changed extra column does.
    @Test func rowsWithoutTimestampsAreComparedWithTheirExtraColumns() throws {
        let test = try TestDatabase()
        let file = [ACLEDRows.header, ACLEDRows.row("SYR1", timestamp: ""), ACLEDRows.row("SYR2", timestamp: "")].joined(separator: "\n")
        #expect(try run(file, test).inserted == 2)
        #expect(try run(file, test).summary == "read 2, inserted 0, updated 0, unchanged 2, rejected 0")
        let changed = file.replacingOccurrences(of: "Middle East", with: "Levant")
        #expect(try run(changed, test).summary == "read 2, inserted 0, updated 2, unchanged 0, rejected 0")
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "SYR2")?.attributes["region"] == "Levant")
    }

    @Test func ucdpRowsKeepTheirPrecisionCodesAndMapViolenceTypes() throws {
        let test = try TestDatabase()
        let text = """
            id,relid,year,type_of_violence,side_a,side_b,where_coordinates,where_prec,adm_1,adm_2,latitude,longitude,country,date_start,date_end,date_prec,best,low,high,source_article
            123456,SYR-2016-1,2016,1,Government of Syria,Syrian insurgents,Aleppo town,4,Aleppo governorate,Jabal Saman district,36.2012,37.1612,Syria,2016-05-20 00:00:00.000,2016-05-22 00:00:00.000,3,7,5,12,"Reuters, 23 May 2016"
            123457,SYR-2016-2,2016,3,IS,Civilians,Tadmur,1,Homs governorate,,34.56,38.28,Syria,2016-05-21,2016-05-21,1,2,2,2,SANA
            """
        let report = try run(text, test, name: "ged.csv")
        #expect(report.inserted == 2, "\(report.rejections)")
        let store = IncidentStore(database: test.database)
        let battle = try #require(try store.incident(sourceKey: "ucdp:123456"))
        #expect(battle.geoPrecision == GeoPrecision(level: 3, scheme: "ucdp", code: 4))
        #expect(battle.eventType == "Battles")
        #expect(battle.eventDate == "2016-05-20")
        #expect(battle.dateEnd == "2016-05-22")
        #expect(battle.timePrecision == 2)
        #expect(battle.fatalities == 7)
        #expect(battle.attributes["low"] == "5")
        #expect(battle.admin1 == "Aleppo")
        let attack = try #require(try store.incident(sourceKey: "ucdp:123457"))
        #expect(attack.eventType == "Violence against civilians")
        #expect(attack.geoPrecision.level == 1)
    }

    @Test func aRowWithOnlyALocationIsPlacedThroughTheGazetteer() throws {
        let test = try TestDatabase.withBundledGeodata()
        let text = """
            event_date,event_type,actor1,location,admin1,latitude,longitude
            2016-05-22,shelling,Jabhat al-Nusra,Shaykh Maqsud,Aleppo,,
            2016-05-22,shelling,Jabhat al-Nusra,Atlantis,,,
            """
        let report = try run(text, test, name: "own.csv")
        #expect(report.inserted == 1)
        #expect(report.rejections.map(\.field) == ["location"])
        let placed = try test.database.read { db in
            try Row.fetchOne(db, sql: "SELECT place_id, X(geom) AS x, Y(geom) AS y, precision_scheme FROM incident")
        }
        #expect(placed?["place_id"] as Int64? != nil)
        #expect(placed?["x"] as Double? == 37.15167)
        #expect(placed?["y"] as Double? == 36.23611)
        #expect(placed?["precision_scheme"] as String? == "gazetteer")
    }

    @Test func theSampleIncidentsLoadAndReloadIdempotently() throws {
        let test = try TestDatabase.withBundledGeodata()
        let bundle = BundledGeodata(directory: TestDatabase.repositoryGeodata)
        let first = try bundle.loadSampleIncidents(into: test.database)
        #expect(first.inserted == 11)
        #expect(first.rejected == 0)
        let second = try bundle.loadSampleIncidents(into: test.database)
        #expect(second.unchanged == 11)
    }
}

@Suite struct JSONImportTests {
    private func run(_ text: String, suffix: String, _ test: TestDatabase) throws -> ImportReport {
        let file = try TemporaryFile(contents: text, suffix: suffix)
        return try IncidentImporter(database: test.database).importFile(file.path)
    }

    @Test func geoJSONPointsImportWithTheirPropertiesAndBadFeaturesAreNumbered() throws {
        let test = try TestDatabase()
        let text = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[37.15167,36.23611]},
              "properties":{"source_key":"g1","event_date":"2016-05-22","event_type":"shelling","actor1":"Jabhat al-Nusra","fatalities":2}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[37,36],[38,36]]},"properties":{"event_date":"2016-05-22","event_type":"clash"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[37,36]},"properties":{"event_date":"2016-13-01","event_type":"clash"}}]}
            """
        let report = try run(text, suffix: ".geojson", test)
        #expect(report.inserted == 1)
        #expect(report.rejections.map { "\($0.line) \($0.field): \($0.reason)" } == [
            "2 geometry: is not a Point", "3 event_date: 2016-13-01 is not a real date",
        ])
        let stored = try #require(try IncidentStore(database: test.database).incident(sourceKey: "g1"))
        #expect(stored.coordinate == Coordinate(latitude: 36.23611, longitude: 37.15167))
        #expect(stored.fatalities == 2)
        #expect(stored.subEventType == "Shelling/artillery/missile attack")
    }

    @Test func jsonLinesTakeFeaturesOrFlatObjectsLineByLine() throws {
        let test = try TestDatabase()
        let text = """
            {"type":"Feature","geometry":{"type":"Point","coordinates":[37.16,36.2]},"properties":{"source_key":"j1","event_date":"2016-05-22","event_type":"airstrike"}}

            {"source_key":"j2","event_date":"2016-05-23","event_type":"clash","latitude":35.5,"longitude":35.8}
            not json at all
            """
        let report = try run(text, suffix: ".jsonl", test)
        #expect(report.inserted == 2)
        #expect(report.rejections.map(\.line) == [4])
        #expect(try IncidentStore(database: test.database).incident(sourceKey: "j2")?.eventType == "Battles")
        let again = try run(text, suffix: ".jsonl", test)
        #expect(again.unchanged == 2)
    }
}

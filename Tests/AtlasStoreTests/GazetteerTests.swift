import AtlasGeo
import AtlasModel
import GRDB
import Testing
@testable import AtlasStore

@Suite struct GazetteerTests {
    @Test(arguments: [
        ("Sheikh Maqsood", "Sheikh Maqsood"), ("Shaykh Maqsud", "Sheikh Maqsood"), ("Sheikh Maqsoud", "Sheikh Maqsood"),
        ("Al-Nayrab airport", "Aleppo International Airport"), ("Nairab", "Aleppo International Airport"),
        ("Khmeimim", "Khmeimim Air Base"), ("Hmeimim", "Khmeimim Air Base"),
        ("Al-Salamiyah", "As Salamīyah"), ("Salamiyah", "As Salamīyah"), ("As Salamiyah", "As Salamīyah"),
        ("Palmyra", "Tadmur"), ("Tadmur", "Tadmur"), ("Latakia", "Latakia"), ("Lattakia", "Latakia"),
        ("Aleppo", "Aleppo"), ("Halab", "Aleppo"), ("Hama", "Ḩamāh"), ("Hamah", "Ḩamāh"),
        ("Handarat", "Handarat"), ("Hindarat", "Handarat camp"),
    ])
    func everyListedSpellingResolvesTopOne(query: String, expected: String) throws {
        let gazetteer = Gazetteer(database: try Self.shared.database)
        let best = try gazetteer.find(query, limit: 3).first
        #expect(best?.place.name == expected, "\(query) → \(best?.place.name ?? "nothing")")
    }

    @Test func aleppoIsTheCityAtItsGeoNamesCoordinates() throws {
        let best = try Gazetteer(database: Self.shared.database).find("Aleppo").first
        #expect(best?.place.id == 170063)
        #expect(best?.place.coordinate == Coordinate(latitude: 36.20124, longitude: 37.16117))
        #expect(best?.place.admin1Name == "Aleppo")
        #expect(best?.kind == .exact)
    }

    @Test(arguments: ["Hailan", "Haylan", "Hilan", "حيلان"])
    func hailanIsTheVillageBesideTheCentralPrisonNotHayyan(query: String) throws {
        let best = try Gazetteer(database: Self.shared.database).find(query).first
        #expect(best?.place.name == "Hailan", "\(query) → \(best?.place.name ?? "nothing")")
        #expect(best?.place.coordinate == Coordinate(latitude: 36.28715, longitude: 37.21305))
        #expect(best?.place.admin1Name == "Aleppo")
    }

    @Test func aFoldedMatchRanksBelowAnExactOne() throws {
        let matches = try Gazetteer(database: Self.shared.database).find("Shaykh Maqsud")
        #expect(matches.first?.kind == .exact)  // "Shaykh Maqsud" is listed as an alternate name
        let folded = try Gazetteer(database: Self.shared.database).find("Shaikh Maqsood")
        #expect(folded.first?.kind == .folded)
        #expect(folded.first?.place.name == "Sheikh Maqsood")
    }

    @Test func aNameTooFarForFuzzyMatchingStillGetsTheClosestNamesAsSuggestions() throws {
        let gazetteer = Gazetteer(database: try Self.shared.database)
        #expect(try gazetteer.find("Idlibxyz").isEmpty)
        let closest = try gazetteer.suggestions(for: "Idlibxyz")
        #expect(closest.first?.place.name == "Idlib")
        #expect(closest.count <= 3)
        #expect(try gazetteer.suggestions(for: "Qqqqzzzzxxxx").isEmpty)
    }

    @Test func aTypoFindsThePlaceByEditDistance() throws {
        let best = try Gazetteer(database: Self.shared.database).find("Tadmor").first
        #expect(best?.place.name == "Tadmur")
        let typo = try Gazetteer(database: Self.shared.database).find("Lattakya").first
        #expect(typo?.place.name == "Latakia")
    }

    @Test func theGovernorateContextBreaksTies() throws {
        let test = try TestDatabase.withBundledGeodata()
        let loader = GazetteerLoader(database: test.database)
        let file = try TemporaryFile(contents: """
            name,latitude,longitude,feature_code,admin1,country_code
            Kafr Twin,35.9,36.6,P.PPL,12,SY
            Kafr Twin,35.2,36.7,P.PPL,10,SY
            """, suffix: ".csv")
        let report = try loader.loadPlaces(file.path, format: .csv)
        #expect(report.loaded == 2)
        let inHama = try Gazetteer(database: test.database).find("Kafr Twin", in: "Hamah")
        #expect(inHama.first?.place.admin1 == "10")
        #expect(inHama.first?.inContext == true)
        let inIdlib = try Gazetteer(database: test.database).find("Kafr Twin", in: "Idleb Governorate")
        #expect(inIdlib.first?.place.admin1 == "12")
    }

    /// A name shared by many places (their rows are read in one query): the ranking over all of
    /// them, by context first, then population, and a spelling one edit away still finds them.
    @Test func aNameSharedByManyPlacesRanksAllOfThem() throws {
        let test = try TestDatabase()
        let rows = (1...300).map { number in
            "Tell Abyad,\(35 + Double(number) / 1000),\(38 + Double(number) / 1000),P.PPL,\(number % 2 == 0 ? "12" : "10"),SY,\(number * 10)"
        }
        let file = try TemporaryFile(contents: (["name,latitude,longitude,feature_code,admin1,country_code,population"] + rows)
            .joined(separator: "\n"), suffix: ".csv")
        #expect(try GazetteerLoader(database: test.database).loadPlaces(file.path, format: .csv).loaded == 300)
        let gazetteer = Gazetteer(database: test.database)
        let top = try gazetteer.find("Tell Abyad", limit: 3)
        #expect(top.map(\.place.population) == [3000, 2990, 2980])
        #expect(top.allSatisfy { $0.kind == .exact })
        #expect(try gazetteer.find("Tell Abyad", limit: 1000).count == 300)
        try test.database.write { db in
            try db.execute(sql: "INSERT INTO admin1 (country, code, name, ascii_name) VALUES ('SY', '10', 'Hamah', 'Hamah')")
        }
        let inHama = try gazetteer.find("Tell Abyad", in: "Hamah", limit: 2)
        #expect(inHama.map(\.place.population) == [2990, 2970])
        #expect(inHama.allSatisfy { $0.inContext && $0.place.admin1 == "10" })
        let typo = try gazetteer.find("Tell Abiadd", limit: 2)
        #expect(typo.map(\.place.population) == [3000, 2990])
        #expect(typo.first?.kind != .exact)
    }

    @Test func anUnknownGovernorateListsTheKnownOnes() throws {
        #expect {
            try Gazetteer(database: Self.shared.database).find("Aleppo", in: "Atlantis")
        } throws: { error in
            "\(error)".contains("no governorate named 'Atlantis'") && "\(error)".contains("Idlib")
        }
    }

    @Test func loadingTheSameFileTwiceAddsNothing() throws {
        let test = try TestDatabase.withBundledGeodata()
        let count = { try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM place") ?? 0 } }
        let names = { try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM place_name") ?? 0 } }
        let before = (try count(), try names())
        _ = try BundledGeodata(directory: TestDatabase.repositoryGeodata).load(into: test.database)
        #expect((try count(), try names()) == before)
        let rtree = try test.database.read { db in try String.fetchOne(db, sql: "SELECT rtreecheck('idx_place_geom')") }
        #expect(rtree == "ok")
        let indexed = try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_place_geom") }
        #expect(indexed == before.0)
    }

    @Test func spatialTriggersAreBackAfterABulkLoad() throws {
        let test = try TestDatabase.withBundledGeodata()
        let triggers = try test.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'place' ORDER BY name")
        }
        #expect(triggers.contains("gii_place_geom"))
        #expect(triggers.contains("ggi_place_geom"))
    }

    /// One database with the bundled geodata for the read-only tests of this suite.
    static let shared: TestDatabase = {
        do { return try TestDatabase.withBundledGeodata() } catch { preconditionFailure("test database: \(error)") }
    }()
}

@Suite struct GazetteerBulkLoadTests {
    private func load(bulk: Bool) throws -> (TestDatabase, LoadReport) {
        let test = try TestDatabase()
        var options = GazetteerLoader.Options()
        options.bulk = bulk
        let file = TestDatabase.repositoryGeodata.appendingPathComponent("syria-places.txt").path
        let report = try GazetteerLoader(database: test.database).loadPlaces(file, format: .geonames, options: options)
        return (test, report)
    }

    private func snapshot(_ test: TestDatabase) throws -> [String] {
        try test.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT p.id || '|' || p.name || '|' || hex(p.geom) || '|' || group_concat(n.key, ',')
                FROM place p JOIN place_name n ON n.place_id = p.id GROUP BY p.id ORDER BY p.id
                """)
        }
    }

    @Test func bulkModeStoresWhatBatchedModeStores() throws {
        let (bulk, bulkReport) = try load(bulk: true)
        let (batched, batchedReport) = try load(bulk: false)
        #expect(bulkReport.loaded == 308)
        #expect(batchedReport.loaded == 308)
        #expect(try snapshot(bulk) == snapshot(batched))
    }

    @Test func bulkModeReportsBadLinesWithTheirNumbersAndKeepsTheRest() throws {
        func line(_ id: Int, _ name: String, _ latitude: String) -> String {
            ["\(id)", name, name, "", latitude, "37.1", "P", "PPL", "SY", "", "01", "", "", "", "100", "", "", "Asia/Damascus", "2024-01-01"]
                .joined(separator: "\t")
        }
        var lines = (0..<3000).map { line(90_000_000 + $0, "Qarya \($0)", "36.2") }
        lines[1500] = line(90_001_500, "Broken", "95.5")
        let file = try TemporaryFile(contents: lines.joined(separator: "\n") + "\n", suffix: ".txt")
        let test = try TestDatabase()
        var options = GazetteerLoader.Options()
        options.bulk = true
        let report = try GazetteerLoader(database: test.database).loadPlaces(file.path, format: .geonames, options: options)
        #expect(report.loaded == 2999)
        #expect(report.issues.map(\.line) == [1501])
        #expect(report.issues.first?.message.contains("95.5") == true)
        let last = try Gazetteer(database: test.database).find("Qarya 2999").first
        #expect(last?.place.id == 90_002_999)
    }

    /// Indexes and triggers of the gazetteer tables, by name.
    private func schemaObjects(_ test: TestDatabase) throws -> [String] {
        try test.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT type || ' ' || name FROM sqlite_master
                WHERE type IN ('index', 'trigger') AND tbl_name LIKE 'place%' ORDER BY type, name
                """)
        }
    }

    @Test func bulkModeLeavesIndexesTriggersAndRTreeInPlace() throws {
        let (test, _) = try load(bulk: true)
        #expect(try schemaObjects(test) == schemaObjects(TestDatabase()))
        try test.database.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('idx_place_geom')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_place_geom") == 308)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'place'") ?? 0 >= 3)
        }
        let aleppo = try Gazetteer(database: test.database).find("Halab").first
        #expect(aleppo?.place.id == 170063)
    }

    @Test func aFailedBulkLoadLeavesTheGazetteerAsItWas() throws {
        let test = try TestDatabase()
        var options = GazetteerLoader.Options()
        options.bulk = true
        #expect(throws: InputError.self) {
            try GazetteerLoader(database: test.database).loadPlaces("/nonexistent/places.txt", format: .geonames, options: options)
        }
        #expect(try schemaObjects(test) == schemaObjects(TestDatabase()))
        #expect(try schemaObjects(test).contains("trigger atlas_generation_place_insert"))
    }
}

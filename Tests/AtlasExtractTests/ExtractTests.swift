import AtlasGeo
import AtlasModel
import AtlasStore
import Foundation
import Testing
@testable import AtlasExtract

/// Reports written for these tests, in the styles monitors read: ministry bulletins, monitors'
/// tallies, wire stories. Each test pins one rule.
@Suite struct ExtractTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A database with the bundled gazetteer plus two villages sharing a name in two governorates.
    final class Fixture: Sendable {
        let path: String
        let database: SpatialDatabase
        let extractor: ReportExtractor

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID()).sqlite").path
            database = try SpatialDatabase(path: path, mode: .createIfMissing)
            _ = try BundledGeodata(directory: ExtractTests.repository.appendingPathComponent("geodata")).load(into: database)
            let twins = FileManager.default.temporaryDirectory.appendingPathComponent("twins-\(UUID()).csv").path
            try "name,latitude,longitude,feature_code,admin1,country_code\nTell Twin,35.9,36.6,P.PPL,12,SY\nTell Twin,35.2,36.7,P.PPL,10,SY\n"
                .write(toFile: twins, atomically: true, encoding: .utf8)
            _ = try GazetteerLoader(database: database).loadPlaces(twins, format: .csv)
            let actors = try ActorTable(path: ExtractTests.repository.appendingPathComponent("geodata/actors.tsv").path)
            extractor = ReportExtractor(index: try GazetteerIndex(database: database), actors: actors)
        }

        deinit { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    }

    static let fixture: Fixture = {
        do { return try Fixture() } catch { preconditionFailure("extract fixture: \(error)") }
    }()

    private func places(_ text: String) throws -> [String] {
        try Self.fixture.extractor.extract(text).candidates.map(\.place.name)
    }

    /// A place name that starts inside a grapheme cluster (after a combining mark) at the start
    /// of the text, in a sentence without an event word: the paragraph test walked back by
    /// `Character` and trapped (found by the `extract` fuzz target; its input is replayed too).
    @Test func aNameInsideAGraphemeClusterAtTheStartDoesNotTrap() throws {
        #expect(Sentences.startsParagraph(" \u{301}Aleppo".unicodeScalars.index(after: " \u{301}Aleppo".startIndex), in: " \u{301}Aleppo"))
        #expect(!Sentences.startsParagraph("e\u{301}x".unicodeScalars.index(after: "e\u{301}x".startIndex), in: "e\u{301}x"))
        // A CRLF line break starts a paragraph too ("\r\n" is one Character, not "\n").
        let crlf = "Report.\r\nAleppo, 23 May"
        #expect(Sentences.startsParagraph(crlf.range(of: "Aleppo")!.lowerBound, in: crlf))
        _ = try places(" \u{301}Aleppo is a city.")
        let found = try #require(Data(base64Encoded: "zMyvT2FsMlGtIHZpbGxhZ2Ugb2YgIMzMT2FsMlGtrq6urkhRrlBRgS9RfSAyUa2vrq6uSFGuzFH+0VEgzHZhT2yvNTYgTZ+G30rNbDJRra6urq5IUa5RUYFRfSDUgXkgfszMr09hbDJRra+urq6ESFGuUVGBUXkgUa2vrq6uhEhRtFGBUXkgUa2vrq6uhEhRtFFRgVF5IAXMT2FsMlGtrq6urkhRrlFRgVF9IDJRra9sbCBRUa1RINfZsYTYJ4hR0VEniFHRUVFdrVGtUSDX2bE="))
        _ = try places(String(decoding: found, as: UTF8.self))
    }

    @Test func aMinistryBulletinListGivesOneIncidentPerPlaceAndNotTheCity() throws {
        let text = "Over the past 24 hours, Jabhat al-Nusra militants shelled the villages of Handarat and Kafr Hamra and the neighbourhood of Sheikh Maqsoud in Aleppo."
        let extraction = try Self.fixture.extractor.extract(text)
        #expect(extraction.candidates.map(\.place.name) == ["Handarat", "Kafr Hamra", "Sheikh Maqsood"])
        #expect(extraction.candidates.allSatisfy { $0.subEventType == "Shelling/artillery/missile attack" && $0.actor1 == "Jabhat al-Nusra" })
        #expect(extraction.skipped.map(\.placeName) == ["Aleppo"])
        let sheikh = try #require(extraction.candidates.last)
        #expect(String(Array(text)[sheikh.offsets]) == "Sheikh Maqsoud")
    }

    @Test func spellingsAndCaseMeetTheSamePlace() throws {
        #expect(try places("Mortars hit SHEIKH MAQSOUD overnight.") == ["Sheikh Maqsood"])
        #expect(try places("Mortars hit al- Sheikh Maqsoud overnight.") == ["Sheikh Maqsood"])
        #expect(try places("Rockets struck Shaykh Maqsud, residents said; the shelling lasted an hour.") == ["Sheikh Maqsood"])
    }

    @Test func aNameInsideAnotherWordIsNotAPlace() throws {
        #expect(try places("Fighters of the al-Homsy clan clashed with a patrol.") == [])
    }

    @Test func theLongestNameWins() throws {
        #expect(try places("Artillery pounded Marj al-Sultan at dawn.") == ["Marj al-Sultan"])
    }

    @Test func referencePointsAreNotIncidents() throws {
        let extraction = try Self.fixture.extractor.extract("Clashes broke out 30 km north of Hama on Tuesday.")
        #expect(extraction.candidates.isEmpty)
        #expect(extraction.skipped.first?.reason.hasPrefix("reference point") == true)
    }

    @Test func theOriginOfFireIsNotWhereItLanded() throws {
        let extraction = try Self.fixture.extractor.extract("Rockets fired from Douma hit Jobar, the monitor said.")
        #expect(extraction.candidates.map(\.place.name) == ["Jobar"])
        #expect(extraction.skipped.map(\.reason) == ["origin: where fire came from"])
    }

    @Test func aCentreNamedByItsBaseIsNotATarget() throws {
        let extraction = try Self.fixture.extractor.extract("The Russian reconciliation center at Khmeimim said warplanes bombed Saraqib.")
        #expect(extraction.candidates.map(\.place.name) == ["Saraqib"])
        #expect(extraction.candidates.first?.subEventType == "Air/drone strike")
        #expect(extraction.skipped.map(\.placeName) == ["Khmeimim Air Base"])
    }

    @Test func anAreaAloneGivesAnIncidentAtTheAreaWithPrecisionTwo() throws {
        let extraction = try Self.fixture.extractor.extract("Government forces took control of hills in the Palmyra region, ousting Daesh fighters.")
        let candidate = try #require(extraction.candidates.first)
        #expect(candidate.place.name == "Tadmur")
        #expect(candidate.geoPrecision == 2)
        #expect(candidate.subEventType == "Government regains territory")
        #expect(candidate.actor1 == "Military Forces of Syria (2000-)")
        #expect(candidate.actor2 == "Islamic State (Syria)")
    }

    @Test func aDatelineIsNotAnIncident() throws {
        let text = "DAMASCUS, 12 March 2017 (Wire) - Government warplanes bombed Douma on Sunday, residents said."
        let extraction = try Self.fixture.extractor.extract(text)
        #expect(extraction.candidates.map(\.place.name) == ["Dūmā"])
        #expect(extraction.skipped.map(\.reason) == ["dateline"])
        #expect(ReportDate.find(in: text, given: nil, today: ISODate(dayNumber: 0)).date.description == "2017-03-12")
    }

    @Test func anAmbiguousNameFollowsTheGovernorateNamedNearIt() throws {
        let hama = try Self.fixture.extractor.extract("Shelling hit Tell Twin in the Hama countryside.").candidates
        #expect(hama.first?.place.admin1 == "10")
        #expect(hama.first?.alternatives.first?.admin1 == "12")
        let idlib = try Self.fixture.extractor.extract("Shelling hit Tell Twin in the Idlib countryside.").candidates
        #expect(idlib.first?.place.admin1 == "12")
    }

    @Test func actorsAreFoundByAnyAlias() throws {
        for alias in ["ISIS", "Daesh", "IS militants", "the Islamic State"] {
            let candidate = try Self.fixture.extractor.extract("\(alias) attacked Palmyra overnight.").candidates.first
            #expect(candidate?.actor1 == "Islamic State (Syria)", "\(alias)")
        }
    }

    @Test func aSentenceWithoutAnEventWordReportsNothing() throws {
        let extraction = try Self.fixture.extractor.extract("The governor of Aleppo met residents of Sheikh Maqsood.")
        #expect(extraction.candidates.isEmpty)
        #expect(extraction.skipped.count == 2)
    }

    @Test func datesComeFromTheTextOrTodayWithLowPrecision() {
        let daily = ReportDate.find(in: "Bulletin of May 23, 2016: over the past 24 hours …", given: nil, today: ISODate(dayNumber: 0))
        #expect(daily.date.description == "2016-05-22")
        #expect(daily.timePrecision == 2)
        let none = ReportDate.find(in: "No date here.", given: nil, today: ISODate(dayNumber: 20_000))
        #expect(none.date == ISODate(dayNumber: 20_000))
        #expect(none.timePrecision == 3)
    }

    @Test func committingTheSameReportTwiceAddsNothing() throws {
        let text = "Monitors counted 12 mortar rounds on Jobar and two air strikes on Douma on 4 June 2017."
        let extraction = try Self.fixture.extractor.extract(text)
        let date = ReportDate.find(in: text, given: nil, today: ISODate(dayNumber: 0))
        let commit = ReportCommit(database: Self.fixture.database)
        let first = try commit.commit(extraction, text: text, date: date, source: "test monitor", url: "")
        let second = try commit.commit(extraction, text: text, date: date, source: "test monitor", url: "")
        #expect(first.inserted == 2)
        #expect(second.inserted == 0)
        #expect(second.unchanged == 2)
        #expect(first.reportID == second.reportID)
    }

    @Test func emptyBinaryAndWordlessInputsAreRefusedClearly() {
        #expect(throws: InputError.malformed(file: "r.txt", line: nil, reason: "the report is empty")) {
            try ReportText.decode(Data(), name: "r.txt")
        }
        #expect(throws: InputError.malformed(file: "r.bin", line: nil, reason: "binary data (NUL bytes), not a text report")) {
            try ReportText.decode(Data([0x50, 0x4B, 0x03, 0x00, 0x14]), name: "r.bin")
        }
        #expect(throws: InputError.self) { try ReportText.decode(Data([0xFF, 0xFE, 0xFD]), name: "bad.txt") }
    }

    @Test func aNeighbourhoodTheGazetteerLacksIsPlacedAtItsCityWithPrecisionTwo() throws {
        let text = "Militants shelled the neighbourhoods of Sheikh Maqsood and Halidia in Aleppo."
        let extraction = try Self.fixture.extractor.extract(text)
        #expect(extraction.candidates.map(\.location) == ["Sheikh Maqsood", "Halidia"])
        let halidia = try #require(extraction.candidates.last)
        // The village Al Khalidiyah 14 km south-west of the city is a namesake, not the quarter.
        #expect(halidia.place.name == "Aleppo")
        #expect(halidia.place.featureCode == "PPLA")
        #expect(halidia.geoPrecision == 2)
        #expect(halidia.note.contains("not in the gazetteer"))
        #expect(String(Array(text)[halidia.offsets]) == "Halidia")
    }

    @Test func aGovernorateAloneGivesPrecisionThreeAtItsSeat() throws {
        let candidate = try #require(try Self.fixture.extractor.extract("Rebels shelled positions in the northern countryside of Lattakia.").candidates.first)
        #expect(candidate.place.featureCode == "PPLA")
        #expect(candidate.place.admin1 == "02")
        #expect(candidate.geoPrecision == 3)
        #expect(try places("Shelling hit the Hama town of Salamiyah.") == ["As Salamīyah"])
    }

    @Test func aNamesakeNearThePlacesAroundItWins() throws {
        // Two villages called Ard al-Wata lie 19 km apart in Latakia; Kinsibba is 1.4 km from one.
        let candidate = try #require(try Self.fixture.extractor.extract("Mortars hit Ard al-Vata and Kinsibba.").candidates.first)
        #expect(candidate.place.coordinate.latitude > 35.7)
        #expect(candidate.resolution == "near the places named around it")
    }

    @Test func aProvinceNamedForALaterPlaceDoesNotRelocateAnEarlierOne() throws {
        // "in the province of Hama" locates Salamiyah, not Kinsibba (Latakia) listed before it.
        let extraction = try Self.fixture.extractor.extract("Shelling hit Kinsibba as well as the city of Salamiyah in the province of Hama.")
        #expect(extraction.candidates.map(\.place.admin1) == ["02", "10"])
        #expect(extraction.candidates.allSatisfy { $0.geoPrecision == 1 })
    }

    @Test func theAttackersHomeBaseAndOrdinaryWordsAreNotPlaces() throws {
        let extraction = try Self.fixture.extractor.extract("On 4 June warplanes of the Russian base in Latakia bombed Saraqib.")
        #expect(extraction.candidates.map(\.place.name) == ["Saraqib"])
        #expect(extraction.skipped.map(\.reason) == ["home base of the attacker, not a target"])
    }

    @Test func aHeadlineRepeatedInTheBodyAndACaptionAreNotIncidents() throws {
        let text = "Air strikes hit Douma as talks stall\n\nGovernment jets bombed Douma on Sunday, rescuers said.\nPhoto: smoke over Douma after an air strike.\n"
        let extraction = try Self.fixture.extractor.extract(text)
        #expect(extraction.candidates.count == 1)
        let douma = try #require(extraction.candidates.first)
        #expect(douma.offsets.lowerBound > 38)
        #expect(String(Array(text)[douma.offsets]) == "Douma")
        #expect(extraction.skipped.map(\.reason) == ["headline repeated in the body", "photo caption"])
    }

    @Test func aPersonsNameIsNotAPlaceEvenWhenAVillageSharesIt() throws {
        // "Kerry" folds like the Aleppo village Karri; beside "John" it is a person.
        let extraction = try Self.fixture.extractor.extract("John Kerry said air strikes hit Saraqib.")
        #expect(extraction.candidates.map(\.place.name) == ["Saraqib"])
    }

    @Test func anUnknownVillageInAProvinceGivesPrecisionThreeAtTheSeat() throws {
        let candidate = try #require(try Self.fixture.extractor.extract("In the province of Idlib, the settlement of Foua came under mortar fire.").candidates.first)
        #expect(candidate.location == "Foua")
        #expect(candidate.place.admin1 == "12")
        #expect(candidate.geoPrecision == 3)
    }

    @Test func aLongReportKeepsExactOffsetsAcrossSegments() throws {
        let paragraph = "Residents reported that mortars fell on Jobar. Nothing else happened in the area today.\n\n"
        let text = String(repeating: paragraph, count: 1500) + "Finally, warplanes bombed Saraqib.\n"
        let extraction = try Self.fixture.extractor.extract(text)
        #expect(extraction.candidates.map(\.place.name) == ["Jobar", "Saraqib"])
        let saraqib = try #require(extraction.candidates.last)
        #expect(saraqib.offsets.lowerBound > 65_536)
        let characters = Array(text)
        #expect(String(characters[saraqib.offsets]) == "Saraqib")
    }
}

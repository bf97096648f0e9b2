import AtlasGeo
import AtlasModel
import Foundation
import Testing
@testable import AtlasImport
@testable import AtlasStore

@Suite struct IncidentBatchTests {
    static let full = Incident(
        sourceKey: "SYR42", eventDate: "2016-05-22", dateEnd: "2016-05-23", timePrecision: 2,
        disorderType: "Political violence", eventType: "Explosions/Remote violence",
        subEventType: "Shelling/artillery/missile attack", actor1: "Jabhat al-Nusra", assocActor1: "",
        actor2: "Civilians (Syria)", assocActor2: "Kurdish residents", country: "Syria", admin1: "Aleppo",
        admin2: "Jebel Saman", admin3: "", location: "حلب - الشيخ مقصود", placeID: 7,
        coordinate: Coordinate(latitude: 36.23611, longitude: 37.15167),
        geoPrecision: GeoPrecision(level: 2, scheme: "ucdp", code: 4), fatalities: 3, source: "SOHR",
        sourceScale: "National", notes: "Mortars, \"several\"\nsecond line", tags: "crowd size=no report",
        upstreamTimestamp: 1_600_000_000, attributes: ["iso": "760", "quote": "a \"b\" \\ c"], reportID: 9)

    @Test func anIncidentComesBackAsItWentIn() {
        var batch = IncidentBatch()
        batch.append(Self.full, line: 12)
        var second = Self.full
        second.sourceKey = "SYR43"
        second.dateEnd = nil
        second.placeID = nil
        second.upstreamTimestamp = nil
        second.attributes = [:]
        batch.append(second, line: 13, needsPlace: true)
        #expect(batch.count == 2)
        #expect(batch.incident(at: 0) == Self.full)
        #expect(batch.incident(at: 1) == second)
        #expect(batch.numbers.map(\.line) == [12, 13])
        #expect(batch.numbers.map(\.needsPlace) == [false, true])
    }

    @Test func nullAndEmptyTextsStayApart() {
        var batch = IncidentBatch()
        var incident = Self.full
        incident.dateEnd = nil
        incident.admin3 = ""
        batch.append(incident, line: 2)
        #expect(batch.string(.dateEnd, row: 0) == nil)
        #expect(batch.span(.dateEnd, row: 0).count == -1)
        #expect(batch.string(.admin3, row: 0) == "")
        #expect(batch.string(.attributes, row: 0) == #"{"iso":"760","quote":"a \"b\" \\ c"}"#)
    }

    @Test func placingARowSetsItsPointPlaceAndPrecisionScheme() {
        var batch = IncidentBatch()
        batch.append(Self.full, line: 2)
        batch.append(Self.full, line: 3)
        let place = Place(id: 170063, name: "Aleppo", coordinate: Coordinate(latitude: 36.20124, longitude: 37.16117),
                          featureClass: "P", featureCode: "PPLA", country: "SY", admin1: "09", admin1Name: "Aleppo",
                          population: 1_602_264, importance: 3, source: "test")
        batch.place(row: 0, at: place, precision: GeoPrecision(level: 1, scheme: "gazetteer", code: 1))
        let placed = batch.incident(at: 0)
        #expect(placed.coordinate == Coordinate(latitude: 36.20124, longitude: 37.16117))
        #expect(placed.placeID == 170063)
        #expect(placed.geoPrecision == GeoPrecision(level: 1, scheme: "gazetteer", code: 1))
        #expect(batch.incident(at: 1) == Self.full)
    }

    @Test(arguments: ["plain", "say \"hi\"", "back\\slash", "tab\tnew\nline\r", "\u{1}\u{1F}", "line\u{2028}para\u{2029}",
                      "€ and ‘quotes’", "الشيخ مقصود", ""])
    func bytesAreQuotedAsTheirStringIs(text: String) {
        var out: [UInt8] = []
        FlatJSON.appendQuoted(bytes: Array(text.utf8)[...], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == FlatJSON.quoted(text))
    }

    @Test func unmappedColumnsBecomeTheJSONTheirDictionaryGives() {
        let names = ["event_date", "iso", "region", "zeta", "alpha", "empty"]
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() { columns[name] = index }
        let layout = ColumnLayout(columns: columns, mapped: [.eventDate])
        let row = ImportRow(line: 2, layout: layout,
                            fields: ["2016-05-22", " 760 ", "Middle \"East\"", "a\\b\nc", "حلب", ""])
        #expect(row.unmappedAttributesJSON() == FlatJSON.object(row.unmappedAttributes()))
        #expect(row.unmappedAttributes() == ["iso": " 760 ", "region": "Middle \"East\"", "zeta": "a\\b\nc", "alpha": "حلب"])
    }

    /// A replaced byte followed by a combining mark forms one character with U+FFFD: the check
    /// for invalid bytes must look at bytes, not characters.
    @Test func invalidUTF8BeforeACombiningMarkIsReplacedToo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-test-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Array("a,b\n".utf8) + [0xFF, 0xCC, 0x81] + Array(",حلب\n".utf8) + [0xC3] + Array(",".utf8) + [0xA9] + Array("\n".utf8))
            .write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path)
        var record = CSVRecordBuffer()
        #expect(try reader.next(into: &record))
        #expect(try reader.next(into: &record))
        #expect(record.bytes == Array("\u{FFFD}\u{301}".utf8) + Array("حلب".utf8))
        #expect(record.strings == ["\u{FFFD}\u{301}", "حلب"])
        // A sequence split by a separator is invalid in both fields.
        #expect(try reader.next(into: &record))
        #expect(record.strings == ["\u{FFFD}", "\u{FFFD}"])
        #expect(String(validating: record.bytes, as: UTF8.self) != nil)
    }

    @Test func invalidUTF8IsReplacedInItsFieldOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-test-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Array("a,b,c\nok,".utf8)
        bytes += [0x41, 0xFF, 0x42]
        bytes += Array(",حلب\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path)
        var record = CSVRecordBuffer()
        #expect(try reader.next(into: &record))
        #expect(record.strings == ["a", "b", "c"])
        #expect(try reader.next(into: &record))
        #expect(record.line == 2)
        #expect(record.strings == ["ok", "A\u{FFFD}B", "حلب"])
        #expect(String(validating: record.bytes, as: UTF8.self) != nil)
        #expect(try !reader.next(into: &record))
    }
}

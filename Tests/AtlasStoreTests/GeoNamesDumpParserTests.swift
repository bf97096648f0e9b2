import AtlasGeo
import Testing
@testable import AtlasStore

@Suite struct GeoNamesDumpParserTests {
    /// A real-shaped line: Aleppo as GeoNames lists it, with 19 columns.
    static func line(_ columns: [String]) -> String { columns.joined(separator: "\t") }
    static let aleppo = [
        "170063", "Aleppo", "Aleppo", "Alep,Aleppo,Halab,حلب", "36.20124", "37.16117", "P", "PPLA", "SY", "",
        "09", "", "", "", "2098210", "", "390", "Asia/Damascus", "2023-01-01",
    ]

    @Test func parsesAllFieldsOfAValidLine() throws {
        let record = try GeoNamesDumpParser.parse(Self.line(Self.aleppo), source: "geonames").get()
        #expect(record.geonameID == 170063)
        #expect(record.coordinate == Coordinate(latitude: 36.20124, longitude: 37.16117))
        #expect(record.featureCode == "PPLA")
        #expect(record.admin1 == "09")
        #expect(record.population == 2_098_210)
        #expect(record.alternateNames.map(\.name) == ["Alep", "Aleppo", "Halab", "حلب"])
        #expect(record.sourceKey == "geonames:170063")
    }

    @Test func keepsQuotesAsOrdinaryCharacters() throws {
        var columns = Self.aleppo
        columns[1] = "Tall \"Abu\" Dhahir"
        columns[3] = "\"Quoted, name\",Other"
        let record = try GeoNamesDumpParser.parse(Self.line(columns), source: "geonames").get()
        #expect(record.name == "Tall \"Abu\" Dhahir")
        #expect(record.alternateNames.map(\.name) == ["\"Quoted", "name\"", "Other"])
    }

    @Test func acceptsEmptyOptionalFields() throws {
        var columns = Self.aleppo
        columns[2] = ""; columns[3] = ""; columns[14] = ""; columns[17] = ""
        let record = try GeoNamesDumpParser.parse(Self.line(columns), source: "geonames").get()
        #expect(record.asciiName == "Aleppo")
        #expect(record.alternateNames.isEmpty)
        #expect(record.population == 0)
    }

    @Test func acceptsALongAlternateNameList() throws {
        var columns = Self.aleppo
        let names = (1...40).map { "Name\($0)" }
        columns[3] = names.joined(separator: ",")
        #expect(columns[3].count > 200)
        let record = try GeoNamesDumpParser.parse(Self.line(columns), source: "geonames").get()
        #expect(record.alternateNames.count == 40)
    }

    @Test func rejectsAWrongColumnCount() {
        let result = GeoNamesDumpParser.parse(Self.line(Array(Self.aleppo.prefix(18))), source: "geonames")
        #expect(throws: FieldError.self) { try result.get() }
        if case let .failure(error) = result { #expect(error.description.contains("has 18 tab-separated columns")) }
    }

    @Test(arguments: [
        (4, "north", "latitude 'north' is not a decimal number"), (4, "95.5", "latitude 95.5 out of range [-90, 90]"),
        (5, "-181", "longitude -181 out of range [-180, 180]"), (1, "  ", "name is empty"),
        (0, "abc", "geonameid 'abc' is not a positive integer"), (14, "-5", "population -5 is negative"),
        (5, "nan", "longitude 'nan' is not a decimal number"), (4, "0x1p3", "latitude '0x1p3' is not a decimal number"),
    ])
    func rejectsABadField(column: Int, value: String, message: String) {
        var columns = Self.aleppo
        columns[column] = value
        guard case let .failure(error) = GeoNamesDumpParser.parse(Self.line(columns), source: "geonames") else {
            Issue.record("accepted \(value) in column \(column)"); return
        }
        #expect(error.description == message)
    }

    /// The byte parser the bulk load uses gives the text parser's record on every valid line, and
    /// declines (so the text parser reports) every line it does not plainly accept.
    @Test func theByteParserAgreesWithTheTextParser() throws {
        let bundled = try String(contentsOf: TestDatabase.repositoryGeodata.appendingPathComponent("syria-places.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        func variant(_ index: Int, _ value: String) -> String {
            var columns = Self.aleppo
            columns[index] = value
            return Self.line(columns)
        }
        let odd = [
            variant(1, "  Halab  "), variant(1, " "), variant(2, ""), variant(3, " Alep , ,Halab,"), variant(3, ""),
            variant(4, "95.5"), variant(4, "north"), variant(4, ""), variant(5, " 37.1 "), variant(5, "nan"), variant(5, "inf"),
            variant(14, ""), variant(14, "-5"), variant(14, "+5"), variant(14, "12x"), variant(14, "99999999999999999999"),
            variant(0, "0"), variant(0, "-3"), variant(0, "+170063"), variant(0, "abc"), variant(0, ""),
            Self.line(Array(Self.aleppo.dropLast())), Self.line(Self.aleppo + ["extra"]), "", "\t\t",
            variant(1, "Tall \"Abu\" Dhahir"), variant(1, "\u{FEFF}حلب"),
        ]
        var fast = 0, valid = 0
        for line in bundled + odd {
            var text = line
            let byBytes = text.withUTF8 { GeoNamesDumpParser.parse(bytes: $0, source: "geonames") }
            let byText = GeoNamesDumpParser.parse(line, source: "geonames")
            if case .success = byText { valid += 1 }
            if let byBytes {
                fast += 1
                #expect(try byText.get() == byBytes, "\(line)")
            }
        }
        // Every valid line but the two with a `+` sign (left to the text parser) takes the byte path.
        #expect(valid > 300)
        #expect(fast == valid - 2)
        // Invalid UTF-8 inside a field reads as U+FFFD on both paths.
        let broken = Array(Self.line(Self.aleppo).utf8.prefix(7)) + [0xFF, 0xC3] + Array(Self.line(Self.aleppo).utf8.dropFirst(7))
        let byBytes = broken.withUnsafeBufferPointer { GeoNamesDumpParser.parse(bytes: $0, source: "geonames") }
        #expect(byBytes == (try GeoNamesDumpParser.parse(String(decoding: broken, as: UTF8.self), source: "geonames").get()))
        #expect(byBytes?.name.contains("\u{FFFD}") == true)
    }
}

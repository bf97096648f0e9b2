import AtlasModel
import AtlasGeo
import AtlasTestSupport
import Testing
@testable import AtlasStore

/// The bulk load's byte packer against the general path it stands in for: the same lines must
/// give the same batch bytes, rows and name index spellings as `GeoNamesDumpParser.record`,
/// `foldedNames` and `PackedPlaces.append(_:folded:)`, or be handed to that path.
@Suite struct GeoNamesLinePackerTests {
    private static func line(_ columns: [String]) -> String { columns.joined(separator: "\t") }
    private static let aleppo = [
        "170063", "Aleppo", "Aleppo", "Alep,Aleppo,Halab,حلب", "36.20124", "37.16117", "P", "PPLA", "SY", "",
        "09", "", "", "", "2098210", "", "390", "Asia/Damascus", "2023-01-01",
    ]

    /// Both ways of packing `lines` into one batch each, with the spellings each collects.
    private struct Packed {
        var batch = PackedPlaces(capacity: 16)
        var names = NameIndexBuilder()
        var outcomes: [GeoNamesLinePacker.Outcome] = []
    }

    private func packBothWays(_ lines: [String], countries: Set<String> = [], featureClasses: Set<String> = []) throws -> (bytes: Packed, general: Packed) {
        var bytes = Packed(), general = Packed()
        var packer = GeoNamesLinePacker(countries: countries, featureClasses: featureClasses)
        for (number, text) in lines.enumerated() {
            var text = text
            try text.withUTF8 { line in
                let placeNumber = Int64(number)
                let outcome = try packer.pack(line, source: "geonames", into: &bytes.batch) { name, key in
                    try bytes.names.add(placeID: placeNumber, nameBytes: name, keyBytes: key)
                }
                bytes.outcomes.append(outcome)
                if outcome == .needsRecord, case let .success(record) = GeoNamesDumpParser.record(bytes: line, source: "geonames"),
                   countries.isEmpty || countries.contains(record.country), featureClasses.isEmpty || featureClasses.contains(record.featureClass) {
                    // The loader then takes the general path for this line too.
                    bytes.batch.append(record, folded: record.foldedNames)
                    try bytes.names.add(placeID: placeNumber, names: record.foldedNames)
                }
                if case let .success(record) = GeoNamesDumpParser.record(bytes: line, source: "geonames"),
                   countries.isEmpty || countries.contains(record.country), featureClasses.isEmpty || featureClasses.contains(record.featureClass) {
                    general.batch.append(record, folded: record.foldedNames)
                    try general.names.add(placeID: placeNumber, names: record.foldedNames)
                }
            }
        }
        return (bytes, general)
    }

    private func expectSame(_ packed: (bytes: Packed, general: Packed), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(packed.bytes.batch.bytes == packed.general.batch.bytes, sourceLocation: sourceLocation)
        let rows = { (batch: PackedPlaces) in batch.items.compactMap { item -> PackedPlaces.Row? in
            if case let .place(row) = item { return row } else { return nil }
        } }
        #expect(rows(packed.bytes.batch) == rows(packed.general.batch), sourceLocation: sourceLocation)
        #expect(packed.bytes.names.pool == packed.general.names.pool, sourceLocation: sourceLocation)
        #expect(packed.bytes.names.entries.map { [$0.placeID, Int64($0.keyOffset), Int64($0.nameOffset), Int64($0.skeletonOffset), Int64($0.skeletonLength)] }
                == packed.general.names.entries.map { [$0.placeID, Int64($0.keyOffset), Int64($0.nameOffset), Int64($0.skeletonOffset), Int64($0.skeletonLength)] },
                sourceLocation: sourceLocation)
    }

    @Test func packsAPlainLineAsTheGeneralPathDoes() throws {
        let packed = try packBothWays([Self.line(Self.aleppo)])
        #expect(packed.bytes.outcomes == [.packed])
        expectSame(packed)
        // What the writer will bind: the name, the source key, the spellings' column text.
        guard case let .place(row)? = packed.bytes.batch.items.first else { Issue.record("no row"); return }
        let text = { (span: PackedPlaces.Span) in
            String(decoding: packed.bytes.batch.bytes[Int(span.offset)..<Int(span.offset + span.count)], as: UTF8.self)
        }
        #expect(text(row.name) == "Aleppo")
        #expect(text(row.sourceKey) == "geonames:170063")
        #expect(text(row.names) == #"[["Aleppo","alepo","",1],["Alep","alep","",0],["Halab","halab","",0],["حلب","حلب","",0]]"#)
        #expect(row.coordinate == Coordinate(latitude: 36.20124, longitude: 37.16117))
        #expect(row.population == 2_098_210)
        #expect(row.importance == FeatureImportance.rank(featureCode: "PPLA"))
    }

    /// Lines the packer must hand over (and the general path then reads or rejects), and odd
    /// lines it packs: each gives what the general path gives.
    @Test func oddLinesGiveWhatTheGeneralPathGives() throws {
        func with(_ changes: [Int: String]) -> String {
            var columns = Self.aleppo
            for (index, value) in changes { columns[index] = value }
            return Self.line(columns)
        }
        let cases: [(String, GeoNamesLinePacker.Outcome)] = [
            (with([0: "00170063"]), .packed),                     // leading zeros: the key is the number's
            (with([1: "  Aleppo \t"]), .needsRecord),              // a tab splits columns: 20 of them
            (with([1: "  Aleppo  ", 2: " Aleppo "]), .packed),     // trimmed name, untrimmed ASCII name
            (with([2: ""]), .packed),
            (with([2: "Halab"]), .packed),                         // an ASCII name that differs
            (with([3: ""]), .packed),
            (with([3: " , ,Halab,,halab , Halab"]), .packed),     // empty and repeated alternates
            (with([3: "--,Halab"]), .packed),                      // a spelling without letters: no key
            (with([3: "Tall \"Abu\""]), .needsRecord),              // a quote to escape
            (with([3: "Cafe\u{301},Café"]), .packed),               // canonically equal spellings
            (with([1: "Zürich", 2: "Zurich"]), .packed),
            (with([3: "K,\u{212A},Kelvin"]), .packed),                // the Kelvin sign is "K" to Swift
            (with([1: "\u{212A}elvin", 2: "Kelvin"]), .needsRecord),   // its 0xE2 byte may need an escape
            (with([3: (0..<60).map { ["حلب", "Café", "Cafe\u{301}", "Halab"][$0 % 4] + String($0 % 7) }.joined(separator: ",")]), .packed),
            (with([4: "36.2e0"]), .needsRecord),                   // not a plain decimal
            (with([4: "95.5"]), .needsRecord),                     // out of range: rejected there
            (with([4: ""]), .needsRecord),
            (with([0: "-5"]), .needsRecord),
            (with([1: " "]), .needsRecord),
            (with([14: "12a"]), .needsRecord),
            (with([14: ""]), .packed),
            (with([7: "PPLX", 6: "P"]), .packed),
            (Self.aleppo.prefix(18).joined(separator: "\t"), .needsRecord),
            (with([1: String(decoding: [0x41, 0xFF, 0x42], as: UTF8.self)]), .packed),  // (repaired by decoding)
        ]
        for (line, outcome) in cases {
            let packed = try packBothWays([line])
            #expect(packed.bytes.outcomes == [outcome], "\(line)")
            expectSame(packed)
        }
        // Raw invalid UTF-8 (not repaired first): the general path's repairs are its own.
        var invalid = Array(Self.line(Self.aleppo).utf8)
        invalid[8] = 0xFF
        var packer = GeoNamesLinePacker()
        var batch = PackedPlaces(capacity: 1)
        let outcome = invalid.withUnsafeBufferPointer { line in packer.pack(line, source: "geonames", into: &batch) { _, _ in } }
        #expect(outcome == .needsRecord)
        #expect(batch.bytes.isEmpty)
    }

    @Test func filtersByCountryAndFeatureClass() throws {
        var syria = Self.aleppo, turkey = Self.aleppo, spot = Self.aleppo
        turkey[0] = "1"; turkey[8] = "TR"
        spot[0] = "2"; spot[6] = "S"
        let lines = [syria, turkey, spot].map(Self.line)
        syria[0] = "3"
        let packed = try packBothWays(lines, countries: ["SY"], featureClasses: ["P"])
        #expect(packed.bytes.outcomes == [.packed, .filteredOut, .filteredOut])
        expectSame(packed)
    }

    /// Random lines from a few syllables, vowels and separators, with Arabic and accented
    /// spellings among them, as one batch each way.
    @Test func randomLinesPackAsTheGeneralPathPacksThem() throws {
        var random = SeededRandom(seed: 20_160_523)
        let pieces = ["Qar", "yat", "Al ", "al-", "Sh", "eikh", " ", "  ", "Kh", "ou", "ai", "'", "-", "1", "é", "حم", "اة", "ch", "Q"]
        func spelling() -> String {
            (0..<(1 + Int(random.next() % 5))).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
        let lines = (0..<3_000).map { number -> String in
            var columns = Self.aleppo
            columns[0] = String(100_000 + number)
            columns[1] = spelling()
            columns[2] = random.next() % 3 == 0 ? "" : (random.next() % 2 == 0 ? columns[1] : spelling())
            columns[3] = (0..<Int(random.next() % 5)).map { _ in spelling() }.joined(separator: ",")
            columns[4] = String(format: "%.5f", Double(random.next() % 180_000) / 1000 - 90)
            columns[5] = String(format: "%.5f", Double(random.next() % 360_000) / 1000 - 180)
            columns[14] = random.next() % 4 == 0 ? "" : String(random.next() % 1_000_000)
            return Self.line(columns)
        }
        let packed = try packBothWays(lines)
        #expect(packed.bytes.outcomes.filter { $0 == .packed }.count > 2_500)
        expectSame(packed)
    }
}

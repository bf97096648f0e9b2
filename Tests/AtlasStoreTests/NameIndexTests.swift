import AtlasModel
import AtlasGeo
import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// The `place.names` column and the name index built from it.
@Suite struct PlaceNamesColumnTests {
    private func folded(_ name: String, _ language: String = "", preferred: Bool = false) throws -> FoldedName {
        try #require(FoldedName(name, language: language, isPreferred: preferred))
    }

    @Test func roundTripsQuotesBackslashesControlsAndArabic() throws {
        let names = [try folded("Sheikh Maqsood", preferred: true), try folded("Qal'at \"Halab\" \\ 1"),
                     try folded("الشيخ مقصود", "ar"), try folded("Tab\there")]
        let text = PlaceNamesColumn.encode(names)
        let decoded = try #require(PlaceNamesColumn.decode(text))
        #expect(decoded.map(\.name) == names.map(\.name))
        #expect(decoded.map(\.key) == names.map(\.key))
        #expect(decoded.map(\.language) == ["", "", "ar", ""])
        #expect(decoded.map(\.isPreferred) == [true, false, false, false])
        // SQLite reads the same text as JSON: the view and json_each agree with the decoder.
        let test = try TestDatabase()
        let viaSQL = try test.database.read { db in
            try String.fetchAll(db, sql: "SELECT json_extract(value, '$[0]') FROM json_each(?)", arguments: [text])
        }
        #expect(viaSQL == names.map(\.name))
    }

    @Test func eachSpellingIsStoredOncePerPlace() throws {
        let text = PlaceNamesColumn.encode([try folded("Halab", preferred: true), try folded("Aleppo"), try folded("Halab")])
        #expect(PlaceNamesColumn.decode(text)?.map(\.name) == ["Halab", "Aleppo"])
        let many = try (0..<40).map { try folded("Qarya \($0 % 20)") }
        #expect(PlaceNamesColumn.decode(PlaceNamesColumn.encode(many))?.count == 20)
    }

    /// `foldedNames` leaves repeated spellings out already, so the writer's encoding without the
    /// look-back gives the same text as the checked one.
    @Test func aRecordsFoldedNamesEncodeTheSameWithoutTheRepeatCheck() throws {
        let record = PlaceRecord(
            geonameID: 170_063, name: "Aleppo", asciiName: "Aleppo", coordinate: try Coordinate(validatingLatitude: 36.20124, longitude: 37.16117),
            alternateNames: [.init("Halab"), .init("Aleppo"), .init(" Halab "), .init("حلب", language: "ar"), .init("Halab", language: "en")],
            source: "test")
        let folded = record.foldedNames
        #expect(folded.map(\.name) == ["Aleppo", "Halab", "حلب"])
        var unchecked: [UInt8] = []
        PlaceNamesColumn.encode(folded, into: &unchecked, distinct: true)
        #expect(String(decoding: unchecked, as: UTF8.self) == PlaceNamesColumn.encode(folded))
    }

    /// The one-pass writer of distinct spellings gives the checked encoder's text, into a buffer
    /// that already holds bytes, and hands spellings with a byte to escape to the general path.
    @Test func theOnePassWriterOfDistinctSpellingsGivesTheCheckedText() throws {
        let plain = [try folded("Sheikh Maqsood", preferred: true), try folded("الشيخ مقصود", "ar"), try folded("Shaykh Maqsud", "en")]
        let escaped = plain + [try folded("Qal'at \"Halab\" \\ 1"), try folded("Tab\there")]
        for names in [plain, escaped, [try folded("Halab")]] {
            var out: [UInt8] = Array("prefix".utf8)
            PlaceNamesColumn.encode(names, into: &out, distinct: true)
            #expect(String(decoding: out, as: UTF8.self) == "prefix" + PlaceNamesColumn.encode(names))
        }
        var empty: [UInt8] = []
        PlaceNamesColumn.encode([], into: &empty, distinct: true)
        #expect(String(decoding: empty, as: UTF8.self) == "[]")
    }

    /// The byte reader of the rebuild takes exactly what `encode` writes without escapes, and
    /// leaves everything else (escapes, spaces, missing or extra elements) to `decode`.
    @Test func plainSpellingsReadsEncodedTextAndDeclinesTheRest() throws {
        func spellings(_ text: String) -> [String]? {
            var spans: [(name: Range<Int>, key: Range<Int>)] = []
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { raw in
                PlaceNamesColumn.plainSpellings(raw, into: &spans)
                    ? spans.map { String(decoding: bytes[$0.name], as: UTF8.self) + "|" + String(decoding: bytes[$0.key], as: UTF8.self) } : nil
            }
        }
        let encoded = PlaceNamesColumn.encode([try folded("Sheikh Maqsood", preferred: true), try folded("الشيخ مقصود", "ar")])
        #expect(spellings(encoded) == ["Sheikh Maqsood|" + NameFolding.key("Sheikh Maqsood"), "الشيخ مقصود|" + NameFolding.key("الشيخ مقصود")])
        #expect(spellings("[]") == [])
        for declined in [PlaceNamesColumn.encode([try folded("Qal'at \"Halab\"")]), #" [["Hama","hama","",1]]"#,
                         #"[["Hama","hama"]]"#, #"[["Hama","hama","en",true]]"#, #"[["Hama","hama","",0,"x"]]"#,
                         #"[["Hama","hama","",0]"#, #"[["Hama","hama","",0]],"#, ""] {
            #expect(spellings(declined) == nil, "\(declined)")
        }
    }

    @Test func readsWhatAnotherToolMayHaveWritten() throws {
        let decoded = PlaceNamesColumn.decode(#" [ ["Hama", "hama", "en", true] , ["Hamah","hama"] ,["حماة","حماه","ar",0,"extra"]] "#)
        #expect(decoded?.map(\.name) == ["Hama", "Hamah", "حماة"])
        #expect(decoded?.map(\.isPreferred) == [true, false, false])
        #expect(PlaceNamesColumn.decode(#"[["\u0048\u0061ma","hama"]]"#)?.first?.name == "Hama")
        for malformed in ["", "{}", "[", #"["Hama"]"#, #"[["Hama"]]"#, #"[["Hama","hama",]]"#, #"[["Hama","hama"]] x"#, "null"] {
            #expect(PlaceNamesColumn.decode(malformed) == nil, "\(malformed)")
        }
    }

    @Test func mergeAppendsOnlyNewSpellingsAndKeepsTheStoredText() throws {
        let stored = PlaceNamesColumn.encode([try folded("Tadmur", preferred: true), try folded("Palmyra")])
        #expect(PlaceNamesColumn.merge(stored, PlaceNamesColumn.encode([try folded("Palmyra")])) == stored)
        let merged = PlaceNamesColumn.merge(stored, PlaceNamesColumn.encode([try folded("Tudmur"), try folded("Tadmur")]))
        #expect(PlaceNamesColumn.decode(merged)?.map(\.name) == ["Tadmur", "Palmyra", "Tudmur"])
        #expect(PlaceNamesColumn.merge("not json", stored) == stored)
    }
}

@Suite struct NameIndexTests {
    private func index(_ spellings: [(Int64, String)]) throws -> NameIndex {
        var builder = NameIndexBuilder()
        for (id, name) in spellings {
            let folded = try #require(FoldedName(name, language: "", isPreferred: false))
            try builder.add(placeID: id, names: [folded])
        }
        return try NameIndex(data: builder.fileData(builder.sorted()))
    }

    @Test func sortsByKeyBytesThenPlaceAndDropsRepeats() throws {
        let names = try index([(3, "Hamah"), (1, "Hama"), (2, "حماة"), (1, "Hama"), (9, "Aleppo"), (2, "Hama")])
        #expect(names.count == 5)
        let keys = (0..<names.count).map { names.entry(at: $0).key }
        #expect(keys == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let hama = names.entries(key: NameFolding.key("Hama")).map { names.entry(at: $0) }
        #expect(hama.map(\.placeID) == [1, 2, 3])
        #expect(hama.map(\.name) == ["Hama", "Hama", "Hamah"])
        #expect(names.entries(key: NameFolding.key("حماة")).map { names.placeID(at: $0) } == [2])
        #expect(names.entries(key: "zzz").isEmpty)
        #expect(names.entries(key: "").isEmpty)
    }

    /// Keys longer than the 16 bytes the sort compares as numbers, sharing those 16 bytes, still
    /// come in byte order, each found exactly.
    @Test func longKeysWithACommonStartSortByTheirBytes() throws {
        let stems = ["Qaryat Mazraat Sharqiyya", "Qaryat Mazraat Sharqiyyat", "Qaryat Mazraat Sharq", "Qaryat Mazraat Sharqiyyan",
                     "Qaryat Mazraat Sharqiyyaz", "Qaryat Mazraat", "Qaryat Mazraat Sharqiyya Kabira"]
        let spellings = stems.enumerated().flatMap { number, stem in [(Int64(number + 1), stem), (Int64(100 - number), stem)] }
        #expect(Set(stems.map(NameFolding.key)).count == stems.count)
        #expect(stems.allSatisfy { NameFolding.key($0).utf8.count > 16 || $0 == "Qaryat Mazraat" })
        let names = try index(spellings.reversed())
        let keys = (0..<names.count).map { names.entry(at: $0).key }
        #expect(names.count == spellings.count)
        #expect(keys == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for (number, stem) in stems.enumerated() {
            #expect(names.entries(key: NameFolding.key(stem)).map { names.placeID(at: $0) } == [Int64(number + 1), Int64(100 - number)].sorted())
        }
    }

    @Test func findsBySkeletonAndByPrefixWithCharacterLengths() throws {
        let names = try index([(1, "Khalidiya"), (2, "Khaldiyeh"), (3, "Kharab"), (4, "Sheikh Maqsood"), (5, "خالدية")])
        let skeleton = NameFolding.skeleton(ofKey: NameFolding.key("Khalidiya"))
        let bySkeleton = Set(names.entries(skeleton: skeleton, limit: 10).map { names.placeID(at: $0) })
        #expect(bySkeleton.contains(1))
        #expect(!bySkeleton.contains(3) && !bySkeleton.contains(4))
        let prefix = String(NameFolding.key("Khalidiya").prefix(3))
        let length = NameFolding.key("Khalidiya").unicodeScalars.count
        let byPrefix = names.entries(keyPrefix: prefix, keyLengths: length...length, limit: 10).map { names.placeID(at: $0) }
        #expect(byPrefix.contains(1))
        #expect(byPrefix.allSatisfy { [1, 2, 3].contains($0) })
        #expect(names.entries(keyPrefix: prefix, keyLengths: 0...100, limit: 1).count == 1)
        // Arabic keys are counted in characters, not bytes.
        let arabic = NameFolding.key("خالدية")
        let arabicHits = names.entries(keyPrefix: String(arabic.prefix(1)), keyLengths: arabic.unicodeScalars.count...arabic.unicodeScalars.count, limit: 10)
        #expect(arabicHits.map { names.placeID(at: $0) } == [5])
    }

    @Test func refusesADamagedFile() throws {
        var builder = NameIndexBuilder()
        try builder.add(placeID: 1, names: [try #require(FoldedName("Hama", language: "", isPreferred: true))])
        let data = builder.fileData(builder.sorted())
        #expect(throws: StoreError.self) { try NameIndex(data: data.dropLast()) }
        #expect(throws: StoreError.self) { try NameIndex(data: Data(repeating: 0, count: 64)) }
        #expect(throws: StoreError.self) { try NameIndex(data: Data()) }
    }

    /// The index a bulk load writes from the names it stored is the one a rebuild from
    /// `place.names` gives: the two paths cannot drift apart.
    @Test func theBulkLoadsIndexEqualsOneRebuiltFromTheTable() throws {
        let test = try TestDatabase()
        var options = GazetteerLoader.Options()
        options.bulk = true
        let file = TestDatabase.repositoryGeodata.appendingPathComponent("syria-places.txt").path
        _ = try GazetteerLoader(database: test.database).loadPlaces(file, format: .geonames, options: options)
        let stamp = try test.database.read { db in try SidecarStamp.places(in: db) }
        let payload = try #require(SidecarFile.payload(at: test.path + ".names", magic: NameIndex.magic, stamp: stamp))
        let written = try NameIndex(data: payload)
        let rebuilt = try NameIndex(data: test.database.read { db in try NameIndexStore.build(from: db) })
        #expect(written.count > 1_000)
        let folder = (test.path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".names.") && !$0.hasSuffix(".lock") }.isEmpty)
        #expect((0..<written.count).map { written.entry(at: $0) } == (0..<rebuilt.count).map { rebuilt.entry(at: $0) })
        for position in stride(from: 0, to: written.count, by: 97) {
            let skeleton = NameFolding.skeleton(ofKey: written.entry(at: position).key)
            #expect(written.entries(skeleton: skeleton, limit: 50) == rebuilt.entries(skeleton: skeleton, limit: 50))
        }
        let current = try test.database.read { db in try NameIndexStore.current(in: db, cache: test.database.sidecars) }
        #expect(current.count == (try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM place_name") }))
    }

    /// A change to the places (here through SQL, as another tool would make it) makes the next
    /// search rebuild the index; a damaged sidecar is rebuilt, not trusted.
    @Test func aStaleOrDamagedSidecarIsRebuilt() throws {
        let test = try TestDatabase.withBundledGeodata()
        let gazetteer = Gazetteer(database: test.database)
        #expect(try gazetteer.find("Aleppo").first?.place.name == "Aleppo")
        try test.database.write { db in
            try db.execute(sql: """
                UPDATE place SET names = json_insert(names, '$[#]', json_array('Qal''at Halab Test', 'kalathalabtest', 'en', 0))
                WHERE id = 170063
                """)
        }
        #expect(try gazetteer.find("Qal'at Halab Test").first?.place.id == 170063)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: test.path + ".names"))
        try test.database.write { db in try PlaceGeneration.bump(in: db) }
        #expect(try gazetteer.find("Qal'at Halab Test").first?.place.id == 170063)
        let stamp = try test.database.read { db in try SidecarStamp.places(in: db) }
        let rewritten = try #require(SidecarFile.payload(at: test.path + ".names", magic: NameIndex.magic, stamp: stamp))
        #expect(try NameIndex(data: rewritten).count > 1_000)
    }

    /// Deleting a place takes its spellings with it.
    @Test func aDeletedPlaceIsNoLongerFound() throws {
        let test = try TestDatabase.withBundledGeodata()
        let gazetteer = Gazetteer(database: test.database)
        let tadmur = try #require(try gazetteer.find("Tadmur").first?.place)
        try test.database.write { db in try db.execute(sql: "DELETE FROM place WHERE id = ?", arguments: [tadmur.id]) }
        #expect(try gazetteer.find("Tadmur").first?.place.id != tadmur.id)
    }
}

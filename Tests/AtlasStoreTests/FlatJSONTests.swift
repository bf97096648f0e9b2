@testable import AtlasModel
import Foundation
import AtlasTestSupport
import Testing
@testable import AtlasImport
@testable import AtlasStore

@Suite struct FlatJSONTests {
    /// The word-at-a-time scan finds the first byte that needs an escape exactly where a
    /// byte-by-byte scan does: every start and length, special bytes placed at random among
    /// bytes that sit next to them (0x1F, 0x21, 0x5B, 0xE1, 0xE3, 0x80).
    @Test func theWordScanFindsTheFirstEscapeLikeAByteScan() {
        var random = SeededRandom(seed: 13)
        let special: [UInt8] = [0x00, 0x0A, 0x1F, 0x22, 0x5C, 0xE2]
        let near: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0xE1, 0xE3, 0x80, 0x7F, 0xFF, 0x41]
        for _ in 0..<3_000 {
            let count = Int(random.unit() * 40)
            var bytes = (0..<count).map { _ in near[Int(random.unit() * Double(near.count))] }
            for _ in 0..<Int(random.unit() * 3) where count > 0 {
                bytes[Int(random.unit() * Double(count))] = special[Int(random.unit() * Double(special.count))]
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...count {
                    let expected = (start..<count).first { FlatJSON.needsEscape(buffer[$0]) } ?? count
                    #expect(FlatJSON.nextEscape(in: buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test func plainTextIsCopiedBetweenQuotes() {
        #expect(FlatJSON.quoted("Sheikh Maqsood") == "\"Sheikh Maqsood\"")
        #expect(FlatJSON.quoted("حلب — Ḩalab") == "\"حلب — Ḩalab\"")
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(FlatJSON.quoted("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(FlatJSON.quoted("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(FlatJSON.quoted("bell\u{07}x\u{1F}") == #""bell\u0007x\u001f""#)
    }

    @Test func escapesLineAndParagraphSeparatorsButKeepsOtherE2Characters() {
        // U+2028/U+2029 start with byte E2 like the em dash and the right single quote.
        #expect(FlatJSON.quoted("a\u{2028}b\u{2029}c — d’e\"") == #""a\u2028b\u2029c — d’e\"""#)
    }

    @Test func escapedTextParsesBackWithFoundation() throws {
        let original = "x\"\\\n\u{01}\u{2028}ʿAyn al-ʿArab — “quoted”"
        let parsed = try JSONSerialization.jsonObject(with: Data(FlatJSON.quoted(original).utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == original)
    }

    @Test func roundTripsQuotesBackslashesControlsAndArabic() {
        let values = ["notes": "say \"hi\"\\ \n\t\u{01}", "name_ar": "حلب", "empty": "", "emoji": "🕊"]
        let text = FlatJSON.object(values)
        #expect(FlatJSON.parse(text) == values)
        #expect(text.hasPrefix("{\"emoji\":\"🕊\",\"empty\":\"\","))
    }

    @Test func readsEscapesWrittenByOtherEncoders() {
        #expect(FlatJSON.parse(#"{ "a" : "\u00e9\ud83d\udd4a", "b":"x\/y" }"#) == ["a": "é🕊", "b": "x/y"])
    }

    @Test(arguments: ["", "[]", "{\"a\":1}", "{\"a\":\"b\"", "{\"a\":\"b\"} trailing", "{\"a\" \"b\"}"])
    func refusesAnythingElse(text: String) {
        #expect(FlatJSON.parse(text) == nil)
    }

    @Test func trimmingRemovesOnlyOuterSpacesAndTabs() {
        #expect(" \tAleppo \t".trimmingASCIISpaces() == "Aleppo")
        #expect("Sheikh Maqsood".trimmingASCIISpaces() == "Sheikh Maqsood")
        #expect("\t".trimmingASCIISpaces() == "")
        #expect("".trimmingASCIISpaces() == "")
        #expect(" Ḥalab".trimmingASCIISpaces() == "Ḥalab")
        #expect("Halab"[...].trimmingASCIISpaces() == "Halab")
    }
}

@testable import AtlasModel
import Foundation
import AtlasTestSupport
import Testing
@testable import AtlasImport
@testable import AtlasStore

@Suite struct FlatJSONTests {
    /// The word-at-a-time scan stops at the first byte a byte-by-byte scan stops at: every
    /// start and length (so every tail length), special bytes placed at random among bytes that
    /// sit next to them (0x20, 0x21, 0x23, 0x5B, 0x7F).
    @Test func theWordScanStopsWhereAByteScanDoes() {
        var random = SeededRandom(seed: 13)
        let special: [UInt8] = [0x00, 0x01, 0x0A, 0x1F, 0x22, 0x5C, 0x80, 0xE2, 0xFF]
        let near: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x41, 0x60, 0x7E]
        for _ in 0..<3_000 {
            let count = Int(random.unit() * 40)
            var bytes = (0..<count).map { _ in near[Int(random.unit() * Double(near.count))] }
            for _ in 0..<Int(random.unit() * 3) where count > 0 {
                bytes[Int(random.unit() * Double(count))] = special[Int(random.unit() * Double(special.count))]
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...count {
                    let expected = (start..<count).first { FlatJSON.stopsScan(buffer[$0]) } ?? count
                    #expect(FlatJSON.nextStop(in: buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    /// Stored bytes, valid UTF-8 or not, are quoted exactly as their repaired `String` is: random
    /// byte strings drawn from ASCII, escapes, UTF-8 sequences (U+2028 among them) and stray
    /// continuation or lead bytes; into an array and into an `OutputBytes`.
    @Test func storedBytesQuoteLikeTheirString() {
        var random = SeededRandom(seed: 29)
        let pieces: [[UInt8]] = [[0x41], [0x20], [0x22], [0x5C], [0x0A], [0x01], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xE2, 0x80, 0x94],
                                 [0xD8, 0xAD], [0xF0, 0x9F, 0x9A, 0x80], [0x80], [0xE2], [0xE2, 0x80], [0xFF], [0xC3]]
        for _ in 0..<2_000 {
            let bytes = (0..<Int(random.unit() * 24)).flatMap { _ in pieces[Int(random.unit() * Double(pieces.count))] }
            var stored: [UInt8] = [0x2C]
            bytes.withUnsafeBufferPointer { FlatJSON.appendQuoted(storedText: $0, to: &stored) }
            var expected: [UInt8] = [0x2C]
            FlatJSON.appendQuoted(String(decoding: bytes, as: UTF8.self), to: &expected)
            #expect(stored == expected, "\(bytes)")
            // The server's page buffer, grown from one byte, rolls back alike.
            let output = OutputBytes(capacity: 1)
            output.append(0x2C)
            var into = output
            bytes.withUnsafeBufferPointer { FlatJSON.appendQuoted(storedText: $0, to: &into) }
            #expect(Array(output.bytes) == expected, "\(bytes)")
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

import AtlasTestSupport
import Testing
@testable import AtlasImport
@testable import AtlasStore

/// `PlainDecimal` must give exactly what `Double(String)` gives, or nothing.
@Suite struct PlainDecimalTests {
    @Test func knownCoordinatesAreReadExactly() {
        #expect(PlainDecimal.value("36.23611") == 36.23611)
        #expect(PlainDecimal.value("-0.5") == -0.5)
        #expect(PlainDecimal.value("37") == 37)
        #expect(PlainDecimal.value("35.945") == 35.945)
        let negativeZero = PlainDecimal.value("-0.0")
        #expect(negativeZero == 0 && negativeZero?.sign == .minus)
    }

    /// What it does not read plainly is left to `Double(String)`, which accepts more forms.
    @Test func otherFormsAreLeftToTheFallback() {
        for text in ["", "-", ".5", "5.", "1e3", "+5", "1.2.3", "nan", "inf", " 5", "5 ", "0x1p3", "1234567890123456", "3,5"] {
            #expect(PlainDecimal.value(text) == nil, "\(text)")
        }
        #expect(PlainDecimal.value("123456789012345") == 123_456_789_012_345)
    }

    /// Random decimals of up to 15 digits, with up to 15 of them after the point: bit for bit
    /// what `strtod` gives.
    @Test func randomDecimalsEqualDoubleParsingBitForBit() {
        var random = SeededRandom(seed: 4_326)
        for _ in 0..<100_000 {
            let digits = 1 + Int(random.next() % 15)
            let fraction = Int(random.next() % UInt64(digits))
            var text = (0..<digits).map { _ in String(random.next() % 10) }.joined()
            if fraction > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -fraction)) }
            if random.next() % 2 == 0 { text = "-" + text }
            let expected = Double(text)
            let actual = PlainDecimal.value(text)
            guard actual?.bitPattern == expected?.bitPattern else {
                Issue.record("\(text): \(String(describing: actual)) against \(String(describing: expected))")
                return
            }
        }
    }

    /// Found by fuzzing (geonames target): a coordinate of 20 or more digits overflowed the
    /// mantissa and trapped, taking a whole gazetteer load or import down on one bad line.
    @Test func longRunsOfDigitsAreLeftToTheFallbackWithoutOverflow() throws {
        #expect(PlainDecimal.value("1234567890123456") == nil)
        #expect(PlainDecimal.value(String(repeating: "9", count: 40)) == nil)
        #expect(PlainDecimal.value("-" + String(repeating: "7", count: 25) + ".5") == nil)
        let line = ["1", "Tall", "Tall", "", String(repeating: "9", count: 30), "37", "P", "PPL", "SY", "", "", "", "", "", "", "", "", "", ""]
            .joined(separator: "\t")
        guard case let .failure(error) = GeoNamesDumpParser.parse(line, source: "geonames") else {
            Issue.record("a latitude of 10^30 was accepted")
            return
        }
        #expect("\(error)".contains("latitude"))
        #expect(line.utf8.withContiguousStorageIfAvailable { GeoNamesDumpParser.parse(bytes: $0, source: "geonames") } == .some(nil))
    }
}

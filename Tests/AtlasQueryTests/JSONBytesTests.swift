import Foundation
import Testing
@testable import AtlasQuery

@Suite struct JSONBytesTests {
    private func bytes(_ body: (inout [UInt8]) -> Void) -> String {
        var buffer: [UInt8] = []
        body(&buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test(arguments: ["", "Sheikh Maqsood", "say \"hi\"\\", "a\nb\rc\td\u{01}", "x\u{2028}y\u{2029}z — ’", "حلب", "\u{2028}", "end—"])
    func stringsMatchTheStringEscaper(text: String) {
        #expect(bytes { JSONBytes.string(text, into: &$0) } == TextEscaping.jsonString(text))
    }

    @Test func decimalsMatchDecimalText() {
        let values: [Double] = [0, -0.0, 36.20124, 37.16117, -0.0000004, -0.0000005, 1.5, -1.05, 123456.789, 0.000001,
                                0.1, 179.9999999, -179.9999996, 1e10, -2.5e-7, 50_000, 12.3456789]
        for value in values {
            for digits in [0, 2, 6, 9] {
                #expect(bytes { JSONBytes.decimal(value, digits: digits, into: &$0) } == DecimalText.fixed(value, digits: digits),
                        "\(value) with \(digits) digits")
            }
        }
    }

    @Test func integers() {
        for value in [0, 7, -7, 10, 1_000_000, Int.max, Int.min + 1] {
            #expect(bytes { JSONBytes.integer(value, into: &$0) } == String(value))
        }
        #expect(bytes { JSONBytes.integer(Int64.min, into: &$0) } == String(Int64.min))
    }
}

import Testing
@testable import AtlasQuery

@Suite struct TextOutputTests {
    @Test func jsonStringEscapesQuotesBackslashesAndControls() {
        #expect(TextEscaping.jsonString("say \"hi\"\\\n\u{01}") == "\"say \\\"hi\\\"\\\\\\n\\u0001\"")
        #expect(TextEscaping.jsonString("حلب") == "\"حلب\"")
    }

    @Test func csvFieldQuotesOnlyWhenNeeded() {
        #expect(TextEscaping.csvField("Aleppo") == "Aleppo")
        #expect(TextEscaping.csvField("Aleppo, Syria") == "\"Aleppo, Syria\"")
        #expect(TextEscaping.csvField("the \"Castello\" road") == "\"the \"\"Castello\"\" road\"")
        #expect(TextEscaping.csvField("two\nlines") == "\"two\nlines\"")
    }

    @Test func tableAlignsNumbersRightAndTextLeft() {
        var table = TextTable(columns: [.init("name"), .init("km", alignRight: true)])
        table.append(["Aleppo", "1.5"])
        table.append(["Sheikh Maqsood", "12.25"])
        #expect(table.render() == """
            name               km
            --------------  -----
            Aleppo            1.5
            Sheikh Maqsood  12.25

            """)
    }

    @Test func tableClipsLongCells() {
        var table = TextTable(columns: [.init("notes")])
        table.maxCellWidth = 5
        table.append(["abcdefgh"])
        #expect(table.render().contains("abcd…"))
    }
}

@Suite struct DecimalTextTests {
    @Test func matchesPrintfThenStripOnManyValues() {
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let value = (Double(state >> 11) / Double(1 << 53) - 0.5) * 400
            for digits in [0, 1, 2, 6] {
                var reference = String(format: "%.\(digits)f", value)
                if reference.contains(".") {
                    while reference.hasSuffix("0") { reference.removeLast() }
                    if reference.hasSuffix(".") { reference.removeLast() }
                }
                if reference == "-0" { reference = "0" }
                #expect(DecimalText.fixed(value, digits: digits) == reference, "\(value) at \(digits)")
            }
        }
    }

    @Test func edgeCases() {
        #expect(DecimalText.fixed(-0.0, digits: 6) == "0")
        #expect(DecimalText.fixed(-0.0000001, digits: 6) == "0")
        #expect(DecimalText.fixed(37.16117, digits: 6) == "37.16117")
        #expect(DecimalText.fixed(-179.9, digits: 6) == "-179.9")
        #expect(DecimalText.fixed(1e12, digits: 2) == "1000000000000")
    }
}

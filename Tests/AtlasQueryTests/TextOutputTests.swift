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

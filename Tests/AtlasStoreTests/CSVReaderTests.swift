import Foundation
import Testing
@testable import AtlasImport
@testable import AtlasStore

@Suite struct CSVReaderTests {
    private func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [CSVReader.Record] {
        let file = try TemporaryFile(contents: text)
        let reader = CSVReader(source: try ByteSource(path: file.path, chunkSize: chunkSize))
        var all: [CSVReader.Record] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    @Test func readsQuotedCommasQuotesAndNewlines() throws {
        let all = try records("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,,\n")
        #expect(all.count == 4)
        #expect(all[1].fields == ["1", "x, y", "say \"hi\""])
        #expect(all[2].fields == ["2", "two\nlines", "z"])
        #expect(all[3].fields == ["3", "", ""])
    }

    @Test func numbersRecordsByTheLineTheyStartOn() throws {
        let all = try records("h\n\"a\nb\"\nc\n")
        #expect(all.map(\.line) == [1, 2, 4])
    }

    @Test func handlesCRLFBOMAndAMissingFinalNewline() throws {
        let all = try records("\u{FEFF}x,y\r\n1,2\r\n3,4")
        #expect(all.map(\.fields) == [["x", "y"], ["1", "2"], ["3", "4"]])
    }

    @Test func sameResultWhateverTheChunkSize() throws {
        let text = "a,b\n\"long, quoted\nfield\",2\n" + (0..<50).map { "\($0),\"v\($0)\"\n" }.joined()
        let big = try records(text)
        let tiny = try records(text, chunkSize: 3)
        #expect(big.map(\.fields) == tiny.map(\.fields))
        #expect(big.map(\.line) == tiny.map(\.line))
    }

    /// Records read whole from a large buffer take the one-pass path; with tiny chunks nearly
    /// every record crosses a chunk end and takes the byte-by-byte one. On random CSV of every
    /// kind of field (quotes, doubled quotes, separators and newlines inside quotes, CRLF, bare
    /// CR, text after a closing quote, a quote in mid-field) both must read the same records.
    @Test(arguments: [1, 2, 3, 11, 64])
    func theOnePassPathReadsWhatTheGeneralPathReads(seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["a", "Sheikh Maqsood", "", "\"q, \"\"x\"\"\"", "\"two\nlines\"", "\"\"", "x\"y", "\"c\"d", "حلب", " 36.2 "]
        let ends = ["\n", "\r\n", "\r", "\n\n"]
        var text = ""
        for _ in 0..<400 {
            let fields = (0..<(1 + next(5))).map { _ in pieces[next(pieces.count)] }
            text += fields.joined(separator: ",") + ends[next(ends.count)]
        }
        if next(2) == 0 { text += "last,\"open" }
        let whole = try records(text)
        for chunkSize in [1, 7, 300] {
            let chunked = try records(text, chunkSize: chunkSize)
            #expect(chunked.map(\.fields) == whole.map(\.fields))
            #expect(chunked.map(\.line) == whole.map(\.line))
            #expect(chunked.map(\.problem) == whole.map(\.problem))
        }
    }

    @Test(arguments: [1, 2, 5, 7, 16, 1 << 20])
    func unquotedFieldsEmptyFieldsAndLineEndsReadTheSameInEveryChunkSize(chunkSize: Int) throws {
        let text = "id,notes,,last\r\n1,shelled near Sheikh Maqsood,,x\r\n2,,\"q, \"\"x\"\"\",\n\n3,a\rb,c,d\n4,\u{D8}stlig ʿAyn,e,"
        let all = try records(text, chunkSize: chunkSize)
        #expect(all.map(\.fields) == [
            ["id", "notes", "", "last"], ["1", "shelled near Sheikh Maqsood", "", "x"], ["2", "", "q, \"x\"", ""],
            ["3", "a"], ["b", "c", "d"], ["4", "\u{D8}stlig ʿAyn", "e", ""],
        ])
        #expect(all.map(\.line) == [1, 2, 3, 5, 6, 7])
    }

    @Test func reportsTextAfterAClosingQuoteAndGoesOn() throws {
        let all = try records("a,b\n\"x\"y,1\n2,3\n")
        #expect(all[1].problem == "field 1: text after a closing quote")
        #expect(all[2].fields == ["2", "3"])
        #expect(all[2].problem == nil)
    }

    @Test func reportsAQuoteLeftOpen() throws {
        let all = try records("a,b\n1,\"never closed\n2,3\n")
        #expect(all.last?.problem == "quoted field opened on line 2 is never closed")
    }
}

/// A file in the temporary folder, removed when the value is released.
final class TemporaryFile {
    let path: String

    init(contents: String, suffix: String = ".txt") throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("atlas-test-\(UUID().uuidString)\(suffix)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

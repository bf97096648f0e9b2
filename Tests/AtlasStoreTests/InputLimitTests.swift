import AtlasModel
import Foundation
import Testing
@testable import AtlasImport
@testable import AtlasStore

/// Lines and records are capped, and bad input is quoted as a short escaped excerpt.
@Suite struct InputLimitTests {
    private func isLineTooLong(_ error: any Error, file: String, line: Int) -> Bool {
        guard case let .malformed(errorFile, errorLine, reason)? = error as? InputError else { return false }
        return errorFile == file && errorLine == line && reason.hasPrefix("line longer than 100 bytes")
    }

    @Test func aLineOverTheLimitIsAnErrorNamingItsLine() throws {
        let file = try TemporaryFile(contents: "short\n" + String(repeating: "x", count: 100) + "\n" + String(repeating: "y", count: 101) + "\nafter\n")
        let lines = LineReader(source: try ByteSource(path: file.path, chunkSize: 16), maxLineBytes: 100)
        #expect(try lines.next()?.text == "short")
        #expect(try lines.next()?.text.count == 100)
        #expect { try lines.next() } throws: { isLineTooLong($0, file: file.path, line: 3) }
    }

    @Test func aFinalLineWithoutNewlineOverTheLimitIsAnError() throws {
        let file = try TemporaryFile(contents: String(repeating: "\u{0}", count: 1_000))
        let lines = LineReader(source: try ByteSource(path: file.path, chunkSize: 64), maxLineBytes: 100)
        #expect { try lines.next() } throws: { isLineTooLong($0, file: file.path, line: 1) }
    }

    @Test func aCSVRecordOverTheLimitIsAnError() throws {
        for text in ["a,b\n1," + String(repeating: "z", count: 200) + "\n",          // unquoted
                     "a,b\n1,\"" + String(repeating: "q\n", count: 100) + "\"\n",    // quoted, with newlines
                     "a,b\n1,\"" + String(repeating: "q", count: 500)] {            // quote never closed
            let file = try TemporaryFile(contents: text, suffix: ".csv")
            let reader = CSVReader(source: try ByteSource(path: file.path, chunkSize: 32), maxRecordBytes: 100)
            #expect(try reader.next()?.fields == ["a", "b"])
            #expect { try reader.next() } throws: { isLineTooLong($0, file: file.path, line: 2) }
        }
    }

    /// The excerpt reads as the line does in the file: its fields with their separators, so a
    /// user finds the line by what the message quotes.
    @Test func aCSVRecordOverTheLimitIsQuotedWithItsSeparators() throws {
        for (separator, text) in [(UInt8(ascii: ","), "a,b,c\n1,\"two\"," + String(repeating: "z", count: 200) + "\n"),
                                  (UInt8(ascii: "\t"), "a\tb\tc\n1\ttwo\t" + String(repeating: "z", count: 200) + "\n")] {
            let file = try TemporaryFile(contents: text, suffix: ".csv")
            let reader = CSVReader(source: try ByteSource(path: file.path, chunkSize: 32),
                                   separator: separator, maxRecordBytes: 100)
            _ = try reader.next()
            #expect { try reader.next() } throws: { error in
                let quoted = separator == UInt8(ascii: ",") ? "1,two,zzz" : "1\\ttwo\\tzzz"
                return "\(error)".contains("it starts \"\(quoted)")
            }
        }
    }

    @Test func excerptsEscapeControlBytesAndStayShort() {
        #expect(InputExcerpt.of("\u{1B}[2Jbad\u{0}value\t") == "\\x1b[2Jbad\\x00value\\t")
        #expect(InputExcerpt.of(String(repeating: "é", count: 100), limit: 5) == "ééééé…")
        #expect(InputExcerpt.of(bytes: [UInt8](repeating: 0, count: 1 << 20), limit: 3) == "\\x00\\x00\\x00…")
        #expect(InputExcerpt.of(bytes: Array("ok".utf8)) == "ok")
    }

    /// A header without a newline: the import fails at once, and the message quotes a few
    /// escaped bytes, not the whole line.
    @Test func anImportOfALineWithoutEndFailsWithAShortMessage() throws {
        let test = try TestDatabase()
        let junk = String(repeating: "\u{1B}[31m\u{0}", count: 400_000)
        let file = try TemporaryFile(contents: junk, suffix: ".csv")
        #expect {
            try IncidentImporter(database: test.database).importFile(file.path)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("\(file.path):1: line longer than \(InputLimits.maxLineBytes) bytes")
                && message.count < file.path.count + 300 && !message.contains("\u{1B}") && !message.contains("\u{0}")
        }
    }
}

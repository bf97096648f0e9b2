import AtlasModel
import AtlasImport
import AtlasStore
import Foundation

/// Turns a report file's bytes into text, refusing what is not a text report.
public enum ReportText {
    /// The text of `data` (UTF-8; a byte-order mark is dropped).
    ///
    /// - throws: `InputError.malformed` for an empty file, binary data (NUL bytes) or invalid UTF-8.
    public static func decode(_ data: Data, name: String) throws -> String {
        guard !data.isEmpty else { throw InputError.malformed(file: name, line: nil, reason: "the report is empty") }
        if data.prefix(65_536).contains(0) {
            throw InputError.malformed(file: name, line: nil, reason: "binary data (NUL bytes), not a text report")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError.malformed(file: name, line: nil, reason: "not valid UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.contains(where: { $0.isLetter }) else {
            throw InputError.malformed(file: name, line: nil, reason: "no words in the report")
        }
        return text
    }
}

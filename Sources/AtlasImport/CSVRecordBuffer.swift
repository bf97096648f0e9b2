/// One CSV record as bytes: its unquoted fields back to back in `bytes`, field `i` ending at
/// `ends[i]`.
///
/// A reader refills the same buffer for every record, so a million-row import makes no
/// allocation per field (one `String` per field was half of an import's parsing thread).
public struct CSVRecordBuffer: Sendable {
    /// 1-based line on which the record starts (the header is line 1).
    public internal(set) var line = 0
    /// The fields' bytes, unquoted, without separators; valid UTF-8 (see `repairUTF8`).
    public internal(set) var bytes: [UInt8] = []
    /// Where each field ends in `bytes` (exclusive).
    public internal(set) var ends: [Int] = []
    /// Why the record is malformed, or nil.
    public internal(set) var problem: String?

    /// An empty buffer.
    public init() {}

    /// A record of `fields` (for rows that do not come from CSV, such as JSON objects).
    public init(line: Int, fields: [String]) {
        self.line = line
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            ends.append(bytes.count)
        }
    }

    /// The number of fields.
    public var fieldCount: Int { ends.count }

    /// Where field `index` lies in `bytes`.
    public func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Field `index` as a string.
    public func string(_ index: Int) -> String {
        String(decoding: bytes[range(of: index)], as: UTF8.self)
    }

    /// All fields as strings.
    public var strings: [String] { (0..<fieldCount).map(string) }

    /// The record's first `maxBytes` bytes as the file has them (fields joined by `separator`,
    /// quotes dropped), including the field being read: the start an error message quotes.
    package func leadingBytes(separator: UInt8, maxBytes: Int) -> [UInt8] {
        var leading: [UInt8] = []
        var fieldStart = 0
        for end in ends where leading.count < maxBytes {
            leading.append(contentsOf: bytes[fieldStart..<end])
            leading.append(separator)
            fieldStart = end
        }
        if leading.count < maxBytes { leading.append(contentsOf: bytes[fieldStart..<min(bytes.count, fieldStart + maxBytes)]) }
        return Array(leading.prefix(maxBytes))
    }

    /// Empties the buffer for the record starting on `line`, keeping its capacity.
    package mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        problem = nil
    }

    /// Ends the current field at the current end of `bytes`.
    package mutating func endField() { ends.append(bytes.count) }

    /// The start of the field being read (the end of the last one).
    package var currentFieldStart: Int { ends.last ?? 0 }

    /// Replaces invalid UTF-8 sequences with U+FFFD, field by field, as `String(decoding:)`
    /// does, so the bytes can be stored as text as they are. A record of ASCII bytes (the
    /// common case) is checked in one pass and left alone; others are validated field by field
    /// without making strings, and rebuilt only when a field is invalid.
    package mutating func repairUTF8() {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        guard (0..<fieldCount).contains(where: { !Self.isValidUTF8(bytes[range(of: $0)]) }) else { return }
        let fields = strings
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            ends.append(bytes.count)
        }
    }

    /// True when `text` is well-formed UTF-8 (each field on its own: a sequence may not
    /// continue across a separator).
    private static func isValidUTF8(_ text: ArraySlice<UInt8>) -> Bool {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = text.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .error: return false
            case .emptyInput: return true
            }
        }
    }
}

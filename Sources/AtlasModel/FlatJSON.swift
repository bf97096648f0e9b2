/// The one JSON string escaper of the project, and JSON objects of string values only
/// (`{"iso":"760","inter1":"2"}`), written and read without Foundation: incidents keep their
/// extra upstream columns this way, and a million-row import or export cannot afford
/// `JSONSerialization` per row.
public enum FlatJSON {
    /// `text` as a JSON string literal with its quotes; `"`, `\\` and control characters escaped.
    public static func quoted(_ text: String) -> String {
        // Most text needs no escape: check the bytes once and copy it whole.
        if !text.utf8.contains(where: needsEscape) { return "\"" + text + "\"" }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        appendQuoted(bytes: Array(text.utf8)[...], to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes that may need an escape: controls, `"`, `\\`, and 0xE2 (U+2028 and U+2029 start with it).
    public static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 }

    /// Appends the JSON string literal of the UTF-8 `text`, with its quotes, to `out`.
    public static func appendQuoted(bytes text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        text.withUnsafeBufferPointer { _ = appendQuoted(utf8: $0, validUTF8: true, to: &out) }
    }

    /// Appends the JSON string literal of `bytes` in one pass: runs of bytes that need no escape
    /// are copied whole, the others escaped in place.
    ///
    /// With `validUTF8` false (stored bytes, which may not be valid UTF-8), the first byte of
    /// 0x80 or above stops it: it returns false, having appended part of the literal, and the
    /// caller takes the text through `String`. It returns true when the literal is complete.
    @inlinable
    static func appendQuoted<Output: ByteAppending>(utf8 bytes: UnsafeBufferPointer<UInt8>, validUTF8: Bool, to out: inout Output) -> Bool {
        out.append(0x22)
        var runStart = 0
        var index = 0
        while true {
            index = nextStop(in: bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte >= 0x80 {
                guard validUTF8 else { return false }
                if byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                    // U+2028 / U+2029: valid JSON, but not in JavaScript string literals.
                    out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    appendUnicodeEscape(0x20, bytes[index + 2] == 0xA8 ? 0x28 : 0x29, to: &out)
                    index += 3
                    runStart = index
                } else {
                    // Other non-ASCII text stays in the run.
                    index += 1
                    while index < bytes.count && bytes[index] >= 0x80 && bytes[index] != 0xE2 { index += 1 }
                }
                continue
            }
            out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            index += 1
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            default: appendUnicodeEscape(0x00, byte, to: &out)
            }
            runStart = index
        }
        out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(0x22)
        return true
    }

    /// Appends `\uHHLL`, lowercase hex.
    @inlinable
    static func appendUnicodeEscape<Output: ByteAppending>(_ high: UInt8, _ low: UInt8, to out: inout Output) {
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        out.append(0x5C); out.append(0x75)
        out.append(hex(high >> 4)); out.append(hex(high & 0x0F))
        out.append(hex(low >> 4)); out.append(hex(low & 0x0F))
    }

    /// Bytes the escaper stops at: the ones that need an escape (controls, `"`, `\\`) and every
    /// byte of non-ASCII text (0x80 and above), where U+2028 and U+2029 need one too and stored
    /// bytes may not be valid UTF-8.
    static func stopsScan(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x80 }

    /// The index of the first byte from `start` on that `stopsScan`, or `bytes.count`.
    ///
    /// Eight bytes are tested at once, the last few padded with a plain byte: most text needs no
    /// escape, and a property is a few to a few hundred bytes. The lowest flagged byte of a word
    /// is exact (a borrow can only flag bytes above a flagged one), so it is found by counting
    /// trailing zero bits, with no byte loop.
    @inlinable
    static func nextStop(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = start
        while index + 8 <= raw.count {
            let flags = stopFlags(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            if flags != 0 { return index + flags.trailingZeroBitCount >> 3 }
            index += 8
        }
        guard index < raw.count else { return raw.count }
        var tail: UInt64 = 0x4141_4141_4141_4141  // "AAAAAAAA"
        withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[index...])) }
        let flags = stopFlags(UInt64(littleEndian: tail))
        return flags != 0 ? index + flags.trailingZeroBitCount >> 3 : raw.count
    }

    /// The high bit of each byte of `word` (little-endian order) that `stopsScan`, and possibly
    /// of bytes above such a byte.
    @inlinable
    static func stopFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte of `word` is zero: `(word - ones) & ~word & highs` flags it.
        func zeros(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }
        let control = (word &- ones &* 0x20) & ~word & highs  // below 0x20
        return control | zeros(word ^ (ones &* 0x22)) | zeros(word ^ (ones &* 0x5C)) | (word & highs)
    }

    /// The object with keys in sorted order (stable text, so equal maps give equal strings).
    ///
    /// Written into one byte buffer: an import builds one per row, and joining quoted pieces
    /// as `String`s was a fifth of its parsing thread (profile of a 200k-row ACLED import).
    public static func object(_ values: [String: String]) -> String {
        guard !values.isEmpty else { return "{}" }
        var out: [UInt8] = [0x7B]
        out.reserveCapacity(values.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        for key in values.keys.sorted() {
            if out.count > 1 { out.append(0x2C) }
            appendQuoted(key, to: &out)
            out.append(0x3A)
            appendQuoted(values[key] ?? "", to: &out)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `quoted(text)`'s bytes to `out`.
    @inlinable
    public static func appendQuoted<Output: ByteAppending>(_ text: String, to out: inout Output) {
        var text = text
        text.withUTF8 { _ = appendQuoted(utf8: $0, validUTF8: true, to: &out) }
    }

    /// Appends the JSON string literal of stored text `bytes` (a database column) to `out`,
    /// exactly as `appendQuoted(String(decoding: bytes, as: UTF8.self), to:)` would: ASCII text
    /// is escaped straight from the bytes; other text goes through `String`, which replaces
    /// invalid UTF-8 with U+FFFD, so the output is always valid JSON.
    @inlinable
    public static func appendQuoted<Output: ByteAppending>(storedText bytes: UnsafeBufferPointer<UInt8>, to out: inout Output) {
        let start = out.count
        guard !appendQuoted(utf8: bytes, validUTF8: false, to: &out) else { return }
        out.removeLast(out.count - start)
        appendQuoted(String(decoding: bytes, as: UTF8.self), to: &out)
    }

    /// The map of a flat object of strings; nil if `text` is anything else.
    public static func parse(_ text: String) -> [String: String]? {
        var scanner = JSONScanner(Array(text.utf8)[...])
        guard scanner.expect(0x7B) else { return nil }
        var result: [String: String] = [:]
        if scanner.expect(0x7D) { return scanner.isAtEnd ? result : nil }
        while true {
            guard let key = scanner.string(), scanner.expect(0x3A), let value = scanner.string() else { return nil }
            result[key] = value
            if scanner.expect(0x2C) { continue }
            guard scanner.expect(0x7D) else { return nil }
            return scanner.isAtEnd ? result : nil
        }
    }
}

/// Reads JSON tokens from UTF-8 bytes, front to back: the small subset the project's own JSON
/// columns use (punctuation, strings with every escape, small integers and booleans).
public struct JSONScanner {
    private var bytes: ArraySlice<UInt8>

    /// A scanner at the start of `bytes`.
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// True when only white space is left.
    public var isAtEnd: Bool {
        mutating get {
            skipSpace()
            return bytes.isEmpty
        }
    }

    private mutating func skipSpace() {
        while let byte = bytes.first, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { bytes = bytes.dropFirst() }
    }

    /// Consumes `byte` (after white space) and returns true, or leaves the input and returns false.
    public mutating func expect(_ byte: UInt8) -> Bool {
        skipSpace()
        guard bytes.first == byte else { return false }
        bytes = bytes.dropFirst()
        return true
    }

    /// Consumes a string literal and returns its text; nil (input then undefined) if there is none.
    public mutating func string() -> String? {
        guard expect(0x22) else { return nil }
        var out: [UInt8] = []
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            if byte == 0x22 { return String(decoding: out, as: UTF8.self) }
            guard byte == 0x5C else { out.append(byte); continue }
            guard let escaped = bytes.first else { return nil }
            bytes = bytes.dropFirst()
            switch escaped {
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x75:
                guard bytes.count >= 4, let code = UInt32(String(decoding: bytes.prefix(4), as: UTF8.self), radix: 16) else { return nil }
                bytes = bytes.dropFirst(4)
                var scalarValue = code
                if (0xD800...0xDBFF).contains(code), bytes.starts(with: [0x5C, 0x75]), bytes.count >= 6,
                   let low = UInt32(String(decoding: bytes.dropFirst(2).prefix(4), as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                    bytes = bytes.dropFirst(6)
                    scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(escaped)
            }
        }
        return nil
    }

    /// Consumes `true`, `false` or an integer and returns it as a truth value (non-zero is true);
    /// nil if the next token is none of these.
    public mutating func flag() -> Bool? {
        skipSpace()
        if bytes.starts(with: Array("true".utf8)) { bytes = bytes.dropFirst(4); return true }
        if bytes.starts(with: Array("false".utf8)) { bytes = bytes.dropFirst(5); return false }
        var digits = 0, value = 0
        if bytes.first == 0x2D { bytes = bytes.dropFirst() }
        while let byte = bytes.first, (0x30...0x39).contains(byte), digits < 18 {
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            bytes = bytes.dropFirst()
        }
        return digits > 0 ? value != 0 : nil
    }
}

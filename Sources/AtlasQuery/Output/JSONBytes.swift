/// Appends JSON tokens straight into a byte buffer: the streaming writers' hot path, which
/// would otherwise build and join a dozen short `String`s per feature.
///
/// Output is identical to `TextEscaping.jsonString` and `DecimalText.fixed`; tests compare them.
enum JSONBytes {
    /// Appends ASCII/UTF-8 `text` as is (keys, punctuation, already-encoded JSON).
    static func raw(_ text: String, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Appends `text` as a JSON string literal with its quotes: `"`, `\`, control characters and
    /// U+2028/U+2029 escaped, everything else copied byte for byte.
    static func string(_ text: String, into buffer: inout [UInt8]) {
        buffer.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                let escape: [UInt8]?
                switch byte {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, 0x6E]
                case 0x0D: escape = [0x5C, 0x72]
                case 0x09: escape = [0x5C, 0x74]
                case 0x00..<0x20: escape = [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 / U+2029: valid JSON, but not inside JavaScript string literals.
                    escape = [0x5C, 0x75, 0x32, 0x30, 0x32, bytes[index + 2] == 0xA8 ? 0x38 : 0x39]
                default: escape = nil
                }
                guard let escape else { index += 1; continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(contentsOf: escape)
                index += byte == 0xE2 ? 3 : 1
                runStart = index
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        buffer.append(0x22)
    }

    /// Appends a decimal integer.
    static func integer<T: BinaryInteger>(_ value: T, into buffer: inout [UInt8]) {
        var magnitude = UInt64(value.magnitude)
        if value < 0 { buffer.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var used = 0
        withUnsafeMutableBytes(of: &digits) { slots in
            repeat {
                slots[19 - used] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                used += 1
            } while magnitude > 0
            buffer.append(contentsOf: slots[(20 - used)...])
        }
    }

    /// Appends `value` with at most `digits` decimals, trailing zeros dropped, never an exponent
    /// or a negative zero (the text of `DecimalText.fixed`).
    static func decimal(_ value: Double, digits: Int, into buffer: inout [UInt8]) {
        guard digits <= 9, value.isFinite, abs(value) < 1e9 else {
            raw(DecimalText.fixed(value, digits: digits), into: &buffer)
            return
        }
        let scale = powersOfTen[digits]
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        if value < 0 && scaled != 0 { buffer.append(0x2D) }
        integer(scaled / scale, into: &buffer)
        var fraction = scaled % scale
        guard fraction != 0 else { return }
        var width = digits
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        buffer.append(0x2E)
        var leadingZeros = width
        var rest = fraction
        while rest > 0 { rest /= 10; leadingZeros -= 1 }
        for _ in 0..<leadingZeros { buffer.append(0x30) }
        integer(fraction, into: &buffer)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let powersOfTen: [Int64] = (0...9).map { power in (0..<power).reduce(Int64(1)) { value, _ in value * 10 } }
}

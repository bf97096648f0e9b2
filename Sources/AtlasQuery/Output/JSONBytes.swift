import AtlasModel

/// Appends JSON tokens straight into a byte buffer: the streaming writers' hot path, which
/// would otherwise build and join a dozen short `String`s per feature.
///
/// Output is identical to `TextEscaping.jsonString` and `DecimalText.fixed`; tests compare them.
enum JSONBytes {
    /// Appends ASCII/UTF-8 `text` as is (keys, punctuation, already-encoded JSON).
    static func raw<Output: ByteAppending>(_ text: String, into buffer: inout Output) {
        var text = text
        text.withUTF8 { buffer.appendBytes($0) }
    }

    /// Appends constant ASCII text (keys, punctuation) from the binary's own bytes.
    static func literal<Output: ByteAppending>(_ text: StaticString, into buffer: inout Output) {
        text.withUTF8Buffer { buffer.appendBytes($0) }
    }

    /// Appends `text` as a JSON string literal with its quotes (`FlatJSON`'s escaping).
    static func string<Output: ByteAppending>(_ text: String, into buffer: inout Output) {
        FlatJSON.appendQuoted(text, to: &buffer)
    }

    /// Appends a decimal integer.
    static func integer<T: BinaryInteger, Output: ByteAppending>(_ value: T, into buffer: inout Output) {
        // Most integers of a feature (precisions, fatalities) are one digit.
        if value >= 0 && value < 10 {
            buffer.append(0x30 + UInt8(truncatingIfNeeded: value))
            return
        }
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
            // As typed bytes: appending the raw slice went element by element.
            buffer.appendBytes(UnsafeRawBufferPointer(rebasing: slots[(20 - used)...]).assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Appends `value` with at most `digits` decimals, trailing zeros dropped, never an exponent
    /// or a negative zero (the text of `DecimalText.fixed`).
    static func decimal<Output: ByteAppending>(_ value: Double, digits: Int, into buffer: inout Output) {
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

    private static let powersOfTen: [Int64] = (0...9).map { power in (0..<power).reduce(Int64(1)) { value, _ in value * 10 } }
}

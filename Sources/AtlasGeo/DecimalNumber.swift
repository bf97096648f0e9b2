/// Reads numbers written in decimal notation, as coordinates are: `-36.2`, `37`, `.5`, `1e-3`.
///
/// `Double(String)` also takes hexadecimal floats (`0x1p3` is 8), `inf`, `infinity` and `nan`,
/// none of which is a coordinate anyone wrote on purpose; those are refused here, so a file or
/// an option holding them is reported instead of read as a position.
///
/// For example:
///
/// ```swift
/// DecimalNumber.value("36.20124")   // 36.20124
/// DecimalNumber.value("0x1p3")      // nil
/// ```
public enum DecimalNumber {
    /// The value of `text` (surrounding spaces not allowed) if it is `[+-]digits[.digits][e[+-]digits]`
    /// with at least one digit before the exponent and a finite value, else nil.
    public static func value(_ text: some StringProtocol) -> Double? {
        var digits = 0, index = text.utf8.startIndex
        let bytes = text.utf8
        func skipDigits() {
            while index != bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                digits += 1
                index = bytes.index(after: index)
            }
        }
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index = bytes.index(after: index) }
        skipDigits()
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            skipDigits()
        }
        guard digits > 0 else { return nil }
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index = bytes.index(after: index)
            if index != bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index = bytes.index(after: index) }
            let before = digits
            skipDigits()
            guard digits > before else { return nil }
        }
        guard index == bytes.endIndex else { return nil }
        // `1e999` is decimal notation too, but `Double` reads it as infinity: refused like `inf`
        // (found by fuzzing the argument parsers).
        return Double(String(text)).flatMap { $0.isFinite ? $0 : nil }
    }
}

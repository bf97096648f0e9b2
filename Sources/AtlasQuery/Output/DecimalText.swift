import Foundation

/// Decimal numbers as the text formats want them: fixed digits, trailing zeros dropped, no
/// exponent, no negative zero (`36.2`, not `36.200000` or `3.62e1`).
public enum DecimalText {
    /// `value` with at most `digits` decimals.
    public static func fixed(_ value: Double, digits: Int) -> String {
        // Integer arithmetic for the usual magnitudes (a coordinate, a distance): an order of
        // magnitude faster than `String(format:)`, which cost a tenth of a large export.
        if digits <= 9, value.isFinite, abs(value) < 1e9 {
            let scale = powersOfTen[digits]
            let scaled = (abs(value) * Double(scale)).rounded()
            let integer = Int64(scaled)
            let whole = integer / scale, fraction = integer % scale
            var text = (value < 0 && integer != 0 ? "-" : "") + String(whole)
            if fraction != 0 {
                var digitsText = String(fraction)
                digitsText = String(repeating: "0", count: digits - digitsText.count) + digitsText
                while digitsText.hasSuffix("0") { digitsText.removeLast() }
                text += "." + digitsText
            }
            return text
        }
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    private static let powersOfTen: [Int64] = (0...9).map { power in (0..<power).reduce(Int64(1)) { value, _ in value * 10 } }
}

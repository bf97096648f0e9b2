import Foundation

/// Decimal numbers as the text formats want them: fixed digits, trailing zeros dropped, no
/// exponent, no negative zero (`36.2`, not `36.200000` or `3.62e1`).
public enum DecimalText {
    /// `value` with at most `digits` decimals.
    public static func fixed(_ value: Double, digits: Int) -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}

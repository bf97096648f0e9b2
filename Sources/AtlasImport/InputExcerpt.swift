import AtlasModel
/// A short, printable excerpt of bad input for error messages: a message quoting a whole field
/// or line would echo megabytes, NULs and terminal escape sequences to the user's terminal.
///
/// For example:
///
/// ```swift
/// InputExcerpt.of("\u{1B}[2Jbad\0value")   // "\\x1b[2Jbad\\x00value"
/// ```
public enum InputExcerpt {
    /// Characters kept at most, before "…".
    public static let defaultLimit = 40

    /// `text` with control characters written as `\xNN` (`\t`, `\n`, `\r` as such), cut after
    /// `limit` characters with "…".
    public static func of(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return result + "…" }
            count += 1
            switch scalar {
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The excerpt of UTF-8 `bytes` (invalid sequences shown as U+FFFD); only the first bytes
    /// are decoded, however long the input.
    public static func of(bytes: some Collection<UInt8>, limit: Int = defaultLimit) -> String {
        let head = bytes.prefix(limit * 4)
        let excerpt = of(String(decoding: head, as: UTF8.self), limit: limit)
        return head.count < bytes.count && !excerpt.hasSuffix("…") ? excerpt + "…" : excerpt
    }
}

/// Bounds on input that keep memory flat whatever a file holds.
public enum InputLimits {
    /// The longest line (or CSV record) read, in bytes: far beyond any real row (an ACLED row
    /// with long notes is a few KiB) and small enough that `/dev/zero` or a file without a
    /// newline fails at once with a message instead of allocating until the process dies.
    public static let maxLineBytes = 1 << 20

    /// The largest file read whole (a report for `atlas extract`), in bytes.
    public static let maxWholeFileBytes = 16 << 20

    /// The message for a line over `limit` bytes.
    package static func lineTooLong(file: String, line: Int, limit: Int, start: some Collection<UInt8>) -> InputError {
        .malformed(file: file, line: line,
                   reason: "line longer than \(limit) bytes (it starts \"\(InputExcerpt.of(bytes: start))\")")
    }
}

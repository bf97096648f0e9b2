import Foundation

/// Messages for people on standard error: progress, warnings, which place was used.
enum StandardError {
    /// Writes `text` and a newline to standard error.
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

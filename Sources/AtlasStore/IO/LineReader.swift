import Foundation

/// Streams the lines of a `ByteSource`, without their `\n` or `\r\n`, with 1-based numbers.
///
/// For example:
///
/// ```swift
/// let lines = try LineReader(path: "allCountries.txt")
/// while let line = try lines.next() { print(line.number, line.text) }
/// ```
public final class LineReader {
    /// One line of input.
    public struct Line: Sendable {
        /// 1-based line number in the file.
        public var number: Int
        /// The line decoded as UTF-8 (invalid bytes become U+FFFD).
        public var text: String
    }

    /// The underlying source (for its name and progress).
    public let source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var lineNumber = 0
    private var finished = false

    /// Reads `path` (`-` for standard input).
    public convenience init(path: String) throws {
        self.init(source: try ByteSource(path: path))
    }

    /// Reads from an open source.
    public init(source: ByteSource) {
        self.source = source
    }

    /// The next line, or nil at the end. A UTF-8 byte-order mark on line 1 is dropped.
    public func next() throws -> Line? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                var end = newline
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = makeLine(buffer[position..<end])
                position = newline + 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = makeLine(buffer[position..<end])
                position = buffer.count
                return line
            }
            buffer.removeFirst(position)
            position = 0
            if let chunk = try source.nextChunk() {
                buffer.append(contentsOf: chunk)
            } else {
                finished = true
            }
        }
    }

    private func makeLine(_ bytes: ArraySlice<UInt8>) -> Line {
        lineNumber += 1
        var slice = bytes
        if lineNumber == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        return Line(number: lineNumber, text: String(decoding: slice, as: UTF8.self))
    }
}

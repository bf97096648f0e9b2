import AtlasModel
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
    /// The longest line accepted, in bytes (see `InputLimits.maxLineBytes`).
    private let maxBytes: Int

    /// Reads `path` (`-` for standard input).
    public convenience init(path: String) throws {
        self.init(source: try ByteSource(path: path))
    }

    /// Reads from an open source; a line longer than `maxLineBytes` throws
    /// `InputError.malformed` naming the file and line.
    public init(source: ByteSource, maxLineBytes: Int = InputLimits.maxLineBytes) {
        self.source = source
        maxBytes = maxLineBytes
    }

    /// The next line, or nil at the end. A UTF-8 byte-order mark on line 1 is dropped.
    ///
    /// - throws: `InputError.malformed` for a line longer than the limit (the file is not read
    ///   further: there is no telling where its next line starts without reading on, possibly
    ///   for ever); `InputError.unreadable` if reading fails.
    public func next() throws -> Line? {
        var line: Line?
        guard try nextBytes({ bytes, number in line = Line(number: number, text: String(decoding: bytes, as: UTF8.self)) }) else { return nil }
        return line
    }

    /// Calls `body` with the bytes of the next line (without its `\n` or `\r\n`; the bytes are
    /// only valid inside `body`) and its 1-based number, and returns true; false at the end. For
    /// parsers that work on bytes and build no `String` per line. Not generic, so that a caller
    /// in another module runs it at full speed without specialising it.
    package func nextBytes(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> Bool {
        while true {
            let delivered: Bool = try buffer.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress, position < all.count else { return false }
                let rest = all.count - position
                guard let newline = memchr(base + position, 0x0A, rest) else {
                    if rest > maxBytes { throw tooLong(UnsafeBufferPointer(start: base + position, count: rest)) }
                    guard finished else { return false }
                    try deliver(UnsafeBufferPointer(start: base + position, count: rest), body)
                    position = all.count
                    return true
                }
                let length = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) - position
                if length > maxBytes { throw tooLong(UnsafeBufferPointer(start: base + position, count: length)) }
                try deliver(UnsafeBufferPointer(start: base + position, count: length), body)
                position += length + 1
                return true
            }
            if delivered { return true }
            if finished { return false }
            buffer.removeFirst(position)
            position = 0
            if let chunk = try source.nextChunk() {
                buffer.append(contentsOf: chunk)
            } else {
                finished = true
            }
        }
    }

    /// The error for the line starting at `bytes`, which is longer than `maxBytes`.
    private func tooLong(_ bytes: UnsafeBufferPointer<UInt8>) -> InputError {
        InputLimits.lineTooLong(file: source.displayName, line: lineNumber + 1, limit: maxBytes, start: bytes)
    }

    /// Numbers the line, drops a final `\r` and a byte-order mark on line 1, and calls `body`.
    private func deliver(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        lineNumber += 1
        var start = 0, end = bytes.count
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        if lineNumber == 1, end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        try body(UnsafeBufferPointer(rebasing: bytes[start..<end]), lineNumber)
    }
}

import AtlasModel
import Foundation

/// Streams RFC 4180 CSV records: quoted fields may hold commas, doubled quotes and newlines.
///
/// Memory stays flat: the file is read in chunks and one record is held at a time.
/// A malformed record (text after a closing quote, a quote left open at the end of the file)
/// comes back with `problem` set and the reader goes on with the next line, so an import
/// can report it and keep the rest.
public final class CSVReader {
    /// One record of the file.
    public struct Record: Sendable {
        /// 1-based line on which the record starts (the header is line 1).
        public var line: Int
        /// The fields, unquoted.
        public var fields: [String]
        /// Why the record is malformed, or nil.
        public var problem: String?
    }

    /// The underlying source (for its name and progress).
    public let source: ByteSource
    private let separator: UInt8
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    /// The longest record accepted, in bytes (see `InputLimits.maxLineBytes`).
    private let maxBytes: Int
    /// The record `next()` reads into before converting it to strings.
    private var scratch = CSVRecordBuffer()

    /// Reads `path` (`-` for standard input); `separator` is `,` unless given.
    public convenience init(path: String, separator: UInt8 = UInt8(ascii: ",")) throws {
        self.init(source: try ByteSource(path: path), separator: separator)
    }

    /// Reads from an open source; a record longer than `maxRecordBytes` throws
    /// `InputError.malformed` naming the file and the record's first line.
    public init(source: ByteSource, separator: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = InputLimits.maxLineBytes) {
        self.source = source
        self.separator = separator
        maxBytes = maxRecordBytes
    }

    /// The next record, or nil at the end of input. Blank lines are skipped.
    public func next() throws -> Record? {
        guard try next(into: &scratch) else { return nil }
        return Record(line: scratch.line, fields: scratch.strings, problem: scratch.problem)
    }

    /// Reads the next record into `record` (its storage is reused); false at the end of input.
    /// Blank lines are skipped; invalid UTF-8 is replaced as `String(decoding:)` would.
    ///
    /// - throws: `InputError.malformed` for a record longer than the limit (the file is not
    ///   read further: its end could be anywhere, or nowhere); `InputError.unreadable` if
    ///   reading fails.
    public func next(into record: inout CSVRecordBuffer) throws -> Bool {
        while true {
            guard try fill() else { return false }
            if buffer[position] == 0x0A { position += 1; line += 1; continue }
            if buffer[position] == 0x0D, try peek(1) == 0x0A { position += 2; line += 1; continue }
            if line == 1 || !parseBufferedRecord(into: &record) { try parseRecord(into: &record) }
            try checkLength(record)
            record.repairUTF8()
            return true
        }
    }

    // MARK: - Parsing

    /// Parses the record at `position` when it lies wholly in the buffer and is well formed,
    /// in one pass over the buffer's memory; returns false, having changed nothing but
    /// `record`'s contents, when it is not (the record crosses the end of the buffer, or has
    /// text after a closing quote): `parseRecord` then reads it, byte by byte, with every rule.
    /// Most records take this path; the general one cost a fifth of an import's parsing thread.
    private func parseBufferedRecord(into record: inout CSVRecordBuffer) -> Bool {
        let quote = UInt8(ascii: "\""), separator = self.separator
        let result: (end: Int, lines: Int)? = buffer.withUnsafeBufferPointer { bytes in
            record.reset(line: line)
            var index = position, lines = 0
            let count = bytes.count
            while index < count {
                if bytes[index] == quote {
                    guard record.bytes.count == record.currentFieldStart else { break }
                    // A quoted field: runs between quotes, a doubled quote standing for one.
                    index += 1
                    while true {
                        let runStart = index
                        while index < count, bytes[index] != quote {
                            if bytes[index] == 0x0A { lines += 1 }
                            index += 1
                        }
                        guard index + 1 < count else { return nil }
                        record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                        if bytes[index + 1] == quote {
                            record.bytes.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    let after = bytes[index]
                    guard after == separator || after == 0x0A || after == 0x0D else { return nil }
                    continue
                }
                let runStart = index
                while index < count {
                    let byte = bytes[index]
                    if byte == separator || byte == 0x0A || byte == 0x0D { break }
                    index += 1
                }
                guard index < count else { return nil }
                record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let byte = bytes[index]
                record.endField()
                index += 1
                if byte == separator { continue }
                if byte == 0x0D {
                    guard index < count else { return nil }
                    if bytes[index] == 0x0A { index += 1 }
                }
                return (index, lines + 1)
            }
            return nil
        }
        guard let result else { return false }
        position = result.end
        line += result.lines
        return true
    }

    private func parseRecord(into record: inout CSVRecordBuffer) throws {
        record.reset(line: line)
        if line == 1, try peek(0) == 0xEF, try peek(1) == 0xBB, try peek(2) == 0xBF { position += 3 }
        while true {
            guard try fill() else {
                record.endField()
                return
            }
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") && record.bytes.count == record.currentFieldStart {
                position += 1
                if let quoteProblem = try readQuoted(into: &record) {
                    record.problem = record.problem ?? quoteProblem
                    record.endField()
                    return
                }
                // After the closing quote: a separator, the end of the record, or a problem.
                guard try fill() else { continue }
                let after = buffer[position]
                if after != separator && after != 0x0A && after != 0x0D {
                    record.problem = record.problem ?? "field \(record.fieldCount + 1): text after a closing quote"
                    try skipToEndOfLine()
                    record.endField()
                    return
                }
                continue
            }
            if byte == separator {
                record.endField()
                position += 1
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                position += 1
                if byte == 0x0D, try fill(), buffer[position] == 0x0A { position += 1 }
                line += 1
                record.endField()
                return
            }
            // An unquoted run: copied up to the next separator or line end in one piece (byte by
            // byte, appending was a fifth of an import's parsing thread).
            let end = runEnd(from: position, stoppingAt: separator, 0x0A, 0x0D)
            record.bytes.append(contentsOf: buffer[position..<end])
            position = end
            try checkLength(record)
        }
    }

    /// Throws if a record has grown past the limit; the message quotes its start with its
    /// separators, as the line reads in the file.
    private func checkLength(_ record: CSVRecordBuffer) throws {
        guard record.bytes.count > maxBytes else { return }
        throw InputLimits.lineTooLong(file: source.displayName, line: record.line, limit: maxBytes,
                                      start: record.leadingBytes(separator: separator, maxBytes: 256))
    }

    /// Reads a quoted field's content after its opening quote, appending it to `record`'s
    /// bytes; returns a problem if the file ends before the closing quote.
    private func readQuoted(into record: inout CSVRecordBuffer) throws -> String? {
        let openedOn = line
        while true {
            guard try fill() else { return "quoted field opened on line \(openedOn) is never closed" }
            let byte = buffer[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                if try fill(), buffer[position] == UInt8(ascii: "\"") {
                    record.bytes.append(byte)
                    position += 1
                    continue
                }
                return nil
            }
            if byte == 0x0A { line += 1 }
            record.bytes.append(byte)
            // The rest of the quoted text up to the next quote or newline, in one piece.
            let end = runEnd(from: position, stoppingAt: UInt8(ascii: "\""), 0x0A, 0x0A)
            record.bytes.append(contentsOf: buffer[position..<end])
            position = end
            try checkLength(record)
        }
    }

    /// The index of the first byte from `start` on that is `a`, `b` or `c`, or the end of the
    /// buffer.
    private func runEnd(from start: Int, stoppingAt a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        buffer.withUnsafeBufferPointer { bytes in
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == a || byte == b || byte == c { break }
                index += 1
            }
            return index
        }
    }

    private func skipToEndOfLine() throws {
        while try fill() {
            let byte = buffer[position]
            position += 1
            if byte == 0x0A { line += 1; return }
        }
    }

    // MARK: - Buffer

    /// Ensures at least one unread byte; false at the end of input.
    private func fill() throws -> Bool {
        if position < buffer.count { return true }
        return try refill(needing: 1)
    }

    /// The byte `offset` after the current position, or nil past the end of input.
    private func peek(_ offset: Int) throws -> UInt8? {
        if position + offset < buffer.count { return buffer[position + offset] }
        guard try refill(needing: offset + 1) else { return nil }
        return buffer[position + offset]
    }

    private func refill(needing count: Int) throws -> Bool {
        while buffer.count - position < count {
            if finished { return false }
            buffer.removeFirst(position)
            position = 0
            if let chunk = try source.nextChunk() { buffer.append(contentsOf: chunk) } else { finished = true }
        }
        return true
    }
}

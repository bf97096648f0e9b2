import AtlasModel
import Foundation

/// The features of a GeoJSON FeatureCollection, handed out one at a time from a `ByteSource`,
/// so that memory stays flat whatever the file's size (a 200 MB file on one line included).
///
/// It reads the top-level object's members: `type` (kept, to check it is a FeatureCollection),
/// `features` (each element's bytes handed out in turn, for `JSONSerialization` to parse alone)
/// and any other member (skipped without being kept). Strings and escapes are followed, so
/// brackets inside them do not count. Only the skeleton is checked here (the top-level object,
/// its members, commas, the array); a feature that is not valid JSON is the row's problem.
///
/// Invariant: at most `maxFeatureBytes` of a feature are kept; a longer one is scanned to its
/// end and handed out as `.tooLong` with its first bytes, and the features after it are read.
package final class GeoJSONFeatureScanner {
    /// One element of the `features` array.
    package enum Feature {
        /// Its bytes.
        case bytes(Data)
        /// Longer than `maxFeatureBytes`: its length and first bytes.
        case tooLong(length: Int, start: [UInt8])
    }

    /// The file, read in chunks.
    package let source: ByteSource
    /// The most bytes of one feature kept.
    package let maxFeatureBytes: Int
    /// The `type` member's value as written (`"FeatureCollection"` with its quotes), once read.
    package private(set) var collectionType: String?
    /// Whether a `features` array has been reached.
    package private(set) var sawFeatures = false
    /// Features handed out so far.
    package private(set) var count = 0

    private var chunk: [UInt8] = []
    private var index = 0
    private var consumed = 0
    private var state = State.start
    private let keep: Bool

    private enum State { case start, members(first: Bool), features(first: Bool), end, done }

    /// Reads `source`; with `keepingFeatures` false, features are counted and skipped (a first
    /// pass that checks the skeleton without holding anything).
    package init(source: ByteSource, maxFeatureBytes: Int = InputLimits.maxLineBytes, keepingFeatures: Bool = true) {
        self.source = source
        self.maxFeatureBytes = maxFeatureBytes
        keep = keepingFeatures
    }

    /// Whether the file at `path` is a FeatureCollection with a `features` array, by a pass
    /// that skips every feature (nothing held). Standard input (`-`), which cannot be read
    /// twice, answers false: its caller reads it whole.
    ///
    /// - throws: `InputError` if the file cannot be read, or its top level is an object whose
    ///   skeleton breaks (naming the byte).
    package static func isFeatureCollection(path: String) throws -> Bool {
        guard path != "-" else { return false }
        let scanner = GeoJSONFeatureScanner(source: try ByteSource(path: path), keepingFeatures: false)
        while try scanner.next() != nil {}
        return scanner.collectionType == "\"FeatureCollection\"" && scanner.sawFeatures
    }

    /// The next feature, or nil after the top-level object has ended (and only white space
    /// followed it).
    ///
    /// - throws: `InputError.malformed` naming the byte offset where the skeleton breaks
    ///   (truncated file, a missing comma or colon, content after the object).
    package func next() throws -> Feature? {
        while true {
            switch state {
            case .start:
                guard try nonSpace() == UInt8(ascii: "{") else { throw malformed("does not start with '{'") }
                state = .members(first: true)
            case let .members(first):
                var byte = try nonSpace()
                if byte == UInt8(ascii: "}") { state = .end; continue }
                if !first {
                    guard byte == UInt8(ascii: ",") else { throw malformed("expected ',' or '}' between members") }
                    byte = try nonSpace()
                }
                guard byte == UInt8(ascii: "\"") else { throw malformed("expected a member name") }
                let key = try stringBody(keepingAtMost: 16)
                guard try nonSpace() == UInt8(ascii: ":") else { throw malformed("expected ':' after a member name") }
                state = .members(first: false)
                switch key {
                case Array("features".utf8):
                    guard try nonSpace() == UInt8(ascii: "[") else { throw malformed("'features' is not an array") }
                    sawFeatures = true
                    state = .features(first: true)
                case Array("type".utf8):
                    let (value, _) = try value(keepingAtMost: 64)
                    collectionType = String(decoding: value, as: UTF8.self)
                default:
                    _ = try value(keepingAtMost: 0)
                }
            case let .features(first):
                guard let byte = try peekNonSpace() else { throw malformed("the file ends inside 'features'") }
                if byte == UInt8(ascii: "]") { advance(); state = .members(first: false); continue }
                if !first {
                    guard byte == UInt8(ascii: ",") else { throw malformed("expected ',' or ']' after feature \(count)") }
                    advance()
                }
                let (bytes, length) = try value(keepingAtMost: keep ? maxFeatureBytes : 0)
                count += 1
                state = .features(first: false)
                if length > maxFeatureBytes { return .tooLong(length: length, start: Array(bytes.prefix(200))) }
                return .bytes(Data(bytes))
            case .end:
                if try peekNonSpace() != nil { throw malformed("content after the top-level object") }
                state = .done
            case .done:
                return nil
            }
        }
    }

    // MARK: - Bytes

    private func malformed(_ reason: String) -> InputError {
        .malformed(file: source.displayName, line: nil, reason: "not a GeoJSON FeatureCollection: \(reason) (byte \(consumed))")
    }

    /// The next byte without consuming it; nil at end of input.
    private func peek() throws -> UInt8? {
        if index == chunk.count {
            guard let data = try source.nextChunk() else { return nil }
            chunk = Array(data)
            index = 0
        }
        return chunk[index]
    }

    private func advance() {
        index += 1
        consumed += 1
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The next byte that is not white space, not consumed.
    private func peekNonSpace() throws -> UInt8? {
        while let byte = try peek() {
            if !Self.isSpace(byte) { return byte }
            advance()
        }
        return nil
    }

    /// The next byte that is not white space, consumed.
    private func nonSpace() throws -> UInt8? {
        let byte = try peekNonSpace()
        if byte != nil { advance() }
        return byte
    }

    /// Reads a string's body after its opening quote, through its closing quote; keeps at most
    /// `limit` bytes of it (escapes as written).
    private func stringBody(keepingAtMost limit: Int) throws -> [UInt8] {
        var kept: [UInt8] = []
        var escaped = false
        while let byte = try peek() {
            advance()
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { return kept }
            if kept.count < limit { kept.append(byte) }
        }
        throw malformed("the file ends inside a string")
    }

    /// Reads one JSON value (after white space): an object or array to its matching close, a
    /// string to its closing quote, or a scalar up to the next delimiter. Returns at most
    /// `limit` of its bytes and its full length.
    private func value(keepingAtMost limit: Int) throws -> (bytes: [UInt8], length: Int) {
        guard try peekNonSpace() != nil else { throw malformed("the file ends where a value was expected") }
        var kept: [UInt8] = []
        var length = 0
        var depth = 0
        var inString = false, escaped = false
        while let byte = try peek() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return (kept, length) }  // a scalar ended by its container
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 { return (kept, length) }
                default:
                    if depth == 0 && Self.isSpace(byte) { return (kept, length) }
                }
            }
            advance()
            length += 1
            if kept.count < limit { kept.append(byte) }
            // A string or container at the top has just closed: the value is complete.
            if depth == 0 && !inString && (byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || (byte == UInt8(ascii: "\"") && length > 1)) {
                return (kept, length)
            }
        }
        guard depth == 0 && !inString else { throw malformed("the file ends inside a value") }
        return (kept, length)
    }
}

/// The decoded parameters of a request's query string, checked against the names an endpoint
/// accepts: an unknown name, a name given twice or a malformed escape is a 400 that says so
/// (OGC API – Features /req/core/query-param-unknown).
///
/// For example:
///
/// ```swift
/// let parameters = try QueryParameters(query: "bbox=36,35,38,37&limit=10", allowed: ["bbox", "limit"])
/// parameters["bbox"]  // "36,35,38,37"
/// ```
struct QueryParameters: Sendable {
    /// Decoded values by decoded name; each name at most once.
    private(set) var values: [String: String] = [:]

    /// The longest query string accepted, in bytes: far above any real request (a bbox, a few
    /// filters, a cursor), far below what would make parsing it cost.
    static let maximumLength = 8192

    /// Parses `query` (the raw part after `?`, percent-encoded; nil for none).
    ///
    /// - throws: `Problem` 400 naming the unknown or repeated parameter or the bad escape;
    ///   414 for a query string longer than `maximumLength`.
    init(query: String?, allowed: Set<String>) throws {
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Self.maximumLength else {
            throw Problem(.uriTooLong, "the query string is \(query.utf8.count) bytes; at most \(Self.maximumLength) are accepted")
        }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw Problem.badRequest("unknown parameter '\(Self.shown(name))'; this endpoint takes: \(known.isEmpty ? "none" : known)")
            }
            guard values[name] == nil else { throw Problem.badRequest("parameter '\(name)' is given more than once") }
            values[name] = value
        }
    }

    /// The value of `name`, or nil when absent.
    subscript(name: String) -> String? { values[name] }

    /// Decodes `+` and `%XX` escapes (UTF-8).
    static func decode(_ text: Substring) throws -> String {
        guard text.contains(where: { $0 == "%" || $0 == "+" }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else {
                    throw Problem.badRequest("malformed percent-escape in the query string near '\(Self.shown(String(text)))'")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw Problem.badRequest("the query string is not valid UTF-8 once decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `text` cut to 60 characters for a message: a message echoes what was wrong, not a
    /// megabyte of it.
    static func shown(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(60)) + "…"
    }
}

import Hummingbird

/// An OGC link object: `href`, `rel`, `type`, `title`.
struct Link: Sendable {
    var href: String
    var rel: String
    var type: String
    var title: String

    var json: JSONValue { .obj(["href": .string(href), "rel": .string(rel), "type": .string(type), "title": .string(title)]) }
}

/// The absolute URL prefix links are built on, from the request's `Host` (so links work through
/// whatever name the client used), or the bound address when the Host is missing or odd.
struct BaseURL: Sendable {
    /// `http://host:port`, without a trailing slash.
    var prefix: String

    init(request: Request, fallback: String) {
        let authority = request.head.authority
        // Only characters a host and port can have: a Host header is client input that ends up
        // in every link of the response.
        if let authority, !authority.isEmpty, authority.utf8.count <= 255,
           authority.utf8.allSatisfy({ Self.hostBytes.contains($0) }) {
            prefix = "http://" + authority
        } else {
            prefix = fallback
        }
    }

    init(prefix: String) { self.prefix = prefix }

    private static let hostBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]_".utf8)

    /// `prefix + path + ?query` (query already encoded; none when empty).
    func url(_ path: String, query: [(String, String)] = []) -> String {
        guard !query.isEmpty else { return prefix + path }
        return prefix + path + "?" + query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters and `,` `.` `:` left as they are).
    static func encode(_ value: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if allowed[Int(byte)] {
                output.append(byte)
            } else {
                output += [0x25, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether each byte value is left as it is: a table, as every page's links encode every
    /// parameter value several times.
    private static let allowed: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~,:".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}


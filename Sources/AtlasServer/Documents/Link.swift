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
        var output = ""
        for byte in value.utf8 {
            if allowed.contains(byte) { output.unicodeScalars.append(Unicode.Scalar(byte)) } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            }
        }
        return output
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~,:".utf8)
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}

import HTTPTypes
import Hummingbird

/// The write token check: `Authorization: Bearer TOKEN`, compared in constant time.
struct BearerToken: Sendable {
    /// The token's bytes.
    private let expected: [UInt8]

    init(_ token: String) { expected = Array(token.utf8) }

    /// Returns if the request carries the token.
    ///
    /// - throws: `Problem` 401 with `WWW-Authenticate: Bearer` otherwise.
    func authorize(_ request: Request) throws {
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), Self.equalInConstantTime(Array(header.utf8.dropFirst(prefix.utf8.count)), expected) else {
            throw Problem(.unauthorized, "writes need 'Authorization: Bearer TOKEN' with the server's token",
                          headers: [.wwwAuthenticate: "Bearer realm=\"IncidentAtlas\""])
        }
    }

    /// True when `given` equals `expected`, in a time that depends only on `expected`'s length
    /// (every byte is compared whatever the first difference, so timing does not tell how much
    /// of a guess was right).
    static func equalInConstantTime(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}

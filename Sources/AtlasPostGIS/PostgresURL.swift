import Foundation

/// Where a PostGIS store is: a `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` URL taken
/// apart, with a form for messages that never shows the password.
///
/// For example:
///
/// ```swift
/// let url = try PostgresURL("postgresql://atlas:secret@127.0.0.1:5433/atlas")
/// print(url.redacted)  // postgresql://atlas@127.0.0.1:5433/atlas
/// ```
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// Host name or address.
    public var host: String
    /// TCP port (5432 when the URL has none).
    public var port: Int
    /// Role to log in as.
    public var user: String
    /// Password, if the URL has one.
    public var password: String?
    /// Database name.
    public var database: String

    /// True if `text` is meant as a PostgreSQL URL (so `--db` can tell it from a file path).
    public static func looksLikeURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `text`.
    ///
    /// - throws: `PostGISError.invalidURL` naming what is missing.
    public init(_ text: String) throws {
        guard Self.looksLikeURL(text), let components = URLComponents(string: text) else {
            throw PostGISError.invalidURL(Self.redact(text), reason: "expected postgresql://USER@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostGISError.invalidURL(Self.redact(text), reason: "no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostGISError.invalidURL(Self.redact(text), reason: "no user (postgresql://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostGISError.invalidURL(Self.redact(text), reason: "no database name after the host")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
    }

    /// The URL without its password, for messages and `AtlasBackend.location`.
    public var redacted: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    public var description: String { redacted }

    /// `text` with anything between `:` and `@` of its authority removed (for an unparsable URL).
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let authority = text[schemeEnd.upperBound..<at]
        guard let colon = authority.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(text[at...])
    }
}

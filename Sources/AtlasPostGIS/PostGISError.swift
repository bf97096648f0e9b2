/// Why the PostGIS backend could not do what was asked. Every case names the store by its URL
/// without the password.
public enum PostGISError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--db` text is not a usable URL: (text without password, what is wrong).
    case invalidURL(String, reason: String)
    /// No server answered at the URL: (URL, why the connection failed).
    case unreachable(String, reason: String)
    /// The server refused the user or password: (URL, server message).
    case authenticationFailed(String, message: String)
    /// The server has no database of that name.
    case noSuchDatabase(String)
    /// The database has no PostGIS extension (and it could not be created).
    case noPostGIS(String, message: String)
    /// The database has no IncidentAtlas tables (`atlas init --db URL` creates them).
    case notAStore(String)
    /// The server reported an error: (URL, what was being done, server message).
    case server(String, context: String, message: String)
    /// The connection broke while doing something (the server restarted, the network failed):
    /// (URL, what was being done, why). The server rolls back the unfinished transaction.
    case connectionLost(String, context: String, reason: String)
    /// The operation is not implemented on PostGIS yet: (URL, what).
    case unsupported(String, what: String)
    /// A stored value could not be read: (URL, what).
    case invalidValue(String, what: String)

    public var description: String {
        switch self {
        case let .invalidURL(text, reason): return "\(text): not a PostgreSQL URL: \(reason)"
        case let .unreachable(url, reason): return "\(url): cannot reach the PostgreSQL server: \(reason)"
        case let .authenticationFailed(url, message): return "\(url): the server refused the login: \(message)"
        case let .noSuchDatabase(url): return "\(url): the server has no such database"
        case let .noPostGIS(url, message):
            return "\(url): the database has no PostGIS extension (CREATE EXTENSION postgis as a superuser): \(message)"
        case let .notAStore(url): return "\(url): no IncidentAtlas tables in this database (create them with `atlas init --db URL`)"
        case let .server(url, context, message): return "\(url): \(context): \(message)"
        case let .connectionLost(url, context, reason):
            return "\(url): \(context): the connection to the server was lost (\(reason)); "
                + "the server keeps nothing of an unfinished transaction, so run the command again (imports are idempotent)"
        case let .unsupported(url, what): return "\(url): \(what) is not yet supported on PostGIS"
        case let .invalidValue(url, what): return "\(url): \(what)"
        }
    }
}

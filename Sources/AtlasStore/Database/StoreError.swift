/// An error of the storage layer, with enough context to be printed as it is.
///
/// SQLite and SpatiaLite messages are carried through: SpatiaLite often reports a failure
/// by returning NULL or 0 (and printing to stderr) rather than raising an SQL error, so the
/// store checks those results and turns them into one of these cases.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The file exists but is not an SQLite database at all.
    case notSQLite(path: String, detail: String)
    /// The file is an SQLite database but was not created by IncidentAtlas.
    case notAnAtlasDatabase(path: String)
    /// The database was written by a newer IncidentAtlas whose schema this build does not know.
    case newerSchema(path: String, found: String)
    /// No database file at the path and creation was not requested.
    case missingDatabase(path: String)
    /// A SpatiaLite call answered with failure (NULL or 0) instead of an SQL error.
    case spatiaLite(call: String, detail: String)
    /// SQLite reported an error; `message` is SQLite's, `context` says what the store was doing.
    case sqlite(context: String, message: String)
    /// A value given to the store was invalid (for example an empty place name).
    case invalidValue(String)
    /// The file exists but is empty: only `atlas init` makes a new store.
    case emptyFile(path: String)
    /// A write was asked of a store this process cannot write; `reason` says why.
    case readOnly(path: String, reason: String)
    /// Another connection held the lock for the whole busy timeout; `holder` names it if known.
    case locked(path: String, seconds: Int, holder: String?)
    /// A read-only open found a schema older than this build's, which only a write could upgrade.
    case outdatedSchema(path: String)

    public var description: String {
        switch self {
        case let .notSQLite(path, detail):
            return "\(path): not an SQLite database (\(detail))"
        case let .notAnAtlasDatabase(path):
            return "\(path): an SQLite database, but not an IncidentAtlas one; refusing to touch it"
        case let .newerSchema(path, found):
            return "\(path): written by a newer IncidentAtlas (schema \(found)); upgrade atlas to open it"
        case let .missingDatabase(path):
            return "\(path): no such database; create it with `atlas init`"
        case let .spatiaLite(call, detail):
            return "SpatiaLite \(call) failed: \(detail)"
        case let .sqlite(context, message):
            return "\(context): \(message)"
        case let .invalidValue(message):
            return message
        case let .emptyFile(path):
            return "\(path): an empty file, not an IncidentAtlas database; `atlas init --db \(path)` creates one"
        case let .readOnly(path, reason):
            return "\(path): cannot write to this database: \(reason)"
        case let .locked(path, seconds, holder):
            return "\(path): database is locked: still held after \(seconds) s" + (holder.map { " by \($0)" } ?? " by another connection")
        case let .outdatedSchema(path):
            return "\(path): the schema is older than this build's and the file cannot be written to upgrade it; "
                + "upgrade a writable copy (any command, e.g. `atlas info --db COPY`) and serve that"
        }
    }
}

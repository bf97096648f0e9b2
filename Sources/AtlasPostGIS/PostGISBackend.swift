import AtlasModel
import AtlasQuery
import PostgresNIO

/// An IncidentAtlas store in PostgreSQL with PostGIS, as an `AtlasBackend`: the same answers
/// as the SpatiaLite store to the same queries (the oracle tests hold both to it).
///
/// For example:
///
/// ```swift
/// let backend = try PostGISBackend(url: "postgresql://atlas@127.0.0.1:5432/atlas", mode: .create,
///                                  admin1Key: NameFolding.key)
/// _ = try backend.writer.insert(incidents)
/// let near = try backend.incidents.matches(.within(15_000, of: aleppo))  // metres
/// ```
///
/// What is there: incident queries (radius, nearest, box, areas, filter, order, cursor, limit),
/// counts, reads, the generation token, insert, upsert and delete. What is not yet: file
/// imports, the gazetteer and regions (empty: see `PostGISPlaces`).
public struct PostGISBackend: AtlasBackend {
    /// What opening does to the database.
    public enum OpenMode: Sendable {
        /// The tables must exist.
        case existing
        /// Creates the PostGIS extension (if allowed) and the tables that are missing.
        case create
    }

    private let connection: PostGISConnection
    private let admin1Key: @Sendable (String) -> String

    /// Connects to the store at `url` (`postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`).
    ///
    /// - parameters:
    ///   - mode: `.existing` checks the tables, `.create` creates what is missing.
    ///   - admin1Key: the folding of governorate names (`NameFolding.key`); it is passed in
    ///     because it lives in AtlasStore, which this module does not depend on.
    /// - throws: `PostGISError` naming the URL without its password: `.invalidURL`,
    ///   `.unreachable`, `.authenticationFailed`, `.noSuchDatabase`, `.noPostGIS`, `.notAStore`.
    public init(url: String, mode: OpenMode = .existing, admin1Key: @escaping @Sendable (String) -> String) throws {
        let parsed = try PostgresURL(url)
        connection = try PostGISConnection(url: parsed)
        self.admin1Key = admin1Key
        switch mode {
        case .existing: try PostGISSchema.check(on: connection)
        case .create: try PostGISSchema.create(on: connection)
        }
    }

    /// The URL without its password.
    public var location: String { connection.url.redacted }
    public var incidents: any IncidentSearching { IncidentQueryEngine(source: PostGISIncidentSource(connection: connection)) }
    public var gazetteer: any GazetteerResolving { PostGISPlaces() }
    public var regions: any RegionProviding { PostGISPlaces() }
    public var writer: any IncidentWriting { PostGISIncidentWriter(connection: connection, admin1Key: admin1Key) }
}

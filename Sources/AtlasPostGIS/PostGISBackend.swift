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
/// Everything the seam asks (incident queries, counts, reads, the generation token, imports,
/// insert, upsert, delete, the gazetteer, regions), and the loads that commands run on it:
/// `loadGazetteer`, `loadRegions`, `storeReport`, `info`.
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
    ///   - admin1Key: the folding of governorate names stored with each incident
    ///     (`NameFolding.key`, the default).
    ///   - applicationName: the session's `application_name`, which `pg_stat_activity` shows
    ///     (the CLI passes `atlas COMMAND`).
    /// - throws: `PostGISError` naming the URL without its password: `.invalidURL`,
    ///   `.unreachable`, `.authenticationFailed`, `.noSuchDatabase`, `.noPostGIS`, `.notAStore`.
    public init(url: String, mode: OpenMode = .existing, admin1Key: @escaping @Sendable (String) -> String = NameFolding.key,
                applicationName: String = "atlas") throws {
        let parsed = try PostgresURL(url)
        connection = try PostGISConnection(url: parsed, applicationName: applicationName)
        self.admin1Key = admin1Key
        switch mode {
        case .existing: try PostGISSchema.check(on: connection)
        case .create: try PostGISSchema.create(on: connection)
        }
    }

    /// The URL without its password.
    public var location: String { connection.url.redacted }
    public var incidents: any IncidentSearching { IncidentQueryEngine(source: PostGISIncidentSource(connection: connection)) }
    public var gazetteer: any GazetteerResolving { PostGISGazetteer(connection: connection) }
    public var regions: any RegionProviding { PostGISRegions(connection: connection) }
    public var writer: any IncidentWriting { PostGISIncidentWriter(connection: connection, admin1Key: admin1Key) }

    /// Imports `path` through the staging table and upsert even into an empty table, where
    /// `writer.importFile` copies straight in (`EmptyTableLoad`): the tests' oracle for that path.
    package func importFileThroughStaging(_ path: String, options: ImportOptions) throws -> ImportReport {
        var importer = PostGISImporter(connection: connection, admin1Key: admin1Key)
        importer.loadsEmptyTableDirectly = false
        return try importer.importFile(path, options: options)
    }

    /// Every spelling, place and governorate in bulk (for `atlas extract`).
    public var gazetteerNames: any GazetteerNameListing { PostGISGazetteerNames(connection: connection) }

    /// The stored reports (for `atlas extract --commit`).
    public var reports: any ReportRecording { PostGISReports(connection: connection) }

    /// Stores governorates and places with their spellings (see `PostGISGazetteerWriter`), in
    /// one transaction; returns (new places, updated places).
    ///
    /// - parameter context: what is loaded, for error messages (`loading syria-places.txt`).
    public func loadGazetteer(admin1: [Admin1Record], places: [GazetteerEntry], context: String) throws -> (inserted: Int, updated: Int) {
        try PostGISGazetteerWriter(connection: connection).write(admin1: admin1, places: places, context: context)
    }

    /// Loads the (Multi)Polygon features of a GeoJSON file as regions named by `nameProperty`.
    public func loadRegions(_ path: String, nameProperty: String) throws -> LoadReport {
        try PostGISRegions(connection: connection).load(path, nameProperty: nameProperty)
    }

    /// Versions, counts and metadata for `atlas info`.
    public func info() throws -> PostGISStoreInfo {
        try PostGISStoreInfo.read(from: connection)
    }

    /// The value of `key` in `atlas_meta`, or nil.
    public func metadata(_ key: String) throws -> String? {
        var sql = BoundSQL("SELECT value FROM atlas_meta WHERE key = ")
        sql.bind(key)
        return try connection.withSession { try $0.rows(sql, context: "reading atlas_meta") }.first?.decode(String.self)
    }

    /// Sets `key` to `value` in `atlas_meta`.
    public func setMetadata(_ key: String, to value: String) throws {
        var sql = BoundSQL("INSERT INTO atlas_meta (key, value) VALUES (")
        sql.bind(key)
        sql.append(", ")
        sql.bind(value)
        sql.append(") ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
        try connection.withTransaction("writing atlas_meta") { try $0.rows(sql, context: "writing atlas_meta") }
    }
}

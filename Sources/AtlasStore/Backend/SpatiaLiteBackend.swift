import AtlasModel
import AtlasQuery

/// The SpatiaLite store as an `AtlasBackend`: one database file and its sidecars.
///
/// For example:
///
/// ```swift
/// let backend = try SpatiaLiteBackend(path: "atlas.sqlite")
/// let near = try backend.incidents.matches(.within(15_000, of: aleppo))
/// ```
public struct SpatiaLiteBackend: AtlasBackend {
    /// The database.
    public let database: SpatialDatabase

    /// The backend over an open database.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Opens the database at `path` (see `SpatialDatabase.init(path:mode:)`).
    public init(path: String, mode: SpatialDatabase.OpenMode = .existing) throws {
        self.init(database: try SpatialDatabase(path: path, mode: mode))
    }

    public var location: String { database.path }
    public var incidents: any IncidentSearching { IncidentSearch(database: database) }
    public var gazetteer: any GazetteerResolving { Gazetteer(database: database) }
    public var regions: any RegionProviding { RegionStore(database: database) }
    public var writer: any IncidentWriting { IncidentWrites(database: database) }
}

/// `IncidentWriting` over the SpatiaLite importer and incident store.
struct IncidentWrites: IncidentWriting {
    let database: SpatialDatabase

    func importFile(_ path: String, options: ImportOptions) throws -> ImportReport {
        try IncidentImporter(database: database).importFile(path, options: options)
    }

    func upsert(_ incidents: [Incident]) throws -> (inserted: Int, updated: Int, unchanged: Int) {
        try IncidentStore(database: database).upsert(incidents)
    }

    func insert(_ incidents: [Incident]) throws -> [Int64] {
        try IncidentStore(database: database).insert(incidents)
    }

    func delete(id: Int64) throws -> Bool {
        try IncidentStore(database: database).delete(id: id)
    }

    func ids(sourceKeys: [String]) throws -> [Int64?] {
        try IncidentStore(database: database).ids(sourceKeys: sourceKeys)
    }
}

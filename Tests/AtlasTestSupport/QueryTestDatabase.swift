import AtlasGeo
import AtlasModel
import AtlasStore
import Foundation

/// A temporary database filled with seeded pseudo-random incidents around Aleppo (and a few
/// across the antimeridian), deleted on release: the store the query and server tests ask.
public final class QueryTestDatabase: Sendable {
    /// The database file.
    public let path: String
    /// The open store.
    public let database: SpatialDatabase
    /// The incidents inserted, with their ids.
    public let incidents: [Incident]

    /// A store of `count` incidents drawn from `seed` (`SeededIncidents`).
    public init(count: Int = 3000, seed: UInt64 = 20160523) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-query-\(UUID()).sqlite").path
        database = try SpatialDatabase(path: path, mode: .createIfMissing)
        let made = SeededIncidents.make(count: count, seed: seed)
        let ids = try IncidentStore(database: database).insert(made)
        incidents = zip(made, ids).map { incident, id in var copy = incident; copy.id = id; return copy }
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

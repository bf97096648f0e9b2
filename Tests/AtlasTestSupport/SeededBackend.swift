import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import Foundation

/// Seeded incidents (`SeededIncidents`) in a store of either backend, inserted through its writer
/// into empty tables (so both kinds give the incidents the same ids): what tests that must hold
/// on every backend ask. A SpatiaLite file is deleted on release; a PostGIS database is the
/// suite's own (`TestPostgres.freshDatabase`).
public final class SeededBackend: Sendable {
    /// Which backend.
    public enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        case spatiaLite, postGIS
        public var description: String { rawValue }

        /// The kinds this run tests: SpatiaLite always, PostGIS when a test server is given or
        /// required (then a missing server fails the PostGIS cases).
        public static var tested: [Kind] { TestPostgres.enabled ? [.spatiaLite, .postGIS] : [.spatiaLite] }
    }

    /// The backend.
    public let kind: Kind
    /// The store.
    public let backend: any AtlasBackend
    /// The incidents inserted, with their ids.
    public let incidents: [Incident]
    /// Keeps a SpatiaLite store's file until release.
    private let file: QueryTestDatabase?

    /// `count` incidents drawn from `seed`; on PostGIS in the database `name` (made anew).
    public init(_ kind: Kind, count: Int, seed: UInt64, name: String) throws {
        self.kind = kind
        switch kind {
        case .spatiaLite:
            let file = try QueryTestDatabase(count: count, seed: seed)
            self.file = file
            backend = SpatiaLiteBackend(database: file.database)
            incidents = file.incidents
        case .postGIS:
            file = nil
            backend = try PostGISBackend(url: try TestPostgres.freshDatabase(name), mode: .create)
            let made = SeededIncidents.make(count: count, seed: seed)
            let ids = try backend.writer.insert(made)
            incidents = zip(made, ids).map { incident, id in var copy = incident; copy.id = id; return copy }
        }
    }
}

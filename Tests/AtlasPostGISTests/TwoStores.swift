import AtlasGeo
import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import AtlasTestSupport
import Foundation

/// The same seeded pseudo-random incidents (around Aleppo, a few across the antimeridian) in a
/// temporary SpatiaLite store and in the test PostgreSQL database, loaded through each
/// backend's writer into empty tables, so both give the incidents the same ids.
final class TwoStores: Sendable {
    let path: String
    let spatiaLite: SpatiaLiteBackend
    let postGIS: PostGISBackend
    let incidents: [Incident]

    init(count: Int, seed: UInt64) throws {
        let url = try TestPostgres.requireURL()
        // Empty tables: the identity restarts at 1, as SQLite's rowids do in a new file.
        try TestPostgres.execute(["DROP TABLE IF EXISTS incident, atlas_meta CASCADE"], on: url)
        postGIS = try PostGISBackend(url: url, mode: .create, admin1Key: NameFolding.key)
        path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-postgis-\(UUID()).sqlite").path
        spatiaLite = SpatiaLiteBackend(database: try SpatialDatabase(path: path, mode: .createIfMissing))
        let made = Self.incidents(count: count, seed: seed)
        let ids = try spatiaLite.writer.insert(made)
        let postGISIDs = try postGIS.writer.insert(made)
        guard ids == postGISIDs else { throw Mismatch(description: "the two stores gave different ids") }
        incidents = zip(made, ids).map { incident, id in var copy = incident; copy.id = id; return copy }
    }

    deinit {
        for suffix in ["", "-wal", "-shm", ".points", ".names"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    struct Mismatch: Error, CustomStringConvertible { var description: String }

    /// The seeded incidents every query test uses (`SeededIncidents`).
    static func incidents(count: Int, seed: UInt64) -> [Incident] {
        SeededIncidents.make(count: count, seed: seed)
    }
}

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

    /// The incidents of AtlasQueryTests' `QueryTestDatabase` (same generator), with upstream
    /// extras so that rows read back can be compared whole.
    static func incidents(count: Int, seed: UInt64) -> [Incident] {
        var random = SeededRandom(seed: seed)
        let types = [("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Battles", "Armed clash"),
                     ("Explosions/Remote violence", "Air/drone strike")]
        let actors = ["Jabhat al-Nusra", "Military Forces of Syria (2000-)", "Islamic State (Syria)", "'); DROP TABLE incident;--"]
        var made: [Incident] = []
        for index in 0..<count {
            let antimeridian = index % 100 == 99
            let latitude = antimeridian ? -16.5 + random.unit() * 0.2 : 36.2 + (random.unit() - 0.5) * 0.8
            let longitude = antimeridian ? (random.unit() < 0.5 ? 179.9 + random.unit() * 0.1 : -180 + random.unit() * 0.1)
                                         : 37.16 + (random.unit() - 0.5) * 1.0
            let type = types[Int(random.unit() * 3) % 3]
            let day = ISODate(dayNumber: 16_800 + Int(random.unit() * 400))
            made.append(Incident(
                sourceKey: "q\(index)", eventDate: day.description, eventType: type.0, subEventType: type.1,
                actor1: actors[index % actors.count], admin1: index % 2 == 0 ? "Aleppo" : "Idleb",
                location: "place \(index % 7)", coordinate: Coordinate(latitude: latitude, longitude: longitude),
                geoPrecision: GeoPrecision(level: 1 + index % 3, scheme: "acled", code: 1 + index % 3),
                fatalities: index % 5, source: index % 3 == 0 ? "SOHR" : "Russian MoD",
                upstreamTimestamp: index % 4 == 0 ? nil : 1_600_000_000 + Int64(index),
                attributes: index % 5 == 0 ? ["iso": "760", "note": "é \"quoted\""] : [:]))
        }
        return made
    }
}

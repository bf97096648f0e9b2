import AtlasGeo
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation

/// A temporary database filled with seeded pseudo-random incidents around Aleppo (and a few
/// across the antimeridian), deleted on release.
final class QueryTestDatabase: Sendable {
    let path: String
    let database: SpatialDatabase
    let incidents: [Incident]

    init(count: Int = 3000, seed: UInt64 = 20160523) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-query-\(UUID()).sqlite").path
        database = try SpatialDatabase(path: path, mode: .createIfMissing)
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
                fatalities: index % 5))
        }
        let ids = try IncidentStore(database: database).insert(made)
        incidents = zip(made, ids).map { incident, id in var copy = incident; copy.id = id; return copy }
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

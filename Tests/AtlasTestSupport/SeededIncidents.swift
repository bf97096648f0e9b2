import AtlasGeo
import AtlasModel

/// The deterministic incidents of the query tests, the same for every backend.
public enum SeededIncidents {
    /// `count` incidents from `seed`: around Aleppo (every hundredth across the antimeridian near
    /// 16.5° S), three event types, actors (one looking like SQL), two governorates, precisions,
    /// sources, timestamps and upstream extras, so that rows read back can be compared whole.
    public static func make(count: Int, seed: UInt64) -> [Incident] {
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

import AtlasGeo
import AtlasModel
import Foundation

/// Random queries and their brute-force answers, for the randomized oracle tests of every
/// backend: centres, radii, nearest counts, boxes (some across the antimeridian), areas (some
/// with holes), filters, orders and limits drawn together. `fold` is the governorate key
/// folding (`NameFolding.key`), passed in so that this module needs no store.
public enum QueryOracle {
    /// A query drawn at random over the seeded test data (around Aleppo, and a few incidents
    /// across the antimeridian near 16.4° S).
    public static func draw(_ random: inout SeededRandom, fold: (String) -> String) throws -> IncidentQuery {
        var query = IncidentQuery()
        let nearAntimeridian = random.unit() < 0.1
        func point() -> Coordinate {
            nearAntimeridian
                ? Coordinate(latitude: -16.4 + (random.unit() - 0.5) * 0.3, longitude: random.unit() < 0.5 ? 179.95 : -179.95)
                : Coordinate(latitude: 36.2 + (random.unit() - 0.5) * 0.8, longitude: 37.16 + (random.unit() - 0.5) * 1.0)
        }
        if random.unit() < 0.7 {
            query.center = point()
            if random.unit() < 0.7 { query.radiusMeters = 500 + random.unit() * 40_000 }
            if random.unit() < 0.4 { query.nearestCount = 1 + Int(random.unit() * 60) }
            if random.unit() < 0.15 { query.order = .id }
        }
        if random.unit() < 0.4 {
            let corner = point()
            let width = 0.05 + random.unit() * 0.6, height = 0.05 + random.unit() * 0.5
            var west = corner.longitude - width / 2, east = corner.longitude + width / 2
            if west < -180 { west += 360 }
            if east > 180 { east -= 360 }
            query.boundingBox = BoundingBox(west: west, south: corner.latitude - height / 2, east: east, north: corner.latitude + height / 2)
        }
        let areaCount = nearAntimeridian ? 0 : Int(random.unit() * 2.6)
        for _ in 0..<areaCount {
            let c = point()
            let r = 0.05 + random.unit() * 0.3
            // A star-shaped ring (valid: angles increase), sometimes with a square hole.
            let exterior = (0...7).map { step -> Coordinate in
                let angle = Double(step % 7) / 7 * 2 * .pi
                let reach = r * (0.6 + 0.4 * ((step % 7) % 2 == 0 ? 1 : 0.5))
                return Coordinate(latitude: c.latitude + reach * sin(angle), longitude: c.longitude + reach * cos(angle))
            }
            var holes: [[Coordinate]] = []
            if random.unit() < 0.3 {
                let h = r / 6
                holes = [[(-h, -h), (-h, h), (h, h), (h, -h), (-h, -h)].map { Coordinate(latitude: c.latitude + $0.0, longitude: c.longitude + $0.1) }]
            }
            query.areas.append(MultiPolygon([Polygon(exterior: exterior, holes: holes)]))
        }
        if random.unit() < 0.3 { query.filter.types = try IncidentFilter.resolveTypes([["shelling", "battles", "airstrike"][Int(random.unit() * 3)]]) }
        if random.unit() < 0.3 { query.filter.since = ISODate(dayNumber: 16_800 + Int(random.unit() * 200)) }
        if random.unit() < 0.3 { query.filter.until = ISODate(dayNumber: 17_000 + Int(random.unit() * 200)) }
        if random.unit() < 0.2 { query.filter.actor = ["nusra", "FORCES", "islamic", "DROP TABLE"][Int(random.unit() * 4)] }
        if random.unit() < 0.15 { query.filter.notActor = "nusra" }
        if random.unit() < 0.1 { query.filter.source = ["sohr", "MoD"][Int(random.unit() * 2)] }
        if random.unit() < 0.2 { query.filter.maxGeoPrecision = 1 + Int(random.unit() * 2) }
        if random.unit() < 0.2 { query.filter.admin1Keys = [fold(random.unit() < 0.5 ? "Aleppo" : "Idlib")] }
        if random.unit() < 0.5 { query.limit = 1 + Int(random.unit() * 40) }
        return query
    }

    /// The oracle: every incident tested against every part, sorted, nearest cut, no index;
    /// cursor and limit not applied.
    public static func answer(_ query: IncidentQuery, over incidents: [Incident], fold: (String) -> String) -> [IncidentMatch] {
        let filter = query.filter
        var kept: [IncidentMatch] = []
        for incident in incidents {
            let p = incident.coordinate
            if let box = query.boundingBox, !box.contains(p) { continue }
            if !query.areas.allSatisfy({ $0.covers(p) }) { continue }
            if let since = filter.since, incident.eventDate < since.description { continue }
            if let until = filter.until, incident.eventDate > until.description { continue }
            if !filter.types.isEmpty, !filter.types.contains(where: { type in
                switch type {
                case let .eventType(name): return incident.eventType == name
                case let .subEventType(sub): return incident.subEventType == sub.name
                }
            }) { continue }
            let actors = [incident.actor1, incident.assocActor1, incident.actor2, incident.assocActor2].joined(separator: " ").lowercased()
            if let actor = filter.actor, !actors.contains(actor.lowercased()) { continue }
            if let notActor = filter.notActor, actors.contains(notActor.lowercased()) { continue }
            if let source = filter.source, !incident.source.lowercased().contains(source.lowercased()) { continue }
            if let precision = filter.maxGeoPrecision, incident.geoPrecision.level > precision { continue }
            if !filter.admin1Keys.isEmpty, !filter.admin1Keys.contains(fold(incident.admin1)) { continue }
            var distance: Double?
            if let center = query.center {
                let d = Geodesic.wgs84.distanceMeters(from: center, to: p)
                if let radius = query.radiusMeters, d > radius { continue }
                distance = d
            }
            kept.append(IncidentMatch(id: incident.id!, coordinate: p, distanceMeters: distance))
        }
        let byDistance = { (a: IncidentMatch, b: IncidentMatch) in
            a.distanceMeters! != b.distanceMeters! ? a.distanceMeters! < b.distanceMeters! : a.id < b.id
        }
        if let count = query.nearestCount {
            kept.sort(by: byDistance)
            kept = Array(kept.prefix(count))
        }
        if query.effectiveOrder == .distance { kept.sort(by: byDistance) } else { kept.sort { $0.id < $1.id } }
        return kept
    }
}

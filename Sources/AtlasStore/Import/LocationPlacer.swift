import Foundation
import AtlasGeo
import AtlasImport
import AtlasModel
import GRDB

/// Places an incident that has a location text but no coordinates, through the gazetteer,
/// read on the importer's own connection.
struct LocationPlacer {
    /// The sidecar indexes of the database imported into.
    let sidecars: SidecarCache

    /// The place for `location` (tried whole, then each part of "Aleppo - Sheikh Maqsood",
    /// most specific first), preferring `admin1`; the precision it deserves: 1 for a name
    /// match, 2 for a fuzzy one. `db` is the importer's connection.
    func place(location: String, admin1: String, in db: Database) throws -> (Place, GeoPrecision) {
        var attempts = [location]
        let parts = location.components(separatedBy: " - ").map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
        if parts.count > 1 { attempts += parts.reversed() }
        let context = admin1.isEmpty ? nil : admin1
        for attempt in attempts {
            let matches: [PlaceMatch]
            do {
                matches = try Gazetteer.find(attempt, in: context, limit: 1, db: db, sidecars: sidecars)
            } catch GazetteerError.unknownAdmin1 {
                matches = try Gazetteer.find(attempt, in: nil, limit: 1, db: db, sidecars: sidecars)
            } catch GazetteerError.emptyQuery {
                continue
            }
            if let best = matches.first { return (best.place, best.geoPrecision) }
        }
        throw RowError.notInGazetteer(location)
    }
}

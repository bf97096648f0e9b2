import Foundation
import AtlasGeo
import AtlasImport
import AtlasModel
import GRDB

/// Places an incident that has a location text but no coordinates, through the gazetteer
/// (`LocationPlacing`, the rule every backend shares),
/// read on the importer's own connection.
struct LocationPlacer {
    /// The sidecar indexes of the database imported into.
    let sidecars: SidecarCache

    /// The place for `location` (tried whole, then each part of "Aleppo - Sheikh Maqsood",
    /// most specific first), preferring `admin1`; the precision it deserves: 1 for a name
    /// match, 2 for a fuzzy one. `db` is the importer's connection.
    func place(location: String, admin1: String, in db: Database) throws -> (Place, GeoPrecision) {
        try LocationPlacing.place(location: location, admin1: admin1) { name, context in
            try Gazetteer.find(name, in: context, limit: 1, db: db, sidecars: sidecars)
        }
    }
}

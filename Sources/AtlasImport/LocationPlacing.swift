import AtlasModel
import Foundation

/// Where an imported incident with a location text but no coordinates goes: the same rule on
/// every backend, over that backend's gazetteer search.
public enum LocationPlacing {
    /// The place for `location` (tried whole, then each part of "Aleppo - Sheikh Maqsood", most
    /// specific first), preferring `admin1` (ignored when it names no governorate), and the
    /// precision it deserves: 1 for a name match, 2 for a fuzzy one.
    ///
    /// - parameter find: the backend's search: (name, governorate or nil) → ranked matches.
    /// - throws: `RowError.notInGazetteer` when nothing matches; the search's errors.
    public static func place(location: String, admin1: String,
                             find: (String, String?) throws -> [PlaceMatch]) throws -> (Place, GeoPrecision) {
        var attempts = [location]
        let parts = location.components(separatedBy: " - ").map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
        if parts.count > 1 { attempts += parts.reversed() }
        let context = admin1.isEmpty ? nil : admin1
        for attempt in attempts {
            let matches: [PlaceMatch]
            do {
                matches = try find(attempt, context)
            } catch GazetteerError.unknownAdmin1 {
                matches = try find(attempt, nil)
            } catch GazetteerError.emptyQuery {
                continue
            }
            if let best = matches.first { return (best.place, best.geoPrecision) }
        }
        throw RowError.notInGazetteer(location)
    }
}

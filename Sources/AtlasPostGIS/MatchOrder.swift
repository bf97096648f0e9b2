import AtlasModel

/// The order of a query's answer on (distance, id) positions, and where a cursor falls in it:
/// the same rule as `IncidentQuery` documents and the SpatiaLite store applies.
enum MatchOrder {
    /// More than half the meridian, in metres: a radius that reaches every point on Earth.
    static let farthest = 20_100_000.0

    /// True if `a` comes before `b` in `order` (distance ties, and id order, by id).
    static func orders(_ a: IncidentMatch, before b: IncidentMatch, order: IncidentOrder) -> Bool {
        isBefore((a.distanceMeters, a.id), (b.distanceMeters, b.id), order: order)
    }

    /// True if the match at `cursor` comes before `match` (so `match` is on a later page).
    static func precedes(_ cursor: IncidentCursor, _ match: IncidentMatch, order: IncidentOrder) -> Bool {
        isBefore((cursor.distanceMeters, cursor.id), (match.distanceMeters, match.id), order: order)
    }

    private static func isBefore(_ a: (distance: Double?, id: Int64), _ b: (distance: Double?, id: Int64), order: IncidentOrder) -> Bool {
        if order == .distance, let da = a.distance, let db = b.distance, da != db { return da < db }
        return a.id < b.id
    }
}

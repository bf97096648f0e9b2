import AtlasGeo

/// One incident as the clustering algorithms see it: an identifier, a place and a day.
///
/// The identifier is the store's incident row id; it breaks ties (a border point equally near
/// two core points, two clusters starting on the same day) so that results are reproducible.
public struct ClusterPoint: Hashable, Sendable {
    /// The incident's identifier in the store. Used for deterministic tie-breaking only.
    public var id: Int64
    /// Where the incident happened, degrees.
    public var coordinate: Coordinate
    /// When it happened, in whole days since 1970-01-01 (negative before).
    public var day: Int

    /// Creates a point without validation; `DBSCAN.cluster` checks the coordinate.
    public init(id: Int64, coordinate: Coordinate, day: Int) {
        self.id = id
        self.coordinate = coordinate
        self.day = day
    }
}

import AtlasGeo

/// A cluster described for people: where, how large, how long, and (when incident attributes
/// were supplied) what happened. Built by `ClusterSummaryBuilder` from a `ClusteringResult`.
public struct ClusterSummary: Hashable, Sendable {
    /// The cluster's stable id (see `Cluster`).
    public var id: Int
    /// Number of member incidents, core and border.
    public var size: Int
    /// Number of core members.
    public var coreCount: Int
    /// The spherical mean of the members' positions (mean of unit vectors, normalised), degrees.
    public var centroid: Coordinate
    /// The convex hull of the members' positions (planar in lon/lat; see `ConvexHull`).
    public var hull: ConvexHull
    /// The largest haversine distance from the centroid to a member, metres.
    public var radiusMeters: Double
    /// The earliest member's day, days since 1970-01-01.
    public var firstDay: Int
    /// The latest member's day, days since 1970-01-01.
    public var lastDay: Int
    /// The members' incident ids, ascending.
    public var memberIDs: [Int64]
    /// Fatalities, top locations, event types and actors; nil when no attributes were given.
    public var attributes: ClusterAttributeSummary?

    /// Creates a summary; `ClusterSummaryBuilder` builds these.
    public init(
        id: Int, size: Int, coreCount: Int, centroid: Coordinate, hull: ConvexHull,
        radiusMeters: Double, firstDay: Int, lastDay: Int, memberIDs: [Int64],
        attributes: ClusterAttributeSummary?
    ) {
        self.id = id
        self.size = size
        self.coreCount = coreCount
        self.centroid = centroid
        self.hull = hull
        self.radiusMeters = radiusMeters
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.memberIDs = memberIDs
        self.attributes = attributes
    }
}

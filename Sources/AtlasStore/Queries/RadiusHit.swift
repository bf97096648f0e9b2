/// An incident found by a distance query: its id and its WGS84 geodesic distance in metres.
public struct RadiusHit: Sendable, Equatable {
    /// Incident id.
    public var id: Int64
    /// Geodesic distance from the query centre, metres.
    public var distanceMeters: Double

    /// Creates a hit.
    public init(id: Int64, distanceMeters: Double) {
        self.id = id
        self.distanceMeters = distanceMeters
    }
}

import AtlasGeo

/// An incident found by a distance query: its id, its WGS84 geodesic distance in metres, and
/// its position (degrees), so callers can test it further (a box) without reading its row.
public struct RadiusHit: Sendable, Equatable {
    /// Incident id.
    public var id: Int64
    /// Geodesic distance from the query centre, metres.
    public var distanceMeters: Double
    /// The incident's position, as stored.
    public var coordinate: Coordinate

    /// Creates a hit.
    public init(id: Int64, distanceMeters: Double, coordinate: Coordinate) {
        self.id = id
        self.distanceMeters = distanceMeters
        self.coordinate = coordinate
    }
}

/// An axis-aligned box in degrees: west/south/east/north, the order GeoJSON's `bbox` uses.
///
/// `west > east` means the box crosses the antimeridian (180°): it covers longitudes from
/// `west` up to 180 and from -180 up to `east`.
public struct BoundingBox: Hashable, Sendable {
    /// Smallest longitude, degrees.
    public var west: Double
    /// Smallest latitude, degrees.
    public var south: Double
    /// Largest longitude, degrees (smaller than `west` when crossing the antimeridian).
    public var east: Double
    /// Largest latitude, degrees.
    public var north: Double

    /// Creates a box without validation.
    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// The smallest box (not crossing the antimeridian) containing `coordinates`; for none, an
    /// inverted box that contains nothing.
    public init(covering coordinates: some Sequence<Coordinate>) {
        self.init(west: 180, south: 90, east: -180, north: -90)
        for point in coordinates {
            west = min(west, point.longitude)
            east = max(east, point.longitude)
            south = min(south, point.latitude)
            north = max(north, point.latitude)
        }
    }

    /// True when the box wraps across the 180° meridian.
    public var crossesAntimeridian: Bool { west > east }

    /// True if the coordinate lies inside or on the edge of the box.
    public func contains(_ coordinate: Coordinate) -> Bool {
        guard coordinate.latitude >= south, coordinate.latitude <= north else { return false }
        if crossesAntimeridian {
            return coordinate.longitude >= west || coordinate.longitude <= east
        }
        return coordinate.longitude >= west && coordinate.longitude <= east
    }

    /// The boxes without antimeridian crossing that together cover this one (one or two).
    public var splitAtAntimeridian: [BoundingBox] {
        guard crossesAntimeridian else { return [self] }
        return [
            BoundingBox(west: west, south: south, east: 180, north: north),
            BoundingBox(west: -180, south: south, east: east, north: north),
        ]
    }
}

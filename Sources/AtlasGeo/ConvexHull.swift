/// The convex hull of a set of coordinates, computed in the longitude/latitude plane.
///
/// IncidentAtlas draws it around a cluster of incidents so that a map shows *where* the
/// cluster is, not just its centroid.
///
/// ## The planar assumption
///
/// The hull is computed with Andrew's monotone chain on (longitude, latitude) taken as plain
/// x/y numbers in degrees. Over a few kilometres, the extent of a typical incident cluster, the
/// lon/lat plane is a faithful picture of the ground: the only distortion is the cos(latitude)
/// scale of longitude, and scaling one axis by a constant keeps convexity. Over hundreds of
/// kilometres the hull's edges are straight lines in degrees (rhumb-like), not great circles.
/// Longitudes are used as given: a set of points that straddles the antimeridian (±180°) gets a
/// hull that spans the whole map the wrong way round; shift such longitudes into one continuous
/// range before calling.
///
/// ## Shape of the result
///
/// - no coordinate: `.empty`;
/// - one distinct coordinate (however often repeated): `.point`;
/// - all coordinates on one line: `.lineString` between the two extreme points;
/// - otherwise `.polygon` with a closed ring (first coordinate repeated at the end) that runs
///   counter-clockwise, as RFC 7946 (GeoJSON) asks for exterior rings, and starts at the
///   vertex with the smallest longitude (then the smallest latitude).
///
/// The result depends only on the set of distinct coordinates, not on their order or
/// repetitions, so it is deterministic. Points on an edge of the hull are not vertices.
public enum ConvexHull: Hashable, Sendable {
    /// The hull of no coordinate at all.
    case empty
    /// All coordinates are one and the same place.
    case point(Coordinate)
    /// All coordinates lie on one straight line (in degrees) between these two extremes, the
    /// one with the smaller longitude (then smaller latitude) first.
    case lineString(Coordinate, Coordinate)
    /// A counter-clockwise closed ring of at least four coordinates (three or more distinct
    /// vertices, the first repeated at the end).
    case polygon([Coordinate])

    /// Computes the convex hull of `coordinates` (degrees) with Andrew's monotone chain in the
    /// longitude/latitude plane, in O(n log n).
    ///
    /// For example, `ConvexHull(of: [a, b, c, inside])` is `.polygon([a, b, c, a])` when `a`,
    /// `b`, `c` run counter-clockwise and `inside` lies within their triangle.
    public init(of coordinates: [Coordinate]) {
        // Sort by (longitude, latitude) and drop exact duplicates.
        let sorted = coordinates.sorted { lhs, rhs in
            lhs.longitude != rhs.longitude ? lhs.longitude < rhs.longitude : lhs.latitude < rhs.latitude
        }
        var points: [Coordinate] = []
        points.reserveCapacity(sorted.count)
        for coordinate in sorted where points.last != coordinate {
            points.append(coordinate)
        }
        guard let first = points.first, let last = points.last else {
            self = .empty
            return
        }
        guard points.count > 1 else {
            self = .point(first)
            return
        }

        // Lower chain left to right, then upper chain right to left; a turn that is not
        // strictly to the left (cross <= 0) removes the middle point, which also drops
        // collinear points on the edges.
        var hull: [Coordinate] = []
        hull.reserveCapacity(points.count + 1)
        for point in points {
            while hull.count >= 2, Self.cross(hull[hull.count - 2], hull[hull.count - 1], point) <= 0 {
                hull.removeLast()
            }
            hull.append(point)
        }
        let lowerCount = hull.count + 1
        for point in points.reversed().dropFirst() {
            while hull.count >= lowerCount, Self.cross(hull[hull.count - 2], hull[hull.count - 1], point) <= 0 {
                hull.removeLast()
            }
            hull.append(point)
        }
        // `hull` now ends with `first` again: a closed ring. All points collinear gives
        // [first, last, first].
        guard hull.count >= 4 else {
            self = .lineString(first, last)
            return
        }
        self = .polygon(hull)
    }

    /// The vertices of the hull, without repeating the first at the end: none, one, two, or
    /// the distinct vertices of the polygon in counter-clockwise order.
    public var vertices: [Coordinate] {
        switch self {
        case .empty: return []
        case let .point(coordinate): return [coordinate]
        case let .lineString(start, end): return [start, end]
        case let .polygon(ring): return Array(ring.dropLast())
        }
    }

    /// Twice the signed area of the triangle (o, a, b) in the lon/lat plane, square degrees:
    /// positive when o → a → b turns counter-clockwise (left).
    static func cross(_ o: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        (a.longitude - o.longitude) * (b.latitude - o.latitude)
            - (a.latitude - o.latitude) * (b.longitude - o.longitude)
    }
}

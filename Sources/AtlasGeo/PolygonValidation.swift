/// Why a polygon cannot be used.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A ring with fewer than four positions.
    case tooFewPositions(ring: Int, count: Int)
    /// A ring whose last position is not its first.
    case notClosed(ring: Int)
    /// A position that is not a finite, in-range longitude/latitude pair.
    case badPosition(ring: Int, index: Int, detail: String)
    /// An edge spans more than 180° of longitude: a ring crossing the antimeridian, which would
    /// be read the long way round.
    case crossesAntimeridian(ring: Int, edge: Int, from: Double, to: Double)
    /// Two edges of a ring cross.
    case selfIntersection(ring: Int, edge: Int, otherEdge: Int, near: Coordinate)
    /// The input is not a geometry this program reads; `detail` says what was found.
    case unreadable(String)

    public var description: String {
        switch self {
        case let .tooFewPositions(ring, count): return "ring \(ring) has \(count) positions; a linear ring needs at least 4"
        case let .notClosed(ring): return "ring \(ring) is not closed (its last position differs from its first)"
        case let .badPosition(ring, index, detail): return "ring \(ring), position \(index): \(detail)"
        case let .selfIntersection(ring, edge, other, near):
            return "ring \(ring) intersects itself: edges \(edge) and \(other) cross near \(near)"
        case let .crossesAntimeridian(ring, edge, from, to):
            return "ring \(ring), edge \(edge) goes from longitude \(from) to \(to), more than 180°: a ring crossing the "
                + "antimeridian must be cut there into two polygons of a MultiPolygon (RFC 7946 3.1.9); as written it "
                + "would cover the other side of the Earth"
        case let .unreadable(detail): return detail
        }
    }
}

/// Checks polygons before they are used or stored.
public enum PolygonValidation {
    /// Throws the first problem of `polygon`: too few positions, a bad position, an open ring, an
    /// edge across the antimeridian (more than 180° of longitude), or crossing edges. Crossings are found by a plane sweep (`RingSweep`), O(n log n) whatever the
    /// ring's shape; of several crossings, one is reported.
    public static func validate(_ polygon: Polygon) throws(GeometryError) {
        for (number, ring) in ([polygon.exterior] + polygon.holes).enumerated() {
            guard ring.count >= 4 else { throw .tooFewPositions(ring: number, count: ring.count) }
            for (index, point) in ring.enumerated() {
                do {
                    _ = try Coordinate(validatingLatitude: point.latitude, longitude: point.longitude)
                } catch {
                    throw .badPosition(ring: number, index: index, detail: error.description)
                }
            }
            guard ring.first == ring.last else { throw .notClosed(ring: number) }
            for edge in 0..<(ring.count - 1) where abs(ring[edge + 1].longitude - ring[edge].longitude) > 180 {
                throw .crossesAntimeridian(ring: number, edge: edge, from: ring[edge].longitude, to: ring[edge + 1].longitude)
            }
            if let (edge, other) = firstCrossing(ring) {
                throw .selfIntersection(ring: number, edge: edge, otherEdge: other, near: ring[other])
            }
        }
    }

    /// A pair of edges (i < j) that cross or touch, or nil if the ring is simple.
    static func firstCrossing(_ ring: [Coordinate]) -> (Int, Int)? {
        var sweep = RingSweep(ring)
        return sweep.findCrossing()
    }

    /// True if edges `i` and `j` cross or touch other than at a shared end point.
    static func crosses(_ ring: [Coordinate], _ i: Int, _ j: Int, edges: Int) -> Bool {
        if i == j || abs(i - j) == 1 || (min(i, j) == 0 && max(i, j) == edges - 1) { return false }
        let p1 = ring[i], p2 = ring[i + 1], q1 = ring[j], q2 = ring[j + 1]
        func orientation(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Double {
            (b.longitude - a.longitude) * (c.latitude - a.latitude) - (b.latitude - a.latitude) * (c.longitude - a.longitude)
        }
        let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2), d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        func onSegment(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Bool {
            c.longitude >= min(a.longitude, b.longitude) && c.longitude <= max(a.longitude, b.longitude)
                && c.latitude >= min(a.latitude, b.latitude) && c.latitude <= max(a.latitude, b.latitude)
        }
        return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2))
            || (d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
    }
}

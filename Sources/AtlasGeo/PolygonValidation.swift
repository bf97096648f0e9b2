/// Why a polygon cannot be used.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A ring with fewer than four positions.
    case tooFewPositions(ring: Int, count: Int)
    /// A ring whose last position is not its first.
    case notClosed(ring: Int)
    /// A position that is not a finite, in-range longitude/latitude pair.
    case badPosition(ring: Int, index: Int, detail: String)
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
        case let .unreadable(detail): return detail
        }
    }
}

/// Checks polygons before they are used or stored.
public enum PolygonValidation {
    /// Throws the first problem of `polygon`: too few positions, an open ring, a bad position, or
    /// crossing edges (found with a grid of buckets, so a 30,000-vertex boundary checks quickly).
    public static func validate(_ polygon: Polygon) throws(GeometryError) {
        for (number, ring) in ([polygon.exterior] + polygon.holes).enumerated() {
            guard ring.count >= 4 else { throw .tooFewPositions(ring: number, count: ring.count) }
            guard ring.first == ring.last else { throw .notClosed(ring: number) }
            for (index, point) in ring.enumerated() {
                do {
                    _ = try Coordinate(validatingLatitude: point.latitude, longitude: point.longitude)
                } catch {
                    throw .badPosition(ring: number, index: index, detail: error.description)
                }
            }
            try checkSimple(ring, number: number)
        }
    }

    private static func checkSimple(_ ring: [Coordinate], number: Int) throws(GeometryError) {
        let edges = ring.count - 1
        let box = BoundingBox(covering: ring)
        let side = max(1, Int(Double(edges).squareRoot()))
        let width = max((box.east - box.west) / Double(side), 1e-12), height = max((box.north - box.south) / Double(side), 1e-12)
        var buckets: [Int: [Int]] = [:]
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            (min(side - 1, Int((x - box.west) / width)), min(side - 1, Int((y - box.south) / height)))
        }
        for edge in 0..<edges {
            let a = ring[edge], b = ring[edge + 1]
            let (c1, r1) = cell(min(a.longitude, b.longitude), min(a.latitude, b.latitude))
            let (c2, r2) = cell(max(a.longitude, b.longitude), max(a.latitude, b.latitude))
            for column in c1...c2 {
                for row in r1...r2 {
                    let key = row * side + column
                    for other in buckets[key, default: []] where crosses(ring, edge, other, edges: edges) {
                        throw .selfIntersection(ring: number, edge: other, otherEdge: edge, near: a)
                    }
                    buckets[key, default: []].append(edge)
                }
            }
        }
    }

    /// True if edges `i` and `j` cross or touch other than at a shared end point.
    private static func crosses(_ ring: [Coordinate], _ i: Int, _ j: Int, edges: Int) -> Bool {
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

/// A polygon in degrees: an exterior ring and holes, each ring closed (first position = last).
///
/// `covers` counts the boundary as inside (a point on an edge or vertex is covered, including
/// the edge of a hole), as PostGIS `ST_Covers` does. Edges are straight in the lon/lat plane,
/// as GeoJSON and SpatiaLite draw them.
public struct Polygon: Sendable, Equatable {
    /// Exterior ring.
    public var exterior: [Coordinate]
    /// Holes.
    public var holes: [[Coordinate]]

    /// Creates a polygon without validation (see `PolygonValidation`).
    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// The smallest box containing the exterior ring.
    public var boundingBox: BoundingBox { BoundingBox(covering: exterior) }

    /// True if `point` is inside or on the boundary.
    public func covers(_ point: Coordinate) -> Bool {
        switch Self.locate(point, in: exterior) {
        case .outside: return false
        case .boundary: return true
        case .inside:
            for hole in holes {
                switch Self.locate(point, in: hole) {
                case .inside: return false
                case .boundary: return true
                case .outside: continue
                }
            }
            return true
        }
    }

    /// Twice the signed area of `ring` in the lon/lat plane: positive when counter-clockwise.
    public static func signedDoubleArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for index in 0..<(ring.count - 1) {
            sum += ring[index].longitude * ring[index + 1].latitude - ring[index + 1].longitude * ring[index].latitude
        }
        return sum
    }

    /// The same polygon with the exterior counter-clockwise and holes clockwise (RFC 7946).
    public func oriented() -> Polygon {
        Polygon(exterior: Self.signedDoubleArea(exterior) < 0 ? exterior.reversed() : exterior,
                holes: holes.map { Self.signedDoubleArea($0) > 0 ? $0.reversed() : $0 })
    }

    enum Location { case inside, outside, boundary }

    /// Ray casting towards +longitude, with exact checks for points on an edge.
    static func locate(_ point: Coordinate, in ring: [Coordinate]) -> Location {
        let x = point.longitude, y = point.latitude
        var inside = false
        guard ring.count >= 2 else { return .outside }
        for index in 0..<(ring.count - 1) {
            let a = ring[index], b = ring[index + 1]
            let (x1, y1, x2, y2) = (a.longitude, a.latitude, b.longitude, b.latitude)
            // On the segment: collinear and within its box.
            let cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)
            if cross == 0, x >= min(x1, x2), x <= max(x1, x2), y >= min(y1, y2), y <= max(y1, y2) { return .boundary }
            if (y1 > y) != (y2 > y) {
                let crossingX = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                if crossingX == x { return .boundary }
                if crossingX > x { inside.toggle() }
            }
        }
        return inside ? .inside : .outside
    }
}

/// Several polygons taken together (a governorate with islands, say).
public struct MultiPolygon: Sendable, Equatable {
    /// The parts.
    public var polygons: [Polygon]

    /// Creates a multipolygon.
    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
    }

    /// True if any part covers `point`.
    public func covers(_ point: Coordinate) -> Bool {
        polygons.contains { $0.boundingBox.contains(point) && $0.covers(point) }
    }

    /// The smallest box containing every part.
    public var boundingBox: BoundingBox { BoundingBox(covering: polygons.flatMap(\.exterior)) }
}

extension Polygon {
    /// True only if every point of `box` (degrees, not crossing the antimeridian) is covered:
    /// no edge of a ring comes near the box (within a margin far above rounding) and its centre
    /// is covered, so the whole box lies in one face of the polygon. False means "not proven":
    /// a box the boundary touches is tested point by point.
    public func surelyCovers(_ box: BoundingBox) -> Bool {
        // Only for what validation lets through (closed rings, finite positions) and a box on
        // one side of the antimeridian; anything else is "not proven".
        let rings = [exterior] + holes
        guard !box.crossesAntimeridian, [box.west, box.south, box.east, box.north].allSatisfy(\.isFinite),
              rings.allSatisfy({ ring in
                  ring.count >= 4 && ring.first == ring.last && ring.allSatisfy { $0.latitude.isFinite && $0.longitude.isFinite }
              }) else { return false }
        let margin = 1e-9
        let west = box.west - margin, east = box.east + margin, south = box.south - margin, north = box.north + margin
        for ring in rings {
            for index in 0..<(ring.count - 1) {
                let a = ring[index], b = ring[index + 1]
                // Separating axes of a segment and a box: x, y, and the segment's normal.
                if max(a.longitude, b.longitude) < west || min(a.longitude, b.longitude) > east
                    || max(a.latitude, b.latitude) < south || min(a.latitude, b.latitude) > north { continue }
                let dx = b.longitude - a.longitude, dy = b.latitude - a.latitude
                func side(_ x: Double, _ y: Double) -> Double { dx * (y - a.latitude) - dy * (x - a.longitude) }
                let sides = [side(west, south), side(east, south), side(east, north), side(west, north)]
                if sides.allSatisfy({ $0 > 0 }) || sides.allSatisfy({ $0 < 0 }) { continue }
                return false
            }
        }
        return covers(Coordinate(latitude: (box.south + box.north) / 2, longitude: (box.west + box.east) / 2))
    }
}

extension MultiPolygon {
    /// True only if one part surely covers every point of `box` (`Polygon.surelyCovers`).
    public func surelyCovers(_ box: BoundingBox) -> Bool {
        polygons.contains { $0.surelyCovers(box) }
    }
}

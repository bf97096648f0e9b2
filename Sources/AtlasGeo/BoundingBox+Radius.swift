import Foundation

extension BoundingBox {
    /// A box that contains every point whose WGS84 geodesic distance from `center` is at most
    /// `radiusMeters`: what a spatial index is asked before the exact distance test.
    ///
    /// Latitude reach uses the smallest meridional radius of curvature, a(1 − e²); longitude
    /// reach uses the equatorial radius at the box's most poleward latitude. Both make the box
    /// slightly larger than the circle, never smaller (plus a 0.1 % margin). A circle reaching a
    /// pole, or wider than 2,000 km (where geodesics bend poleward), gets every longitude.
    /// Longitudes beyond ±180 wrap: the box then crosses the antimeridian (west > east).
    public static func around(_ center: Coordinate, radiusMeters: Double) -> BoundingBox {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let minimumMeridionalRadius = a * (1 - f) * (1 - f)  // a(1 − e²) = a(1 − f)²
        let reach = radiusMeters * 1.001
        let dLat = reach / minimumMeridionalRadius * 180 / .pi
        let south = max(-90, center.latitude - dLat)
        let north = min(90, center.latitude + dLat)
        let poleward = max(abs(south), abs(north))
        if north >= 90 || south <= -90 || radiusMeters > 2_000_000 || poleward > 89.5 {
            return BoundingBox(west: -180, south: south, east: 180, north: north)
        }
        let dLon = reach / (a * cos(poleward * .pi / 180)) * 180 / .pi
        if dLon >= 180 { return BoundingBox(west: -180, south: south, east: 180, north: north) }
        var west = center.longitude - dLon
        var east = center.longitude + dLon
        if west < -180 { west += 360 }
        if east > 180 { east -= 360 }
        return BoundingBox(west: west, south: south, east: east, north: north)
    }
}

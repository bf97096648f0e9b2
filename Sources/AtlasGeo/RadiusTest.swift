import Foundation

/// Decides "within `radiusMeters` of a centre" by WGS84 geodesic distance, cheaply.
///
/// The great-circle distance on the mean-radius sphere is within ±0.6 % of the WGS84 geodesic
/// distance for any pair of points (measured over 200,000 random pairs from 1 m to 16,000 km:
/// ratios 0.9944…1.0045). So a point whose haversine distance exceeds the radius by more than
/// 1 % is surely outside and is dropped without an ellipsoidal solution; every other point gets
/// the ellipsoidal distance (which the output needs anyway): Vincenty's iteration on WGS84, with
/// Karney's algorithm where Vincenty does not converge (nearly antipodal points).
///
/// Everything that depends on the centre alone (its cosine of latitude, its reduced latitude,
/// the haversine threshold) is solved once in `init`, not per point.
public struct RadiusTest: Sendable {
    /// The centre.
    public let center: Coordinate
    /// The radius in metres (inclusive: a point at exactly this distance is inside).
    public let radiusMeters: Double
    private let geodesic: Geodesic
    private let origin: Vincenty.Origin?
    private let cosCenterLatitude: Double
    /// Haversine `h` beyond which a point is more than 1 % outside the radius (∞: never).
    private let maximumHaversine: Double

    /// A test for points within `radiusMeters` of `center` on `geodesic` (WGS84 by default).
    public init(center: Coordinate, radiusMeters: Double, geodesic: Geodesic = .wgs84) {
        self.center = center
        self.radiusMeters = radiusMeters
        self.geodesic = geodesic
        origin = geodesic === Geodesic.wgs84 ? Vincenty.Origin(center) : nil
        cosCenterLatitude = cos(center.latitude * .pi / 180)
        // distance = 2 R asin(√h) is monotonic in h: "distance × 0.99 > radius" ⇔ h > sin²(radius / (0.99 · 2R)).
        let halfAngle = radiusMeters / (0.99 * 2 * Haversine.meanEarthRadiusMeters)
        maximumHaversine = halfAngle >= .pi / 2 ? .infinity : sin(halfAngle) * sin(halfAngle)
    }

    /// How far the WGS84 geodesic distance may lie from `sphericalMeters` (as a fraction of it):
    /// 1 %, against the ±0.6 % measured (see the type's notes).
    public static let sphereTolerance = 0.01

    /// The great-circle distance in metres from the centre on the mean-radius sphere: the exact
    /// distance lies within `sphereTolerance` of it, so callers can settle most points without
    /// an ellipsoidal solution (surely inside when `s · 1.01 ≤ r`, surely outside when
    /// `s · 0.99 > r`).
    public func sphericalMeters(to point: Coordinate) -> Double {
        let degrees = Double.pi / 180
        let sinHalfPhi = sin((point.latitude - center.latitude) * degrees / 2)
        let sinHalfLambda = sin((point.longitude - center.longitude) * degrees / 2)
        let h = sinHalfPhi * sinHalfPhi + cosCenterLatitude * cos(point.latitude * degrees) * sinHalfLambda * sinHalfLambda
        return 2 * Haversine.meanEarthRadiusMeters * asin(min(1, h.squareRoot()))
    }

    /// At most the `sphericalMeters` of any point of `box` (which must not cross the
    /// antimeridian): 0 when the box holds the centre's latitude and longitude.
    ///
    /// Each term of the haversine `h` = sin²(Δφ/2) + cos φ₀ cos φ sin²(Δλ/2) is at least its value
    /// at the box's smallest latitude and longitude differences and the smaller cosine of its
    /// edge latitudes (the cosine has no interior minimum on a latitude range), while every
    /// longitude difference stays within 180°.
    public func sphericalMetersLowerBound(to box: BoundingBox) -> Double {
        let degrees = Double.pi / 180
        guard !box.crossesAntimeridian, abs(box.west - center.longitude) <= 180, abs(box.east - center.longitude) <= 180 else { return 0 }
        let latitudeGap = max(0, box.south - center.latitude, center.latitude - box.north)
        let longitudeGap = max(0, box.west - center.longitude, center.longitude - box.east)
        let sinHalfPhi = sin(latitudeGap * degrees / 2)
        let sinHalfLambda = sin(longitudeGap * degrees / 2)
        let cosEdge = max(0, min(cos(box.south * degrees), cos(box.north * degrees)))
        let h = sinHalfPhi * sinHalfPhi + cosCenterLatitude * cosEdge * sinHalfLambda * sinHalfLambda
        return 2 * Haversine.meanEarthRadiusMeters * asin(min(1, h.squareRoot()))
    }

    /// A latitude–longitude box around the centre whose every point lies within the radius
    /// (exactly, on WGS84), or nil when the circle is too large or too near a pole or the
    /// antimeridian for one: points in it are matches without any distance solved.
    ///
    /// The spherical distance from the centre is largest at a corner of a box smaller than a
    /// hemisphere (along a parallel it grows with the longitude difference; along a meridian arc
    /// it has no interior maximum short of the antipode), so the box is the square inscribed in
    /// the circle, shrunk until its farthest corner lies within radius / 1.01 on the sphere.
    public func surelyInsideBox() -> BoundingBox? {
        guard radiusMeters > 0, radiusMeters <= 5_000_000 else { return nil }
        let degrees = 180 / Double.pi
        var latitudeSpan = radiusMeters / 2.squareRoot() / Haversine.meanEarthRadiusMeters * degrees
        for _ in 0..<8 {
            let longitudeSpan = latitudeSpan / max(cosCenterLatitude, 1e-6)
            let box = BoundingBox(west: center.longitude - longitudeSpan, south: center.latitude - latitudeSpan,
                                  east: center.longitude + longitudeSpan, north: center.latitude + latitudeSpan)
            guard box.south > -89, box.north < 89, box.west > -180, box.east < 180 else { return nil }
            let corners = [Coordinate(latitude: box.south, longitude: box.west), Coordinate(latitude: box.south, longitude: box.east),
                           Coordinate(latitude: box.north, longitude: box.west), Coordinate(latitude: box.north, longitude: box.east)]
            if corners.allSatisfy({ sphericalMeters(to: $0) * (1 + Self.sphereTolerance) <= radiusMeters }) { return box }
            latitudeSpan *= 0.9
        }
        return nil
    }

    /// The exact geodesic distance in metres, whatever the radius (the value `distanceIfWithin`
    /// gives for a point within it).
    public func exactMeters(to point: Coordinate) -> Double {
        origin?.distanceMeters(to: point) ?? geodesic.distanceMeters(from: center, to: point)
    }

    /// The exact geodesic distance in metres if the point is within the radius, else nil.
    public func distanceIfWithin(_ point: Coordinate) -> Double? {
        let degrees = Double.pi / 180
        let sinHalfPhi = sin((point.latitude - center.latitude) * degrees / 2)
        let sinHalfLambda = sin((point.longitude - center.longitude) * degrees / 2)
        let h = sinHalfPhi * sinHalfPhi + cosCenterLatitude * cos(point.latitude * degrees) * sinHalfLambda * sinHalfLambda
        if h > maximumHaversine { return nil }
        let exact = exactMeters(to: point)
        return exact <= radiusMeters ? exact : nil
    }
}

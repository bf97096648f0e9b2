import Foundation

/// Great-circle distance on a sphere: fast and approximate (up to 0.3 % off the ellipsoid).
///
/// IncidentAtlas uses it where a checkable, symmetric metric matters more than millimetres:
/// clustering measures with it because scikit-learn's `haversine` metric does, so results can
/// be compared one to one. Radius queries use the ellipsoidal geodesic instead.
public enum Haversine {
    /// The mean Earth radius R1 = (2a + b) / 3 of WGS84, in metres; scikit-learn's convention.
    public static let meanEarthRadiusMeters = 6_371_008.8

    /// Great-circle distance in metres between two coordinates on the sphere of radius
    /// `meanEarthRadiusMeters`.
    ///
    /// For example, `Haversine.distanceMeters(from: aleppo, to: latakia)` is about 149 km.
    public static func distanceMeters(from a: Coordinate, to b: Coordinate) -> Double {
        centralAngleRadians(from: a, to: b) * meanEarthRadiusMeters
    }

    /// The central angle between two coordinates, in radians (distance divided by the radius).
    public static func centralAngleRadians(from a: Coordinate, to b: Coordinate) -> Double {
        let phi1 = a.latitude * .pi / 180
        let phi2 = b.latitude * .pi / 180
        let dPhi = phi2 - phi1
        let dLambda = (b.longitude - a.longitude) * .pi / 180
        let sinHalfPhi = sin(dPhi / 2)
        let sinHalfLambda = sin(dLambda / 2)
        let h = sinHalfPhi * sinHalfPhi + cos(phi1) * cos(phi2) * sinHalfLambda * sinHalfLambda
        return 2 * asin(min(1, h.squareRoot()))
    }
}

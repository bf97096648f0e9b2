import CGeodesic

/// Distances and positions on an ellipsoid, by Karney's algorithms as implemented in PROJ's
/// `geodesic.h` (the code behind GeographicLib and PostGIS `geography`): accurate to a few
/// nanometres everywhere, antipodes included.
///
/// For example:
///
/// ```swift
/// let metres = Geodesic.wgs84.distanceMeters(from: aleppo, to: latakia)  // 144,367.294
/// ```
public final class Geodesic: @unchecked Sendable {
    /// The WGS84 ellipsoid: a = 6,378,137 m, f = 1/298.257223563.
    public static let wgs84 = Geodesic(equatorialRadiusMeters: 6_378_137, flattening: 1 / 298.257223563)

    /// PROJ's precomputed ellipsoid constants. Written once in `init`, then only read
    /// (PROJ's functions take it as `const`), so sharing across threads is safe.
    private let ellipsoid: UnsafeMutablePointer<geod_geodesic>

    /// An ellipsoid with equatorial radius `a` (metres) and flattening `f`.
    public init(equatorialRadiusMeters a: Double, flattening f: Double) {
        ellipsoid = .allocate(capacity: 1)
        geod_init(ellipsoid, a, f)
    }

    deinit { ellipsoid.deallocate() }

    /// Geodesic distance in metres between two coordinates (the inverse problem).
    public func distanceMeters(from a: Coordinate, to b: Coordinate) -> Double {
        var s12 = 0.0
        geod_inverse(ellipsoid, a.latitude, a.longitude, b.latitude, b.longitude, &s12, nil, nil)
        return s12
    }

    /// Distance in metres and the azimuths (degrees clockwise from north) at both ends.
    public func inverse(from a: Coordinate, to b: Coordinate)
        -> (distanceMeters: Double, initialAzimuthDegrees: Double, finalAzimuthDegrees: Double) {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        geod_inverse(ellipsoid, a.latitude, a.longitude, b.latitude, b.longitude, &s12, &azi1, &azi2)
        return (s12, azi1, azi2)
    }

    /// The point `distanceMeters` from `start` along azimuth `azimuthDegrees` (the direct problem).
    public func destination(from start: Coordinate, azimuthDegrees: Double, distanceMeters: Double) -> Coordinate {
        var latitude = 0.0, longitude = 0.0, azi2 = 0.0
        geod_direct(ellipsoid, start.latitude, start.longitude, azimuthDegrees, distanceMeters, &latitude, &longitude, &azi2)
        return Coordinate(latitude: latitude, longitude: longitude)
    }
}

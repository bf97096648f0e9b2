import Foundation

/// Vincenty's inverse formula on WGS84 (T. Vincenty, Survey Review 23, 1975): the geodesic
/// distance by iteration, about 3× faster than Karney's series and within a few micrometres of
/// it for the distances incident queries ask (tested against GeographicLib values). It does not
/// converge for nearly antipodal points; callers then fall back to `Geodesic` (Karney). Measured
/// against Karney over 20,000 random lines up to 500 km: differences below 3 µm.
public enum Vincenty {
    private static let a = 6_378_137.0
    private static let f = 1 / 298.257223563
    private static let b = a * (1 - f)

    /// Geodesic distance in metres on WGS84, or nil if the iteration does not converge.
    public static func distanceMeters(from p: Coordinate, to q: Coordinate) -> Double? {
        Origin(p).distanceMeters(to: q)
    }

    /// A fixed start point with its reduced latitude solved once, for the many distances of one
    /// query (a radius query measures every candidate from the same centre: solving the centre
    /// once saves four of the per-point transcendental calls).
    public struct Origin: Sendable {
        /// The start point, in degrees.
        public let coordinate: Coordinate
        private let sinU1: Double
        private let cosU1: Double

        /// The start point `coordinate`.
        public init(_ coordinate: Coordinate) {
            self.coordinate = coordinate
            (sinU1, cosU1) = Vincenty.reducedLatitude(coordinate.latitude)
        }

        /// Geodesic distance in metres on WGS84 from the origin to `q`, or nil if the
        /// iteration does not converge (nearly antipodal points).
        public func distanceMeters(to q: Coordinate) -> Double? {
            let degrees = Double.pi / 180
            let L = remainder((q.longitude - coordinate.longitude) * degrees, 2 * .pi)  // into [−π, π]: across the antimeridian too
            let (sinU2, cosU2) = Vincenty.reducedLatitude(q.latitude)
            let sinU1 = sinU1, cosU1 = cosU1
            var lambda = L
            var sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0, cosSquaredAlpha = 0.0, cos2SigmaM = 0.0
            for _ in 0..<200 {
                let sinLambda = sin(lambda), cosLambda = cos(lambda)
                let t1 = cosU2 * sinLambda, t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
                sinSigma = (t1 * t1 + t2 * t2).squareRoot()
                if sinSigma == 0 { return 0 }  // the same point
                cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
                sigma = atan2(sinSigma, cosSigma)
                let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
                cosSquaredAlpha = 1 - sinAlpha * sinAlpha
                cos2SigmaM = cosSquaredAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSquaredAlpha : 0
                let C = f / 16 * cosSquaredAlpha * (4 + f * (4 - 3 * cosSquaredAlpha))
                let previous = lambda
                lambda = L + (1 - C) * f * sinAlpha
                    * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
                if abs(lambda) > .pi { return nil }
                if abs(lambda - previous) < 1e-13 {
                    let uSquared = cosSquaredAlpha * (a * a - b * b) / (b * b)
                    let A = 1 + uSquared / 16384 * (4096 + uSquared * (-768 + uSquared * (320 - 175 * uSquared)))
                    let B = uSquared / 1024 * (256 + uSquared * (-128 + uSquared * (74 - 47 * uSquared)))
                    let deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                        - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                    return b * A * (sigma - deltaSigma)
                }
            }
            return nil
        }
    }

    /// (sin U, cos U) of the reduced latitude U = atan((1 − f) tan φ), without the atan:
    /// tan U = (1 − f) sin φ / cos φ, so U's sine and cosine are (1 − f) sin φ and cos φ over
    /// their hypotenuse (exact at the poles too, where tan φ is infinite).
    static func reducedLatitude(_ latitudeDegrees: Double) -> (sin: Double, cos: Double) {
        let phi = latitudeDegrees * .pi / 180
        let y = (1 - f) * sin(phi), x = cos(phi)
        let hypotenuse = (x * x + y * y).squareRoot()
        return (y / hypotenuse, x / hypotenuse)
    }
}

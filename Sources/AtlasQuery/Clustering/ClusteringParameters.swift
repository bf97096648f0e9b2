/// The knobs of density-based clustering (DBSCAN, and ST-DBSCAN when `maxDays` is set).
///
/// For example, "at least 5 shelling incidents within 1 km, within a month of each other":
///
/// ```swift
/// let parameters = try ClusteringParameters(epsMeters: 1_000, minPoints: 5, maxDays: 30)
/// ```
public struct ClusteringParameters: Hashable, Sendable {
    /// The neighbourhood radius in metres, great-circle (haversine) distance on the sphere of
    /// radius `Haversine.meanEarthRadiusMeters`. Inclusive: a point exactly `epsMeters` away is
    /// a neighbour. scikit-learn's `eps` is this divided by the radius.
    public let epsMeters: Double
    /// How many points a neighbourhood must hold, the point itself included, for the point to
    /// be a core point; scikit-learn's `min_samples`. 1 makes every point core.
    public let minPoints: Int
    /// When set, two points are neighbours only if their days also differ by at most this many
    /// days (inclusive): space-time clustering. `nil` ignores time.
    public let maxDays: Int?

    /// Creates validated parameters.
    ///
    /// - throws: `ClusteringError.invalidEps` unless `epsMeters` is finite and > 0,
    ///   `.invalidMinPoints` if `minPoints` < 1, `.negativeMaxDays` if `maxDays` < 0.
    public init(epsMeters: Double, minPoints: Int, maxDays: Int? = nil) throws(ClusteringError) {
        guard epsMeters.isFinite, epsMeters > 0 else { throw .invalidEps(epsMeters) }
        guard minPoints >= 1 else { throw .invalidMinPoints(minPoints) }
        if let maxDays, maxDays < 0 { throw .negativeMaxDays(maxDays) }
        self.epsMeters = epsMeters
        self.minPoints = minPoints
        self.maxDays = maxDays
    }
}

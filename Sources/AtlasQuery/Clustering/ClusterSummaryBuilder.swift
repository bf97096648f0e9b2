import AtlasGeo
import Foundation

/// Turns a `ClusteringResult` into `ClusterSummary` values. Kept apart from `DBSCAN` so the
/// algorithm stays about memberships and any clustering result can be summarised the same way.
public enum ClusterSummaryBuilder {
    /// One summary per cluster, in cluster id order.
    ///
    /// - parameters:
    ///   - points: the points that were clustered, in the same order.
    ///   - result: what `DBSCAN.cluster(points, …)` returned.
    ///   - attributes: optionally one record per point (same order), for fatalities, top
    ///     locations and event types, and actors.
    /// - throws: `ClusteringError.resultDoesNotMatchPoints` or `.attributeCountMismatch` when
    ///   the arrays are not aligned.
    public static func summaries(
        points: [ClusterPoint], result: ClusteringResult, attributes: [ClusterMemberAttributes]? = nil
    ) throws(ClusteringError) -> [ClusterSummary] {
        guard result.labels.count == points.count,
              result.clusters.allSatisfy({ $0.memberIndices.allSatisfy { points.indices.contains($0) } })
        else {
            throw .resultDoesNotMatchPoints(points: points.count, labels: result.labels.count)
        }
        if let attributes, attributes.count != points.count {
            throw .attributeCountMismatch(points: points.count, attributes: attributes.count)
        }
        return result.clusters.map { cluster in
            let members = cluster.memberIndices.map { points[$0] }
            let coordinates = members.map(\.coordinate)
            let centroid = sphericalMean(coordinates)
            let radius = coordinates.map { Haversine.distanceMeters(from: centroid, to: $0) }.max() ?? 0
            return ClusterSummary(
                id: cluster.id,
                size: cluster.size,
                coreCount: cluster.coreCount,
                centroid: centroid,
                hull: ConvexHull(of: coordinates),
                radiusMeters: radius,
                firstDay: cluster.firstDay,
                lastDay: cluster.lastDay,
                memberIDs: members.map(\.id).sorted(),
                attributes: attributes.map { all in summarise(cluster.memberIndices.map { all[$0] }) }
            )
        }
    }

    /// The mean of `coordinates` on the unit sphere: the normalised sum of their unit vectors,
    /// back to latitude/longitude in degrees. Unlike averaging degrees it is right across the
    /// antimeridian. If the vectors cancel out (no meaningful mean, e.g. two antipodes), the
    /// first coordinate is returned; for no coordinate, (0, 0).
    public static func sphericalMean(_ coordinates: [Coordinate]) -> Coordinate {
        guard let first = coordinates.first else { return Coordinate(latitude: 0, longitude: 0) }
        var x = 0.0, y = 0.0, z = 0.0
        for coordinate in coordinates {
            let phi = coordinate.latitude * .pi / 180
            let lambda = coordinate.longitude * .pi / 180
            x += cos(phi) * cos(lambda)
            y += cos(phi) * sin(lambda)
            z += sin(phi)
        }
        let horizontal = (x * x + y * y).squareRoot()
        guard (horizontal * horizontal + z * z).squareRoot() > 1e-9 * Double(coordinates.count) else { return first }
        return Coordinate(latitude: atan2(z, horizontal) * 180 / .pi, longitude: atan2(y, x) * 180 / .pi)
    }

    /// Fatalities, date range, top 3 locations and event types, and all actors of the members.
    static func summarise(_ members: [ClusterMemberAttributes]) -> ClusterAttributeSummary {
        var fatalities = 0
        for member in members {
            let (sum, overflow) = fatalities.addingReportingOverflow(member.fatalities)
            fatalities = overflow ? (member.fatalities > 0 ? Int.max : Int.min) : sum
        }
        let dates = members.map(\.eventDate).filter { !$0.isEmpty }
        return ClusterAttributeSummary(
            fatalities: fatalities,
            firstEventDate: dates.min(),
            lastEventDate: dates.max(),
            topLocations: RankedValue.rank(members.compactMap(\.location), limit: 3),
            topEventTypes: RankedValue.rank(members.compactMap(\.eventType), limit: 3),
            actors: RankedValue.rank(members.flatMap { Set($0.actors.filter { !$0.isEmpty }) })
        )
    }
}

import AtlasGeo
import Foundation
@testable import AtlasQuery

/// Helpers shared by the clustering tests: a seeded generator and metric offsets.
enum ClusteringTestSupport {
    /// Metres per degree of latitude on the haversine sphere.
    static let metersPerDegree = Haversine.meanEarthRadiusMeters * .pi / 180

    /// The coordinate `north` and `east` metres (approximately) from `origin`.
    static func offset(_ origin: Coordinate, north: Double, east: Double) -> Coordinate {
        let latitude = origin.latitude + north / metersPerDegree
        let longitude = origin.longitude + east / (metersPerDegree * cos(origin.latitude * .pi / 180))
        return Coordinate(latitude: latitude, longitude: longitude)
    }

    /// Points with ids 1… in the given order, all on `day`.
    static func points(_ coordinates: [Coordinate], day: Int = 17_000, firstID: Int64 = 1) -> [ClusterPoint] {
        coordinates.enumerated().map { ClusterPoint(id: firstID + Int64($0.offset), coordinate: $0.element, day: day) }
    }

    /// Input indices grouped by label, as sets, ignoring the label numbers.
    static func partition(_ labels: [Int?], where include: (Int) -> Bool = { _ in true }) -> Set<Set<Int>> {
        var groups: [Int: Set<Int>] = [:]
        for (index, label) in labels.enumerated() where include(index) {
            if let label { groups[label, default: []].insert(index) }
        }
        return Set(groups.values)
    }
}

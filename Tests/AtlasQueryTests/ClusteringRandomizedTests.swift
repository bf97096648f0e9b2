import AtlasGeo
import Foundation
import Testing
@testable import AtlasQuery

/// The grid algorithm against the brute-force reference on seeded random data.
@Suite struct ClusteringRandomizedTests {
    typealias Support = ClusteringTestSupport

    /// Blobs of 0.3–2 km around points of a 60 km box at Aleppo, uniform noise, exact duplicate
    /// positions, days over three years.
    static func aleppoLike(count: Int, seed: UInt64) -> [ClusterPoint] {
        var random = ClusteringRandom(seed: seed)
        let origin = Coordinate(latitude: 36.2, longitude: 37.16)
        let centres = (0..<12).map { _ in
            Support.offset(origin, north: (random.unit() - 0.5) * 50_000, east: (random.unit() - 0.5) * 50_000)
        }
        var points: [ClusterPoint] = []
        for k in 0..<count {
            let day = 16_800 + Int(random.next() % 1_095)
            let roll = random.unit()
            let coordinate: Coordinate
            if roll < 0.08, let previous = points.randomElement(using: &random) {
                coordinate = previous.coordinate
            } else if roll < 0.7 {
                let centre = centres[Int(random.next() % UInt64(centres.count))]
                let sigma = 300 + 1_700 * Double(random.next() % 4) / 3
                coordinate = Support.offset(centre, north: random.gaussian() * sigma, east: random.gaussian() * sigma)
            } else {
                coordinate = Support.offset(origin, north: (random.unit() - 0.5) * 60_000, east: (random.unit() - 0.5) * 60_000)
            }
            points.append(ClusterPoint(id: Int64(1_000 + (k * 7_919) % count), coordinate: coordinate, day: day))
        }
        return points
    }

    /// Points over the whole globe, with crowds near both poles, the antimeridian and the
    /// equator.
    static func worldwide(count: Int, seed: UInt64) -> [ClusterPoint] {
        var random = ClusteringRandom(seed: seed)
        let centres = [
            Coordinate(latitude: 89.9, longitude: 0), Coordinate(latitude: -89.5, longitude: 120),
            Coordinate(latitude: 0, longitude: 179.9), Coordinate(latitude: -60, longitude: -179.95),
            Coordinate(latitude: 0, longitude: 0), Coordinate(latitude: 36, longitude: 38),
            Coordinate(latitude: 75, longitude: -100),
        ]
        var points: [ClusterPoint] = []
        for k in 0..<count {
            var latitude: Double
            var longitude: Double
            if random.unit() < 0.6 {
                let centre = centres[k % centres.count]
                let spreadDegrees = [0.05, 0.5, 3][Int(random.next() % 3)]
                latitude = centre.latitude + random.gaussian() * spreadDegrees
                longitude = centre.longitude + random.gaussian() * spreadDegrees / max(0.05, cos(centre.latitude * .pi / 180))
            } else {
                latitude = asin(2 * random.unit() - 1) * 180 / .pi
                longitude = random.unit() * 360 - 180
            }
            if latitude > 90 { latitude = 180 - latitude; longitude += 180 }
            if latitude < -90 { latitude = -180 - latitude; longitude += 180 }
            longitude = (longitude + 180).truncatingRemainder(dividingBy: 360)
            if longitude < 0 { longitude += 360 }
            longitude -= 180
            let day = Int(random.next() % 400)
            points.append(ClusterPoint(id: Int64(k), coordinate: Coordinate(latitude: latitude, longitude: longitude), day: day))
        }
        return points
    }

    private func compare(_ points: [ClusterPoint], distances: [Double], eps: Double, minPoints: Int, maxDays: Int?) throws {
        let parameters = try ClusteringParameters(epsMeters: eps, minPoints: minPoints, maxDays: maxDays)
        let grid = try DBSCAN.cluster(points, parameters: parameters)
        let reference = ClusteringReference.cluster(points, distances: distances, epsMeters: eps, minPoints: minPoints, maxDays: maxDays)
        let label = "eps \(eps) m, minPoints \(minPoints), maxDays \(maxDays.map(String.init) ?? "none")"
        let coreSet = Set(grid.isCore.indices.filter { grid.isCore[$0] })
        let referenceCoreSet = Set(reference.isCore.indices.filter { reference.isCore[$0] })
        #expect(coreSet == referenceCoreSet, "core sets differ: \(label)")
        #expect(Set(grid.noiseIndices) == Set(reference.labels.indices.filter { reference.labels[$0] == nil }), "noise differs: \(label)")
        #expect(
            Support.partition(grid.labels, where: { grid.isCore[$0] })
                == Support.partition(reference.labels, where: { reference.isCore[$0] }),
            "core partitions differ: \(label)"
        )
        // Same deterministic rules, so even border assignment and numbering agree.
        #expect(grid.labels == reference.labels, "labels differ: \(label)")
        // Cluster records agree with labels.
        for cluster in grid.clusters {
            #expect(cluster.memberIndices.allSatisfy { grid.labels[$0] == cluster.id })
            #expect(cluster.coreCount == cluster.memberIndices.filter { grid.isCore[$0] }.count)
        }
        #expect(grid.clusters.map(\.size).reduce(0, +) == points.count - grid.noiseIndices.count)
        #expect(!coreSet.isEmpty || minPoints > 1, "degenerate case: \(label)")
    }

    @Test func matchesBruteForceAroundAleppo() throws {
        let points = Self.aleppoLike(count: 2_500, seed: 2016)
        let distances = ClusteringReference.distanceMatrix(points)
        for (eps, minPoints) in [(250.0, 3), (500, 5), (1_000, 5), (1_000, 12), (2_000, 25), (300, 1), (40, 2)] {
            try compare(points, distances: distances, eps: eps, minPoints: minPoints, maxDays: nil)
        }
        for (eps, minPoints, days) in [(1_000.0, 4, 30), (700, 3, 0), (2_000, 6, 120)] {
            try compare(points, distances: distances, eps: eps, minPoints: minPoints, maxDays: days)
        }
    }

    @Test func matchesBruteForceWorldwideIncludingPolesAndAntimeridian() throws {
        let points = Self.worldwide(count: 1_500, seed: 1970)
        let distances = ClusteringReference.distanceMatrix(points)
        for (eps, minPoints) in [(5_000.0, 3), (50_000, 4), (300_000, 8), (2_500_000, 30), (19_500_000, 100)] {
            try compare(points, distances: distances, eps: eps, minPoints: minPoints, maxDays: nil)
        }
        try compare(points, distances: distances, eps: 100_000, minPoints: 3, maxDays: 20)
    }

    @Test func resultDoesNotDependOnInputOrder() throws {
        let points = Self.aleppoLike(count: 1_500, seed: 99)
        let parameters = try ClusteringParameters(epsMeters: 800, minPoints: 4)
        let result = try DBSCAN.cluster(points, parameters: parameters)
        var random = ClusteringRandom(seed: 3)
        let permutation = Array(points.indices).shuffled(using: &random)
        let shuffled = try DBSCAN.cluster(permutation.map { points[$0] }, parameters: parameters)
        for (position, original) in permutation.enumerated() {
            #expect(shuffled.labels[position] == result.labels[original])
            #expect(shuffled.isCore[position] == result.isCore[original])
        }
    }
}

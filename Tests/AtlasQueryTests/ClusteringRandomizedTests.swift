import AtlasGeo
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasQuery

/// The grid algorithm against the brute-force reference on seeded random data.
@Suite struct ClusteringRandomizedTests {
    typealias Support = ClusteringTestSupport

    /// Blobs of 0.3–2 km around points of a 60 km box at Aleppo, uniform noise, exact duplicate
    /// positions, days over three years.
    static func aleppoLike(count: Int, seed: UInt64) -> [ClusterPoint] {
        var random = SeededRandom(seed: seed)
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
        var random = SeededRandom(seed: seed)
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

    /// What one comparison saw, so a test can check that its data was not trivial.
    private struct Seen { var clusters = 0, noise = 0, borders = 0 }

    @discardableResult
    private func compare(_ points: [ClusterPoint], distances: [Double], eps: Double, minPoints: Int, maxDays: Int?) throws -> Seen {
        let parameters = try ClusteringParameters(epsMeters: eps, minPoints: minPoints, maxDays: maxDays)
        let grid = try DBSCAN.cluster(points, parameters: parameters)
        let reference = ClusteringReference.cluster(points, distances: distances, epsMeters: eps, minPoints: minPoints, maxDays: maxDays)
        let label = "eps \(eps) m, minPoints \(minPoints), maxDays \(maxDays.map(String.init) ?? "none")"
        let coreSet = Set(grid.isCore.indices.filter { grid.isCore[$0] })
        let referenceCoreSet = Set(reference.isCore.indices.filter { reference.isCore[$0] })
        let coreDifference = coreSet.symmetricDifference(referenceCoreSet).sorted()
        #expect(coreDifference.isEmpty, "core sets differ at \(coreDifference.count) points, e.g. \(coreDifference.prefix(5)): \(label)")
        let noise = Set(grid.noiseIndices)
        let referenceNoise = Set(reference.labels.indices.filter { reference.labels[$0] == nil })
        let noiseDifference = noise.symmetricDifference(referenceNoise).sorted()
        #expect(noiseDifference.isEmpty, "noise sets differ at \(noiseDifference.count) points, e.g. \(noiseDifference.prefix(5)): \(label)")
        let partition = Support.partition(grid.labels, where: { grid.isCore[$0] })
        let referencePartition = Support.partition(reference.labels, where: { reference.isCore[$0] })
        let samePartition = partition == referencePartition
        #expect(samePartition,
                "core partitions differ: \(partition.count) vs \(referencePartition.count) clusters: \(label)")
        // Same deterministic rules, so even border assignment and numbering agree.
        let labelDifference = grid.labels.indices.filter { grid.labels[$0] != reference.labels[$0] }
        #expect(labelDifference.isEmpty, "labels differ at \(labelDifference.count) points, e.g. \(labelDifference.prefix(5)): \(label)")
        // Cluster records agree with labels.
        for cluster in grid.clusters {
            #expect(cluster.memberIndices.allSatisfy { grid.labels[$0] == cluster.id })
            #expect(cluster.coreCount == cluster.memberIndices.filter { grid.isCore[$0] }.count)
        }
        #expect(grid.clusters.map(\.size).reduce(0, +) == points.count - grid.noiseIndices.count)
        let borders = grid.labels.indices.filter { grid.labels[$0] != nil && !grid.isCore[$0] }.count
        return Seen(clusters: grid.clusters.count, noise: noise.count, borders: borders)
    }

    @Test func matchesBruteForceAroundAleppo() throws {
        let points = Self.aleppoLike(count: 2_500, seed: 2016)
        let distances = ClusteringReference.distanceMatrix(points)
        for (eps, minPoints) in [(250.0, 3), (500, 5), (1_000, 5), (1_000, 12), (2_000, 25), (300, 1), (40, 2)] {
            let seen = try compare(points, distances: distances, eps: eps, minPoints: minPoints, maxDays: nil)
            // With minPoints 1 there is no noise; with 2 any point with a neighbour is core.
            if minPoints > 1 { #expect(seen.clusters > 1 && seen.noise > 0, "trivial case eps \(eps), minPoints \(minPoints)") }
            if minPoints > 2 { #expect(seen.borders > 0, "no border points: eps \(eps), minPoints \(minPoints)") }
        }
        var spaceTimeBorders = 0
        for (eps, minPoints, days) in [(1_000.0, 4, 30), (700, 3, 0), (2_000, 6, 120)] {
            let seen = try compare(points, distances: distances, eps: eps, minPoints: minPoints, maxDays: days)
            #expect(seen.clusters > 1 && seen.noise > 0, "trivial case eps \(eps), days \(days)")
            spaceTimeBorders += seen.borders
        }
        #expect(spaceTimeBorders > 0)
    }

    @Test func matchesBruteForceWorldwideIncludingPolesAndAntimeridian() throws {
        let points = Self.worldwide(count: 1_500, seed: 1970)
        let distances = ClusteringReference.distanceMatrix(points)
        var seen = Seen()
        for (eps, minPoints) in [(5_000.0, 3), (50_000, 4), (300_000, 8), (2_500_000, 30), (19_500_000, 100)] {
            let one = try compare(points, distances: distances, eps: eps, minPoints: minPoints, maxDays: nil)
            seen.clusters += one.clusters
            seen.noise += one.noise
            seen.borders += one.borders
        }
        #expect(seen.clusters > 5 && seen.noise > 0 && seen.borders > 0)
        try compare(points, distances: distances, eps: 100_000, minPoints: 3, maxDays: 20)
    }

    @Test func resultDoesNotDependOnInputOrder() throws {
        let points = Self.aleppoLike(count: 1_500, seed: 99)
        let parameters = try ClusteringParameters(epsMeters: 800, minPoints: 4)
        let result = try DBSCAN.cluster(points, parameters: parameters)
        var random = SeededRandom(seed: 3)
        let permutation = Array(points.indices).shuffled(using: &random)
        let shuffled = try DBSCAN.cluster(permutation.map { points[$0] }, parameters: parameters)
        for (position, original) in permutation.enumerated() {
            #expect(shuffled.labels[position] == result.labels[original])
            #expect(shuffled.isCore[position] == result.isCore[original])
        }
    }
}

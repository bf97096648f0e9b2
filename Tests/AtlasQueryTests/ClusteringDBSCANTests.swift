import AtlasGeo
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasQuery

@Suite struct ClusteringDBSCANTests {
    typealias Support = ClusteringTestSupport
    let aleppo = Coordinate(latitude: 36.2, longitude: 37.16)

    private func run(_ points: [ClusterPoint], eps: Double, minPoints: Int, maxDays: Int? = nil) throws -> ClusteringResult {
        try DBSCAN.cluster(points, parameters: ClusteringParameters(epsMeters: eps, minPoints: minPoints, maxDays: maxDays))
    }

    @Test func twoBlobsAndNoise() throws {
        var coordinates: [Coordinate] = []
        // Blob A: 10 points within ~60 m of Aleppo; blob B: 8 points 5 km east.
        for k in 0..<10 { coordinates.append(Support.offset(aleppo, north: Double(k % 3) * 20, east: Double(k / 3) * 20)) }
        for k in 0..<8 { coordinates.append(Support.offset(aleppo, north: Double(k % 2) * 30, east: 5_000 + Double(k / 2) * 30)) }
        // Noise: isolated points kilometres apart.
        coordinates.append(Support.offset(aleppo, north: 10_000, east: 0))
        coordinates.append(Support.offset(aleppo, north: -10_000, east: 3_000))
        coordinates.append(Support.offset(aleppo, north: 2_000, east: 2_500))
        let result = try run(Support.points(coordinates), eps: 300, minPoints: 4)
        #expect(result.clusters.count == 2)
        #expect(Array(result.labels[0..<10]) == Array(repeating: 1, count: 10))
        #expect(Array(result.labels[10..<18]) == Array(repeating: 2, count: 8))
        #expect(result.noiseIndices == [18, 19, 20])
        #expect(result.isCore[0..<18].allSatisfy { $0 })
        #expect(!result.isCore[18...].contains(true))
        #expect(result.clusters.map(\.size) == [10, 8])
        #expect(result.clusters.map(\.coreCount) == [10, 8])
        #expect(result.clusters[1].memberIndices == Array(10..<18))
    }

    @Test func chainLinksThroughCorePointsAcrossManyEps() throws {
        // 20 points 80 m apart along a line: 1.5 km end to end with eps 100 m.
        let coordinates = (0..<20).map { Support.offset(aleppo, north: 0, east: Double($0) * 80) }
        let result = try run(Support.points(coordinates), eps: 100, minPoints: 3)
        #expect(result.clusters.count == 1)
        #expect(result.labels.allSatisfy { $0 == 1 })
        // Interior points have both neighbours; the two ends only one: border points.
        #expect(result.isCore == [false] + Array(repeating: true, count: 18) + [false])
    }

    @Test func borderPointDoesNotLinkTwoGroupsAndJoinsTheNearerCore() throws {
        // Group A at 0, 30, 60, 90 m; group B at 270…360 m; X at 175 m is within eps of A's 90
        // (85 m) and B's 270 (95 m) but has only 3 neighbours: a border point.
        var coordinates = [0.0, 30, 60, 90, 270, 300, 330, 360].map { Support.offset(aleppo, north: 0, east: $0) }
        coordinates.append(Support.offset(aleppo, north: 0, east: 175))
        // Give B the lower ids, so that only distance can send X to A.
        let ids: [Int64] = [10, 11, 12, 13, 1, 2, 3, 4, 20]
        let points = zip(ids, coordinates).map { ClusterPoint(id: $0, coordinate: $1, day: 17_000) }
        let result = try run(points, eps: 100, minPoints: 4)
        #expect(result.clusters.count == 2)
        #expect(result.isCore == Array(repeating: true, count: 8) + [false])
        let clusterOfA = try #require(result.labels[3])
        let clusterOfB = try #require(result.labels[4])
        #expect(clusterOfA != clusterOfB)
        #expect(result.labels[8] == clusterOfA)
    }

    @Test func exactTieGoesToTheCoreWithTheLowerID() throws {
        // On the equator, ±0.001° of longitude are exactly the same haversine distance from 0.
        let left = [-0.001, -0.0015, -0.002, -0.0025, -0.003].map { Coordinate(latitude: 0, longitude: $0) }
        let right = [0.001, 0.0015, 0.002, 0.0025, 0.003].map { Coordinate(latitude: 0, longitude: $0) }
        let x = Coordinate(latitude: 0, longitude: 0)
        let dLeft = Haversine.distanceMeters(from: x, to: left[0])
        let dRight = Haversine.distanceMeters(from: x, to: right[0])
        #expect(dLeft == dRight)
        // Left ids 1…5, right ids 6…10, x id 11; eps 120 m (0.001° ≈ 111 m).
        let points = Support.points(left + right + [x])
        let result = try run(points, eps: 120, minPoints: 4)
        #expect(result.isCore[10] == false)
        #expect(result.labels[0] != result.labels[5])
        #expect(result.labels[10] == result.labels[0])
        // Reversing the ids sends it the other way.
        let reversed = points.map { ClusterPoint(id: 100 - $0.id, coordinate: $0.coordinate, day: $0.day) }
        let other = try run(reversed, eps: 120, minPoints: 4)
        #expect(other.labels[10] == other.labels[5])
    }

    @Test func minPointsOneMakesEveryPointCore() throws {
        let coordinates = [0.0, 50, 5_000, 20_000].map { Support.offset(aleppo, north: $0, east: 0) }
        let result = try run(Support.points(coordinates), eps: 100, minPoints: 1)
        #expect(result.isCore.allSatisfy { $0 })
        #expect(result.noiseIndices.isEmpty)
        #expect(result.labels == [1, 1, 2, 3])
    }

    @Test func pairExactlyEpsApartAreNeighboursButNotOneCentimetreCloser() throws {
        let a = aleppo
        let b = Support.offset(aleppo, north: 700, east: 400)
        let d = Haversine.distanceMeters(from: a, to: b)
        let points = Support.points([a, b])
        let atEps = try run(points, eps: d, minPoints: 2)
        #expect(atEps.isCore == [true, true])
        #expect(atEps.labels == [1, 1])
        let below = try run(points, eps: d - 0.01, minPoints: 2)
        #expect(below.isCore == [false, false])
        #expect(below.labels == [nil, nil])
    }

    @Test func samePlaceAYearApartSplitsWithMaxDays() throws {
        let place = (0..<6).map { Support.offset(aleppo, north: Double($0) * 10, east: 0) }
        // Later incidents first in the input: ids must still follow time.
        let later = place.enumerated().map { ClusterPoint(id: Int64($0.offset + 1), coordinate: $0.element, day: 17_365) }
        let earlier = place.enumerated().map { ClusterPoint(id: Int64($0.offset + 101), coordinate: $0.element, day: 17_000) }
        let points = later + earlier
        let spaceOnly = try run(points, eps: 200, minPoints: 5)
        #expect(spaceOnly.clusters.count == 1)
        let spaceTime = try run(points, eps: 200, minPoints: 5, maxDays: 30)
        #expect(spaceTime.clusters.count == 2)
        #expect(Array(spaceTime.labels[6..<12]) == Array(repeating: 1, count: 6))
        #expect(Array(spaceTime.labels[0..<6]) == Array(repeating: 2, count: 6))
        #expect(spaceTime.clusters.map(\.firstDay) == [17_000, 17_365])
        // maxDays is inclusive: 365 days apart with maxDays 365 is one cluster again.
        let inclusive = try run(points, eps: 200, minPoints: 5, maxDays: 365)
        #expect(inclusive.clusters.count == 1)
    }

    @Test func clusterIDsFollowFirstDayThenLowestIDWhateverTheInputOrder() throws {
        func group(east: Double, day: Int, firstID: Int64) -> [ClusterPoint] {
            (0..<4).map {
                ClusterPoint(id: firstID + Int64($0), coordinate: Support.offset(aleppo, north: Double($0) * 5, east: east), day: day + $0)
            }
        }
        // C starts earliest; A and B start the same day, B with the lower id.
        let a = group(east: 0, day: 17_010, firstID: 50)
        let b = group(east: 3_000, day: 17_010, firstID: 20)
        let c = group(east: 6_000, day: 17_001, firstID: 90)
        let points = a + b + c
        let result = try run(points, eps: 100, minPoints: 3)
        #expect(result.labels == Array(repeating: 3, count: 4) + Array(repeating: 2, count: 4) + Array(repeating: 1, count: 4))
        #expect(result.clusters.map(\.id) == [1, 2, 3])
        // Same ids per incident after shuffling the input.
        var generator = SeededRandom(seed: 7)
        let shuffled = points.shuffled(using: &generator)
        let again = try run(shuffled, eps: 100, minPoints: 3)
        var labelByID: [Int64: Int?] = [:]
        for (point, label) in zip(points, result.labels) { labelByID[point.id] = label }
        for (point, label) in zip(shuffled, again.labels) { #expect(labelByID[point.id] == label) }
    }

    @Test func clustersAcrossTheAntimeridianAndAroundThePole() throws {
        // Within 100 m of each other across 180°.
        let dateline = [179.9995, -179.9995, 179.9990, -179.9990].map { Coordinate(latitude: 10, longitude: $0) }
        // Around the north pole: four points 150 m from the pole, 90° of longitude apart.
        let pole = [-180.0, -90, 0, 90].map { Coordinate(latitude: 90 - 150 / Support.metersPerDegree, longitude: $0) }
        // Neighbouring pole points are 212 m apart, opposite ones 300 m: each has 3 neighbours.
        let result = try run(Support.points(dateline + pole), eps: 250, minPoints: 3)
        #expect(result.clusters.count == 2)
        #expect(Set(result.labels[0..<4]).count == 1)
        #expect(Set(result.labels[4..<8]).count == 1)
        #expect(result.noiseIndices.isEmpty)
    }

    @Test func emptyInputGivesEmptyResult() throws {
        let result = try run([], eps: 100, minPoints: 3)
        #expect(result.labels.isEmpty && result.isCore.isEmpty && result.clusters.isEmpty)
    }

    @Test func parametersAreValidatedWithClearMessages() {
        #expect(throws: ClusteringError.invalidEps(0)) { try ClusteringParameters(epsMeters: 0, minPoints: 3) }
        #expect(throws: ClusteringError.invalidEps(-5)) { try ClusteringParameters(epsMeters: -5, minPoints: 3) }
        #expect(throws: ClusteringError.invalidEps(.infinity)) { try ClusteringParameters(epsMeters: .infinity, minPoints: 3) }
        #expect(throws: ClusteringError.self) { try ClusteringParameters(epsMeters: .nan, minPoints: 3) }
        #expect(throws: ClusteringError.invalidMinPoints(0)) { try ClusteringParameters(epsMeters: 10, minPoints: 0) }
        #expect(throws: ClusteringError.negativeMaxDays(-1)) { try ClusteringParameters(epsMeters: 10, minPoints: 3, maxDays: -1) }
        #expect(ClusteringError.invalidEps(0).description.contains("greater than 0"))
        #expect(ClusteringError.invalidMinPoints(0).description.contains("at least 1"))
        #expect(ClusteringError.negativeMaxDays(-1).description.contains("0 or more"))
    }

    @Test func rejectsInvalidCoordinates() throws {
        let parameters = try ClusteringParameters(epsMeters: 100, minPoints: 2)
        let bad = ClusterPoint(id: 42, coordinate: Coordinate(latitude: 91, longitude: 0), day: 0)
        let good = ClusterPoint(id: 1, coordinate: aleppo, day: 0)
        #expect(throws: ClusteringError.invalidCoordinate(index: 1, id: 42, coordinate: bad.coordinate)) {
            try DBSCAN.cluster([good, bad], parameters: parameters)
        }
        let notANumber = ClusterPoint(id: 7, coordinate: Coordinate(latitude: 36, longitude: .nan), day: 0)
        #expect(throws: ClusteringError.self) { try DBSCAN.cluster([notANumber], parameters: parameters) }
    }
}

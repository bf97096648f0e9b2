import AtlasGeo
import AtlasModel
import AtlasStore
import Foundation
import Testing
@testable import AtlasQuery

@Suite struct IncidentClusteringTests {
    /// Four shelling incidents 300 m apart around Sheikh Maqsood on two days, one at Khmeimim.
    static let incidents: [Incident] = {
        let base = Coordinate(latitude: 36.23611, longitude: 37.15167)
        func at(_ id: Int64, _ north: Double, _ east: Double, _ date: String, fatalities: Int = 0) -> Incident {
            Incident(id: id, sourceKey: "t\(id)", eventDate: date, eventType: "Explosions/Remote violence",
                     subEventType: "Shelling/artillery/missile attack", actor1: "Jabhat al-Nusra",
                     location: "Sheikh Maqsood",
                     coordinate: Coordinate(latitude: base.latitude + north / 111_000,
                                            longitude: base.longitude + east / 89_500),
                     fatalities: fatalities)
        }
        var khmeimim = at(5, 0, 0, "2016-05-22")
        khmeimim.coordinate = Coordinate(latitude: 35.41167, longitude: 35.945)
        khmeimim.location = "Khmeimim"
        return [at(1, 0, 0, "2016-05-22", fatalities: 2), at(2, 300, 0, "2016-05-22"), at(3, 0, 300, "2016-05-23"),
                at(4, -300, 0, "2017-05-22", fatalities: 1), khmeimim]
    }()

    @Test func groupsTheSheikhMaqsoodBarrageAndLeavesKhmeimimAsNoise() throws {
        let parameters = try ClusteringParameters(epsMeters: 1000, minPoints: 3)
        let outcome = try IncidentClustering.cluster(Self.incidents, parameters: parameters)
        #expect(outcome.summaries.count == 1)
        #expect(outcome.summaries[0].memberIDs == [1, 2, 3, 4])
        #expect(outcome.result.labels == [1, 1, 1, 1, nil])
        #expect(outcome.summaries[0].attributes?.fatalities == 3)
        #expect(outcome.summaries[0].attributes?.firstEventDate == "2016-05-22")
        #expect(outcome.summaries[0].attributes?.lastEventDate == "2017-05-22")
    }

    @Test func thirtyDaysApartSplitsOffTheIncidentAYearLater() throws {
        let parameters = try ClusteringParameters(epsMeters: 1000, minPoints: 3, maxDays: 30)
        let outcome = try IncidentClustering.cluster(Self.incidents, parameters: parameters)
        #expect(outcome.summaries.map(\.memberIDs) == [[1, 2, 3]])
        #expect(outcome.result.labels[3] == nil)
    }

    @Test func geoJSONHasOneFeaturePerClusterWithACounterClockwiseHull() throws {
        let parameters = try ClusteringParameters(epsMeters: 1000, minPoints: 3)
        let outcome = try IncidentClustering.cluster(Self.incidents, parameters: parameters)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clusters-\(UUID()).geojson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try ByteSink.file(path)
        try ClusterSummaryWriter().write(outcome.summaries, format: .geojson, to: sink)
        try sink.flush()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let collection = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(features.count == 1)
        let geometry = try #require(features[0]["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Polygon")
        let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
        #expect(ring.first == ring.last)
        var twiceArea = 0.0
        for index in 0..<(ring.count - 1) {
            twiceArea += ring[index][0] * ring[index + 1][1] - ring[index + 1][0] * ring[index][1]
        }
        #expect(twiceArea > 0)  // counter-clockwise in lon/lat
        #expect(ring.allSatisfy { $0[0] > 37 && $0[1] > 36 })  // lon first, then lat
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(properties["size"] as? Int == 4)
    }
}

import AtlasGeo
import Foundation
import Testing
@testable import AtlasQuery

@Suite struct ClusteringSummaryTests {
    typealias Support = ClusteringTestSupport
    let aleppo = Coordinate(latitude: 36.2, longitude: 37.16)

    @Test func summarisesPlaceSizeTimeAndHull() throws {
        // A square of four corners 200 m apart plus its centre, and one far noise point.
        let corners = [(-100.0, -100.0), (-100, 100), (100, 100), (100, -100)].map { Support.offset(aleppo, north: $0.0, east: $0.1) }
        let coordinates = corners + [aleppo, Support.offset(aleppo, north: 20_000, east: 0)]
        let points = coordinates.enumerated().map {
            ClusterPoint(id: Int64(10 - $0.offset), coordinate: $0.element, day: 17_000 + $0.offset)
        }
        let result = try DBSCAN.cluster(points, parameters: ClusteringParameters(epsMeters: 300, minPoints: 3))
        let summaries = try ClusterSummaryBuilder.summaries(points: points, result: result)
        #expect(summaries.count == 1)
        let summary = try #require(summaries.first)
        #expect(summary.id == 1)
        #expect(summary.size == 5)
        #expect(summary.coreCount == 5)
        #expect(summary.firstDay == 17_000 && summary.lastDay == 17_004)
        #expect(summary.memberIDs == [6, 7, 8, 9, 10])
        #expect(Haversine.distanceMeters(from: summary.centroid, to: aleppo) < 1)
        // The corners are ~141 m from the centre.
        #expect(abs(summary.radiusMeters - 141.4) < 1)
        guard case let .polygon(ring) = summary.hull else {
            Issue.record("expected a polygon hull, got \(summary.hull)")
            return
        }
        #expect(Set(ring) == Set(corners))
        #expect(ring.count == 5)
        #expect(summary.attributes == nil)
    }

    @Test func sphericalMeanIsRightAcrossTheAntimeridian() {
        let mean = ClusterSummaryBuilder.sphericalMean([
            Coordinate(latitude: 10, longitude: 179.9), Coordinate(latitude: 10, longitude: -179.9),
        ])
        #expect(abs(abs(mean.longitude) - 180) < 1e-9)
        #expect(abs(mean.latitude - 10) < 1e-3)
    }

    @Test func attributesGiveFatalitiesTopValuesAndActors() throws {
        let coordinates = (0..<6).map { Support.offset(aleppo, north: Double($0) * 10, east: 0) }
        let points = Support.points(coordinates)
        let attributes = [
            ClusterMemberAttributes(eventDate: "2016-08-03", fatalities: 2, location: "Salaheddine", eventType: "Explosions/Remote violence", actors: ["Military Forces of Syria", "Opposition"]),
            ClusterMemberAttributes(eventDate: "2016-08-01", fatalities: 0, location: "Bustan al-Qasr", eventType: "Explosions/Remote violence", actors: ["Military Forces of Syria"]),
            ClusterMemberAttributes(eventDate: "2016-08-05", fatalities: 5, location: "Salaheddine", eventType: "Battles", actors: ["Opposition", "Opposition"]),
            ClusterMemberAttributes(eventDate: "2016-08-02", fatalities: 1, location: "Ansari", eventType: "Battles", actors: ["Military Forces of Russia"]),
            ClusterMemberAttributes(eventDate: "2016-08-04", fatalities: 0, location: "Ansari", eventType: "Violence against civilians", actors: []),
            ClusterMemberAttributes(eventDate: "2016-08-09", fatalities: 3, location: nil, eventType: nil, actors: [""]),
        ]
        let result = try DBSCAN.cluster(points, parameters: ClusteringParameters(epsMeters: 100, minPoints: 2))
        let summary = try #require(ClusterSummaryBuilder.summaries(points: points, result: result, attributes: attributes).first)
        let details = try #require(summary.attributes)
        #expect(details.fatalities == 11)
        #expect(details.firstEventDate == "2016-08-01")
        #expect(details.lastEventDate == "2016-08-09")
        // Ansari and Salaheddine twice each (alphabetical), then Bustan al-Qasr.
        #expect(details.topLocations == [
            RankedValue(value: "Ansari", count: 2), RankedValue(value: "Salaheddine", count: 2),
            RankedValue(value: "Bustan al-Qasr", count: 1),
        ])
        #expect(details.topEventTypes.map(\.value) == ["Battles", "Explosions/Remote violence", "Violence against civilians"])
        // An actor named twice in one incident counts once for it.
        #expect(details.actors == [
            RankedValue(value: "Military Forces of Syria", count: 2), RankedValue(value: "Opposition", count: 2),
            RankedValue(value: "Military Forces of Russia", count: 1),
        ])
    }

    @Test func rejectsMisalignedInputs() throws {
        let points = Support.points([aleppo, aleppo])
        let result = try DBSCAN.cluster(points, parameters: ClusteringParameters(epsMeters: 10, minPoints: 2))
        #expect(throws: ClusteringError.attributeCountMismatch(points: 2, attributes: 1)) {
            try ClusterSummaryBuilder.summaries(points: points, result: result, attributes: [ClusterMemberAttributes(eventDate: "2016-01-01", fatalities: 0)])
        }
        #expect(throws: ClusteringError.resultDoesNotMatchPoints(points: 1, labels: 2)) {
            try ClusterSummaryBuilder.summaries(points: [points[0]], result: result)
        }
    }

    @Test func fatalitiesSaturateInsteadOfOverflowing() {
        let summary = ClusterSummaryBuilder.summarise([
            ClusterMemberAttributes(eventDate: "2016-01-01", fatalities: Int.max),
            ClusterMemberAttributes(eventDate: "2016-01-02", fatalities: 5),
        ])
        #expect(summary.fatalities == Int.max)
    }
}

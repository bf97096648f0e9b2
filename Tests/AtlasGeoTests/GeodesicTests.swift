import Testing
@testable import AtlasGeo

/// Reference values from GeographicLib 2.x (`Geodesic.WGS84.Inverse` / `Direct` in Python),
/// computed independently of PROJ.
@Suite struct GeodesicTests {
    @Test(arguments: [
        (36.20124, 37.16117, 35.53125, 35.79088, 144_367.29407188026),   // Aleppo – Latakia
        (36.20124, 37.16117, 33.5102, 36.29128, 308_950.7696810553),     // Aleppo – Damascus
        (36.2, 37.16, 36.2 + 1 / 111_000.0, 37.16, 0.9996640772135769),  // about one metre
        (89.9, 0, 89.9, 180, 22_338.795682520195),                       // across the pole
        (-16.5, 179.9, -16.5, -179.9, 21_352.8301008166),                // across the antimeridian
        (0.5, 0, -0.5, 179.7, 19_995_624.889961265),                     // nearly antipodal
        (0, 0, 0, 1, 111_319.49079327357),                               // one degree of equator
    ])
    func distanceMatchesGeographicLib(lat1: Double, lon1: Double, lat2: Double, lon2: Double, expected: Double) {
        let distance = Geodesic.wgs84.distanceMeters(
            from: Coordinate(latitude: lat1, longitude: lon1), to: Coordinate(latitude: lat2, longitude: lon2))
        #expect(abs(distance - expected) < 1e-6, "got \(distance), expected \(expected)")
    }

    @Test func destinationMatchesGeographicLib() {
        let point = Geodesic.wgs84.destination(
            from: Coordinate(latitude: 36.20124, longitude: 37.16117), azimuthDegrees: 45, distanceMeters: 15_000)
        #expect(abs(point.latitude - 36.29676807689564) < 1e-11)
        #expect(abs(point.longitude - 37.27925114778177) < 1e-11)
    }

    @Test func aPointAtExactlyTheRadiusIsInsideAndOneCentimetreFurtherIsNot() {
        let aleppo = Coordinate(latitude: 36.20124, longitude: 37.16117)
        let test = RadiusTest(center: aleppo, radiusMeters: 15_000)
        for azimuth in stride(from: 0.0, to: 360, by: 22.5) {
            let onCircle = Geodesic.wgs84.destination(from: aleppo, azimuthDegrees: azimuth, distanceMeters: 14_999.999_999)
            let outside = Geodesic.wgs84.destination(from: aleppo, azimuthDegrees: azimuth, distanceMeters: 15_000.01)
            #expect(test.distanceIfWithin(onCircle) != nil)
            #expect(test.distanceIfWithin(outside) == nil)
        }
    }

    @Test(arguments: [0.0, 36, 80, 89.9])
    func boxAroundARadiusContainsTheWholeCircle(latitude: Double) {
        let center = Coordinate(latitude: latitude, longitude: 179.95)
        for radius in [1.0, 1_000, 15_000, 50_000, 500_000] {
            let box = BoundingBox.around(center, radiusMeters: radius)
            for azimuth in stride(from: 0.0, to: 360, by: 11.25) {
                let edge = Geodesic.wgs84.destination(from: center, azimuthDegrees: azimuth, distanceMeters: radius)
                #expect(box.contains(edge), "lat \(latitude) r \(radius) az \(azimuth) outside \(box)")
            }
        }
    }

    @Test func boxCrossesTheAntimeridianWhenTheCircleDoes() {
        let box = BoundingBox.around(Coordinate(latitude: -16.5, longitude: 179.99), radiusMeters: 10_000)
        #expect(box.crossesAntimeridian)
    }
}

@Suite struct VincentyTests {
    @Test func agreesWithKarneyToTenMicrometresUpTo500Kilometres() {
        var state: UInt64 = 99
        func unit() -> Double { state = state &* 6_364_136_223_846_793_005 &+ 1; return Double(state >> 11) / Double(1 << 53) }
        for _ in 0..<20_000 {
            let start = Coordinate(latitude: (unit() - 0.5) * 170, longitude: (unit() - 0.5) * 360)
            let end = Geodesic.wgs84.destination(from: start, azimuthDegrees: unit() * 360, distanceMeters: unit() * 500_000)
            let karney = Geodesic.wgs84.distanceMeters(from: start, to: end)
            let vincenty = Vincenty.distanceMeters(from: start, to: end)
            #expect(vincenty != nil)
            #expect(abs((vincenty ?? 0) - karney) < 1e-5, "\(start) → \(end): \(vincenty ?? -1) vs \(karney)")
        }
    }

    @Test func givesUpOnNearlyAntipodalPointsWhereKarneyTakesOver() {
        let start = Coordinate(latitude: 0.5, longitude: 0), end = Coordinate(latitude: -0.5, longitude: 179.7)
        #expect(Vincenty.distanceMeters(from: start, to: end) == nil)
        #expect(abs(RadiusTest(center: start, radiusMeters: 20_000_000).distanceIfWithin(end)! - 19_995_624.889961265) < 1e-6)
    }
}

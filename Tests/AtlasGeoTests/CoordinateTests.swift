import Testing
@testable import AtlasGeo

@Suite struct CoordinateTests {
    @Test func acceptsTheCornersOfTheValidRange() throws {
        let corner = try Coordinate(validatingLatitude: -90, longitude: 180)
        #expect(corner.latitude == -90)
        #expect(corner.longitude == 180)
    }

    @Test func rejectsLatitudeNinetyFivePointFive() {
        #expect(throws: CoordinateError.outOfRange(axis: .latitude, value: 95.5)) {
            try Coordinate(validatingLatitude: 95.5, longitude: 37)
        }
    }

    @Test func rejectsNaNLongitude() {
        #expect(throws: CoordinateError.self) {
            try Coordinate(validatingLatitude: 36, longitude: .nan)
        }
    }

    @Test func describesItselfLatitudeFirstWithoutTrailingZeros() {
        #expect(Coordinate(latitude: 36.2, longitude: 37.16117).description == "36.2,37.16117")
    }

    @Test func antimeridianBoxCoversBothSides() {
        let box = BoundingBox(west: 170, south: -10, east: -170, north: 10)
        #expect(box.contains(Coordinate(latitude: 0, longitude: 179.5)))
        #expect(box.contains(Coordinate(latitude: 0, longitude: -175)))
        #expect(!box.contains(Coordinate(latitude: 0, longitude: 0)))
        #expect(box.splitAtAntimeridian.count == 2)
    }
}

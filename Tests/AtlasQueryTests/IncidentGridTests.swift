import AtlasGeo
import AtlasModel
import AtlasQuery
import AtlasTestSupport
import Testing

/// `IncidentGrid` against a brute-force oracle: random points (both hemispheres, both sides of
/// the prime meridian, points exactly on cell edges) and cell sizes.
struct IncidentGridTests {
    @Test(arguments: [1, 2, 3, 4])
    func cellsHoldExactlyTheirPointsWithTheirMean(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let size = [0.01, 0.1, 0.25, 1.0, 7.5][Int(random.next() % 5)]
        var matches: [IncidentMatch] = []
        for id in 0..<2000 {
            var latitude = -80 + 160 * random.unit(), longitude = -179.9 + 359.8 * random.unit()
            if id % 10 == 0 { latitude = (latitude / size).rounded(.down) * size; longitude = (longitude / size).rounded(.down) * size }
            matches.append(IncidentMatch(id: Int64(id), coordinate: Coordinate(latitude: latitude, longitude: longitude)))
        }
        let grid = try #require(IncidentGrid(matches, cellDegrees: size))
        #expect(grid.total == matches.count)
        for cell in grid.cells {
            let west = Double(cell.column) * size, south = Double(cell.row) * size
            let inside = matches.filter {
                $0.coordinate.longitude >= west && $0.coordinate.longitude < west + size
                    && $0.coordinate.latitude >= south && $0.coordinate.latitude < south + size
            }
            #expect(inside.count == cell.count, "cell \(cell.column),\(cell.row)")
            let meanLatitude = inside.map(\.coordinate.latitude).reduce(0, +) / Double(inside.count)
            let meanLongitude = inside.map(\.coordinate.longitude).reduce(0, +) / Double(inside.count)
            #expect(abs(meanLatitude - cell.mean.latitude) < 1e-9 && abs(meanLongitude - cell.mean.longitude) < 1e-9)
        }
        #expect(grid.cells.map { [$0.row, $0.column] }.elementsEqual(grid.cells.map { [$0.row, $0.column] }.sorted { $0.lexicographicallyPrecedes($1) }))
    }

    @Test(arguments: [0, -1, Double.nan, Double.infinity])
    func aCellThatIsNotAPositiveSizeGivesNoGrid(size: Double) {
        #expect(IncidentGrid([IncidentMatch(id: 1, coordinate: Coordinate(latitude: 1, longitude: 1))], cellDegrees: size) == nil)
    }
}

import AtlasGeo
import AtlasModel
import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// `regions load` stores each area as the file is read, in one transaction: bad features are
/// reported and skipped, and a file that breaks part-way leaves the regions as they were.
@Suite struct RegionLoadTests {
    private func feature(_ name: String?, west: Double, side: Double = 1) -> String {
        let ring = [(west, 30.0), (west + side, 30.0), (west + side, 30.0 + side), (west, 30.0 + side), (west, 30.0)]
        let properties = name.map { "{\"name\": \"\($0)\"}" } ?? "{}"
        return "{\"type\": \"Feature\", \"properties\": \(properties), \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [["
            + ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ",") + "]]}}"
    }

    private static let bowTie = """
        {"type": "Feature", "properties": {"name": "bow tie"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}}
        """

    @Test func badFeaturesAreSkippedInOrderAndALaterSameNameReplaces() throws {
        let test = try TestDatabase()
        let text = "{\"type\": \"FeatureCollection\", \"features\": ["
            + [feature("a", west: 10), feature(nil, west: 12), Self.bowTie, feature("b", west: 14), feature("a", west: 20, side: 2)].joined(separator: ",\n") + "]}"
        let file = try TemporaryFile(contents: text, suffix: ".geojson")
        let store = RegionStore(database: test.database)
        let report = try store.load(file.path, nameProperty: "name")
        #expect(report.loaded == 3)
        #expect(report.issues.map(\.line) == [2, 3])
        #expect(report.issues.first?.message == "feature 2: no 'name' property")
        #expect(report.issues.last?.message.hasPrefix("feature 3: ") == true)
        #expect(try store.regionNames() == ["a", "b"])
        let a = try #require(try store.region(named: "a"))
        #expect(a.shape.covers(Coordinate(latitude: 31.5, longitude: 21.5)))
        #expect(!a.shape.covers(Coordinate(latitude: 30.5, longitude: 10.5)))
    }

    /// A failure after areas are stored (here a trigger refusing one name, as a full disk or a
    /// geometry SpatiaLite refuses would) rolls the whole file back.
    @Test func aFailureAfterStoredAreasLoadsNothing() throws {
        let test = try TestDatabase()
        let store = RegionStore(database: test.database)
        let first = try TemporaryFile(contents: "{\"type\": \"FeatureCollection\", \"features\": [\(feature("kept", west: 1))]}", suffix: ".geojson")
        #expect(try store.load(first.path, nameProperty: "name").loaded == 1)
        try test.database.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_boom BEFORE INSERT ON region WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        // "x" is stored and "kept" replaced before "boom" fails.
        let failing = try TemporaryFile(contents: "{\"type\": \"FeatureCollection\", \"features\": ["
            + [feature("x", west: 3), feature("kept", west: 5), feature("boom", west: 7)].joined(separator: ",") + "]}", suffix: ".geojson")
        #expect(throws: (any Error).self) { try store.load(failing.path, nameProperty: "name") }
        #expect(try store.regionNames() == ["kept"])
        let kept = try #require(try store.region(named: "kept"))
        #expect(kept.shape.covers(Coordinate(latitude: 30.5, longitude: 1.5)))
        #expect(!kept.shape.covers(Coordinate(latitude: 30.5, longitude: 5.5)))
    }
}

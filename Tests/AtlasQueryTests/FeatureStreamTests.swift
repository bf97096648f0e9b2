import AtlasGeo
import AtlasModel
import Foundation
import Testing
@testable import AtlasQuery

/// The one feature encoder: its collections and lines parse as JSON with the members given,
/// and its escaping is the project's one JSON escaper.
@Suite struct FeatureStreamTests {
    private func written(_ framing: FeatureStream.Framing, members: [(name: String, json: String)] = [],
                         _ features: [(Int64?, String)]) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let stream = FeatureStream(framing: framing, sink: try ByteSink.file(path))
            try stream.begin()
            for (id, name) in features {
                try stream.write { buffer in
                    var feature = FeatureJSON(digits: 6)
                    feature.begin(id: id, into: &buffer)
                    feature.point(Coordinate(latitude: 36.2, longitude: -0.000001), into: &buffer)
                    feature.property("name", name, into: &buffer)
                    feature.property("n", 3, into: &buffer)
                    feature.property("none", nil as String?, into: &buffer)
                    feature.end(into: &buffer)
                }
            }
            try stream.end(members: members)
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func aCollectionCarriesItsExtraMembersAfterTheFeatures() throws {
        let data = try written(.collection, members: [("numberMatched", "12"), ("links", "[{\"rel\":\"next\",\"href\":\"/x?after=3\"}]")],
                               [(1, "Tal \"Rifaat\"\n"), (nil, "\u{2028}")])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "FeatureCollection")
        #expect((object["numberMatched"] as? NSNumber)?.intValue == 12)
        #expect(((object["links"] as? [[String: Any]])?.first?["rel"]) as? String == "next")
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(features.count == 2)
        #expect((features[0]["properties"] as? [String: Any])?["name"] as? String == "Tal \"Rifaat\"\n")
        #expect(features[1]["id"] == nil)
        #expect((features[0]["properties"] as? [String: Any])?["none"] is NSNull)
        let coordinates = (features[0]["geometry"] as? [String: Any])?["coordinates"] as? [Double]
        #expect(coordinates == [-0.000001, 36.2])
    }

    @Test func anEmptyCollectionAndLinesAreValid() throws {
        let empty = try JSONSerialization.jsonObject(with: try written(.collection, [])) as? [String: Any]
        #expect((empty?["features"] as? [Any])?.isEmpty == true)
        let lines = String(decoding: try written(.lines, [(7, "a"), (8, "b")]), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["type"] as? String == "Feature") }
    }
}

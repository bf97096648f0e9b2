import AtlasGeo
import AtlasModel
import AtlasQuery
import AtlasTestSupport
import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// GeoJSON encoded from a row's borrowed bytes (`forEachFeatureFields` + `encodeFeature`, the
/// server's page path) against the whole-incident path (`forEachIncident` + `encodeRecord`):
/// the same bytes for every incident, dense and sparse selections, with and without distances,
/// including text that needs escapes, non-ASCII text and invalid UTF-8 written by raw SQL;
/// into an array and into the server's `OutputBytes`.
@Suite struct FeatureFieldsOracleTests {
    private static let awkward = [
        "", "plain", "quote \" and backslash \\", "tab\tnew\nline\r", "bell \u{07} nul-free \u{1F}", "line\u{2028}para\u{2029}",
        "حلب الشهباء", "Ḥalab ⓐ 🚀", "ends with é", String(repeating: "x", count: 300) + "\"",
    ]

    private func incidents(_ count: Int, random: inout SeededRandom) -> [Incident] {
        (0..<count).map { index in
            func text() -> String { Self.awkward[Int(random.unit() * Double(Self.awkward.count))] }
            var incident = Incident(sourceKey: "k\(index)" + text(), eventDate: "2016-05-\(10 + index % 20)", eventType: "Battles",
                                    coordinate: Coordinate(latitude: 36 + random.unit(), longitude: 37 + random.unit()))
            incident.subEventType = text(); incident.actor1 = text(); incident.actor2 = text(); incident.location = text()
            incident.admin1 = text(); incident.admin2 = text(); incident.source = text(); incident.notes = text()
            incident.fatalities = Int(random.unit() * 50)
            incident.timePrecision = 1 + Int(random.unit() * 3)
            incident.geoPrecision = GeoPrecision.acled(1 + Int(random.unit() * 3)) ?? incident.geoPrecision
            return incident
        }
    }

    private func viaIncidents(_ reader: IncidentReader, _ ids: [Int64], _ writer: IncidentWriter, distance: Double?) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try reader.forEachIncident(sortedIDs: ids, withAttributes: false) { writer.encodeRecord($0, distanceMeters: distance, into: &bytes) }
        return bytes
    }

    /// The fields' features, encoded into an array and into an `OutputBytes` (the server's page
    /// buffer, started tiny so it grows many times), which must agree.
    private func viaFields(_ reader: IncidentReader, _ ids: [Int64], _ writer: IncidentWriter, distance: Double?) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var output = OutputBytes(capacity: 1)
        let lent = try reader.forEachFeatureFields(sortedIDs: ids) { fields in
            writer.encodeFeature(fields, distanceMeters: distance, into: &bytes)
            writer.encodeFeature(fields, distanceMeters: distance, into: &output)
        }
        #expect(lent)
        #expect(Array(output.bytes) == bytes)
        return bytes
    }

    @Test func fieldsEncodeLikeWholeIncidents() throws {
        let test = try TestDatabase()
        var random = SeededRandom(seed: 77)
        let ids = try IncidentStore(database: test.database).insert(incidents(400, random: &random))
        // Invalid UTF-8 that only raw SQL can store (the text columns are NOT NULL): both paths
        // must repair it alike.
        try test.database.write { db in
            try db.execute(sql: "UPDATE incident SET notes = CAST(X'61FF62C3' AS TEXT), actor1 = CAST(X'E282' AS TEXT) WHERE id = ?", arguments: [ids[3]])
        }
        let stored = Set(ids)
        let reader = IncidentReader(database: test.database)
        let plain = IncidentWriter(format: .geojson, sink: .standardOutput())
        let withDistance = IncidentWriter(format: .geojson, sink: .standardOutput(), withDistance: true)
        for trial in 0..<40 {
            // Dense (most ids of a range) and sparse (a few of many) selections, always sorted.
            let share = trial % 2 == 0 ? 0.8 : 0.02
            let chosen = ids.filter { _ in random.unit() < share } + (trial == 0 ? [ids[3], 999_999] : [])
            let selection = Array(Set(chosen)).sorted()
            let distance = trial % 3 == 0 ? random.unit() * 10_000 : nil
            let writer = distance == nil ? plain : withDistance
            let expected = try viaIncidents(reader, selection, writer, distance: distance)
            let encoded = try viaFields(reader, selection, writer, distance: distance)
            #expect(encoded == expected, "trial \(trial), \(selection.count) ids")
            // One feature per stored id of the selection, in id order (both paths share the row walk).
            let features = String(decoding: encoded, as: UTF8.self).components(separatedBy: "{\"type\":\"Feature\",\"id\":").dropFirst()
            #expect(features.compactMap { Int64($0.prefix { $0.isNumber }) } == selection.filter(stored.contains), "trial \(trial)")
        }
        // The repaired row is valid JSON.
        let repaired = try viaFields(reader, [ids[3]], plain, distance: nil)
        let object = try JSONSerialization.jsonObject(with: Data(repaired)) as? [String: Any]
        let properties = object?["properties"] as? [String: Any]
        #expect(properties?["notes"] as? String == "a\u{FFFD}b\u{FFFD}")
    }
}

import AtlasGeo
import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// The bundled gazetteer in a SpatiaLite store and copied into a PostGIS database (as
/// `atlas init --db URL` does): every search, suggestion, place and governorate must come out the
/// same, the SpatiaLite answer being the oracle. Queries are stored spellings drawn at random,
/// with typos, case changes, descriptors ("… airport") and governorate context.
@Suite(.enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"), .serialized)
struct GazetteerCrossCheckTests {
    /// Both stores with the bundled gazetteer; the temporary file is removed by the caller.
    private func stores() throws -> (path: String, spatiaLite: SpatiaLiteBackend, postGIS: PostGISBackend, names: [String]) {
        let postGIS = try PostGISBackend(url: try TestPostgres.freshDatabase("atlas_gazetteer_test"), mode: .create)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-gazetteer-\(UUID()).sqlite").path
        let database = try SpatialDatabase(path: path, mode: .createIfMissing)
        let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("geodata")
        _ = try BundledGeodata(directory: geodata).load(into: database)
        let places = try GazetteerSnapshot.places(in: database)
        _ = try postGIS.loadGazetteer(admin1: try GazetteerSnapshot.admin1Records(in: database), places: places, context: "test")
        return (path, SpatiaLiteBackend(database: database), postGIS, places.flatMap { $0.spellings.map(\.name) })
    }

    /// `name` changed the way users mistype: a letter dropped, doubled or swapped, another case,
    /// a descriptor added, or left as it is.
    private func variant(of name: String, _ random: inout SeededRandom) -> String {
        var letters = Array(name)
        guard letters.count > 3 else { return name }
        let at = Int(random.next() % UInt64(letters.count - 1))
        switch random.next() % 7 {
        case 0: letters.remove(at: at)
        case 1: letters.insert(letters[at], at: at)
        case 2: letters.swapAt(at, at + 1)
        case 3: return name.uppercased()
        case 4: return name + [" airport", " camp", " village", " district"][Int(random.next() % 4)]
        case 5: letters[at] = "e"
        default: return name
        }
        return String(letters)
    }

    @Test func searchesAnswerAsTheSpatiaLiteGazetteer() throws {
        let (path, spatiaLite, postGIS, names) = try stores()
        defer { for suffix in ["", "-wal", "-shm", ".points", ".names"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        #expect(try postGIS.gazetteer.admin1Records() == spatiaLite.gazetteer.admin1Records())
        let governorates = try spatiaLite.gazetteer.admin1Records().flatMap { [$0.name, $0.code, $0.pcode ?? $0.name] + $0.alternateNames }
        for name in governorates + ["Aleppo Governorate", "Rif Dimashq", "nowhere"] {
            #expect(try postGIS.gazetteer.admin1Keys(for: name)?.keys == spatiaLite.gazetteer.admin1Keys(for: name)?.keys, "\(name)")
        }
        var random = SeededRandom(seed: 24)
        var compared = 0
        for _ in 0..<400 {
            let query = variant(of: names[Int(random.next() % UInt64(names.count))], &random)
            let context = random.next() % 4 == 0 ? governorates[Int(random.next() % UInt64(governorates.count))] : nil
            let expected = Result { try spatiaLite.gazetteer.find(query, in: context, limit: 8) }
            let got = Result { try postGIS.gazetteer.find(query, in: context, limit: 8) }
            switch (expected, got) {
            case let (.success(a), .success(b)): #expect(a == b, "find '\(query)' in \(context ?? "-")")
            case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)", "find '\(query)'")
            default: Issue.record("find '\(query)': SpatiaLite \(expected), PostGIS \(got)")
            }
            #expect(try postGIS.gazetteer.suggestions(for: query, limit: 3) == spatiaLite.gazetteer.suggestions(for: query, limit: 3),
                    "suggestions for '\(query)'")
            if case let .success(matches) = expected, let first = matches.first {
                #expect(try postGIS.gazetteer.place(id: first.place.id) == spatiaLite.gazetteer.place(id: first.place.id))
            }
            compared += 1
        }
        #expect(compared == 400)
    }

    /// Pages of the places collection on both backends equal a brute-force scan of every place:
    /// boxes around random places (a fifth of them across the antimeridian, the rest plain),
    /// random offsets and limits, and a box that is one place's point (edges count as inside).
    @Test func placePagesAnswerAsABruteForceScan() throws {
        let (path, spatiaLite, postGIS, _) = try stores()
        defer { for suffix in ["", "-wal", "-shm", ".points", ".names"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let whole = try spatiaLite.gazetteer.places(in: nil, offset: 0, limit: 10_000_000)
        let all = whole.places
        #expect(all.count == whole.numberMatched && all.count > 1000)
        #expect(all.map(\.id) == all.map(\.id).sorted())
        let postGISWhole = try postGIS.gazetteer.places(in: nil, offset: 0, limit: 10_000_000)
        #expect(postGISWhole.places == all && postGISWhole.numberMatched == all.count)
        var random = SeededRandom(seed: 2024)
        var boxes: [BoundingBox] = []
        for round in 0..<80 {
            let anchor = all[Int(random.next() % UInt64(all.count))].coordinate
            let halfWidth = Double(random.next() % 1000) / 400, halfHeight = Double(random.next() % 1000) / 400
            let south = max(-90, anchor.latitude - halfHeight), north = min(90, anchor.latitude + halfHeight)
            // Across the antimeridian: from west of the anchor eastwards past 180 to 179° W.
            let east = round % 5 == 0 ? -179.0 : min(180, anchor.longitude + halfWidth)
            boxes.append(BoundingBox(west: max(-178, anchor.longitude - halfWidth), south: south, east: east, north: north))
        }
        let point = all[all.count / 2].coordinate
        boxes.append(BoundingBox(west: point.longitude, south: point.latitude, east: point.longitude, north: point.latitude))
        for box in boxes {
            let expected = all.filter { box.contains($0.coordinate) }
            let offset = Int(random.next() % UInt64(expected.count + 3)), limit = 1 + Int(random.next() % 40)
            for (name, backend) in [("SpatiaLite", spatiaLite), ("PostGIS", postGIS)] as [(String, any AtlasBackend)] {
                let page = try backend.gazetteer.places(in: box, offset: offset, limit: limit)
                #expect(page.numberMatched == expected.count, "\(name) \(box)")
                #expect(page.places == Array(expected.dropFirst(offset).prefix(limit)), "\(name) \(box) offset \(offset) limit \(limit)")
            }
        }
    }
}

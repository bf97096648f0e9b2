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
@Suite(.enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"))
struct GazetteerCrossCheckTests {
    /// Both stores with the bundled gazetteer; the temporary file is removed by the caller.
    private func stores() throws -> (path: String, spatiaLite: SpatiaLiteBackend, postGIS: PostGISBackend, names: [String]) {
        let server = try TestPostgres.requireURL()
        try TestPostgres.execute(["DROP DATABASE IF EXISTS atlas_gazetteer_test", "CREATE DATABASE atlas_gazetteer_test"],
                                 on: try TestPostgres.url(server, database: "postgres"))
        let postGIS = try PostGISBackend(url: try TestPostgres.url(server, database: "atlas_gazetteer_test"), mode: .create)
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
}

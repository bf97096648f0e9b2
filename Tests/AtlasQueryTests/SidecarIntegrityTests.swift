import AtlasGeo
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// A `.points` sidecar answers only for the database content it was built from: a new store at
/// the same path, a restored backup, another store's file or damaged bytes are rebuilt, never
/// read as current (each case gave wrong answers with exit 0 when the stamp was a counter and
/// the payload unchecked).
@Suite struct SidecarIntegrityTests {
    private let center = Coordinate(latitude: 36.2, longitude: 37.16)

    /// The radius answer by a brute-force geodesic scan of what the table holds now.
    private func oracle(_ database: SpatialDatabase, radius: Double) throws -> [Int64] {
        var all: [(Int64, Double)] = []
        try IncidentSearch(database: database).forEachIncident(IncidentQuery(), withAttributes: false) { incident, _ in
            let distance = Geodesic.wgs84.distanceMeters(from: center, to: incident.coordinate)
            if distance <= radius { all.append((incident.id!, distance)) }
        }
        return all.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
    }

    /// `near` through the packed index, from a database object opened afresh (as a new process).
    private func near(_ path: String, radius: Double) throws -> [Int64] {
        let database = try SpatialDatabase(path: path)
        return try IncidentSearch(database: database).matches(.within(radius, of: center)).map(\.id)
    }

    private func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".points", ".names", ".backup"] { unlink(path + suffix) }
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("atlas-sidecar-\(UUID()).sqlite").path
    }

    /// Creates (or adds to) the store at `path` with `count` seeded incidents around the centre,
    /// and closes it (its WAL checkpointed), as a finished `atlas` process leaves it.
    private func fill(_ path: String, count: Int, seed: UInt64, spread: Double = 0.3) throws {
        let database = try SpatialDatabase(path: path, mode: .createIfMissing)
        var random = SeededRandom(seed: seed)
        let incidents = (0..<count).map { index in
            Incident(sourceKey: "s\(seed)-\(index)", eventDate: "2016-05-22", eventType: "Battles",
                     coordinate: Coordinate(latitude: 36.2 + (random.unit() - 0.5) * spread,
                                            longitude: 37.16 + (random.unit() - 0.5) * spread))
        }
        _ = try IncidentStore(database: database).insert(incidents)
    }

    /// Answer and oracle from one database object opened afresh (as a new process would).
    private func answers(_ path: String, radius: Double) throws -> (near: [Int64], oracle: [Int64]) {
        let database = try SpatialDatabase(path: path)
        let near = try IncidentSearch(database: database).matches(.within(radius, of: center)).map(\.id)
        return (near, try oracle(database, radius: radius))
    }

    @Test func aNewStoreAtTheSamePathDoesNotReadTheOldSidecar() throws {
        let path = temporaryPath()
        defer { remove(path) }
        try fill(path, count: 400, seed: 1)
        _ = try answers(path, radius: 3_000)
        #expect(FileManager.default.fileExists(atPath: path + ".points"))
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        try fill(path, count: 300, seed: 2, spread: 0.05)
        #expect(!FileManager.default.fileExists(atPath: path + ".points"))
        let (near, expected) = try answers(path, radius: 3_000)
        #expect(near == expected)
        #expect(!near.isEmpty)
    }

    @Test func aRestoredBackupIsNotAnsweredFromTheNewerSidecar() throws {
        let path = temporaryPath()
        defer { remove(path) }
        try fill(path, count: 300, seed: 3)
        try FileManager.default.copyItem(atPath: path, toPath: path + ".backup")
        // The live store moves on, and its sidecar with it; then the backup is restored.
        try fill(path, count: 50, seed: 33, spread: 0.02)
        _ = try answers(path, radius: 5_000)
        unlink(path)
        try FileManager.default.copyItem(atPath: path + ".backup", toPath: path)
        let (near, expected) = try answers(path, radius: 5_000)
        #expect(near == expected)
        #expect(!near.isEmpty)
        // The restored store changed again the same way: new tokens, still its own answers.
        try fill(path, count: 50, seed: 34, spread: 0.02)
        let again = try answers(path, radius: 5_000)
        #expect(again.near == again.oracle)
    }

    @Test func anotherStoresSidecarIsNotRead() throws {
        let mine = temporaryPath(), other = temporaryPath()
        defer { remove(mine); remove(other) }
        try fill(mine, count: 300, seed: 4)
        try fill(other, count: 900, seed: 5)
        _ = try answers(other, radius: 20_000)
        try FileManager.default.copyItem(atPath: other + ".points", toPath: mine + ".points")
        let (near, expected) = try answers(mine, radius: 20_000)
        #expect(near == expected)
        #expect(near.count > 250)
    }

    /// Random bytes anywhere behind a valid header: the checksum refuses the file.
    @Test(arguments: [1, 7, 200])
    func flippedBytesAreDetected(flips: Int) throws {
        let path = temporaryPath()
        defer { remove(path) }
        try fill(path, count: 600, seed: 6)
        _ = try answers(path, radius: 10_000)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path + ".points"))
        var random = SeededRandom(seed: UInt64(flips))
        for _ in 0..<flips {
            let offset = 40 + Int(random.unit() * Double(bytes.count - 40))
            bytes[offset] ^= UInt8(1 + Int(random.unit() * 254))
        }
        try bytes.write(to: URL(fileURLWithPath: path + ".points"))
        let (near, expected) = try answers(path, radius: 10_000)
        #expect(near == expected)
        #expect(!expected.isEmpty)
    }

    /// The name index too: random bytes behind its header are not read as an empty gazetteer.
    @Test func aDamagedNameIndexIsRebuilt() throws {
        let path = temporaryPath()
        defer { remove(path) }
        do {
            let database = try SpatialDatabase(path: path, mode: .createIfMissing)
            _ = try BundledGeodata(directory: Self.geodata).load(into: database)
            #expect(try Gazetteer(database: database).find("Aleppo").first?.place.name == "Aleppo")
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path + ".names"))
        for offset in stride(from: 40, to: bytes.count, by: 97) { bytes[offset] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: path + ".names"))
        let database = try SpatialDatabase(path: path)
        #expect(try Gazetteer(database: database).find("Aleppo").first?.place.name == "Aleppo")
    }

    private static var geodata: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("geodata")
    }
}

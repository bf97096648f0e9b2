import AtlasGeo
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing

/// Threads racing to rebuild the same `.points` sidecar (deleted, stale after a write, or
/// damaged) while they query: some threads share one database object (its `SidecarCache`),
/// others open their own (as separate processes would, meeting only at the `flock`). Every
/// answer must equal the brute-force one, nothing may throw, and no temporary file
/// (`<db>.points.XXXXXX`) may be left. `scripts/integration.d/46-sidecar-races.sh` races
/// processes the same way.
@Suite struct SidecarRaceTests {
    private let center = Coordinate(latitude: 36.2, longitude: 37.16)
    private let radius = 8_000.0
    private static let threads = 8
    private static let trials = 12

    /// How a trial spoils the sidecar before the threads start.
    private enum Spoil: CaseIterable { case delete, stale, damage }

    /// The radius answer by a brute-force geodesic scan of the table.
    private func oracle(_ database: SpatialDatabase) throws -> [Int64] {
        var all: [(Int64, Double)] = []
        try IncidentSearch(database: database).forEachIncident(IncidentQuery(), withAttributes: false) { incident, _ in
            let distance = Geodesic.wgs84.distanceMeters(from: center, to: incident.coordinate)
            if distance <= radius { all.append((incident.id!, distance)) }
        }
        return all.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
    }

    /// Adds `count` seeded incidents around the centre (a new generation token).
    private func add(_ count: Int, seed: UInt64, to database: SpatialDatabase) throws {
        var random = SeededRandom(seed: seed)
        let incidents = (0..<count).map { index in
            Incident(sourceKey: "race\(seed)-\(index)", eventDate: "2016-05-22", eventType: "Battles",
                     coordinate: Coordinate(latitude: 36.2 + (random.unit() - 0.5) * 0.4,
                                            longitude: 37.16 + (random.unit() - 0.5) * 0.4))
        }
        _ = try IncidentStore(database: database).insert(incidents)
    }

    /// Leftover temporary sidecars beside `path`.
    private func temporaries(beside path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        let prefix = url.lastPathComponent + ".points."
        return names.filter { $0.hasPrefix(prefix) && $0 != prefix + "lock" }
    }

    @Test func threadsRacingToRebuildThePointIndexAllAnswerLikeBruteForce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-race-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".points", ".points.lock", ".names"] { unlink(path + suffix) } }
        let writer = try SpatialDatabase(path: path, mode: .createIfMissing)
        try add(3_000, seed: 1, to: writer)
        let shared = try SpatialDatabase(path: path, mode: .readOnly)
        _ = try IncidentSearch(database: shared).matches(.within(radius, of: center))

        var answers = 0
        for trial in 0..<Self.trials {
            switch Spoil.allCases[trial % Spoil.allCases.count] {
            case .delete: unlink(path + ".points")
            case .stale: try add(50, seed: UInt64(100 + trial), to: writer)
            case .damage:
                let handle = try #require(FileHandle(forUpdatingAtPath: path + ".points"))
                try handle.seek(toOffset: 4_000)
                try handle.write(contentsOf: Data([0xA5, 0x5A, 0xFF]))
                try handle.close()
            }
            let expected = try oracle(writer)
            try #require(!expected.isEmpty)
            let results = Answers()
            let group = DispatchGroup()
            let start = DispatchSemaphore(value: 0)
            for thread in 0..<Self.threads {
                group.enter()
                Thread.detachNewThread { [center, radius] in
                    defer { group.leave() }
                    start.wait()
                    let result = Result<[Int64], any Error> {
                        // Even threads share one database object; odd ones open their own.
                        let database = thread.isMultiple(of: 2) ? shared : try SpatialDatabase(path: path, mode: .readOnly)
                        return try IncidentSearch(database: database).matches(.within(radius, of: center)).map(\.id)
                    }
                    results.append(result)
                }
            }
            for _ in 0..<Self.threads { start.signal() }
            group.wait()
            for result in results.all() {
                switch result {
                case let .success(ids): #expect(ids == expected, "trial \(trial)")
                case let .failure(error): Issue.record("trial \(trial): \(error)")
                }
                answers += 1
            }
            #expect(temporaries(beside: path).isEmpty, "trial \(trial): temporary sidecars left")
            // The file the race left is current and holds exactly the table's index.
            let finding = try StoreCheck.run(on: writer).first { $0.part.hasSuffix(".points") }
            #expect(finding?.passed == true && finding?.detail.hasPrefix("current") == true, "trial \(trial): \(String(describing: finding))")
        }
        #expect(answers == Self.threads * Self.trials)
    }
}

/// The threads' answers, appended under a lock. (A `Mutex` in a local captured by the threads'
/// closures was reported by ThreadSanitizer as an access race on the captured variable.)
private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[Int64], any Error>] = []

    func append(_ result: Result<[Int64], any Error>) { lock.withLock { results.append(result) } }
    func all() -> [Result<[Int64], any Error>] { lock.withLock { results } }
}

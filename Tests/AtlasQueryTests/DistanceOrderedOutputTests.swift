import AtlasGeo
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasQuery

@Suite struct DistanceOrderedOutputTests {
    static let data: QueryTestDatabase = {
        do { return try QueryTestDatabase(count: 2000, seed: 7) } catch { preconditionFailure("query test database: \(error)") }
    }()

    private var reader: IncidentReader { IncidentReader(database: Self.data.database) }
    private var search: IncidentSearch { IncidentSearch(database: Self.data.database) }

    @Test func sortedIDsOfADenseSelectionAreReadByScanWithTheirRows() throws {
        let all = Self.data.incidents.compactMap(\.id).sorted()
        // Every second id is dense (1/2 of the range ≥ 1/16): the bitmap scan path; a missing id is skipped.
        let chosen = all.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) + [all.last! + 1_000]
        var read: [Incident] = []
        try reader.forEachIncident(sortedIDs: chosen) { read.append($0) }
        #expect(read.map(\.id!) == Array(chosen.dropLast()))
        let byID = Dictionary(uniqueKeysWithValues: Self.data.incidents.map { ($0.id!, $0) })
        for incident in read {
            let stored = try #require(byID[incident.id!])
            #expect(incident.sourceKey == stored.sourceKey)
            #expect(incident.actor1 == stored.actor1)
            #expect(abs(incident.coordinate.latitude - stored.coordinate.latitude) < 1e-9)
        }
    }

    @Test func sortedIDsOfASparseSelectionAreReadByID() throws {
        let all = Self.data.incidents.compactMap(\.id).sorted()
        let chosen = [all[0], all[all.count / 2], all[all.count - 1]]  // 3 in 2,000: below 1/16, read by id
        var read: [Int64] = []
        try reader.forEachIncident(sortedIDs: chosen) { read.append($0.id!) }
        #expect(read == chosen)
        var none: [Int64] = []
        try reader.forEachIncident(sortedIDs: []) { none.append($0.id!) }
        #expect(none.isEmpty)
    }

    @Test(arguments: [OutputFormat.geojson, .geojsonl, .csv])
    func spilledOutputIsByteForByteTheDirectOutput(format: OutputFormat) throws {
        let hits = try IncidentSearch(database: Self.data.database).matches(.within(30_000, of: Coordinate(latitude: 36.2, longitude: 37.16)))
        #expect(hits.count > 500)
        let direct = try written(hits, format: format, spillThreshold: .max)
        let spilled = try written(hits, format: format, spillThreshold: 1)
        #expect(spilled == direct)
        if format == .geojsonl {
            let lines = String(decoding: spilled, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == hits.count)
            let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect((first?["id"] as? NSNumber)?.int64Value == hits[0].id)
            let last = try JSONSerialization.jsonObject(with: Data(lines[lines.count - 1].utf8)) as? [String: Any]
            #expect((last?["id"] as? NSNumber)?.int64Value == hits[hits.count - 1].id)
        }
    }

    @Test func spillReplaysRecordsInRankOrderAndSkipsMissingRanks() throws {
        let spill = try RankedRecordSpill(count: 5)
        let big = [UInt8](repeating: 0x61, count: 100_000)  // larger than the replay buffer's first size
        try spill.append(rank: 4, record: Array("four".utf8))
        try spill.append(rank: 0, record: Array("zero".utf8))
        try spill.append(rank: 3, record: big)
        try spill.append(rank: 1, record: Array("one".utf8))
        var replayed: [[UInt8]] = []
        try spill.replay { replayed.append(Array($0)) }
        #expect(replayed == [Array("zero".utf8), Array("one".utf8), big, Array("four".utf8)])
        #expect(throws: OutputError.self) { try spill.append(rank: 5, record: [1]) }
    }

    @Test func spillKeepsRankOrderAcrossBucketsAndFlushedChunks() throws {
        let count = RankedRecordSpill.ranksPerBucket * 2 + 1_000  // three buckets, each flushed several times
        var order = Array(0..<count)
        var random = SeededRandom(seed: 42)
        for index in order.indices.reversed() { order.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        func record(_ rank: Int) -> [UInt8] { Array("rank \(rank) ".utf8) + [UInt8](repeating: UInt8(rank % 251), count: rank % 97) }
        let spill = try RankedRecordSpill(count: count)
        for rank in order where rank != 4_097 { try spill.append(rank: rank, record: record(rank)) }
        var replayed: [[UInt8]] = []
        try spill.replay { replayed.append(Array($0)) }
        #expect(replayed.count == count - 1)
        #expect(replayed == (0..<count).filter { $0 != 4_097 }.map(record))
    }

    /// The bytes `DistanceOrderedOutput` writes for `hits` in `format`.
    private func written(_ hits: [IncidentMatch], format: OutputFormat, spillThreshold: Int) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ordered-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let writer = IncidentWriter(format: format, sink: try ByteSink.file(path), precision: 6, withDistance: true)
            try writer.begin()
            try DistanceOrderedOutput.write(hits, reader: IncidentSearch(database: Self.data.database), writer: writer, spillThreshold: spillThreshold)
            try writer.end()
            #expect(writer.written == hits.count)
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

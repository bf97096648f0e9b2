import AtlasGeo
import AtlasQuery
import Foundation
import GRDB

/// Every incident position in a flat, cell-sorted array, memory-mapped from a sidecar file
/// beside the database (`<db>.points`): a radius query scans the cells under its box without
/// paying SQLite's ~2 µs per row.
///
/// The file is a `SidecarFile` (magic `ATLSPTS2`: the stamp it was built at and a checksum)
/// whose payload is, little-endian: the record count, the cell size in degrees, the cell
/// count; then the cells (key, first record) in key order and a closing (Int64.max, count);
/// then the records (longitude, latitude as float64, id as int64), sorted by cell key then id.
/// Cell key = row × 2²⁰ + column, rows and columns of `cellDegrees` from (−90, −180). The index
/// is rebuilt from the table whenever its stamp differs from the database's (`SidecarStamp`)
/// or the file fails its checks; if the file cannot be written (read-only folder, full disk)
/// the index lives in memory only.
final class PointIndex: @unchecked Sendable {
    /// Cell side in degrees (~5.5 km north–south).
    static let cellDegrees = 0.05
    static let magic: UInt64 = 0x3253_5450_534C_5441  // "ATLSPTS2" little-endian
    private static let headerBytes = 24
    private static let cellBytes = 16
    private static let recordBytes = 24

    /// The payload bytes (memory-mapped when read from disk); constant after init.
    private let data: Data
    private let count: Int
    private let cellCount: Int

    /// Validates `data` as a point index payload: sizes consistent, cells in key order and
    /// record ranges ascending within the records (so no query reads outside the mapping).
    private init(data: Data) throws {
        guard data.count >= Self.headerBytes else { throw StoreError.invalidValue("point index: truncated") }
        let header = data.withUnsafeBytes { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: Int64.self), raw.loadUnaligned(fromByteOffset: 8, as: Double.self),
             raw.loadUnaligned(fromByteOffset: 16, as: Int64.self))
        }
        guard header.1 == Self.cellDegrees, header.0 >= 0, header.2 >= 0,
              header.0 <= Int64(data.count / Self.recordBytes), header.2 <= Int64(data.count / Self.cellBytes),
              data.count == Self.headerBytes + Int(header.2 + 1) * Self.cellBytes + Int(header.0) * Self.recordBytes else {
            throw StoreError.invalidValue("point index: not a valid IncidentAtlas point index")
        }
        self.data = data
        count = Int(header.0)
        cellCount = Int(header.2)
        let ordered = data.withUnsafeBytes { raw -> Bool in
            var previous: (key: Int64, start: Int64) = (-1, 0)
            for index in 0...cellCount {
                let offset = Self.headerBytes + index * Self.cellBytes
                let key = raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)
                let start = raw.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self)
                guard key > previous.key, start >= previous.start, start <= Int64(count) else { return false }
                previous = (key, start)
            }
            return previous.start == Int64(count)
        }
        guard ordered else { throw StoreError.invalidValue("point index: cells out of order") }
    }

    // MARK: - Opening and building

    /// The index for `database`, current with its incident table: the one the database object
    /// holds, the sidecar file if its stamp and checksum hold, else rebuilt (and saved when the
    /// folder is writable).
    static func current(for database: SpatialDatabase) throws -> PointIndex {
        let stamp = try database.read { db in try SidecarStamp.incidents(in: db) }
        return try database.sidecars.points.value(for: stamp) {
            let path = database.path + ".points"
            if let payload = SidecarFile.payload(at: path, magic: magic, stamp: stamp), let index = try? PointIndex(data: payload) {
                return (stamp, index)
            }
            return try SidecarLock.whileHolding(forSidecar: path) {
                // Another process may have rebuilt it while this one waited.
                if let payload = SidecarFile.payload(at: path, magic: magic, stamp: stamp), let index = try? PointIndex(data: payload) {
                    return (stamp, index)
                }
                let (builtStamp, payload) = try build(from: database)
                try? SidecarFile.write(to: path, magic: magic, stamp: builtStamp) { emit in
                    try payload.withUnsafeBytes { try emit($0) }
                }
                return (builtStamp, try PointIndex(data: payload))
            }
        }
    }

    /// Reads every incident position (in one read transaction, with its stamp) into a payload.
    static func build(from database: SpatialDatabase) throws -> (SidecarStamp, Data) {
        var records: [(key: Int64, id: Int64, x: Double, y: Double)] = []
        let stamp = try database.read { db -> SidecarStamp in
            let statement = try FastStatement(db, sql: "SELECT id, geom FROM incident")
            try statement.forEachRow { row in
                guard let point = SpatiaLitePoint.coordinate(from: row.blob(1)) else { return }
                records.append((cellKey(point.latitude, point.longitude), row.int64(0), point.longitude, point.latitude))
            }
            return try SidecarStamp.incidents(in: db)
        }
        records.sort { $0.key != $1.key ? $0.key < $1.key : $0.id < $1.id }
        var cells: [(Int64, Int64)] = []
        for (position, record) in records.enumerated() where cells.last?.0 != record.key {
            cells.append((record.key, Int64(position)))
        }
        var bytes = Data(capacity: headerBytes + (cells.count + 1) * cellBytes + records.count * recordBytes)
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
        append(Int64(records.count))
        append(cellDegrees)
        append(Int64(cells.count))
        for (key, start) in cells { append(key); append(start) }
        append(Int64.max)
        append(Int64(records.count))
        for record in records { append(record.x); append(record.y); append(record.id) }
        return (stamp, bytes)
    }

    // MARK: - Queries

    /// Calls `body(id, position)` for every point in `box` (edges included; west > east crosses
    /// the antimeridian).
    func forEachPoint(in box: BoundingBox, _ body: (Int64, Coordinate) -> Void) {
        data.withUnsafeBytes { raw in
            let recordsStart = Self.headerBytes + (cellCount + 1) * Self.cellBytes
            for part in box.splitAtAntimeridian {
                forEachCellRange(meeting: part, raw) { _, first, end in
                    for record in first..<end {
                        let offset = recordsStart + record * Self.recordBytes
                        let x = raw.loadUnaligned(fromByteOffset: offset, as: Double.self)
                        let y = raw.loadUnaligned(fromByteOffset: offset + 8, as: Double.self)
                        guard x >= part.west, x <= part.east, y >= part.south, y <= part.north else { continue }
                        body(raw.loadUnaligned(fromByteOffset: offset + 16, as: Int64.self), Coordinate(latitude: y, longitude: x))
                    }
                }
            }
        }
    }

    /// Calls `body` with the non-empty cells that meet `boxes` (none crossing the antimeridian),
    /// each once, as blocks valid during the call: each cell's bounds (widened
    /// by a hair so that rounding in `cell(_:_:)` cannot leave a point outside), its count and
    /// its records in id order.
    func withCells(meeting boxes: [BoundingBox], _ body: ([CandidateBlock]) throws -> Void) rethrows {
        try data.withUnsafeBytes { raw in
            let recordsStart = Self.headerBytes + (cellCount + 1) * Self.cellBytes
            func idAt(_ record: Int) -> Int64 { raw.loadUnaligned(fromByteOffset: recordsStart + record * Self.recordBytes + 16, as: Int64.self) }
            let hair = 1e-9
            var blocks: [CandidateBlock] = []
            // The two parts of a box across the antimeridian may meet the same column of cells.
            var seen = Set<Int64>()
            for box in boxes { forEachCellRange(meeting: box, raw) { key, first, end in
                guard boxes.count == 1 || seen.insert(key).inserted else { return }
                let south = -90 + Double(key >> 20) * Self.cellDegrees, west = -180 + Double(key & 0xF_FFFF) * Self.cellDegrees
                let bounds = BoundingBox(west: west - hair, south: south - hair, east: west + Self.cellDegrees + hair,
                                         north: south + Self.cellDegrees + hair)
                blocks.append(CandidateBlock(bounds: bounds, count: end - first) { afterID, visit in
                    // Records are in id order within the cell: start past `afterID`.
                    var low = first, high = end
                    while low < high {
                        let middle = (low + high) / 2
                        if idAt(middle) <= afterID { low = middle + 1 } else { high = middle }
                    }
                    for record in low..<end {
                        let offset = recordsStart + record * Self.recordBytes
                        let x = raw.loadUnaligned(fromByteOffset: offset, as: Double.self)
                        let y = raw.loadUnaligned(fromByteOffset: offset + 8, as: Double.self)
                        guard visit(IncidentPosition(id: idAt(record), coordinate: Coordinate(latitude: y, longitude: x))) else { return }
                    }
                })
            } }
            try body(blocks)
        }
    }

    /// Calls `body(key, first record, end record)` for each non-empty cell that meets `box`
    /// (which must not cross the antimeridian), row by row.
    private func forEachCellRange(meeting box: BoundingBox, _ raw: UnsafeRawBufferPointer, _ body: (Int64, Int, Int) -> Void) {
        let cellsStart = Self.headerBytes
        func cellKeyAt(_ index: Int) -> Int64 { raw.loadUnaligned(fromByteOffset: cellsStart + index * Self.cellBytes, as: Int64.self) }
        func cellStartAt(_ index: Int) -> Int { Int(raw.loadUnaligned(fromByteOffset: cellsStart + index * Self.cellBytes + 8, as: Int64.self)) }
        /// First cell whose key is ≥ `key`.
        func lowerBound(_ key: Int64) -> Int {
            var low = 0, high = cellCount
            while low < high {
                let middle = (low + high) / 2
                if cellKeyAt(middle) < key { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let (row0, column0) = Self.cell(box.south, box.west)
        let (row1, column1) = Self.cell(box.north, box.east)
        for row in row0...row1 {
            var cell = lowerBound(Int64(row) << 20 | Int64(column0))
            let lastKey = Int64(row) << 20 | Int64(column1)
            while cell < cellCount && cellKeyAt(cell) <= lastKey {
                body(cellKeyAt(cell), cellStartAt(cell), cellStartAt(cell + 1))
                cell += 1
            }
        }
    }

    private static func cell(_ latitude: Double, _ longitude: Double) -> (Int, Int) {
        let row = min(Int((latitude + 90) / cellDegrees), Int(180 / cellDegrees))
        let column = min(Int((longitude + 180) / cellDegrees), Int(360 / cellDegrees))
        return (max(row, 0), max(column, 0))
    }

    private static func cellKey(_ latitude: Double, _ longitude: Double) -> Int64 {
        let (row, column) = cell(latitude, longitude)
        return Int64(row) << 20 | Int64(column)
    }
}

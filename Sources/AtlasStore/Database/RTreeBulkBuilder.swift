import GRDB

/// Rebuilds a SpatiaLite point index (`idx_<table>_geom`, an SQLite R*Tree) in one pass by
/// writing its shadow tables directly, instead of inserting row by row.
///
/// Row-by-row R*Tree inserts cost ~15 µs each however rows are ordered (forced reinsertion and
/// splits); a million-row load spent most of its time there. This builder packs the tree
/// bottom-up in Sort-Tile-Recursive order and writes `<index>_node`, `<index>_rowid` and
/// `<index>_parent` in SQLite's own format:
/// - node blob: 2-byte big-endian depth (root only), 2-byte big-endian cell count, then cells of
///   an 8-byte big-endian id and four 4-byte big-endian float32 (xmin, xmax, ymin, ymax),
///   zero-padded to the node size, which SQLite takes from the root node's length (read back
///   from the existing root, so the tree stays readable by the module that created it);
/// - float32 bounds rounded outward, as the R*Tree module does;
/// - the root is node 1.
/// The result passes `SELECT rtreecheck(...)` (tested), and SQLite, SpatiaLite, GDAL and QGIS
/// use it as any other R*Tree; later single-row inserts go through SQLite as usual.
enum RTreeBulkBuilder {
    /// Writers rebuild the whole index once they add at least this many rows; below it,
    /// row-by-row inserts cost less than re-reading the table.
    static let worthwhileRowCount = 50_000

    /// One entry: a row id and its point, in degrees.
    struct Entry: Sendable {
        var id: Int64
        var x: Double
        var y: Double
    }

    /// Replaces the contents of the R*Tree `index` with the points of every row of `table`
    /// (`geom` decoded from its SpatiaLite point blob). `table` and `index` are schema constants.
    /// Must run inside a transaction.
    static func rebuild(index: String, fromTable table: String, in db: Database) throws {
        var entries: [Entry] = []
        let statement = try FastStatement(db, sql: "SELECT rowid, geom FROM \"\(table)\"")
        try statement.forEachRow { row in
            if let point = SpatiaLitePoint.coordinate(from: row.blob(1)) {
                entries.append(Entry(id: row.int64(0), x: point.longitude, y: point.latitude))
            }
        }
        try write(entries, index: index, in: db)
    }

    /// Replaces the contents of the R*Tree `index` with `entries`.
    static func write(_ entries: [Entry], index: String, in db: Database) throws {
        try store(pack(entries, nodeSize: try nodeSize(of: index, in: db)), index: index, in: db)
    }

    /// The node size in bytes of R*Tree `index`, read from its root, which SQLite created
    /// for the database's page size.
    ///
    /// - throws: `StoreError.sqlite` if the size leaves room for fewer than 4 cells.
    static func nodeSize(of index: String, in db: Database) throws -> Int {
        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \"\(index)_node\" WHERE nodeno = 1") ?? 0
        guard (nodeSize - 4) / cellSize >= 4 else {
            throw StoreError.sqlite(context: "rebuilding \(index)", message: "unexpected R*Tree node size \(nodeSize)")
        }
        return nodeSize
    }

    /// A packed tree ready to be stored: every node's blob, the parent of every inner node,
    /// and the leaf of every row in row-id order.
    struct PackedTree: Sendable {
        fileprivate var nodes: [(number: Int64, blob: [UInt8])] = []
        fileprivate var parents: [(node: Int64, parent: Int64)] = []
        fileprivate var leafOfRow: [(row: Int64, node: Int64)] = []
        /// When the row ids are consecutive (a load into an empty table): slices of up to
        /// `pack`'s `leavesPerStatement` rows, each its first row id and the leaf of each row in order as
        /// a JSON array, stored by one statement a slice (slices keep every text far below
        /// SQLite's length limit).
        fileprivate var consecutiveLeaves: [(firstRow: Int64, json: String)] = []
    }

    /// Bytes per cell: an 8-byte id and four float32 bounds.
    private static let cellSize = 24

    /// Packs `entries` into nodes of `nodeSize` bytes (see `nodeSize(of:in:)`). Pure computation
    /// on its arguments, so it can run on another thread while the writer does something else.
    /// `leavesPerStatement`: rows whose leaves one `json_each` statement stores (100,000 is
    /// about 0.7 MB of JSON).
    static func pack(_ entries: [Entry], nodeSize: Int, leavesPerStatement: Int = 100_000) -> PackedTree {
        let capacity = (nodeSize - 4) / cellSize
        // Level 0: leaves over the entries; each level above packs the nodes below.
        var level: [Cell] = entries.map { entry in
            let (xmin, xmax) = outward(entry.x)
            let (ymin, ymax) = outward(entry.y)
            return Cell(id: entry.id, xmin: xmin, xmax: xmax, ymin: ymin, ymax: ymax)
        }
        var levels: [[[Cell]]] = []
        repeat {
            let nodes = pack(level, capacity: capacity)
            levels.append(nodes)
            level = nodes.enumerated().map { Cell.bounding($1, at: $0) }
        } while levels[levels.count - 1].count > 1

        // Number the nodes: root = 1, then level by level from the top.
        var nextNumber: Int64 = 2
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        for depth in stride(from: levels.count - 1, through: 0, by: -1) {
            numbers[depth] = levels[depth].indices.map { _ in
                if depth == levels.count - 1 { return 1 }
                defer { nextNumber += 1 }
                return nextNumber
            }
        }
        var tree = PackedTree()
        let treeDepth = levels.count - 1
        // (row id, leaf node): stored in row-id order once the nodes are, so that the
        // `_rowid` B-tree is filled by appending rather than by random inserts.
        tree.leafOfRow.reserveCapacity(entries.count)
        for depth in 0..<levels.count {
            for (position, node) in levels[depth].enumerated() {
                let number = numbers[depth][position]
                var blob = [UInt8](repeating: 0, count: nodeSize)
                if number == 1 { putUInt16(UInt16(treeDepth), at: 0, in: &blob) }
                putUInt16(UInt16(node.count), at: 2, in: &blob)
                for (cellIndex, cell) in node.enumerated() {
                    let offset = 4 + cellIndex * cellSize
                    // Leaf cells hold row ids; inner cells hold the child node numbers.
                    let id = depth == 0 ? cell.id : numbers[depth - 1][Int(cell.id)]
                    putUInt64(UInt64(bitPattern: id), at: offset, in: &blob)
                    putUInt32(cell.xmin.bitPattern, at: offset + 8, in: &blob)
                    putUInt32(cell.xmax.bitPattern, at: offset + 12, in: &blob)
                    putUInt32(cell.ymin.bitPattern, at: offset + 16, in: &blob)
                    putUInt32(cell.ymax.bitPattern, at: offset + 20, in: &blob)
                    if depth == 0 {
                        tree.leafOfRow.append((cell.id, number))
                    } else {
                        tree.parents.append((id, number))
                    }
                }
                tree.nodes.append((number, blob))
            }
        }
        let inRowOrder = zip(tree.leafOfRow, tree.leafOfRow.dropFirst()).allSatisfy { $0.row < $1.row }
        if !inRowOrder {
            let leaves = tree.leafOfRow
            tree.leafOfRow = RadixOrder.stableOrder(of: leaves.map(\.row)).map { leaves[$0] }
        }
        if zip(tree.leafOfRow, tree.leafOfRow.dropFirst()).allSatisfy({ $0.row + 1 == $1.row }) {
            tree.consecutiveLeaves = stride(from: 0, to: tree.leafOfRow.count, by: leavesPerStatement).map { start in
                let slice = tree.leafOfRow[start..<min(start + leavesPerStatement, tree.leafOfRow.count)]
                return (slice[slice.startIndex].row, leavesJSON(slice))
            }
            tree.leafOfRow = []
        }
        return tree
    }

    /// Replaces the contents of the R*Tree `index` with `tree`, packed for its node size.
    /// Must run inside a transaction.
    static func store(_ tree: PackedTree, index: String, in db: Database) throws {
        precondition(db.isInsideTransaction, "rebuilding an R*Tree requires a transaction")
        try db.execute(sql: "DELETE FROM \"\(index)_node\"")
        try db.execute(sql: "DELETE FROM \"\(index)_rowid\"")
        try db.execute(sql: "DELETE FROM \"\(index)_parent\"")
        let insertNode = try FastStatement(db, sql: "INSERT INTO \"\(index)_node\" (nodeno, data) VALUES (?, ?)")
        let insertRowid = try FastStatement(db, sql: "INSERT INTO \"\(index)_rowid\" (rowid, nodeno) VALUES (?, ?)")
        let insertParent = try FastStatement(db, sql: "INSERT INTO \"\(index)_parent\" (nodeno, parentnode) VALUES (?, ?)")
        for (number, blob) in tree.nodes {
            insertNode.bind(1, number)
            insertNode.bind(2, blob: blob)
            try insertNode.run()
        }
        for (node, parent) in tree.parents {
            insertParent.bind(1, node)
            insertParent.bind(2, parent)
            try insertParent.run()
        }
        for (firstRow, json) in tree.consecutiveLeaves {
            // One statement for a million rows costs half of a million single-row inserts.
            try db.execute(sql: """
                INSERT INTO "\(index)_rowid" (rowid, nodeno) SELECT key + ?, value FROM json_each(?)
                """, arguments: [firstRow, json])
        }
        for (row, node) in tree.leafOfRow {
            insertRowid.bind(1, row)
            insertRowid.bind(2, node)
            try insertRowid.run()
        }
    }

    /// `[n1,n2,…]`: the leaf node numbers of `leafOfRow`, in its order.
    private static func leavesJSON(_ leafOfRow: ArraySlice<(row: Int64, node: Int64)>) -> String {
        var text: [UInt8] = [0x5B]
        text.reserveCapacity(leafOfRow.count * 6 + 2)
        var digits = [UInt8](repeating: 0, count: 20)
        for (position, entry) in leafOfRow.enumerated() {
            if position > 0 { text.append(0x2C) }
            var value = UInt64(entry.node), count = 0
            repeat {
                digits[count] = UInt8(0x30 + value % 10)
                value /= 10
                count += 1
            } while value > 0
            for index in stride(from: count - 1, through: 0, by: -1) { text.append(digits[index]) }
        }
        text.append(0x5D)
        return String(decoding: text, as: UTF8.self)
    }

    /// A cell being packed: for leaves `id` is the row id; for upper levels, the index of the
    /// child node within the level below.
    private struct Cell {
        var id: Int64
        var xmin: Float, xmax: Float, ymin: Float, ymax: Float

        static func bounding(_ cells: [Cell], at position: Int) -> Cell {
            var box = Cell(id: Int64(position), xmin: .infinity, xmax: -.infinity, ymin: .infinity, ymax: -.infinity)
            for cell in cells {
                box.xmin = min(box.xmin, cell.xmin)
                box.xmax = max(box.xmax, cell.xmax)
                box.ymin = min(box.ymin, cell.ymin)
                box.ymax = max(box.ymax, cell.ymax)
            }
            return box
        }
    }

    /// Sort-Tile-Recursive packing of one level into nodes of at most `capacity` cells.
    private static func pack(_ cells: [Cell], capacity: Int) -> [[Cell]] {
        if cells.isEmpty { return [[]] }
        let nodeCount = (cells.count + capacity - 1) / capacity
        let slabCount = Int(Double(nodeCount).squareRoot().rounded(.up))
        let perSlab = slabCount * capacity
        let byX = sorted(cells[...]) { $0.xmin + $0.xmax }
        var nodes: [[Cell]] = []
        var start = 0
        while start < byX.count {
            let slab = sorted(byX[start..<min(start + perSlab, byX.count)]) { $0.ymin + $0.ymax }
            var nodeStart = 0
            while nodeStart < slab.count {
                nodes.append(Array(slab[(slab.startIndex + nodeStart)..<min(slab.startIndex + nodeStart + capacity, slab.endIndex)]))
                nodeStart += capacity
            }
            start += perSlab
        }
        return nodes
    }

    /// `cells` by `centre` (twice a cell's centre on one axis), equal centres in their given
    /// order (see `stableOrder`).
    private static func sorted(_ cells: ArraySlice<Cell>, by centre: (Cell) -> Float) -> [Cell] {
        stableOrder(of: cells.map(centre)).map { cells[cells.startIndex + $0] }
    }

    /// The positions of `keys` in the order a stable sort by key gives (equal keys, `-0` and
    /// `+0` among them, in their given order): a radix sort of the keys' bits (`RadixOrder`),
    /// instead of a merge sort of 24-byte cells adding their bounds at every comparison, which
    /// was most of packing a million points (~0.6 s), on a bulk load's critical path. Keys must
    /// not be NaN.
    static func stableOrder(of keys: [Float]) -> [Int] {
        RadixOrder.stableOrder(of: keys.map(RadixOrder.orderedBits))
    }

    /// The float32 interval that contains `value`: rounded down and up, as SQLite's R*Tree does.
    private static func outward(_ value: Double) -> (Float, Float) {
        var low = Float(value), high = Float(value)
        if Double(low) > value { low = low.nextDown }
        if Double(high) < value { high = high.nextUp }
        return (low, high)
    }

    private static func putUInt16(_ value: UInt16, at offset: Int, in bytes: inout [UInt8]) {
        bytes[offset] = UInt8(value >> 8)
        bytes[offset + 1] = UInt8(value & 0xFF)
    }

    private static func putUInt32(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8((value >> (24 - 8 * UInt32(shift))) & 0xFF) }
    }

    private static func putUInt64(_ value: UInt64, at offset: Int, in bytes: inout [UInt8]) {
        for shift in 0..<8 { bytes[offset + shift] = UInt8((value >> (56 - 8 * UInt64(shift))) & 0xFF) }
    }
}

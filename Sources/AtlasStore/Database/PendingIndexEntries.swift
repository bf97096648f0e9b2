import GRDB

/// Spatial index entries of rows a bulk writer has stored, written once at the end: row by row
/// for a few, or by rebuilding the whole R*Tree (`RTreeBulkBuilder`) past
/// `RTreeBulkBuilder.worthwhileRowCount` rows. Shared by the place and incident writers.
///
/// When the table was empty as the writer started, the pending entries are the whole index:
/// the rebuild packs them directly instead of reading every row's geometry back from the table
/// (a million-row import spent ~3 s on that read).
final class PendingIndexEntries {
    private let db: Database
    private let index: String
    private let table: String
    private let upsert: FastStatement
    /// (row id, longitude, latitude) waiting for the index.
    private var entries: [(Int64, Double, Double)] = []
    /// True when `table` had no rows as this writer started, so `entries` cover every row.
    private let tableWasEmpty: Bool

    /// Entries for R*Tree `index` (`idx_<table>_geom`) of `table`; both are schema constants.
    init(index: String, table: String, in db: Database) throws {
        self.db = db
        self.index = index
        self.table = table
        upsert = try FastStatement(db, sql: "INSERT OR REPLACE INTO \"\(index)\" (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)")
        tableWasEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \"\(table)\")")!
    }

    /// The rebuilt index being packed on another thread (see `packInBackground`).
    private var packing: BackgroundTask<RTreeBulkBuilder.PackedTree>?

    /// Remembers the point of row `id` (longitude `x`, latitude `y`).
    func add(id: Int64, x: Double, y: Double) {
        precondition(packing == nil, "entries added after packInBackground()")
        entries.append((id, x, y))
    }

    /// When `flush` is going to rebuild the index from the entries alone, starts packing them
    /// on another thread now, so that the caller can use the connection meanwhile (a million-row
    /// import rebuilds its date index in those seconds); `flush` then only stores the tree.
    /// No entry may be added after this.
    func packInBackground() throws {
        guard packing == nil, entries.count >= RTreeBulkBuilder.worthwhileRowCount, tableWasEmpty else { return }
        let nodeSize = try RTreeBulkBuilder.nodeSize(of: index, in: db)
        let pending = entries
        entries = []
        packing = BackgroundTask { RTreeBulkBuilder.pack(Self.lastPerRow(pending), nodeSize: nodeSize) }
    }

    /// Writes one entry now.
    func write(id: Int64, x: Double, y: Double) throws {
        upsert.bind(1, id)
        upsert.bind(2, x)
        upsert.bind(3, x)
        upsert.bind(4, y)
        upsert.bind(5, y)
        try upsert.run()
    }

    /// Writes every pending entry (or rebuilds the index when there are many) and forgets them.
    func flush() throws {
        if let packing {
            self.packing = nil
            try RTreeBulkBuilder.store(packing.wait(), index: index, in: db)
            return
        }
        if entries.count >= RTreeBulkBuilder.worthwhileRowCount && tableWasEmpty {
            try RTreeBulkBuilder.write(Self.lastPerRow(entries), index: index, in: db)
        } else if entries.count >= RTreeBulkBuilder.worthwhileRowCount {
            try RTreeBulkBuilder.rebuild(index: index, fromTable: table, in: db)
        } else {
            for (id, x, y) in entries { try write(id: id, x: x, y: y) }
        }
        entries.removeAll()
    }

    /// One entry per row id, the last one added (a row written twice, e.g. inserted then
    /// updated by a later line, must appear once in an R*Tree).
    static func lastPerRow(_ entries: [(Int64, Double, Double)]) -> [RTreeBulkBuilder.Entry] {
        // A load into an empty table adds each row once, in row-id order: nothing to sort.
        if zip(entries, entries.dropFirst()).allSatisfy({ $0.0 < $1.0 }) {
            return entries.map { RTreeBulkBuilder.Entry(id: $0.0, x: $0.1, y: $0.2) }
        }
        var ordered = entries.enumerated().map { (order: $0.offset, entry: $0.element) }
        ordered.sort { $0.entry.0 != $1.entry.0 ? $0.entry.0 < $1.entry.0 : $0.order < $1.order }
        var result: [RTreeBulkBuilder.Entry] = []
        result.reserveCapacity(ordered.count)
        for (_, entry) in ordered {
            let next = RTreeBulkBuilder.Entry(id: entry.0, x: entry.1, y: entry.2)
            if result.last?.id == entry.0 { result[result.count - 1] = next } else { result.append(next) }
        }
        return result
    }
}

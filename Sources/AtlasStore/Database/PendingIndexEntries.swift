import GRDB

/// Spatial index entries of rows a bulk writer has stored, written once at the end: row by row
/// for a few, or by rebuilding the whole R*Tree (`RTreeBulkBuilder`) past
/// `RTreeBulkBuilder.worthwhileRowCount` rows. Shared by the place and incident writers.
final class PendingIndexEntries {
    private let db: Database
    private let index: String
    private let table: String
    private let upsert: FastStatement
    /// (row id, longitude, latitude) waiting for the index.
    private var entries: [(Int64, Double, Double)] = []

    /// Entries for R*Tree `index` (`idx_<table>_geom`) of `table`; both are schema constants.
    init(index: String, table: String, in db: Database) throws {
        self.db = db
        self.index = index
        self.table = table
        upsert = try FastStatement(db, sql: "INSERT OR REPLACE INTO \"\(index)\" (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)")
    }

    /// Remembers the point of row `id` (longitude `x`, latitude `y`).
    func add(id: Int64, x: Double, y: Double) {
        entries.append((id, x, y))
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
        if entries.count >= RTreeBulkBuilder.worthwhileRowCount {
            try RTreeBulkBuilder.rebuild(index: index, fromTable: table, in: db)
        } else {
            for (id, x, y) in entries { try write(id: id, x: x, y: y) }
        }
        entries.removeAll()
    }
}

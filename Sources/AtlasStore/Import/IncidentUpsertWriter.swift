import AtlasGeo
import AtlasImport
import AtlasModel
import GRDB

/// Stores incidents inside the caller's transaction, by `source_key`: new keys are inserted,
/// known keys updated when the row is newer (ACLED `timestamp`) or different, and left alone
/// otherwise, so re-importing a file changes nothing.
///
/// SpatiaLite's per-row triggers on `incident` are suspended for the writer's life (see
/// `SpatialTriggers`); the writer keeps `idx_incident_geom` in step itself, once, in `finish()`.
final class IncidentUpsertWriter {
    /// What happened to one row (never `.staged`: every row is written at once; `.repeated`
    /// only with `rejectsRepeats`).
    typealias Outcome = RowOutcome

    private let db: Database
    private let suspended: SpatialTriggers.Suspension
    private let findExisting: FastStatement
    private let insert: FastStatement
    private let update: FastStatement
    private let index: PendingIndexEntries
    private var blob = [UInt8](repeating: 0, count: SpatiaLitePoint.byteCount)
    /// Whether a key met twice answers `.repeated` (see `init`).
    private let rejectsRepeats: Bool
    /// The largest id before this writer started: ids above it are rows this writer inserted.
    private let lastIDBefore: Int64
    /// Ids of rows stored before this writer that it has already met (updated or unchanged).
    private var metStoredRows = Set<Int64>()
    /// Whether a row was inserted or updated: only then does `finish()` bump the generation, so
    /// an import that changes nothing leaves the point index current.
    private var changedRows = false

    /// Prepares the statements and suspends the triggers. Must run inside a transaction.
    /// `rejectsRepeats`: a key this writer has already written answers `.repeated` and is
    /// not written again (an import file must not hold a key twice); otherwise it is compared
    /// and updated like any stored row.
    init(_ db: Database, rejectsRepeats: Bool = false) throws {
        self.db = db
        self.rejectsRepeats = rejectsRepeats
        suspended = try SpatialTriggers.suspend(table: "incident", in: db)
        lastIDBefore = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM incident") ?? 0
        findExisting = try FastStatement(db, sql: "SELECT id, upstream_timestamp IS NULL, ifnull(upstream_timestamp, 0) FROM incident WHERE source_key = ?")
        let names = IncidentColumns.names
        // A new key is inserted by this one statement; a known one changes nothing here and is
        // looked up after, so a fresh import pays no lookup per row.
        insert = try FastStatement(db, sql: """
            INSERT INTO incident (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))
            ON CONFLICT (source_key) DO NOTHING
            """)
        update = try FastStatement(db, sql: """
            UPDATE incident SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        index = try PendingIndexEntries(index: "idx_incident_geom", table: "incident", in: db)
    }

    /// Stores `incident` (its `id` is ignored) and says what happened.
    func write(_ incident: Incident) throws -> Outcome {
        var batch = IncidentBatch()
        batch.append(incident, line: 0)
        return try write(batch, row: 0)
    }

    /// Stores row `row` of `batch` and says what happened.
    func write(_ batch: IncidentBatch, row: Int) throws -> Outcome {
        try IncidentColumns.bindAndRun(batch, row: row, to: insert, blob: &blob)
        let coordinate = batch.numbers[row].coordinate
        if insert.changes == 1 {
            index.add(id: insert.lastInsertedRowID, x: coordinate.longitude, y: coordinate.latitude)
            changedRows = true
            return .inserted
        }
        let sourceKey = batch.string(.sourceKey, row: row) ?? ""
        findExisting.bind(1, sourceKey)
        var existing: (id: Int64, timestamp: Int64?)?
        try findExisting.forEachRow { row in
            existing = (row.int64(0), row.int64(1) == 1 ? nil : row.int64(2))
        }
        guard let existing else {
            throw StoreError.sqlite(context: "storing incident '\(sourceKey)'", message: "neither inserted nor found by its key")
        }
        if rejectsRepeats {
            guard existing.id <= lastIDBefore, metStoredRows.insert(existing.id).inserted else { return .repeated }
        }
        if let old = existing.timestamp, let new = batch.numbers[row].upstreamTimestamp {
            guard new > old else { return .unchanged }
        } else {
            if var current = try IncidentColumns.first(in: db, sql: "SELECT \(IncidentColumns.selectList) FROM incident WHERE id = ?",
                                                        arguments: [existing.id]) {
                current.id = nil
                if current == batch.incident(at: row) { return .unchanged }
            }
        }
        update.bind(Int32(IncidentColumns.names.count + 1), existing.id)
        try IncidentColumns.bindAndRun(batch, row: row, to: update, blob: &blob)
        index.add(id: existing.id, x: coordinate.longitude, y: coordinate.latitude)
        changedRows = true
        return .updated
    }

    /// Starts packing the spatial index on another thread when `finish()` will rebuild it, so the
    /// connection is free meanwhile; no row may be written after this.
    func prepareFinish() throws {
        try index.packInBackground()
    }

    /// Writes the pending spatial index entries, bumps the incident generation if any row
    /// changed, and restores the triggers.
    func finish() throws {
        try index.flush()
        if changedRows { try IncidentGeneration.bump(in: db) }
        try suspended.restore()
    }
}

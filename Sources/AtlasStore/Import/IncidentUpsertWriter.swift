import AtlasGeo
import GRDB

/// Stores incidents inside the caller's transaction, by `source_key`: new keys are inserted,
/// known keys updated when the row is newer (ACLED `timestamp`) or different, and left alone
/// otherwise, so re-importing a file changes nothing.
///
/// SpatiaLite's per-row triggers on `incident` are suspended for the writer's life (see
/// `SpatialTriggers`); the writer keeps `idx_incident_geom` in step itself, once, in `finish()`.
final class IncidentUpsertWriter {
    /// What happened to one row.
    enum Outcome { case inserted, updated, unchanged }

    private let db: Database
    private let suspended: SpatialTriggers.Suspension
    private let findExisting: FastStatement
    private let insert: FastStatement
    private let update: FastStatement
    private let index: PendingIndexEntries
    private var blob = [UInt8](repeating: 0, count: SpatiaLitePoint.byteCount)

    /// Prepares the statements and suspends the triggers. Must run inside a transaction.
    init(_ db: Database) throws {
        self.db = db
        suspended = try SpatialTriggers.suspend(table: "incident", in: db)
        findExisting = try FastStatement(db, sql: "SELECT id, upstream_timestamp IS NULL, ifnull(upstream_timestamp, 0) FROM incident WHERE source_key = ?")
        let names = IncidentColumns.names
        insert = try FastStatement(db, sql: """
            INSERT INTO incident (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))
            """)
        update = try FastStatement(db, sql: """
            UPDATE incident SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        index = try PendingIndexEntries(index: "idx_incident_geom", table: "incident", in: db)
    }

    /// Stores `incident` (its `id` is ignored) and says what happened. `attributesJSON` is
    /// `IncidentColumns.attributesJSON(incident.attributes)` when the caller has it already.
    func write(_ incident: Incident, attributesJSON: String? = nil) throws -> Outcome {
        findExisting.bind(1, incident.sourceKey)
        var existing: (id: Int64, timestamp: Int64?)?
        try findExisting.forEachRow { row in
            existing = (row.int64(0), row.int64(1) == 1 ? nil : row.int64(2))
        }
        guard let existing else {
            IncidentColumns.bind(incident, to: insert, blob: &blob, attributesJSON: attributesJSON)
            try insert.run()
            index.add(id: db.lastInsertedRowID, x: incident.coordinate.longitude, y: incident.coordinate.latitude)
            return .inserted
        }
        if let old = existing.timestamp, let new = incident.upstreamTimestamp {
            guard new > old else { return .unchanged }
        } else {
            let stored = try Row.fetchOne(db, sql: "SELECT \(IncidentColumns.selectList) FROM incident WHERE id = ?", arguments: [existing.id])
            if var current = try stored.map(IncidentColumns.incident(from:)) {
                current.id = nil
                var candidate = incident
                candidate.id = nil
                if current == candidate { return .unchanged }
            }
        }
        IncidentColumns.bind(incident, to: update, blob: &blob, attributesJSON: attributesJSON)
        update.bind(Int32(IncidentColumns.names.count + 1), existing.id)
        try update.run()
        index.add(id: existing.id, x: incident.coordinate.longitude, y: incident.coordinate.latitude)
        return .updated
    }

    /// Writes the pending spatial index entries and restores the triggers.
    func finish() throws {
        try index.flush()
        try IncidentGeneration.bump(in: db)
        try suspended.restore()
    }
}

import AtlasGeo
import AtlasModel
import GRDB

/// Single-incident writes and reads by id or key: the simple, trigger-maintained path.
///
/// `atlas add` and tests use it; bulk imports go through their own writer, which suspends
/// SpatiaLite's per-row triggers (see `SpatialTriggers`).
public struct IncidentStore: Sendable {
    private let database: SpatialDatabase

    /// A store over `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Inserts `incidents` in one transaction; returns their new ids in order.
    ///
    /// - throws: `StoreError.sqlite` if a `sourceKey` is already stored, or on a constraint
    ///   violation (e.g. negative fatalities); nothing is written then.
    @discardableResult
    public func insert(_ incidents: [Incident]) throws -> [Int64] {
        do {
            return try database.write { db in
                let placeholders = Array(repeating: "?", count: IncidentColumns.names.count).joined(separator: ", ")
                let statement = try FastStatement(db, sql: """
                    INSERT INTO incident (\(IncidentColumns.names.joined(separator: ", "))) VALUES (\(placeholders))
                    """)
                var ids: [Int64] = []
                for incident in incidents {
                    try IncidentColumns.bindAndRun(incident, to: statement)
                    ids.append(statement.lastInsertedRowID)
                }
                return ids
            }
        } catch let error as DatabaseError {
            throw StoreError.sqlite(context: "storing incidents", message: error.message ?? "\(error)")
        } catch let StoreError.sqlite(_, message) {
            throw StoreError.sqlite(context: "storing incidents", message: message)
        }
    }

    /// Stores `incidents` by `sourceKey` in one transaction: new keys inserted, known keys
    /// updated when different, identical ones left alone. Returns (inserted, updated, unchanged).
    public func upsert(_ incidents: [Incident]) throws -> (inserted: Int, updated: Int, unchanged: Int) {
        try database.write { db in
            let writer = try IncidentUpsertWriter(db)
            var counts = (inserted: 0, updated: 0, unchanged: 0)
            for incident in incidents {
                switch try writer.write(incident) {
                case .inserted: counts.inserted += 1
                case .updated: counts.updated += 1
                case .unchanged: counts.unchanged += 1
                case .repeated, .staged: break  // not asked for: a repeated key is compared like any other
                }
            }
            try writer.finish()
            return counts
        }
    }

    /// The incident with `id`, or nil.
    public func incident(id: Int64) throws -> Incident? {
        try database.read { db in
            try IncidentColumns.first(in: db, sql: "SELECT \(IncidentColumns.selectList) FROM incident WHERE id = ?", arguments: [id])
        }
    }

    /// The incident with `sourceKey`, or nil.
    public func incident(sourceKey: String) throws -> Incident? {
        try database.read { db in
            try IncidentColumns.first(in: db, sql: "SELECT \(IncidentColumns.selectList) FROM incident WHERE source_key = ?", arguments: [sourceKey])
        }
    }

    /// The ids stored under `sourceKeys`, in that order; nil for a key no incident has.
    public func ids(sourceKeys: [String]) throws -> [Int64?] {
        try database.read { db in
            let statement = try db.cachedStatement(sql: "SELECT id FROM incident WHERE source_key = ?")
            return try sourceKeys.map { try Int64.fetchOne(statement, arguments: [$0]) }
        }
    }

    /// Deletes the incident with `id` (the spatial index and the generation follow by
    /// trigger); false if there was none.
    public func delete(id: Int64) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM incident WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// How many incidents are stored.
    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incident") ?? 0 }
    }
}

import Foundation
import AtlasModel
import AtlasQuery
import PostgresNIO

/// Adds, updates and removes incidents on PostGIS, each call in one transaction.
struct PostGISIncidentWriter: IncidentWriting {
    let connection: PostGISConnection
    /// The folded governorate of an admin1 text (stored in `admin1_key` for the filter).
    let admin1Key: @Sendable (String) -> String

    /// Rows per INSERT statement (32 values each, well under the protocol's 65,535).
    static let batchSize = 500

    /// Imports the file at `path` through `COPY` (see `PostGISImporter`).
    func importFile(_ path: String, options: ImportOptions) throws -> ImportReport {
        try PostGISImporter(connection: connection, admin1Key: admin1Key).importFile(path, options: options)
    }

    func insert(_ incidents: [Incident]) throws -> [Int64] {
        try connection.withTransaction("storing incidents") { session in
            try IncidentIDs.lock(in: session, context: "storing incidents")
            var ids: [Int64] = []
            ids.reserveCapacity(incidents.count)
            var next = try session.rows(BoundSQL("SELECT \(IncidentIDs.next)"), context: "storing incidents").first?.decode(Int64.self) ?? 1
            var start = 0
            while start < incidents.count {
                let batch = incidents[start..<min(start + Self.batchSize, incidents.count)]
                start += batch.count
                var sql = BoundSQL("INSERT INTO incident (id, \(IncidentRows.writtenColumns)) VALUES ")
                for (index, incident) in batch.enumerated() {
                    if index > 0 { sql.append(", ") }
                    sql.append("(")
                    sql.bind(next)
                    sql.append(", ")
                    next += 1
                    IncidentRows.appendValues(incident, admin1Key: admin1Key(incident.admin1), to: &sql, open: false)
                }
                // RETURNING does not promise the VALUES order: map the ids back by source key.
                sql.append(" RETURNING source_key, id")
                var idByKey: [String: Int64] = [:]
                for row in try session.rows(sql, context: "storing incidents") {
                    let (key, id) = try row.decode((String, Int64).self)
                    idByKey[key] = id
                }
                for incident in batch {
                    guard let id = idByKey[incident.sourceKey] else {
                        throw PostGISError.invalidValue(session.url.redacted, what: "no id returned for \(incident.sourceKey)")
                    }
                    ids.append(id)
                }
            }
            try session.execute(IncidentIDs.syncSequence, context: "storing incidents")
            return ids
        }
    }

    func upsert(_ incidents: [Incident]) throws -> (inserted: Int, updated: Int, unchanged: Int) {
        try connection.withTransaction("storing incidents") { session in
            try IncidentIDs.lock(in: session, context: "storing incidents")
            var counts = (inserted: 0, updated: 0, unchanged: 0)
            for incident in incidents {
                var sql = BoundSQL("INSERT INTO incident AS old (id, \(IncidentRows.writtenColumns)) VALUES (\(IncidentIDs.next), ")
                IncidentRows.appendValues(incident, admin1Key: admin1Key(incident.admin1), to: &sql, open: false)
                sql.append(Self.onConflict)
                let rows = try session.rows(sql, context: "storing incident \(incident.sourceKey)")
                guard let row = rows.first else {
                    counts.unchanged += 1
                    continue
                }
                if try row.decode(Bool.self) { counts.inserted += 1 } else { counts.updated += 1 }
            }
            try session.execute(IncidentIDs.syncSequence, context: "storing incidents")
            return counts
        }
    }

    func delete(id: Int64) throws -> Bool {
        var sql = BoundSQL("DELETE FROM incident WHERE id = ")
        sql.bind(id)
        sql.append(" RETURNING id")
        return try !connection.withTransaction("deleting incident \(id)") { try $0.rows(sql, context: "deleting incident \(id)") }.isEmpty
    }

    func ids(sourceKeys: [String]) throws -> [Int64?] {
        guard !sourceKeys.isEmpty else { return [] }
        var sql = BoundSQL("SELECT source_key, id FROM incident WHERE source_key = ANY(")
        sql.bind(sourceKeys)
        sql.append(")")
        let rows = try connection.withSession { try $0.rows(sql, context: "reading the ids of \(sourceKeys.count) source keys") }
        var byKey: [String: Int64] = [:]
        for row in rows {
            let (key, id) = try row.decode((String, Int64).self)
            byKey[key] = id
        }
        return sourceKeys.map { byKey[$0] }
    }

    /// The update of a known source key, as the SpatiaLite store decides it: a row with an
    /// upstream timestamp replaces one with a timestamp only if newer; otherwise a row replaces
    /// the stored one when any column differs. Returns true for an insert, false for an update,
    /// no row when nothing changed.
    static let onConflict: String = {
        let columns = IncidentRows.writtenColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let excluded = columns.map { "EXCLUDED.\($0)" }.joined(separator: ", ")
        let stored = columns.map { "old.\($0)" }.joined(separator: ", ")
        return """
             ON CONFLICT (source_key) DO UPDATE SET (\(columns.joined(separator: ", "))) = (\(excluded)) \
            WHERE CASE WHEN old.upstream_timestamp IS NOT NULL AND EXCLUDED.upstream_timestamp IS NOT NULL \
            THEN EXCLUDED.upstream_timestamp > old.upstream_timestamp \
            ELSE (\(stored)) IS DISTINCT FROM (\(excluded)) END \
            RETURNING (xmax::text = '0')
            """
    }()
}

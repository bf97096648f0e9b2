import AtlasModel
import PostgresNIO

/// Reads whole incident rows: by id, or all that pass a filter in id order, in pages so that
/// an export of any size holds one page in memory.
struct IncidentRowReader {
    let connection: PostGISConnection

    /// Rows per statement when streaming (keyset pages by id).
    static let pageSize = 2_000

    /// Calls `body` with each incident of `ids`, in that order (missing ids are skipped).
    func forEachIncident(ids: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        var start = 0
        while start < ids.count {
            let page = Array(ids[start..<min(start + Self.pageSize, ids.count)])
            start += page.count
            var sql = BoundSQL("SELECT \(IncidentRows.selectList) FROM incident AS i WHERE i.id = ANY(")
            sql.bind(page)
            sql.append(")")
            let rows = try connection.withSession { try $0.rows(sql, context: "reading incidents") }
            var byID: [Int64: Incident] = [:]
            for row in rows {
                let incident = try decode(row, withAttributes: withAttributes)
                byID[incident.id ?? 0] = incident
            }
            for id in page { if let incident = byID[id] { try body(incident) } }
        }
    }

    /// Calls `body` with each incident passing `filter`, in id order, after `afterID`, at most
    /// `limit`.
    func forEachIncident(matching filter: IncidentFilter, afterID: Int64?, limit: Int?, withAttributes: Bool,
                         _ body: (Incident) throws -> Void) throws {
        var last = afterID
        var remaining = limit ?? .max
        while remaining > 0 {
            var sql = BoundSQL("SELECT \(IncidentRows.selectList) FROM incident AS i WHERE true")
            sql.appendFilter(filter)
            if let last {
                sql.append(" AND i.id > ")
                sql.bind(last)
            }
            let pageSize = min(remaining, Self.pageSize)
            sql.append(" ORDER BY i.id LIMIT ")
            sql.bind(Int64(pageSize))
            let rows = try connection.withSession { try $0.rows(sql, context: "reading incidents") }
            for row in rows {
                let incident = try decode(row, withAttributes: withAttributes)
                try body(incident)
                last = incident.id
            }
            remaining -= rows.count
            if rows.count < pageSize { return }
        }
    }

    private func decode(_ row: PostgresRow, withAttributes: Bool) throws -> Incident {
        do {
            return try IncidentRows.incident(from: row, withAttributes: withAttributes)
        } catch {
            throw PostGISError.invalidValue(connection.url.redacted, what: "an incident row could not be read: \(error)")
        }
    }
}

import AtlasModel
import PostgresNIO

/// `atlas stats`: counts and fatalities per group, with the same keys and order as the
/// SpatiaLite store (keys compared byte by byte, as SQLite's default collation does).
struct IncidentGroupCounts {
    let connection: PostGISConnection

    /// The groups of the incidents passing `filter` (and among `ids`, when given).
    func counts(by grouping: IncidentGrouping, filter: IncidentFilter, ids: [Int64]?) throws -> [IncidentGroupCount] {
        // Grouped in a subquery so the order can name the key with the "C" collation.
        var sql = BoundSQL("SELECT key, n, deaths FROM (SELECT \(Self.keyExpression(grouping)) AS key, count(*) AS n, ")
        sql.append("coalesce(sum(i.fatalities), 0)::bigint AS deaths FROM incident AS i WHERE true")
        sql.appendFilter(filter)
        if let ids {
            sql.append(" AND i.id = ANY(")
            sql.bind(ids)
            sql.append(")")
        }
        sql.append(grouping.ordersByKey ? " GROUP BY 1) AS g ORDER BY key COLLATE \"C\"" : " GROUP BY 1) AS g ORDER BY n DESC, key COLLATE \"C\"")
        let rows = try connection.withSession { try $0.rows(sql, context: "counting incidents by \(grouping.rawValue)") }
        return try rows.map { row in
            let (key, count, deaths) = try row.decode((String?, Int64, Int64).self)
            return IncidentGroupCount(key: key ?? "", count: Int(count), fatalities: Int(deaths))
        }
    }

    /// The SQL expression of the group key over `incident i`: a constant per grouping.
    static func keyExpression(_ grouping: IncidentGrouping) -> String {
        switch grouping {
        case .place: return "CASE WHEN i.location <> '' THEN i.location ELSE '(no location)' END"
        case .admin1: return "CASE WHEN i.admin1 <> '' THEN i.admin1 ELSE '(no admin1)' END"
        case .day: return "i.event_date"
        // The Monday of the ISO week (isodow: Monday 1 … Sunday 7).
        case .week: return "to_char(i.event_date::date - (extract(isodow FROM i.event_date::date)::int - 1), 'YYYY-MM-DD')"
        case .month: return "substr(i.event_date, 1, 7)"
        case .type: return "CASE WHEN i.sub_event_type <> '' THEN i.event_type || ' / ' || i.sub_event_type ELSE i.event_type END"
        case .actor: return "CASE WHEN i.actor1 <> '' THEN i.actor1 ELSE '(no actor)' END"
        }
    }
}

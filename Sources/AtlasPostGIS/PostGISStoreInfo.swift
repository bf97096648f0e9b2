import PostgresNIO

/// What `atlas info` shows of a PostGIS store: server and library versions, row counts and
/// `atlas_meta`, in the same order as the SpatiaLite store's (`StoreInfo`).
public struct PostGISStoreInfo: Sendable {
    /// The store's URL without its password.
    public var url: String
    /// `version()` of the server.
    public var postgresVersion: String
    /// `postgis_lib_version()`.
    public var postGISVersion: String
    /// `postgis_geos_version()`, or "unavailable".
    public var geosVersion: String
    /// `postgis_proj_version()`, or "unavailable".
    public var projVersion: String
    /// Database size in bytes (`pg_database_size`).
    public var databaseBytes: Int64
    /// Row counts: places, names, admin1, regions, incidents, reports.
    public var counts: [(table: String, rows: Int)]
    /// Entries of `atlas_meta`, by key.
    public var meta: [(key: String, value: String)]

    /// The tables counted, in order (constants: the only names put in SQL text).
    static let countedTables = ["place", "place_name", "admin1", "region", "incident", "report"]

    /// Reads the information over `connection`.
    static func read(from connection: PostGISConnection) throws -> PostGISStoreInfo {
        try connection.withSession { session in
            func text(_ sql: String) -> String {
                (try? session.rows(BoundSQL(sql), context: "reading versions").first?.decode(String?.self)) ?? nil ?? "unavailable"
            }
            var counts: [(String, Int)] = []
            for table in countedTables {
                let rows = try session.rows(BoundSQL("SELECT count(*) FROM \(table)"), context: "counting \(table)")
                counts.append((table, Int(try rows.first?.decode(Int64.self) ?? 0)))
            }
            let meta = try session.rows(BoundSQL("SELECT key, value FROM atlas_meta ORDER BY key"), context: "reading atlas_meta")
                .map { try $0.decode((String, String).self) }
            let size = try session.rows(BoundSQL("SELECT pg_database_size(current_database())"), context: "reading the size")
                .first?.decode(Int64.self) ?? 0
            return PostGISStoreInfo(
                url: connection.url.redacted, postgresVersion: text("SELECT version()"),
                postGISVersion: text("SELECT postgis_lib_version()"), geosVersion: text("SELECT postgis_geos_version()"),
                projVersion: text("SELECT postgis_proj_version()"), databaseBytes: size, counts: counts, meta: meta)
        }
    }
}

import Foundation
import GRDB

/// Versions of the libraries behind a database, and what it holds.
public struct StoreInfo: Sendable {
    /// Database file path.
    public var path: String
    /// File size in bytes (main file, without WAL).
    public var fileBytes: Int
    /// `sqlite_version()`.
    public var sqliteVersion: String
    /// `spatialite_version()`.
    public var spatiaLiteVersion: String
    /// `geos_version()`, or "unavailable".
    public var geosVersion: String
    /// `proj_version()`, or "unavailable".
    public var projVersion: String
    /// Applied schema migrations.
    public var schema: [String]
    /// Row counts: places, names, admin1, regions, incidents, reports.
    public var counts: [(table: String, rows: Int)]
    /// Entries of `atlas_meta` (e.g. when the bundled geodata was loaded).
    public var meta: [(key: String, value: String)]

    /// Reads the information of `database`.
    public static func read(from database: SpatialDatabase) throws -> StoreInfo {
        try database.read { db in
            func text(_ sql: String) -> String {
                ((try? String.fetchOne(db, sql: sql)) ?? nil) ?? "unavailable"
            }
            var counts: [(String, Int)] = []
            for table in ["place", "place_name", "admin1", "region", "incident", "report"] {
                counts.append((table, try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0))
            }
            let meta = try Row.fetchAll(db, sql: "SELECT key, value FROM atlas_meta ORDER BY key")
                .map { ($0["key"] as String, $0["value"] as String) }
            let schema = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            let size = (try? FileManager.default.attributesOfItem(atPath: database.path)[.size] as? NSNumber)?.intValue ?? 0
            return StoreInfo(
                path: database.path, fileBytes: size, sqliteVersion: text("SELECT sqlite_version()"),
                spatiaLiteVersion: text("SELECT spatialite_version()"), geosVersion: text("SELECT geos_version()"),
                projVersion: text("SELECT proj_version()"), schema: schema, counts: counts, meta: meta)
        }
    }
}

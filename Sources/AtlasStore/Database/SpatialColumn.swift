import GRDB

/// Registers spatial columns the way GIS tools expect, and checks SpatiaLite's answers.
///
/// `AddGeometryColumn` and `CreateSpatialIndex` report failure by returning 0 (and printing
/// to stderr), never by an SQL error; these wrappers turn a 0 into `StoreError.spatiaLite`.
enum SpatialColumn {
    /// Adds a `geom` column of `geometryType` in SRID 4326 to `table`, NOT NULL, with its
    /// R*Tree spatial index `idx_<table>_geom`.
    ///
    /// - parameters:
    ///   - table: an existing table; a constant of the schema, never user input.
    ///   - geometryType: `POINT`, `MULTIPOLYGON`, ….
    static func add(to table: String, geometryType: String, in db: Database) throws {
        let added = try Int.fetchOne(
            db, sql: "SELECT AddGeometryColumn(?, 'geom', 4326, ?, 'XY', 1)",
            arguments: [table, geometryType]) ?? 0
        guard added == 1 else {
            throw StoreError.spatiaLite(call: "AddGeometryColumn('\(table)', 'geom')", detail: "returned \(added)")
        }
        let indexed = try Int.fetchOne(
            db, sql: "SELECT CreateSpatialIndex(?, 'geom')", arguments: [table]) ?? 0
        guard indexed == 1 else {
            throw StoreError.spatiaLite(call: "CreateSpatialIndex('\(table)', 'geom')", detail: "returned \(indexed)")
        }
    }
}

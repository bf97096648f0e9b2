import GRDB

/// Creates the spatial metadata of a new database and applies the schema migrations.
enum SchemaSetup {
    /// Brings the database at `database.path` to the current schema.
    ///
    /// `InitSpatialMetadata(1)` must run outside any transaction (inside one it rolls back the
    /// caller's transaction), so it runs first, alone; the migrations follow, each in its own
    /// transaction.
    static func prepare(_ database: SpatialDatabase) throws {
        try database.writeWithoutTransaction { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if applicationID != SpatialDatabase.applicationID {
                try initialiseSpatialMetadata(db)
                try db.execute(sql: "PRAGMA application_id = \(SpatialDatabase.applicationID)")
            }
            let migrator = SchemaMigrations.migrator
            if try migrator.hasBeenSuperseded(db) {
                let applied = try migrator.appliedIdentifiers(db).sorted().joined(separator: ", ")
                throw StoreError.newerSchema(path: database.path, found: applied)
            }
        }
        try SchemaMigrations.migrator.migrate(database.pool)
    }

    /// Checks, without writing, that a store opened read-only has this build's schema.
    ///
    /// - throws: `StoreError.emptyFile` for an SQLite file without our id (only a write could
    ///   make it a store), `.newerSchema` or `.outdatedSchema` when the migrations differ.
    static func check(_ db: Database, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard applicationID == SpatialDatabase.applicationID else { throw StoreError.emptyFile(path: path) }
        let migrator = SchemaMigrations.migrator
        if try migrator.hasBeenSuperseded(db) {
            let applied = try migrator.appliedIdentifiers(db).sorted().joined(separator: ", ")
            throw StoreError.newerSchema(path: path, found: applied)
        }
        guard try migrator.hasCompletedMigrations(db) else { throw StoreError.outdatedSchema(path: path) }
    }

    /// Creates SpatiaLite's metadata tables with the WGS84-based reference systems (EPSG:4326
    /// and its projections: UTM zones, Web Mercator), in one internal transaction.
    private static func initialiseSpatialMetadata(_ db: Database) throws {
        let hasMetadata = try Bool.fetchOne(
            db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'spatial_ref_sys'") ?? false
        if hasMetadata { return }
        let ok = try Int.fetchOne(db, sql: "SELECT InitSpatialMetadata(1, 'WGS84')") ?? 0
        guard ok == 1 else {
            throw StoreError.spatiaLite(call: "InitSpatialMetadata(1, 'WGS84')", detail: "returned \(ok)")
        }
    }
}

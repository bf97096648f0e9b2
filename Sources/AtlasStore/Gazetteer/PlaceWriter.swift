import AtlasGeo
import Foundation
import GRDB

/// Writes places and their names into the store, inside the caller's transaction.
///
/// A place whose `sourceKey` is already stored is updated in place (same id); its names are
/// merged. SpatiaLite's per-row triggers on `place` are suspended for the writer's lifetime
/// (see `SpatialTriggers`), and the R*Tree is kept in step by the writer itself.
final class PlaceWriter {
    private let db: Database
    private let insertPlace: Statement
    private let insertName: Statement
    private let upsertIndex: Statement
    private var nextLocalID: Int64
    private let suspended: SpatialTriggers.Suspension

    /// Local ids start here, above any GeoNames id.
    static let firstLocalID: Int64 = 1_000_000_000

    /// Prepares the statements and suspends the spatial triggers of `place`.
    init(_ db: Database) throws {
        self.db = db
        suspended = try SpatialTriggers.suspend(table: "place", in: db)
        insertPlace = try db.cachedStatement(sql: """
            INSERT INTO place (id, name, ascii_name, feature_class, feature_code, country, admin1, admin2,
                               population, importance, source, source_key, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_key) DO UPDATE SET
                name = excluded.name, ascii_name = excluded.ascii_name,
                feature_class = excluded.feature_class, feature_code = excluded.feature_code,
                country = excluded.country, admin1 = excluded.admin1, admin2 = excluded.admin2,
                population = excluded.population, importance = excluded.importance,
                source = excluded.source, geom = excluded.geom
            RETURNING id
            """)
        insertName = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO place_name (place_id, name, key, skeleton, language, is_preferred)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        upsertIndex = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO idx_place_geom (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)
            """)
        let maxLocal = try Int64.fetchOne(
            db, sql: "SELECT max(id) FROM place WHERE id >= ?", arguments: [Self.firstLocalID])
        nextLocalID = (maxLocal ?? Self.firstLocalID - 1) + 1
    }

    /// Restores the spatial triggers. Call once, after the last write, in the same transaction.
    func finish() throws {
        try suspended.restore()
    }

    /// Stores `record` and all its names; returns the place id.
    @discardableResult
    func write(_ record: PlaceRecord) throws -> Int64 {
        let proposedID: Int64
        if let geonameID = record.geonameID {
            proposedID = geonameID
        } else {
            proposedID = nextLocalID
        }
        let blob = SpatiaLitePoint.blob(record.coordinate)
        let arguments: StatementArguments = [
            proposedID, record.name, record.asciiName, record.featureClass, record.featureCode,
            record.country, record.admin1, record.admin2, record.population,
            FeatureImportance.rank(featureCode: record.featureCode), record.source, record.sourceKey, blob,
        ]
        guard let id = try Int64.fetchOne(insertPlace, arguments: arguments) else {
            throw StoreError.sqlite(context: "storing place \(record.name)", message: "no id returned")
        }
        if record.geonameID == nil && id == nextLocalID { nextLocalID += 1 }
        let x = record.coordinate.longitude, y = record.coordinate.latitude
        try upsertIndex.execute(arguments: [id, x, x, y, y])
        try addName(record.name, language: "", isPreferred: true, to: id)
        if record.asciiName != record.name { try addName(record.asciiName, language: "", isPreferred: false, to: id) }
        for alternate in record.alternateNames {
            try addName(alternate.name, language: alternate.language, isPreferred: alternate.isPreferred, to: id)
        }
        return id
    }

    /// Attaches one spelling to place `id`; returns false if it was already there or has no
    /// letters.
    @discardableResult
    func addName(_ name: String, language: String, isPreferred: Bool, to id: Int64) throws -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let key = NameFolding.key(trimmed)
        guard !key.isEmpty else { return false }
        try insertName.execute(arguments: [
            id, trimmed, key, NameFolding.skeleton(ofKey: key), language, isPreferred ? 1 : 0,
        ])
        return db.changesCount > 0
    }
}

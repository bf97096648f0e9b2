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
    private let insertPlace: FastStatement
    private let insertName: FastStatement
    private let index: PendingIndexEntries
    /// Reused buffer for the 60-byte point blob.
    private var blob = [UInt8](repeating: 0, count: SpatiaLitePoint.byteCount)
    private var nextLocalID: Int64
    private let suspended: SpatialTriggers.Suspension
    /// When true, index entries wait until `finish()`.
    private let deferSpatialIndex: Bool

    /// Local ids start here, above any GeoNames id.
    static let firstLocalID: Int64 = 1_000_000_000

    /// Prepares the statements and suspends the spatial triggers of `place`.
    ///
    /// - parameter deferSpatialIndex: collect R*Tree entries and write them in `finish()`
    ///   (bulk loads), instead of one R*Tree insert per place.
    init(_ db: Database, deferSpatialIndex: Bool = false) throws {
        self.db = db
        self.deferSpatialIndex = deferSpatialIndex
        suspended = try SpatialTriggers.suspend(table: "place", in: db)
        insertPlace = try FastStatement(db, sql: """
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
        insertName = try FastStatement(db, sql: """
            INSERT OR IGNORE INTO place_name (place_id, name, key, skeleton, language, is_preferred)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        index = try PendingIndexEntries(index: "idx_place_geom", table: "place", in: db)
        let maxLocal = try Int64.fetchOne(
            db, sql: "SELECT max(id) FROM place WHERE id >= ?", arguments: [Self.firstLocalID])
        nextLocalID = (maxLocal ?? Self.firstLocalID - 1) + 1
    }

    /// Starts packing the deferred spatial index on another thread when `finish()` will rebuild
    /// it, so the connection is free meanwhile; no place may be written after this.
    func prepareFinish() throws {
        try index.packInBackground()
    }

    /// Restores the spatial triggers. Call once, after the last write, in the same transaction.
    func finish() throws {
        try index.flush()
        try suspended.restore()
    }

    /// Stores `record` and all its names (`names`: its `foldedNames`, when already computed);
    /// returns the place id.
    @discardableResult
    func write(_ record: PlaceRecord, names: [FoldedName]? = nil) throws -> Int64 {
        let proposedID: Int64
        if let geonameID = record.geonameID {
            proposedID = geonameID
        } else {
            proposedID = nextLocalID
        }
        SpatiaLitePoint.write(record.coordinate, into: &blob)
        insertPlace.bind(1, proposedID)
        insertPlace.bind(2, record.name)
        insertPlace.bind(3, record.asciiName)
        insertPlace.bind(4, record.featureClass)
        insertPlace.bind(5, record.featureCode)
        insertPlace.bind(6, record.country)
        insertPlace.bind(7, record.admin1)
        insertPlace.bind(8, record.admin2)
        insertPlace.bind(9, record.population)
        insertPlace.bind(10, FeatureImportance.rank(featureCode: record.featureCode))
        insertPlace.bind(11, record.source)
        insertPlace.bind(12, record.sourceKey)
        insertPlace.bind(13, blob: blob)
        guard let id = try insertPlace.run() else {
            throw StoreError.sqlite(context: "storing place \(record.name)", message: "no id returned")
        }
        if record.geonameID == nil && id == nextLocalID { nextLocalID += 1 }
        let x = record.coordinate.longitude, y = record.coordinate.latitude
        if deferSpatialIndex {
            index.add(id: id, x: x, y: y)
        } else {
            try index.write(id: id, x: x, y: y)
        }
        for name in names ?? record.foldedNames { try add(name, to: id) }
        return id
    }

    /// Attaches one spelling to place `id`; returns false if it was already there or has no
    /// letters.
    @discardableResult
    func addName(_ name: String, language: String, isPreferred: Bool, to id: Int64) throws -> Bool {
        guard let folded = FoldedName(name, language: language, isPreferred: isPreferred) else { return false }
        return try add(folded, to: id)
    }

    /// Attaches a folded spelling to place `id`; returns false if it was already there.
    @discardableResult
    func add(_ name: FoldedName, to id: Int64) throws -> Bool {
        insertName.bind(1, id)
        insertName.bind(2, name.name)
        insertName.bind(3, name.key)
        insertName.bind(4, name.skeleton)
        insertName.bind(5, name.language)
        insertName.bind(6, name.isPreferred ? 1 : 0)
        try insertName.run()
        return insertName.changes > 0
    }
}

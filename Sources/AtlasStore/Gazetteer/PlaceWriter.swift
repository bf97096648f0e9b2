import AtlasGeo
import Foundation
import GRDB

/// Writes places and their names into the store, inside the caller's transaction.
///
/// A place whose `sourceKey` is already stored is updated in place (same id); its spellings
/// (`place.names`, see `PlaceNamesColumn`) are merged. SpatiaLite's per-row triggers on `place`
/// and the place generation triggers are suspended for the writer's lifetime (see
/// `SpatialTriggers`): the writer keeps the R*Tree in step itself and sets a new generation in
/// `finish()`, which makes the name index rebuild on its next use unless the caller installs
/// one built from what it wrote (the bulk load).
final class PlaceWriter {
    private let db: Database
    private let insertPlace: FastStatement
    private let placeBySourceKey: FastStatement
    private let readNames: FastStatement
    private let updateNames: FastStatement
    private let index: PendingIndexEntries
    /// Reused buffer for the 60-byte point blob.
    private var blob = [UInt8](repeating: 0, count: SpatiaLitePoint.byteCount)
    /// Reused one-place batch for `write(_ record:)`.
    private var single = PackedPlaces(capacity: 1)
    private var nextLocalID: Int64
    private let suspended: SpatialTriggers.Suspension
    /// When true, index entries wait until `finish()`.
    private let deferSpatialIndex: Bool

    /// Local ids start here, above any GeoNames id.
    static let firstLocalID: Int64 = 1_000_000_000

    /// Prepares the statements and suspends the triggers of `place`.
    ///
    /// - parameter deferSpatialIndex: collect R*Tree entries and write them in `finish()`
    ///   (bulk loads), instead of one R*Tree insert per place.
    init(_ db: Database, deferSpatialIndex: Bool = false) throws {
        self.db = db
        self.deferSpatialIndex = deferSpatialIndex
        db.add(function: Self.mergeNames)
        suspended = try SpatialTriggers.suspend(table: "place", in: db)
        insertPlace = try FastStatement(db, sql: """
            INSERT INTO place (id, name, ascii_name, feature_class, feature_code, country, admin1, admin2,
                               population, importance, source, source_key, geom, names)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_key) DO UPDATE SET
                name = excluded.name, ascii_name = excluded.ascii_name,
                feature_class = excluded.feature_class, feature_code = excluded.feature_code,
                country = excluded.country, admin1 = excluded.admin1, admin2 = excluded.admin2,
                population = excluded.population, importance = excluded.importance,
                source = excluded.source, geom = excluded.geom,
                names = \(Self.mergeNames.name)(place.names, excluded.names)
            """)
        // No `RETURNING id`: SQLite runs RETURNING through a temporary table opened per row,
        // which was a tenth of a bulk load's writing thread. See `write` for the id.
        placeBySourceKey = try FastStatement(db, sql: "SELECT id FROM place WHERE source_key = ?")
        readNames = try FastStatement(db, sql: "SELECT names FROM place WHERE id = ?")
        updateNames = try FastStatement(db, sql: "UPDATE place SET names = ? WHERE id = ?")
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

    /// Writes the spatial index, sets a new place generation and restores the triggers. Call
    /// once, after the last write, in the same transaction.
    func finish() throws {
        try index.flush()
        try PlaceGeneration.bump(in: db)
        try suspended.restore()
    }

    /// `atlas_merge_place_names(stored, added)`: `PlaceNamesColumn.merge`, for re-loads.
    private static let mergeNames = DatabaseFunction("atlas_merge_place_names", argumentCount: 2, pure: true) { values in
        let stored = String.fromDatabaseValue(values[0]) ?? "[]"
        let added = String.fromDatabaseValue(values[1]) ?? "[]"
        return PlaceNamesColumn.merge(stored, added)
    }

    /// Stores `record` and all its names; returns the place id. The record is packed as a bulk
    /// load's parsing thread packs it (`PackedPlaces`) and written the same way, so both paths
    /// bind exactly the same values.
    @discardableResult
    func write(_ record: PlaceRecord) throws -> Int64 {
        single.removeAll()
        single.append(record, folded: record.foldedNames)
        guard case let .place(row)? = single.items.last else {
            throw StoreError.invalidValue("storing place \(record.name): the record was not packed")
        }
        return try single.bytes.withUnsafeBufferPointer { try write(row, in: $0) }
    }

    /// Stores the place `row` of a packed batch whose texts lie in `bytes` (see `write(_:)`);
    /// returns the place id. The texts are bound where they are, not copied.
    func write(_ row: PackedPlaces.Row, in bytes: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        let proposedID = row.geonameID ?? nextLocalID
        func bind(_ index: Int32, _ span: PackedPlaces.Span, to statement: FastStatement) {
            // An empty text still needs a valid pointer: SQLite binds NULL for a nil one.
            statement.bind(index, utf8: bytes.baseAddress! + Int(span.offset), count: Int(span.count))
        }
        SpatiaLitePoint.write(row.coordinate, into: &blob)
        insertPlace.bind(1, proposedID)
        bind(2, row.name, to: insertPlace)
        bind(3, row.asciiName, to: insertPlace)
        bind(4, row.featureClass, to: insertPlace)
        bind(5, row.featureCode, to: insertPlace)
        bind(6, row.country, to: insertPlace)
        bind(7, row.admin1, to: insertPlace)
        bind(8, row.admin2, to: insertPlace)
        insertPlace.bind(9, row.population)
        insertPlace.bind(10, row.importance)
        bind(11, row.source, to: insertPlace)
        bind(12, row.sourceKey, to: insertPlace)
        try blob.withUnsafeBufferPointer { point in
            insertPlace.bind(13, blob: point)
            bind(14, row.names, to: insertPlace)
            try insertPlace.run()
        }
        return try storedID(proposedID: proposedID, isLocal: row.geonameID == nil, coordinate: row.coordinate) {
            bind(1, row.sourceKey, to: $0)
        }
    }

    /// The id of the place just written with `proposedID`, and its spatial index entry.
    ///
    /// An inserted row has the id proposed, and makes it the last inserted row id. An update
    /// (the source key was stored) leaves that id as it was: an earlier row's, which is never
    /// the id proposed now unless it is the same place (a GeoNames id proposes itself), so only
    /// then is the stored id looked up, by the source key `bindSourceKey` binds as parameter 1.
    private func storedID(proposedID: Int64, isLocal: Bool, coordinate: Coordinate,
                          bindSourceKey: (FastStatement) -> Void) throws -> Int64 {
        var id = proposedID
        if insertPlace.lastInsertedRowID != proposedID {
            bindSourceKey(placeBySourceKey)
            var stored: Int64?
            try placeBySourceKey.forEachRow { stored = $0.int64(0) }
            guard let stored else {
                throw StoreError.sqlite(context: "storing a place", message: "the stored place was not found again")
            }
            id = stored
        }
        if isLocal && id == nextLocalID { nextLocalID += 1 }
        let x = coordinate.longitude, y = coordinate.latitude
        if deferSpatialIndex {
            index.add(id: id, x: x, y: y)
        } else {
            try index.write(id: id, x: x, y: y)
        }
        return id
    }

    /// What `addName` did.
    enum NameAddition {
        /// The spelling is now stored.
        case added
        /// The place had it already, or it has no letters to search by.
        case known
        /// There is no place with that id.
        case noSuchPlace
    }

    /// Attaches one spelling to place `id`.
    @discardableResult
    func addName(_ name: String, language: String, isPreferred: Bool, to id: Int64) throws -> NameAddition {
        readNames.bind(1, id)
        var stored: String?
        try readNames.forEachRow { stored = $0.text(0) }
        guard let stored else { return .noSuchPlace }
        guard let folded = FoldedName(name, language: language, isPreferred: isPreferred) else { return .known }
        let merged = PlaceNamesColumn.merge(stored, PlaceNamesColumn.encode([folded]))
        guard merged != stored else { return .known }
        updateNames.bind(1, merged)
        updateNames.bind(2, id)
        try updateNames.run()
        return .added
    }
}

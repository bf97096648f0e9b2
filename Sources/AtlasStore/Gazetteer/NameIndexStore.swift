import AtlasModel
import CSpatiaLite
import Foundation
import GRDB

/// Finding the current `NameIndex` of a database: the one its `SpatialDatabase` already holds,
/// the sidecar file `<db>.names` if its stamp and checksum hold, or a new one built from
/// `place.names` (and saved beside the database when the folder can be written).
enum NameIndexStore {
    /// The sidecar path for the database file at `path`.
    static func path(forDatabase path: String) -> String { path + ".names" }

    /// The index current with the gazetteer `db` holds (read inside the caller's transaction,
    /// so an importer's writer sees its own places), kept in `cache`.
    static func current(in db: Database, cache: SidecarCache) throws -> NameIndex {
        let stamp = try SidecarStamp.places(in: db)
        let databasePath = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        return try cache.names.value(for: stamp) {
            // An in-memory database has no path: no file.
            guard !databasePath.isEmpty else { return (stamp, try NameIndex(data: build(from: db))) }
            let file = path(forDatabase: databasePath)
            if let payload = SidecarFile.payload(at: file, magic: NameIndex.magic, stamp: stamp),
               let index = try? NameIndex(data: payload) {
                return (stamp, index)
            }
            return try SidecarLock.whileHolding(forSidecar: file) {
                // Another process may have rebuilt it while this one waited.
                if let payload = SidecarFile.payload(at: file, magic: NameIndex.magic, stamp: stamp),
                   let index = try? NameIndex(data: payload) {
                    return (stamp, index)
                }
                return try rebuild(from: db, stamp: stamp, to: file)
            }
        }
    }

    /// A new index from `place.names`, saved to `file` when the folder can be written.
    private static func rebuild(from db: Database, stamp: SidecarStamp, to file: String) throws -> (SidecarStamp, NameIndex) {
        let builder = try collect(from: db)
        let sorted = builder.sorted()
        // A folder that cannot be written (read-only store, full disk) keeps the index in
        // memory only.
        if (try? builder.write(sorted, stamp: stamp, to: file)) != nil,
           let payload = SidecarFile.payload(at: file, magic: NameIndex.magic, stamp: stamp),
           let index = try? NameIndex(data: payload) {
            return (stamp, index)
        }
        return (stamp, try NameIndex(data: builder.fileData(sorted)))
    }

    /// Stamps the index file at `temporary` (written by a bulk load before its generation was
    /// known), moves it into place for the database at `databasePath` and keeps it in `cache`.
    static func install(fileAt temporary: String, stamp: SidecarStamp, forDatabase databasePath: String, cache: SidecarCache) throws {
        let file = path(forDatabase: databasePath)
        do {
            try SidecarFile.restamp(fileAt: temporary, stamp: stamp)
            guard rename(temporary, file) == 0 else { throw StoreError.invalidValue("name index: cannot move \(temporary) to \(file)") }
        } catch {
            unlink(temporary)
            throw error
        }
        guard let payload = SidecarFile.payload(at: file, magic: NameIndex.magic, stamp: stamp) else {
            throw StoreError.invalidValue("name index: \(file) does not read back")
        }
        cache.names.keep(try NameIndex(data: payload), for: stamp)
    }

    /// The index payload of every spelling in `place.names`.
    static func build(from db: Database) throws -> Data {
        let builder = try collect(from: db)
        return builder.fileData(builder.sorted())
    }

    /// Every spelling of `place.names` in a builder. The column text as `encode` writes it is
    /// read from its bytes (`PlaceNamesColumn.plainSpellings`), anything else through `decode`.
    /// A value that is not the column's JSON (written by another tool) contributes the place's
    /// main name only.
    private static func collect(from db: Database) throws -> NameIndexBuilder {
        var builder = NameIndexBuilder()
        var spans: [(name: Range<Int>, key: Range<Int>)] = []
        let statement = try FastStatement(db, sql: "SELECT id, name, names FROM place")
        try statement.forEachRow { row in
            let id = row.int64(0)
            let text = row.blob(2)
            spans.removeAll(keepingCapacity: true)
            if PlaceNamesColumn.plainSpellings(text, into: &spans) {
                for span in spans {
                    try builder.add(placeID: id, nameBytes: UnsafeRawBufferPointer(rebasing: text[span.name]),
                                    keyBytes: UnsafeRawBufferPointer(rebasing: text[span.key]))
                }
            } else if let names = PlaceNamesColumn.decode(row.text(2)) {
                for name in names where !name.key.isEmpty {
                    try builder.add(placeID: id, name: name.name, key: name.key, skeleton: NameFolding.skeleton(ofKey: name.key))
                }
            } else if let folded = FoldedName(row.text(1), language: "", isPreferred: true) {
                try builder.add(placeID: id, names: [folded])
            }
        }
        return builder
    }
}

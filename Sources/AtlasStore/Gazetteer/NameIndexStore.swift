import CSpatiaLite
import Foundation
import GRDB

/// Finding the current `NameIndex` of a database: the one already open in this process, the
/// sidecar file, or a new one built from `place.names` (and saved beside the database).
enum NameIndexStore {
    /// The sidecar path for the database file at `path`.
    static func path(forDatabase path: String) -> String { path + ".names" }

    /// The index current with the gazetteer `db` holds (read inside the caller's transaction,
    /// so an importer's writer sees its own places).
    static func current(in db: Database) throws -> NameIndex {
        let generation = try PlaceGeneration.current(in: db)
        let databasePath = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        // An in-memory database has no path: no file and no sharing between connections.
        if !databasePath.isEmpty, let open = cache.index(for: databasePath), open.generation == generation { return open }
        let file = path(forDatabase: databasePath)
        if !databasePath.isEmpty,
           let mapped = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped),
           let index = try? NameIndex(data: mapped), index.generation == generation {
            cache.keep(index, for: databasePath)
            return index
        }
        let builder = try collect(from: db)
        let sorted = builder.sorted()
        guard !databasePath.isEmpty else { return try NameIndex(data: builder.fileData(sorted, generation: generation)) }
        let index = try save(builder, sorted, generation: generation, to: file)
            ?? NameIndex(data: builder.fileData(sorted, generation: generation))
        cache.keep(index, for: databasePath)
        return index
    }

    /// A temporary path beside the sidecar of the database at `databasePath`, for `install`.
    static func temporaryPath(forDatabase databasePath: String) -> String {
        path(forDatabase: databasePath) + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Moves the index file at `temporary` (written by a bulk load) into place for the database
    /// at `databasePath`, stamped with `generation`, and keeps it open.
    static func install(fileAt temporary: String, generation: Int64, forDatabase databasePath: String) throws {
        let file = path(forDatabase: databasePath)
        do {
            try NameIndexBuilder.stamp(generation: generation, onFileAt: temporary)
            guard rename(temporary, file) == 0 else { throw StoreError.invalidValue("name index: cannot move \(temporary) to \(file)") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        let index = try NameIndex(data: Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped))
        cache.keep(index, for: databasePath)
    }

    /// Reads every spelling from `place.names`. A value that is not the column's JSON (written by
    /// another tool) contributes the place's main name only.
    static func build(from db: Database, generation: Int64) throws -> Data {
        let builder = try collect(from: db)
        return builder.fileData(builder.sorted(), generation: generation)
    }

    /// Every spelling of `place.names` in a builder. The column text as `encode` writes it is
    /// read from its bytes (`PlaceNamesColumn.plainSpellings`), anything else through `decode`.
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

    /// Writes the index to a temporary file renamed into place (readers never see half a file;
    /// no second copy of it in memory) and maps it; nil when the folder cannot be written, and
    /// the caller keeps the index in memory only.
    private static func save(_ builder: NameIndexBuilder, _ sorted: NameIndexBuilder.SortedNames, generation: Int64, to file: String) -> NameIndex? {
        let temporary = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try builder.write(sorted, generation: generation, to: temporary)
        } catch {
            return nil
        }
        guard rename(temporary, file) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            return nil
        }
        return try? NameIndex(data: Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped))
    }

    /// The indexes open in this process, by database path.
    private final class OpenIndexes: @unchecked Sendable {
        private let lock = NSLock()
        private var indexes: [String: NameIndex] = [:]

        func index(for path: String) -> NameIndex? {
            lock.lock(); defer { lock.unlock() }
            return indexes[path]
        }

        func keep(_ index: NameIndex, for path: String) {
            lock.lock(); defer { lock.unlock() }
            indexes[path] = index
        }
    }

    private static let cache = OpenIndexes()
}

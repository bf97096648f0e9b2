import AtlasModel
import CSpatiaLite
import GRDB

/// Initialises SpatiaLite on one SQLite connection.
///
/// SpatiaLite is linked (not loaded as an extension), so no `load_extension` is enabled.
/// Each connection gets its own SpatiaLite cache; the cache is handed to SQLite as the user
/// data of a no-op SQL function, whose destructor frees it when SQLite closes the connection.
/// That ties the cache's lifetime to the connection's exactly, whoever closes it.
enum SpatiaLiteConnection {
    /// The name of the function that owns the cache. Calling it returns NULL.
    static let cacheOwnerFunction = "_atlas_spatialite_cache_owner"

    /// `atlas_fold(text)`: the gazetteer's name folding in SQL, so filters can compare an
    /// incident's `admin1` text with a governorate's spellings.
    private static let foldFunction = DatabaseFunction("atlas_fold", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return NameFolding.key(text)
    }

    /// Runs once per process before the first connection.
    static let libraryInitialised: Bool = {
        _ = csl_disable_memory_statistics()
        spatialite_initialize()
        return true
    }()

    /// Prepares `db` for spatial SQL. Called from GRDB's `prepareDatabase` for the writer and
    /// every reader.
    ///
    /// - throws: `StoreError.spatiaLite` if the connection handle or cache cannot be had.
    static func prepare(_ db: Database) throws {
        _ = libraryInitialised
        guard let handle = db.sqliteConnection else {
            throw StoreError.spatiaLite(call: "spatialite_init_ex", detail: "no SQLite connection handle")
        }
        guard let cache = spatialite_alloc_connection() else {
            throw StoreError.spatiaLite(call: "spatialite_alloc_connection", detail: "out of memory")
        }
        spatialite_init_ex(handle, cache, 0)
        // xFunc must not be nil: all-nil callbacks mean "delete the function", and SQLite
        // would then free the cache at once, under the live connection.
        let rc = sqlite3_create_function_v2(
            handle, cacheOwnerFunction, 0, SQLITE_UTF8, cache,
            { context, _, _ in sqlite3_result_null(context) },
            nil, nil,
            { cache in spatialite_cleanup_ex(cache) }
        )
        // On failure SQLite has already run the destructor, so the cache is freed.
        guard rc == SQLITE_OK else {
            throw StoreError.spatiaLite(call: "sqlite3_create_function_v2", detail: "result code \(rc)")
        }
        db.add(function: foldFunction)
    }
}

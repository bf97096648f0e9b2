import CSpatiaLite
import Foundation
import GRDB

/// A set of row ids as a bitmap, exposed to SQL as the function `atlas_selected(id)`: what lets
/// one scan of a table in id order keep only a chosen set of rows.
///
/// Why a function and not `id IN (…)`: SQLite answers an `IN` list by looking each id up in
/// the table's B-tree (one descent per id, the cost a dense selection is trying to avoid),
/// while a scan filtered by this function reads the table's pages once, in order, and builds
/// result columns only for the selected rows. The test is one bit per row (measured with the
/// `sqlite3` shell on the 1M-row bench table: a whole-table scan without result columns costs
/// 0.1 s, against ~12 µs a row fetched by id).
///
/// The function is defined once on every connection (`define(on:)`) and reads the selection of
/// the thread that steps the statement (`whileSelected`): defining or removing a function
/// expires every prepared statement of its connection, which would cost each page of a server
/// the preparation of its statements again.
final class SelectedIDs: @unchecked Sendable {  // immutable after init
    /// The smallest and largest selected id (the range a scan has to cover).
    let first: Int64
    let last: Int64
    /// The SQL function's state: [first id, bit count, bitmap words…].
    private let storage: UnsafeMutablePointer<UInt64>

    /// The name the function is defined under.
    static let functionName = "atlas_selected"
    /// A bitmap of `sortedIDs` (ascending, not empty).
    init(sortedIDs: [Int64]) {
        first = sortedIDs.first ?? 0
        last = sortedIDs.last ?? -1
        let bits = max(0, last - first + 1)
        let wordCount = Int((bits + 63) / 64)
        storage = .allocate(capacity: 2 + wordCount)
        storage.initialize(repeating: 0, count: 2 + wordCount)
        storage[0] = UInt64(bitPattern: first)
        storage[1] = UInt64(bits)
        for id in sortedIDs {
            let bit = Int(id - first)
            storage[2 + (bit >> 6)] |= 1 << UInt64(bit & 63)
        }
    }

    deinit { storage.deallocate() }

    /// Defines `atlas_selected(id)` on the connection of `db` (0 for every id outside a
    /// `whileSelected` call).
    ///
    /// - throws: `StoreError.sqlite` if SQLite refuses the function.
    static func define(on db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw StoreError.sqlite(context: "defining \(functionName)", message: "the connection is closed")
        }
        let rc = sqlite3_create_function_v2(connection, functionName, 1, SQLITE_UTF8, nil, selectedFunction, nil, nil, nil)
        guard rc == SQLITE_OK else {
            throw StoreError.sqlite(context: "defining \(functionName)", message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// Runs `body` with `atlas_selected(id)` answering for this selection on this thread (the
    /// thread `body` steps its statements on).
    func whileSelected<T>(_ body: () throws -> T) rethrows -> T {
        let outer = pthread_getspecific(currentSelection)
        pthread_setspecific(currentSelection, storage)
        defer { pthread_setspecific(currentSelection, outer) }
        return try body()
    }
}

/// The thread's current selection: the `storage` of the innermost `whileSelected`, or nil.
private let currentSelection: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

/// `atlas_selected(id)`: 1 if `id` is in the thread's current selection, else 0.
private let selectedFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let state = pthread_getspecific(currentSelection)?.assumingMemoryBound(to: UInt64.self), let argument = arguments?[0] else {
        sqlite3_result_int(context, 0)
        return
    }
    let offset = sqlite3_value_int64(argument) &- Int64(bitPattern: state[0])
    guard offset >= 0, UInt64(offset) < state[1] else {
        sqlite3_result_int(context, 0)
        return
    }
    let word = state[2 + Int(offset >> 6)]
    sqlite3_result_int(context, Int32((word >> UInt64(offset & 63)) & 1))
}

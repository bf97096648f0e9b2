import CSpatiaLite
import GRDB

/// A prepared statement on the raw SQLite handle of a GRDB connection, for hot loops of bulk
/// writers: values are bound directly, without building `StatementArguments` per row.
///
/// It lives inside one `write` closure and is finalized when released, before GRDB can close
/// the connection. Values are always bound as parameters, never spliced into SQL.
final class FastStatement {
    private let connection: OpaquePointer
    /// The statement handle; valid until deinit.
    private let handle: OpaquePointer

    /// Prepares `sql` on the connection of `db`.
    ///
    /// - throws: `StoreError.sqlite` with SQLite's message.
    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw StoreError.sqlite(context: "preparing a statement", message: "the connection is closed")
        }
        self.connection = connection
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError.sqlite(context: "preparing \(sql.prefix(60))…", message: String(cString: sqlite3_errmsg(connection)))
        }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds text to the 1-based parameter `index`.
    func bind(_ index: Int32, _ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(handle, index, "", 0, csl_transient())
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                _ = sqlite3_bind_text(handle, index, chars, Int32(bytes.count), csl_transient())
            }
        }
    }

    /// Binds an integer.
    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    /// Binds an integer.
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }

    /// Binds a double.
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }

    /// Binds a blob.
    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), csl_transient())
        }
    }

    /// Binds NULL.
    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// Runs the statement to completion (or to its first row) and resets it for the next use.
    ///
    /// - returns: the first column of the first row as an integer, if the statement returned a row.
    /// - throws: `StoreError.sqlite` with SQLite's message (constraint violations included).
    @discardableResult
    func run() throws -> Int64? {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var result: Int64?
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW {
                if result == nil { result = sqlite3_column_int64(handle, 0) }
                continue
            }
            if rc == SQLITE_DONE { return result }
            throw StoreError.sqlite(context: "writing", message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// Runs the statement and calls `body` for each row (read columns with `int64(_:)`,
    /// `double(_:)`, `text(_:)`, `blob(_:)` inside it), then resets it.
    func forEachRow(_ body: (FastStatement) throws -> Void) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW { try body(self); continue }
            if rc == SQLITE_DONE { return }
            throw StoreError.sqlite(context: "reading", message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// Like `forEachRow`, but stops (and resets) as soon as `body` returns false.
    func forEachRowWhile(_ body: (FastStatement) throws -> Bool) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW {
                if try body(self) { continue }
                return
            }
            if rc == SQLITE_DONE { return }
            throw StoreError.sqlite(context: "reading", message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// Integer value of 0-based `column` of the current row.
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Double value of 0-based `column` of the current row.
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// Text of 0-based `column` of the current row ("" for NULL).
    func text(_ column: Int32) -> String {
        optionalText(column) ?? ""
    }

    /// Text of 0-based `column` of the current row, nil for NULL. Reads the byte count SQLite
    /// reports instead of scanning for a terminating zero.
    func optionalText(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Integer value of 0-based `column`, nil for NULL.
    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// The bytes of 0-based `column`, valid only inside the `forEachRow` body.
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let pointer = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }

    /// Binds the GRDB arguments `values` from parameter 1 on (text, integers, doubles, NULL).
    func bind(_ values: [(any DatabaseValueConvertible)?]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value?.databaseValue.storage {
            case .none, .some(.null): bindNull(index)
            case let .some(.int64(number)): bind(index, number)
            case let .some(.double(number)): bind(index, number)
            case let .some(.string(text)): bind(index, text)
            case let .some(.blob(data)): bind(index, blob: [UInt8](data))
            }
        }
    }

    /// Rows changed by the last run.
    var changes: Int { Int(sqlite3_changes(connection)) }
}

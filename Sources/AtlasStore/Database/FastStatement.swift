import CSpatiaLite
import Foundation
import GRDB

/// A GRDB prepared statement driven through its SQLite handle, for the hot loops of bulk
/// writers and streaming readers: values are bound directly, without building
/// `StatementArguments` per row, and columns are read without building a `Row`.
///
/// GRDB owns and finalizes the statement. Every bind's result is checked (the first failure
/// is thrown by the next `run` or `forEachRow`), and errors carry the statement's SQL. Values
/// are always bound as parameters, never spliced into SQL.
final class FastStatement {
    private let statement: Statement
    private let connection: OpaquePointer
    /// The statement handle; valid while `statement` lives.
    private let handle: OpaquePointer
    /// The first bind that failed since the last run: (parameter, SQLite result code).
    private var bindFailure: (index: Int32, code: Int32)?

    /// Prepares `sql` on the connection of `db`.
    ///
    /// - throws: `StoreError.sqlite` with SQLite's message and the SQL.
    convenience init(_ db: Database, sql: String) throws {
        try self.init(db, sql: sql, cached: false)
    }

    /// The statement of `sql` from the connection's cache, prepared on first use: for the
    /// reads a server repeats on every request, where preparing a 29-column SELECT (SQLite's
    /// parser and GRDB's authorizer per column) costs about as much as reading a page of rows.
    /// Two such statements of the same SQL must not be in use at once on one connection.
    ///
    /// - throws: `StoreError.sqlite` with SQLite's message and the SQL.
    convenience init(_ db: Database, cachedSQL sql: String) throws {
        try self.init(db, sql: sql, cached: true)
    }

    private init(_ db: Database, sql: String, cached: Bool) throws {
        guard let connection = db.sqliteConnection else {
            throw StoreError.sqlite(context: "preparing \(Self.excerpt(sql))", message: "the connection is closed")
        }
        do {
            statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        } catch let error as DatabaseError {
            throw StoreError.sqlite(context: "preparing \(Self.excerpt(sql))", message: error.message ?? "\(error)")
        }
        self.connection = connection
        handle = statement.sqliteStatement
    }

    /// The statement's SQL, shortened for messages.
    private static func excerpt(_ sql: String) -> String {
        let oneLine = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return oneLine.count > 160 ? oneLine.prefix(160) + "…" : oneLine
    }

    /// Records `code` if it is the first failed bind since the last run.
    private func check(_ code: Int32, _ index: Int32) {
        if code != SQLITE_OK && bindFailure == nil { bindFailure = (index, code) }
    }

    /// Throws the first failed bind, if any (after resetting the statement).
    private func throwBindFailure() throws {
        guard let failure = bindFailure else { return }
        clear()
        throw StoreError.sqlite(context: "binding parameter \(failure.index) of \(Self.excerpt(statement.sql))",
                                message: String(cString: sqlite3_errstr(failure.code)))
    }

    /// Resets the statement, its bindings and the arena.
    private func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        arena.reset()
        bindFailure = nil
    }

    /// The error for a failed step, with SQLite's message and the SQL.
    private func stepError() -> StoreError {
        StoreError.sqlite(context: Self.excerpt(statement.sql), message: String(cString: sqlite3_errmsg(connection)))
    }

    /// Where bound texts and blobs are kept until the statement is reset (see `BindArena`).
    private let arena = BindArena()

    /// Binds text to the 1-based parameter `index`. The bytes are copied into the statement's
    /// arena and bound without SQLite copying them again.
    func bind(_ index: Int32, _ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            let stored = arena.store(UnsafeRawBufferPointer(bytes))
            check(sqlite3_bind_text(handle, index, stored.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil), index)
        }
    }

    /// Binds the UTF-8 text of `count` bytes at `start` without copying it: the bytes must
    /// stay where they are until `run()` returns (which clears the bindings).
    func bind(_ index: Int32, utf8 start: UnsafePointer<UInt8>, count: Int) {
        check(sqlite3_bind_text(handle, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), Int32(count), nil), index)
    }

    /// Binds an integer.
    func bind(_ index: Int32, _ value: Int64) { check(sqlite3_bind_int64(handle, index, value), index) }

    /// Binds an integer.
    func bind(_ index: Int32, _ value: Int) { check(sqlite3_bind_int64(handle, index, Int64(value)), index) }

    /// Binds a double.
    func bind(_ index: Int32, _ value: Double) { check(sqlite3_bind_double(handle, index, value), index) }

    /// Binds a blob.
    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { bytes in
            check(sqlite3_bind_blob(handle, index, arena.store(bytes), Int32(bytes.count), nil), index)
        }
    }

    /// Binds the blob `bytes` without copying it: they must stay where they are until `run()`
    /// returns (which clears the bindings).
    func bind(_ index: Int32, blob bytes: UnsafeBufferPointer<UInt8>) {
        check(sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil), index)
    }

    /// Binds NULL.
    func bindNull(_ index: Int32) { check(sqlite3_bind_null(handle, index), index) }

    /// Runs the statement to completion (or to its first row) and resets it for the next use.
    ///
    /// - returns: the first column of the first row as an integer, if the statement returned a row.
    /// - throws: `StoreError.sqlite` with SQLite's message (constraint violations included).
    @discardableResult
    func run() throws -> Int64? {
        try throwBindFailure()
        defer { clear() }
        var result: Int64?
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW {
                if result == nil { result = sqlite3_column_int64(handle, 0) }
                continue
            }
            if rc == SQLITE_DONE { return result }
            throw stepError()
        }
    }

    /// Runs the statement and calls `body` for each row (read columns with `int64(_:)`,
    /// `double(_:)`, `text(_:)`, `blob(_:)` inside it), then resets it.
    func forEachRow(_ body: (FastStatement) throws -> Void) throws {
        try throwBindFailure()
        defer { clear() }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW { try body(self); continue }
            if rc == SQLITE_DONE { return }
            throw stepError()
        }
    }

    /// Like `forEachRow`, but stops (and resets) as soon as `body` returns false.
    func forEachRowWhile(_ body: (FastStatement) throws -> Bool) throws {
        try throwBindFailure()
        defer { clear() }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW {
                if try body(self) { continue }
                return
            }
            if rc == SQLITE_DONE { return }
            throw stepError()
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

    /// The UTF-8 bytes of text 0-based `column` of the current row as SQLite holds them
    /// (empty for NULL), valid until the statement steps again: for encoders that copy them
    /// out at once. The bytes are not checked to be valid UTF-8.
    func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
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

    /// The row id of the last row inserted on this connection (without GRDB's per-call check
    /// of the calling thread, which a million-row writer would pay per row).
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Rows changed by the last run.
    var changes: Int { Int(sqlite3_changes(connection)) }
}

/// A bump allocator for the values a `FastStatement` binds: SQLite may keep pointers to them
/// (`SQLITE_STATIC`) until the statement is reset and its bindings cleared, after which the
/// arena is reset too. Binding with `SQLITE_TRANSIENT` instead made SQLite allocate and copy
/// every text of every row (~27 a row for an incident).
private final class BindArena {
    private static let chunkSize = 64 << 10
    /// Chunks in use; the first is kept across resets.
    private var chunks: [(base: UnsafeMutableRawPointer, size: Int)] = []
    private var used = 0

    /// A copy of `bytes` that stays valid until `reset()`; never nil, even for no bytes.
    func store(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer {
        if chunks.isEmpty || used + bytes.count > chunks[chunks.count - 1].size {
            let size = max(Self.chunkSize, bytes.count)
            chunks.append((UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8), size))
            used = 0
        }
        let destination = chunks[chunks.count - 1].base + used
        if let source = bytes.baseAddress, bytes.count > 0 { destination.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return destination
    }

    /// Forgets every stored value; keeps one chunk for the next row.
    func reset() {
        while chunks.count > 1 { chunks.removeLast().base.deallocate() }
        used = 0
    }

    deinit {
        for chunk in chunks { chunk.base.deallocate() }
    }
}

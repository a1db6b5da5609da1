import CareBridgeCore
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// One `sqlite3*` connection that CareBridge opens and drives itself, through the SQLite library SQLiteNIO vendors.
/// Calls block the calling thread; `SQLiteLane` gives each handle a thread of its own, and only the lane's
/// leaseholder uses it (the handle is also opened fully serialized, as SQLiteNIO opens its own).
final class SQLiteHandle: @unchecked Sendable {
    private var raw: OpaquePointer?
    let path: String

    /// Initialises the library once, before the first open (SQLiteNIO does the same: concurrent first opens raced on
    /// SQLite's global configuration).
    private static let initialized: Bool = { sqlite_nio_sqlite3_initialize() == SQLITE_OK }()

    init(path: String) throws {
        self.path = path
        _ = Self.initialized
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let code = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "error \(code)"
            sqlite_nio_sqlite3_close(handle)
            throw CareBridgeError(.unavailable, title: "Database unavailable", detail: "Cannot open the SQLite database at \(path): \(message)")
        }
        raw = handle
    }

    func close() {
        for statement in cache.values { sqlite_nio_sqlite3_finalize(statement.pointer) }
        cache = [:]
        if let raw { sqlite_nio_sqlite3_close(raw) }
        raw = nil
    }

    /// Prepared statements by their SQL, kept for the handle's life: the same few
    /// dozen statements serve every request (measured: preparing anew was a tenth of the server's CPU on referral
    /// steps). A statement is out of the cache while it runs, so a query inside another's row callback prepares its own.
    private var cache: [String: Prepared] = [:]
    private static let cacheLimit = 256

    private struct Prepared {
        let pointer: OpaquePointer
    }

    /// The cached statement for `sql`, taken out of the cache, or a new one; nil for SQL with nothing to run.
    private func take(_ sql: String, on raw: OpaquePointer) throws -> Prepared? {
        if let cached = cache.removeValue(forKey: sql) { return cached }
        var prepared: OpaquePointer?
        // SQLITE_PREPARE_PERSISTENT: the statement is meant to be kept and used again.
        guard sqlite_nio_sqlite3_prepare_v3(raw, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK else { throw error() }
        return prepared.map { Prepared(pointer: $0) }
    }

    /// Resets a statement and puts it back; when the cache is full (statements built for long IN lists, say), it is
    /// emptied first, so what is used now is what stays.
    private func giveBack(_ sql: String, _ statement: Prepared) {
        sqlite_nio_sqlite3_reset(statement.pointer)
        sqlite_nio_sqlite3_clear_bindings(statement.pointer)
        if cache.count >= Self.cacheLimit {
            for old in cache.values { sqlite_nio_sqlite3_finalize(old.pointer) }
            cache = [:]
        }
        if let replaced = cache.updateValue(statement, forKey: sql) { sqlite_nio_sqlite3_finalize(replaced.pointer) }
    }

    deinit { close() }

    /// Runs one statement: binds `binds` to its `?`s, steps it, and hands each row to `onRow`.
    func query(_ sql: String, _ binds: [SQLiteData] = [], _ onRow: (SQLiteResultRow) throws -> Void = { _ in }) throws {
        guard let raw else { throw CareBridgeError(.unavailable, title: "Database unavailable", detail: "The SQLite database at \(path) is closed.") }
        guard let prepared = try take(sql, on: raw) else { return }  // only whitespace or a comment: nothing to run
        defer { giveBack(sql, prepared) }
        let statement = prepared.pointer
        for (offset, value) in binds.enumerated() { try bind(value, at: Int32(offset + 1), in: statement) }
        // Read per run, not kept with the statement: a schema change can re-prepare it with other columns.
        var columns: SQLiteResultRow.Columns?
        while true {
            switch sqlite_nio_sqlite3_step(statement) {
            case SQLITE_DONE: return
            case SQLITE_ROW:
                let names = columns ?? SQLiteResultRow.Columns(statement)
                columns = names
                var values: [SQLiteData] = []
                values.reserveCapacity(names.names.count)
                for index in 0..<Int32(names.names.count) { values.append(value(at: index, in: statement)) }
                try onRow(SQLiteResultRow(columns: names, values: values))
            default: throw error()
            }
        }
    }

    /// Prepares `sql` (one row of `?`s) once, then binds and steps it for every row (BulkInsert's large inserts).
    func insert(_ sql: String, rows: [[BulkValue]]) throws {
        guard let raw else { throw CareBridgeError(.unavailable, title: "Database unavailable", detail: "The SQLite database at \(path) is closed.") }
        var prepared: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(raw, sql, -1, 0, &prepared, nil) == SQLITE_OK, let statement = prepared else { throw error() }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        for row in rows {
            for (offset, value) in row.enumerated() { try bind(value.sqlite, at: Int32(offset + 1), in: statement) }
            guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { throw error() }
            guard sqlite_nio_sqlite3_reset(statement) == SQLITE_OK else { throw error() }
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies each bound value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite_nio_sqlite3_bind_null(statement, index)
        case .integer(let number): code = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): code = sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(var text):
            code = text.withUTF8 { utf8 in
                // An empty buffer may have no address; SQLite would bind NULL for that, not ''.
                utf8.isEmpty ? sqlite_nio_sqlite3_bind_text64(statement, index, "", 0, Self.transient, UInt8(SQLITE_UTF8))
                    : utf8.withMemoryRebound(to: CChar.self) {
                        sqlite_nio_sqlite3_bind_text64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient, UInt8(SQLITE_UTF8))
                    }
            }
        case .blob(let buffer):
            code = buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64($0.count), Self.transient)
            }
        }
        guard code == SQLITE_OK else { throw error() }
    }

    /// A column of the current row, typed as SQLite stored it (as SQLiteNIO reads it).
    private func value(at index: Int32, in statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .null }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeRawBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index) { buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count)) }
            return .blob(buffer)
        default: return .null
        }
    }

    /// `BEGIN IMMEDIATE` without waiting for another process's write lock: true when the write lock is now ours, false
    /// when another process holds it (SQLITE_BUSY); the busy timeout is back at `restoringTimeout` milliseconds after.
    func beginImmediateWithoutWaiting(restoringTimeout: Int32) throws -> Bool {
        sqlite_nio_sqlite3_busy_timeout(raw, 0)
        defer { sqlite_nio_sqlite3_busy_timeout(raw, restoringTimeout) }
        let code = sqlite_nio_sqlite3_exec(raw, "BEGIN IMMEDIATE", nil, nil, nil)
        if code == SQLITE_OK { return true }
        if code & 0xFF == SQLITE_BUSY { return false }
        throw error()
    }

    /// The connection's last error, as the rest of the store reports SQLite errors.
    func error() -> any Error {
        let message = raw.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown error"
        return StorageErrors.map(sqliteCode: raw.map { sqlite_nio_sqlite3_extended_errcode($0) } ?? SQLITE_MISUSE, message: message,
                                 context: "the SQLite database at \(path)")
    }
}

/// A row as `SQLiteHandle.query` read it, decoded as SQLiteKit decodes its own rows.
struct SQLiteResultRow: SQLRow {
    /// The column names of one statement's result, shared by all its rows.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]

        init(_ statement: OpaquePointer) {
            let names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { column in
                sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
            }
            self.names = names
            self.index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static let decoder = SQLiteDataDecoder()

    let columns: Columns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }
    func contains(column: String) -> Bool { columns.index[column] != nil }
    func decodeNil(column: String) throws -> Bool { columns.index[column].map { values[$0] == .null } ?? true }
    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let offset = columns.index[column] else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "No column named \(column) in the result."))
        }
        return try Self.decoder.decode(D.self, from: values[offset])
    }
}

private struct SQLiteColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

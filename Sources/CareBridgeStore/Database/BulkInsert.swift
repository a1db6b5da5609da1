import CareBridgeCore
import NIOPosix
import SQLKit
import SQLiteNIO
import VaporCSQLite

/// A value as it is bound into an insert, written once and rendered for either engine.
public enum BulkValue: Sendable, Hashable {
    case text(String?)
    case integer(Int64?)
    case bool(Bool)

    init(_ value: String?) { self = .text(value) }
    init(_ value: Int64?) { self = .integer(value) }
    init(_ value: Bool) { self = .bool(value) }

    var sqlite: SQLiteData {
        switch self {
        case .text(let s): s.map { .text($0) } ?? .null
        case .integer(let i): i.map { .integer(Int($0)) } ?? .null
        case .bool(let b): .integer(b ? 1 : 0)
        }
    }

    var bind: any SQLExpression {
        switch self {
        case .text(let s): SQLBind(s)
        case .integer(let i): SQLBind(i)
        case .bool(let b): SQLBind(b)
        }
    }
}

/// Inserts of many rows. PostgreSQL: multi-row INSERTs through SQLKit. SQLite: from `preparedFrom` rows up, one
/// single-row INSERT prepared once and stepped for every row on the connection's own handle (measured on the demo's
/// load: parsing each 1,000-row INSERT anew was a sixth of the writer's time, and building SQLiteNIO's bind arrays
/// about as much again); below that, multi-row INSERTs bound straight into SQLiteNIO, skipping SQLKit's per-value
/// Encodable encoder (measured: about a third of an audit append). Either way the same values are stored.
enum BulkInsert {
    static let preparedFrom = 64

    static func run(into table: String, columns: [String], rows: [[BulkValue]], in db: any SQLDatabase) async throws {
        if let sqlite = db as? SQLiteTransaction, rows.count >= preparedFrom, let handle = SQLiteHandle(sqlite.connection) {
            let sql = sql(table, columns, rows: 1)
            try await sqlite.threadPool.runIfActive { try handle.insert(sql, rows: rows) }
            return
        }
        let perStatement = max(1, min(1_000, 32_000 / columns.count))
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            if let sqlite = db as? SQLiteTransaction {
                var values: [SQLiteData] = []
                values.reserveCapacity(chunk.count * columns.count)
                for row in chunk { for value in row { values.append(value.sqlite) } }
                _ = try await sqlite.connection.query(sql(table, columns, rows: chunk.count), values)
            } else {
                let insert = db.insert(into: table).columns(columns)
                for row in chunk { insert.values(row.map(\.bind)) }
                try await insert.run()
            }
        }
    }

    static func sql(_ table: String, _ columns: [String], rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (" + columns.joined(separator: ",") + ") VALUES " + Array(repeating: tuple, count: rows).joined(separator: ",")
    }
}

/// The `sqlite3*` of an open SQLiteNIO connection. SQLiteNIO prepares every query anew and keeps its handle to
/// itself, so this reads it by reflection; if a later SQLiteNIO stores it differently, `init` gives nil and callers
/// take SQLiteNIO's own path. Used only inside the writer's transaction, on the SQLite thread pool, with the connection
/// pinned to this one caller (SQLite is built threadsafe, and no other task holds the writer meanwhile).
struct SQLiteHandle: @unchecked Sendable {
    let raw: OpaquePointer

    init?(_ connection: SQLiteConnection) {
        guard let raw = Mirror(reflecting: connection).descendant("handle", "raw") as? OpaquePointer else { return nil }
        self.raw = raw
    }

    /// SQLITE_TRANSIENT: SQLite copies each bound value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Prepares `sql` (one row of `?`s) once, then binds and steps it for every row.
    func insert(_ sql: String, rows: [[BulkValue]]) throws {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(raw, sql, -1, 0, &statement, nil) == SQLITE_OK, let statement else { throw error() }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        for row in rows {
            for (offset, value) in row.enumerated() {
                let index = Int32(offset + 1)
                let code: Int32
                switch value {
                case .text(nil), .integer(nil): code = sqlite_nio_sqlite3_bind_null(statement, index)
                case .text(var text?):
                    code = text.withUTF8 { utf8 in
                        // An empty buffer may have no address; SQLite would bind NULL for that, not ''.
                        utf8.isEmpty ? sqlite_nio_sqlite3_bind_text64(statement, index, "", 0, Self.transient, UInt8(SQLITE_UTF8))
                            : utf8.withMemoryRebound(to: CChar.self) {
                                sqlite_nio_sqlite3_bind_text64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient, UInt8(SQLITE_UTF8))
                            }
                    }
                case .integer(let number?): code = sqlite_nio_sqlite3_bind_int64(statement, index, number)
                case .bool(let flag): code = sqlite_nio_sqlite3_bind_int64(statement, index, flag ? 1 : 0)
                }
                guard code == SQLITE_OK else { throw error() }
            }
            guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { throw error() }
            guard sqlite_nio_sqlite3_reset(statement) == SQLITE_OK else { throw error() }
        }
    }

    /// The connection's last error, as the rest of the store reports SQLite errors.
    func error() -> any Error {
        let message = sqlite_nio_sqlite3_errmsg(raw).map { String(cString: $0) } ?? "unknown error"
        return StorageErrors.map(sqliteCode: sqlite_nio_sqlite3_extended_errcode(raw), message: message)
    }
}

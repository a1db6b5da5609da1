import CareBridgeCore
import SQLKit
import SQLiteNIO

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

/// Inserts of many rows. PostgreSQL: one array per column, unnested (`unnested`), so the statement's text and binds
/// are the same for any number of rows and run prepared in a brief or queued body. SQLite: from `preparedFrom` rows
/// up, one single-row INSERT prepared once and stepped for every row on the connection's own handle (measured on the
/// demo's load: parsing each 1,000-row INSERT anew was a sixth of the writer's time, and building SQLiteNIO's bind
/// arrays about as much again); below that, multi-row INSERTs bound straight to the handle, skipping SQLKit's
/// per-value Encodable encoder (measured: about a third of an audit append). Either way the same values are stored.
enum BulkInsert {
    static let preparedFrom = 64

    static func run(into table: String, columns: [String], rows: [[BulkValue]], in db: any SQLDatabase) async throws {
        if let sqlite = db as? SQLiteLaneDatabase, rows.count >= preparedFrom {
            try sqlite.handle.insert(sql(table, columns, rows: 1), rows: rows)
            return
        }
        if db.dialect.name == "postgresql" {
            for start in stride(from: 0, to: rows.count, by: postgresPerStatement) {
                let chunk = rows[start..<min(start + postgresPerStatement, rows.count)]
                try await db.raw(insertUnnested(into: table, columns: columns, rows: chunk)).run()
            }
            return
        }
        let perStatement = max(1, min(1_000, 32_000 / columns.count))
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            if let sqlite = db as? SQLiteLaneDatabase {
                var values: [SQLiteData] = []
                values.reserveCapacity(chunk.count * columns.count)
                for row in chunk { for value in row { values.append(value.sqlite) } }
                try sqlite.handle.query(sql(table, columns, rows: chunk.count), values)
            } else {
                let insert = db.insert(into: table).columns(columns)
                for row in chunk { insert.values(row.map(\.bind)) }
                try await insert.run()
            }
        }
    }

    /// Rows per PostgreSQL statement: each is one message of arrays, so this bounds its size, not its bind count.
    static let postgresPerStatement = 10_000

    /// PostgreSQL: `SELECT * FROM unnest($1::text[], $2::int8[], ...)`, a column of `rows` per array (the kind of each
    /// from the first row: a column's values are all of one kind, NULL or not). Non-empty `rows` only.
    static func unnested(_ rows: ArraySlice<[BulkValue]>) -> SQLQueryString {
        let first = rows[rows.startIndex]
        var select: SQLQueryString = "SELECT * FROM unnest("
        for column in first.indices {
            let bind = PostgresColumnBind(kind: first[column].kind, values: rows.map { $0[column] })
            select += column == 0 ? "\(bind: bind)::\(unsafeRaw: bind.kind.sqlArray)" : ", \(bind: bind)::\(unsafeRaw: bind.kind.sqlArray)"
        }
        return select + ")"
    }

    /// PostgreSQL: `INSERT INTO table (columns) SELECT * FROM unnest(...)` of `rows` (non-empty), as `unnested`.
    static func insertUnnested(into table: String, columns: [String], rows: ArraySlice<[BulkValue]>) -> SQLQueryString {
        "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) \(unnested(rows))"
    }

    static func sql(_ table: String, _ columns: [String], rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (" + columns.joined(separator: ",") + ") VALUES " + Array(repeating: tuple, count: rows).joined(separator: ",")
    }
}

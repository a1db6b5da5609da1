import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// SQLKit over one PostgreSQL connection, each statement run as a named prepared statement: PostgresNIO prepares it
/// the first time this connection runs it, and afterwards sends only its binds. The server then neither parses nor
/// plans the statement again. pgbench, running a referral step's 11 statements on this project's two-core test
/// machine, took 3.7 ms on average unprepared (as PostgresKit runs them) and 2.4 ms prepared.
///
/// Only for brief bodies (`Database.Span`): their statements are a small, fixed set of keyed shapes. A scan's `IN`
/// lists of varying length would prepare without end, one statement per length, on every connection. For the same
/// reason a statement of more than `maximumBinds` binds runs unprepared: its shape likely varies with its data.
/// Multi-row inserts do not: `BulkInsert` sends a column per bind (`PostgresColumnBind`), so the audit append is 23
/// binds (the head's 4 and 19 columns) for any number of events. A statement with a bind PostgresNIO cannot encode
/// directly (a JSON value) runs unprepared too, exactly as PostgresKit runs it.
struct PreparedPostgresDatabase: SQLDatabase {
    /// The widest keyed statements: the joined reads' columns are many, their binds few; a referral update has 8.
    static let maximumBinds = 64

    let connection: PostgresConnection
    let unprepared: any SQLDatabase

    init(_ connection: PostgresConnection) {
        self.connection = connection
        self.unprepared = connection.sql()
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { unprepared.dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        unprepared.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        if let check = CredentialCheck.pending, Self.canCarry(sql), let rider = check.take() {
            return try await carry(rider, of: check, on: (query, sql, binds), onRow)
        }
        try await run(query, sql: sql, binds: binds, onRow)
    }

    /// Whether a statement can carry a credential check: a query, which a FROM list can hold as a subquery.
    static func canCarry(_ sql: String) -> Bool {
        let start = sql.utf8.prefix(6).map { $0 | 0x20 }
        return start.elementsEqual("select".utf8) || start.prefix(4).elementsEqual("with".utf8)
    }

    /// Runs `query` with the check's rider as one more column (`cb_credential`, the same value in every row) and
    /// answers the check with what the first row holds. The rows are the query's own, in its order (its ORDER BY keeps
    /// it a subquery that PostgreSQL does not flatten), with that column besides; repositories read columns by name.
    ///
    /// The query goes in as serialized already; only the rider is serialized here, its binds numbered after the query's.
    private func carry(_ rider: CredentialCheck.Rider, of check: CredentialCheck,
                       on query: (expression: any SQLExpression, sql: String, binds: [any Encodable & Sendable]),
                       _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        var serializer = SQLSerializer(database: self)
        serializer.binds = query.binds
        rider.value.serialize(to: &serializer)
        let sql = "SELECT (" + serializer.sql + ") AS cb_credential, cb_q.* FROM (" + query.sql + ") AS cb_q"
        // What runs instead if the statement cannot run prepared: the same, serialized afresh by PostgresKit.
        let carried = SQLQueryString("SELECT (\(rider.value)) AS cb_credential, cb_q.* FROM (\(query.expression)) AS cb_q")
        let first = FirstValue()
        do {
            try await run(carried, sql: sql, binds: serializer.binds) { row in
                first.keep { (try? row.decode(column: "cb_credential", as: String?.self)) ?? nil }
                onRow(row)
            }
        } catch {
            check.release()
            throw error
        }
        check.answer(first.value, of: rider)
    }

    /// The carried column's value in the first row; `.none` before a row came.
    private final class FirstValue: Sendable {
        private let found = Mutex<String??>(.none)
        var value: String?? { found.withLock { $0 } }
        func keep(_ value: () -> String?) {
            found.withLock { found in if found == nil { found = .some(value()) } }
        }
    }

    private func run(_ query: any SQLExpression, sql: String, binds: [any Encodable & Sendable],
                     _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        guard binds.count <= Self.maximumBinds else { return try await unprepared.execute(sql: query, onRow) }
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [UInt32] = []
        types.reserveCapacity(binds.count)
        for bind in binds {
            if (bind as? any OptionalBind)?.isNone == true {
                bindings.appendNull()
                types.append(PostgresDataType.null.rawValue)
            } else if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
                try bindings.append(value, context: .default)
                types.append(value.psqlType.rawValue)
            } else {
                return try await unprepared.execute(sql: query, onRow)
            }
        }
        guard let statement = PreparedShapes.shared.statement(sql: sql, types: types) else {
            return try await unprepared.execute(sql: query, onRow)
        }
        try await PreparedShape.$current.withValue(statement) {
            for try await row in try await connection.execute(PreparedShape(bindings: bindings), logger: logger) {
                onRow(row.sql())
            }
        }
    }
}

/// The statement PostgresNIO runs prepared. PostgresNIO asks a prepared statement's type for its name and SQL; this
/// one type stands for every shape, so it answers with the shape the current task is running (read before the
/// statement is sent, within `execute`).
struct PreparedShape: PostgresPreparedStatement {
    struct Statement: Sendable {
        var name: String
        var sql: String
    }

    @TaskLocal static var current = Statement(name: "", sql: "")

    static var name: String { current.name }
    static var sql: String { current.sql }

    var bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// A name per statement text and bind types, the same on every connection of this process. Binds of other types
/// get another name: the server fixes a prepared statement's parameter types when it first prepares it.
/// At most `limit` shapes are named; later ones run unprepared. This bounds what each connection keeps prepared on
/// the server, whatever varies in a brief body's SQL.
final class PreparedShapes: Sendable {
    static let shared = PreparedShapes(limit: 256)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    private struct Key: Hashable {
        var sql: String
        var types: [UInt32]
    }

    private let names = Mutex<[Key: String]>([:])

    /// The statement to run prepared, or nil when the limit is reached and this shape was not named before.
    func statement(sql: String, types: [UInt32]) -> PreparedShape.Statement? {
        let key = Key(sql: sql, types: types)
        let name = names.withLock { names -> String? in
            if let name = names[key] { return name }
            guard names.count < limit else { return nil }
            let name = "carebridge_\(names.count + 1)"
            names[key] = name
            return name
        }
        return name.map { PreparedShape.Statement(name: $0, sql: sql) }
    }
}

/// Whether a bind is an Optional holding nothing (a nil inside `any Encodable` does not compare equal to nil).
private protocol OptionalBind {
    var isNone: Bool { get }
}

extension Optional: OptionalBind {
    var isNone: Bool { self == nil }
}

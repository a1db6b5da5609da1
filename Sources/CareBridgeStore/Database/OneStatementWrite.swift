import SQLKit

/// PostgreSQL: the writes of a short transaction as one statement of data-modifying CTEs. PostgreSQL runs a statement
/// atomically without BEGIN and COMMIT, so the writes cost one round trip instead of one each and two more.
///
/// Each repository adds its part: the rows its writes depend on, locked (`lock`: a referral at the version its step
/// was decided on, the audit chain's head where this process last left it), further conditions (`require`: an
/// organization's webhook targets as this process last saw them), and its writes, each conditional on `proceed`. The
/// statement is
///
///     WITH ok AS (SELECT 1 FROM referrals, audit_head WHERE <locked rows' conditions> AND <conditions> FOR UPDATE),
///          w0 AS (UPDATE referrals SET ... WHERE id = $1 AND EXISTS (SELECT 1 FROM ok)), w1 AS (...), ...
///     SELECT (SELECT count(*) FROM ok) AS written, <reports>
///
/// so either every condition holds and every write is made, or nothing is written and `run` says so; the caller then
/// writes in a transaction as before, where the same conditions are read, reported and acted on one by one. A locked
/// row that another transaction changed and committed meanwhile is checked again in its committed version (PostgreSQL's
/// READ COMMITTED re-check), so the conditions hold on the latest rows or the statement writes nothing.
public struct OneStatementWrite: Sendable {
    private var locked: [(table: String, condition: SQLQueryString)] = []
    private var conditions: [SQLQueryString] = []
    private var writes: [SQLQueryString] = []
    private var reports: [SQLQueryString] = []
    private var handlers: [@Sendable (_ row: any SQLRow, _ written: Bool) throws -> Void] = []

    public init() {}

    /// The condition every write carries: that the locked rows and the conditions all held.
    public static let proceed: SQLQueryString = "EXISTS (SELECT 1 FROM ok)"

    /// Locks the row of `table` that `condition` picks (its columns qualified by the table's name); nothing is written
    /// unless it exists. A table is locked at most once per statement. PostgreSQL locks the rows in the order they are
    /// added here (the FROM list's; checked by hand: with the head held elsewhere, the referral was already locked),
    /// so callers add them in the order their transactions take them, the referral before the audit head, and the two
    /// never wait for each other crosswise.
    mutating func lock(_ table: String, where condition: SQLQueryString) {
        precondition(!locked.contains { $0.table == table }, "one locked row per table")
        locked.append((table, condition))
    }

    /// Nothing is written unless `condition` holds.
    mutating func require(_ condition: SQLQueryString) { conditions.append(condition) }

    /// A data-modifying statement (INSERT, UPDATE, DELETE) that carries `proceed` among its conditions.
    mutating func write(_ statement: SQLQueryString) { writes.append(statement) }

    /// An insert of `rows` (non-empty), as one array per column (`BulkInsert.unnested`), conditional on `proceed`.
    mutating func insert(into table: String, columns: [String], rows: [[BulkValue]]) {
        write(BulkInsert.insertUnnested(into: table, columns: columns, rows: rows[...]) + " WHERE \(Self.proceed)")
    }

    /// `expression AS name`, a column of the statement's one row, read by a handler.
    mutating func report(_ expression: SQLQueryString, as name: String) { reports.append(expression + " AS \(ident: name)") }

    /// Runs after the statement, with its row and whether it wrote: to keep what the caller now knows (the audit
    /// chain's new head on success, the webhook targets reported either way).
    mutating func then(_ handler: @escaping @Sendable (_ row: any SQLRow, _ written: Bool) throws -> Void) { handlers.append(handler) }

    var statement: SQLQueryString {
        var guardRow: SQLQueryString = "SELECT 1"
        if !locked.isEmpty { guardRow += " FROM \(unsafeRaw: locked.map(\.table).joined(separator: ", "))" }
        let all = locked.map(\.condition) + conditions
        if !all.isEmpty { guardRow += " WHERE " + all.map { "(" + $0 + ")" }.joined(separator: " AND ") }
        if !locked.isEmpty { guardRow += " FOR UPDATE" }
        var sql: SQLQueryString = "WITH ok AS (" + guardRow + ")"
        for (index, write) in writes.enumerated() { sql += ", \(unsafeRaw: "w\(index)") AS (" + write + ")" }
        sql += " SELECT (SELECT count(*) FROM ok) AS written"
        for report in reports { sql += ", " + report }
        return sql
    }

    /// Runs the statement (PostgreSQL only, outside any transaction: it is one); whether it wrote.
    public func run(in db: any SQLDatabase) async throws -> Bool {
        precondition(db.dialect.name == "postgresql", "one-statement writes are PostgreSQL's")
        guard let row = try await db.raw(statement).first() else { return false }
        let written = try row.int("written") == 1
        for handler in handlers { try handler(row, written) }
        return written
    }
}

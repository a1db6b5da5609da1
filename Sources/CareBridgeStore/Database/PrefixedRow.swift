import SQLKit

/// The columns of one joined table in a row that carries several, selected under a prefix (`PrefixedRow.columns`), read
/// by their bare names: a repository's own decoder reads them as if they came from its table alone.
struct PrefixedRow: SQLRow {
    let row: any SQLRow
    let prefix: String

    var allColumns: [String] { row.allColumns.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } }
    func contains(column: String) -> Bool { row.contains(column: prefix + column) }
    func decodeNil(column: String) throws -> Bool { try row.decodeNil(column: prefix + column) }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D { try row.decode(column: prefix + column, as: type) }

    /// `columns` of the table aliased `table`, each selected as `prefix` + its name (an empty prefix keeps the names).
    /// Written out once, as text: both engines quote identifiers with `"`, and SQLKit's own quoting of the
    /// identifiers, one by one, cost more than the statement's run on SQLite (measured; see BENCHMARKS.md).
    static func columns(_ columns: [String], of table: String, prefix: String) -> SQLRaw {
        precondition((columns + [table, prefix]).allSatisfy { !$0.contains("\"") }, "identifiers are the code's own")
        return SQLRaw(columns.map { "\"\(table)\".\"\($0)\" AS \"\(prefix)\($0)\"" }.joined(separator: ", "))
    }
}

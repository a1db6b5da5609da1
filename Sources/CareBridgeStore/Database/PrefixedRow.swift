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

    /// `columns` of the table aliased `table`, each selected as `prefix` + its name.
    static func columns(_ columns: [String], of table: String, prefix: String) -> [any SQLExpression] {
        columns.map { SQLAlias(SQLColumn($0, table: table), as: SQLIdentifier(prefix + $0)) }
    }
}

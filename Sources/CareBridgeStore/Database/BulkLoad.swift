import Foundation
import CareBridgeCore
import SQLKit

extension Database {
    /// Loads many rows into `tables` in one transaction, if all of them are empty when it starts (else returns nil and
    /// runs nothing: the caller writes as usual). On SQLite the indexes named in `rebuilding` (secondary indexes of those
    /// tables whose keys arrive in random order, such as keyed hashes) are dropped first and created again from their own
    /// stored definitions before the commit: one sort at the end instead of inserts at random places all through the
    /// load, whose pages the page cache keeps writing out and reading back once the load outgrows it. Indexes whose
    /// keys arrive in order (time-ordered ids, consecutive codes) are cheaper kept: each row adds at the index's edge,
    /// while rebuilding sorts everything again at the end (measured on the demo: rebuilding all seven took longer than
    /// the load spent on them). The indexes come back inside the same transaction, so no reader and no crash ever sees
    /// the tables without them, and a failure (a unique index that no longer holds included) rolls back the rows and
    /// the indexes together. The write lock is held for the whole load. PostgreSQL keeps its indexes and just gets
    /// the one transaction.
    public func loadIntoEmpty<T: Sendable>(tables: [String], rebuilding indexNames: [String] = [], _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T? {
        try await write { db -> T? in
            for table in tables {
                if try await db.select().column(SQLLiteral.numeric("1")).from(table).limit(1).first() != nil { return nil }
            }
            guard kind == .sqlite else { return try await body(db) }
            let indexes = indexNames.isEmpty ? [] : try await db.select().columns("name", "sql").from("sqlite_master").where("type", .equal, "index")
                .where("name", .in, indexNames).where("tbl_name", .in, tables).orderBy("rowid").all()
                .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
            guard indexes.count == indexNames.count else {
                throw CareBridgeError(.storage, title: "Unknown index", detail: "Not every index of \(indexNames) is an index of \(tables).")
            }
            for (name, _) in indexes { try await db.drop(index: name).run() }
            let result = try await body(db)
            // SQLite's sorter may use helper threads for the index builds (off by default: PRAGMA threads = 0).
            if !indexes.isEmpty { try await db.raw("PRAGMA threads = \(unsafeRaw: String(ProcessInfo.processInfo.activeProcessorCount))").run() }
            for (_, sql) in indexes { try await db.execute(sql: SQLRaw(sql), { _ in }) }
            if !indexes.isEmpty { try await db.raw("PRAGMA threads = 0").run() }
            return result
        }
    }
}

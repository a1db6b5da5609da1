import CareBridgeCore
@testable import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

/// `BulkInsert` stores exactly the values it is given on both engines. On PostgreSQL it sends one array per column
/// (`PostgresColumnBind`, PostgreSQL's binary array format written by hand), so NULLs, scripts, signs and extremes must
/// survive that encoding, and the statement must be the same whatever the number of rows.
@Suite("Bulk inserts")
struct BulkInsertTests {
    static let columns = ["id", "label", "n", "flag"]

    static func row(_ i: Int) -> [BulkValue] {
        let labels: [String?] = ["Гульнара Каримова", "عزيز كريموف", nil, "", "Aziz O'Brien \"quoted\" \\ 👍", "x"]
        let numbers: [Int64?] = [0, -1, Int64.max, Int64.min, nil, 1_764_460_800_000]
        return [BulkValue(String(format: "r%05d", i)), BulkValue(labels[i % labels.count]), BulkValue(numbers[i % numbers.count]), BulkValue(i % 3 == 0)]
    }

    static func stored(_ db: Database) async throws -> [[BulkValue]] {
        try await db.read { db in
            try await db.select().columns(columns).from("probe").orderBy("id").all().map { row in
                [BulkValue(try row.string("id")), BulkValue(try row.optionalString("label")),
                 BulkValue(try row.decodeNil(column: "n") ? nil : try row.int("n")), BulkValue(try row.bool("flag"))]
            }
        }
    }

    @Test("rows read back exactly as inserted: NULLs, Cyrillic, Arabic, quotes and emoji, signed 64-bit extremes, booleans; in one batch and across the PostgreSQL batch size",
          arguments: TestDatabase.kinds)
    func roundTrips(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { (db: Database) async throws in
            try await db.write { try await $0.raw("CREATE TABLE probe (id TEXT PRIMARY KEY, label TEXT, n BIGINT, flag BOOLEAN NOT NULL)").run() }
            let few = (0..<13).map(Self.row)
            try await db.write { try await BulkInsert.run(into: "probe", columns: Self.columns, rows: few, in: $0) }
            #expect(try await Self.stored(db) == few)
            let many = (13..<(13 + BulkInsert.postgresPerStatement + 7)).map(Self.row)
            try await db.write { try await BulkInsert.run(into: "probe", columns: Self.columns, rows: many, in: $0) }
            #expect(try await Self.stored(db) == few + many)
        }
    }

    @Test("on PostgreSQL, batches of any size are one prepared statement in a brief body",
          .enabled(if: TestDatabase.kinds.contains(.postgres), "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func oneShape() async throws {
        try await TestDatabase.with(.postgres, migrate: false) { (db: Database) async throws in
            try await db.write { try await $0.raw("CREATE TABLE probe (id TEXT PRIMARY KEY, label TEXT, n BIGINT, flag BOOLEAN NOT NULL)").run() }
            let prepared = try await db.write(.brief) { db in
                for range in [0..<1, 1..<4, 4..<40] { try await BulkInsert.run(into: "probe", columns: Self.columns, rows: range.map(Self.row), in: db) }
                return try await db.raw("SELECT statement FROM pg_prepared_statements").all().map { try $0.string("statement") }
            }
            #expect(prepared.filter { $0.hasPrefix("INSERT INTO probe") }.count == 1, "\(prepared)")
            #expect(try await Self.stored(db) == (0..<40).map(Self.row))
        }
    }
}

import CareBridgeCore
@testable import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

/// On PostgreSQL a brief body's statements run as prepared statements (PreparedPostgresDatabase): they must give the
/// answers the unprepared statements give, whatever the binds, and prepare once per statement and bind types.
@Suite("Prepared statements of brief bodies")
struct PreparedStatementTests {
    struct Detail: Codable, Sendable { var a: Int }

    static var postgres: [DatabaseKind] { TestDatabase.kinds.filter { $0 == .postgres } }

    @Test("on PostgreSQL, a brief body prepares each statement once per bind types and answers as the default span does",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func preparedOncePerShape() async throws {
        try await TestDatabase.with(.postgres, migrate: false) { (db: Database) async throws in
            try await db.write { try await $0.raw("CREATE TABLE probe (id TEXT PRIMARY KEY, n BIGINT NOT NULL, note TEXT)").run() }
            let (answers, prepared) = try await db.write(.brief) { db in
                for (id, note) in [("a", "first" as String?), ("b", nil), ("c", "third")] {
                    try await db.insert(into: "probe").columns("id", "n", "note").values(SQLBind(id), SQLBind(Int64(id.count * 7)), SQLBind(note)).run()
                }
                var answers: [String] = []
                for id in ["a", "b", "c", "missing"] {
                    let row = try await db.select().columns("n", "note").from("probe").where("id", .equal, id).first()
                    answers.append(row.map { "\(try! $0.decode(column: "n", as: Int64.self)):\(try! $0.decodeNil(column: "note") ? "nil" : try! $0.decode(column: "note", as: String.self))" } ?? "none")
                }
                // One text, two bind types: the server fixes a prepared statement's parameter types when it prepares it.
                for value in [SQLBind(Int64(42)), SQLBind("forty-two")] {
                    answers.append(try await db.raw("SELECT CAST(\(value) AS TEXT) AS v").first()!.decode(column: "v", as: String.self))
                }
                // A multi-row insert of more binds than a keyed statement has is not prepared: its shape varies.
                let many = (0..<40).map { "m\($0)" }
                let insert = db.insert(into: "probe").columns("id", "n", "note")
                for id in many { insert.values(SQLBind(id), SQLBind(Int64(1)), SQLBind("bulk")) }
                try await insert.run()
                answers.append(String(try await db.select().column(SQLFunction("count", args: SQLLiteral.all)).from("probe").where("note", .equal, "bulk").first()!.decode(column: "count", as: Int64.self)))
                // Up to `maximumBinds` it is: 63 binds, about what a request's audit append of three events sends (61).
                let atLimit = db.insert(into: "probe").columns("id", "n", "note")
                for id in (0..<21).map({ "t\($0)" }) { atLimit.values(SQLBind(id), SQLBind(Int64(1)), SQLBind("three")) }
                try await atLimit.run()
                // A JSON bind is not prepared; it runs as PostgresKit runs it.
                answers.append(try await db.raw("SELECT CAST(\(bind: Detail(a: 5)) AS JSONB) ->> 'a' AS v").first()!.decode(column: "v", as: String.self))
                let prepared = try await db.raw("SELECT statement FROM pg_prepared_statements").all().map { try $0.decode(column: "statement", as: String.self) }
                return (answers, prepared)
            }
            #expect(answers == ["7:first", "7:nil", "7:third", "none", "42", "forty-two", "40", "5"])
            #expect(prepared.filter { $0.hasPrefix("INSERT INTO \"probe\"") }.count == 3,
                    "one insert with a text note, one with a null note, the one of 63 binds, not the bulk one of 120: \(prepared)")
            #expect(prepared.filter { $0.hasPrefix("SELECT \"n\", \"note\" FROM \"probe\"") }.count == 1, "\(prepared)")
            #expect(prepared.filter { $0.hasPrefix("SELECT CAST($1 AS TEXT)") }.count == 2, "\(prepared)")
            #expect(!prepared.contains { $0.contains("JSONB") }, "\(prepared)")
            // The default span reads what the brief one wrote.
            let unbounded = try await db.read { db in
                try await db.select().columns("id").from("probe").where("note", .is, SQLLiteral.null).all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(unbounded == ["b"])
        }
    }

    @Test("on PostgreSQL, a brief body runs on its connection's event loop and an unbounded one does not",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func briefBodiesRunOnTheEventLoop() async throws {
        try await TestDatabase.with(.postgres, migrate: false) { (db: Database) async throws in
            // Checked after a statement too: each answer must resume the body on the loop, not on Swift's threads.
            for span in [Database.Span.brief, .queued, .unbounded] {
                let (before, after) = try await db.read(span) { db in
                    let before = db.eventLoop.inEventLoop
                    _ = try await db.raw("SELECT 1 AS one").all()
                    return (before, db.eventLoop.inEventLoop)
                }
                #expect(before == (span != .unbounded) && after == (span != .unbounded), "\(span): \(before), \(after)")
            }
        }
    }

    /// A server error aborts the transaction; its prepared ROLLBACK must still run, or the connection goes back to the
    /// pool stuck in the aborted transaction and fails whatever runs on it next.
    @Test("on PostgreSQL, a brief write that fails on the server rolls back and leaves its connection usable",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func failedBriefWriteRollsBack() async throws {
        try await TestDatabase.with(.postgres, migrate: false) { (db: Database) async throws in
            try await db.write { try await $0.raw("CREATE TABLE probe (id TEXT PRIMARY KEY)").run() }
            try await db.write(.brief) { try await $0.raw("INSERT INTO probe (id) VALUES (\(bind: "a"))").run() }
            for round in 0..<3 {
                do {
                    try await db.write(.brief) { db in
                        try await db.raw("INSERT INTO probe (id) VALUES (\(bind: "b\(round)"))").run()
                        try await db.raw("INSERT INTO probe (id) VALUES (\(bind: "a"))").run()
                    }
                    Issue.record("a duplicate key was stored")
                } catch {
                    #expect(Database.isUniqueViolation(error) || "\(error)".contains("unique"), "\(error)")
                }
                let ids = try await db.read(.brief) { db in
                    try await db.raw("SELECT id FROM probe ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
                }
                #expect(ids == ["a"], "round \(round): the failed write's first insert must be rolled back")
            }
        }
    }

    @Test("past the limit of named shapes, a new shape runs unprepared and named ones keep their names")
    func shapeLimit() {
        let shapes = PreparedShapes(limit: 2)
        let first = shapes.statement(sql: "SELECT 1", types: [])
        let second = shapes.statement(sql: "SELECT $1", types: [20])
        #expect(first != nil && second != nil && first?.name != second?.name)
        #expect(shapes.statement(sql: "SELECT $1", types: [25]) == nil, "a third shape is over the limit")
        #expect(shapes.statement(sql: "SELECT 1", types: [])?.name == first?.name)
        #expect(shapes.statement(sql: "SELECT $1", types: [20])?.name == second?.name)
    }
}

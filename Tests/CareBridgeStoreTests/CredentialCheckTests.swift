import CareBridgeCore
@testable import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing

/// A request's credential check rides on its first brief read on PostgreSQL (`CredentialCheck`,
/// `PreparedPostgresDatabase.carry`). What the request relies on: the read answers exactly as without it, the check
/// passes there only on the expected value, and anything else leaves the verdict to the check run by itself.
@Suite("Credential check carried by a read")
struct CredentialCheckTests {
    static var postgres: [DatabaseKind] { TestDatabase.kinds.filter { $0 == .postgres } }

    /// Counts the runs of the check by itself, which passes.
    final class Standalone: Sendable {
        let runs = Atomic<Int>(0)
        func run() async -> (any Error)? {
            runs.add(1, ordering: .relaxed)
            return nil
        }
    }

    /// Runs `body` as a request does with `check` open, the check settled beside it; returns how often it ran by itself.
    static func request<T: Sendable>(_ check: CredentialCheck, _ body: @Sendable () async throws -> T) async throws -> (T, Int) {
        let standalone = Standalone()
        async let settled: Void = check.settle { await standalone.run() }
        let result = try await CredentialCheck.$pending.withValue(check) { try await body() }
        check.release()
        await settled
        return (result, standalone.runs.load(ordering: .relaxed))
    }

    static func rider(_ expected: String) -> CredentialCheck.Rider {
        CredentialCheck.Rider(value: SQLQueryString("SELECT state FROM credential WHERE id = \(bind: "token")"), expected: expected)
    }

    static func numbers(_ db: any SQLDatabase) async throws -> [String] {
        try await db.raw("SELECT id, n FROM probe WHERE n > \(bind: Int64(1)) ORDER BY n DESC").all().map {
            "\(try $0.decode(column: "id", as: String.self))=\(try $0.decode(column: "n", as: Int64.self))"
        }
    }

    @Test("on PostgreSQL, the first brief read carries the check: its rows as without it, in order; the check passes there and never runs by itself",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func carriedByTheFirstRead() async throws {
        try await TestDatabase.with(.postgres, migrate: false) { (db: Database) async throws in
            try await db.write { db in
                try await db.raw("CREATE TABLE probe (id TEXT PRIMARY KEY, n BIGINT NOT NULL)").run()
                try await db.raw("INSERT INTO probe VALUES ('a', 1), ('b', 5), ('c', 3), ('d', 9)").run()
                try await db.raw("CREATE TABLE credential (id TEXT PRIMARY KEY, state TEXT)").run()
                try await db.raw("INSERT INTO credential VALUES ('token', 'as before')").run()
            }
            let expected = ["d=9", "b=5", "c=3"]
            #expect(try await db.read(.brief) { try await Self.numbers($0) } == expected)

            let passing = CredentialCheck(rider: Self.rider("as before"))
            let (rows, runs) = try await Self.request(passing) {
                try await db.read(.brief) { db in [try await Self.numbers(db), try await Self.numbers(db)] }
            }
            #expect(rows == [expected, expected])
            #expect(passing.carried && runs == 0)
            try await passing.passed()

            // The credentials changed: the read still answers; the check is left to run by itself, which decides.
            try await db.write { try await $0.raw("UPDATE credential SET state = 'role changed'").run() }
            let changed = CredentialCheck(rider: Self.rider("as before"))
            let (changedRows, changedRuns) = try await Self.request(changed) { try await db.read(.brief) { try await Self.numbers($0) } }
            #expect(changedRows == expected)
            #expect(!changed.carried && changedRuns == 1)

            // Gone (the subquery finds nothing), a read of no rows, a read that fails: each runs the check by itself.
            try await db.write { try await $0.raw("DELETE FROM credential").run() }
            let gone = CredentialCheck(rider: Self.rider("as before"))
            #expect(try await Self.request(gone) { try await db.read(.brief) { try await Self.numbers($0) } }.1 == 1)
            try await db.write { try await $0.raw("INSERT INTO credential VALUES ('token', 'as before')").run() }
            let empty = CredentialCheck(rider: Self.rider("as before"))
            let (none, emptyRuns) = try await Self.request(empty) {
                try await db.read(.brief) { try await $0.raw("SELECT id FROM probe WHERE n > \(bind: Int64(100))").all().count }
            }
            #expect(none == 0 && emptyRuns == 1 && !empty.carried)
            let failing = CredentialCheck(rider: Self.rider("as before"))
            let (failed, failingRuns) = try await Self.request(failing) {
                do {
                    _ = try await db.read(.brief) { try await $0.raw("SELECT no_such_column FROM probe").all() }
                    return false
                } catch { return true }
            }
            #expect(failed && failingRuns == 1)

            // A write before any read waits for the check, run by itself; a statement that is no query never carries it.
            let writeFirst = CredentialCheck(rider: Self.rider("as before"))
            let (_, writeRuns) = try await Self.request(writeFirst) {
                try await db.write(.brief) { try await $0.raw("UPDATE probe SET n = n + 1 WHERE id = 'a'").run() }
            }
            #expect(writeRuns == 1 && !writeFirst.carried)
        }
    }

    @Test("a check that fails stops the request's writes: nothing is written, the check's error is thrown", arguments: TestDatabase.kinds)
    func failedCheckStopsWrites(kind: DatabaseKind) async throws {
        struct Refused: Error {}
        try await TestDatabase.with(kind, migrate: false) { (db: Database) async throws in
            try await db.write { try await $0.raw("CREATE TABLE probe (id TEXT PRIMARY KEY)").run() }
            let check = CredentialCheck(rider: kind == .postgres ? CredentialCheck.Rider(value: SQLQueryString("SELECT 'changed'"), expected: "as before") : nil)
            async let settled: Void = check.settle { Refused() }
            let thrown = await CredentialCheck.$pending.withValue(check) { () async -> (any Error)? in
                do {
                    _ = try await db.read(.brief) { try await $0.raw("SELECT 1 AS one").all() }
                    try await db.write(.brief) { try await $0.raw("INSERT INTO probe VALUES ('x')").run() }
                    return nil
                } catch { return error }
            }
            check.release()
            await settled
            #expect(thrown is Refused)
            #expect(try await db.read { try await $0.raw("SELECT count(*) AS n FROM probe").first()!.decode(column: "n", as: Int.self) } == 0)
        }
    }

    @Test("a token's fingerprint: the rider finds what the look-up found; it changes with the account's role, a disabling, a revocation, and tells apart columns that would run together",
          arguments: TestDatabase.kinds)
    func fingerprint(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let organization = Organization(slug: "clinic", kind: .healthFacility, names: ["en": "Clinic"], region: "BY-MI", createdAt: Date())
            let user = User(username: "dr.ivanova", organizationID: organization.id, role: .clinician, createdAt: Date())
            let tokens = TokenRepository(db)
            let now = Date()
            let secret = try await db.write { sql in
                try await OrganizationRepository(db).create(organization, in: sql)
                try await UserRepository(db).create(user, passwordHash: "x", in: sql)
                return try await tokens.issue(kind: .api, userID: user.id, lifetime: 3600, now: now, in: sql).secret
            }
            let resolved = try #require(try await tokens.resolveAccount(secret: secret, kind: .api, now: now))
            let rider = TokenRepository.rider(hash: TokenRepository.hash(secret), kind: .api, now: now, fingerprint: resolved.fingerprint)
            func current() async throws -> String? {
                try await db.read { try await $0.raw("SELECT (\(rider.value)) AS f").first()!.decode(column: "f", as: String?.self) }
            }
            func change(_ statement: SQLQueryString) async throws { try await db.write { try await $0.raw(statement).run() } }
            #expect(try await current() == rider.expected)

            var seen: Set<String> = [rider.expected]
            // Two states whose columns would run together into one text without their lengths.
            try await change("UPDATE organizations SET names = '{\"en\":\"Clinic\"}|BY', region = 'MI'")
            let first = try #require(try await current())
            try await change("UPDATE organizations SET names = '{\"en\":\"Clinic\"}', region = 'BY|MI'")
            let second = try #require(try await current())
            #expect(first != second)
            seen.formUnion([first, second])
            try await change("UPDATE organizations SET names = '{\"en\":\"Clinic\"}', region = 'BY-MI'")
            #expect(try await current() == rider.expected)
            try await change("UPDATE users SET role = 'analyst'")
            let analyst = try #require(try await current())
            #expect(!seen.contains(analyst))
            try await change("UPDATE users SET role = 'clinician', disabled = \(true)")
            let disabled = try #require(try await current())
            #expect(!seen.contains(disabled) && disabled != analyst)
            try await change("UPDATE users SET disabled = \(false)")
            #expect(try await current() == rider.expected)
            try await db.write { _ = try await tokens.revoke(secret: secret, now: now, in: $0) }
            #expect(try await current() == nil)
        }
    }
}

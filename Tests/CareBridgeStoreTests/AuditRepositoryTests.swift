import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Audit log storage")
struct AuditRepositoryTests {
    static func draft(_ n: Int, person: UUID? = nil) -> AuditDraft {
        AuditDraft(occurredAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)), actorUserID: UUID(), actorUsername: "user\(n)",
                   organizationKind: .healthFacility, role: .clinician, purpose: .treatment, personID: person, category: .health,
                   action: "health.read", outcome: .allowed, reason: "own-record", requestID: "req-\(n)")
    }

    @Test("appended events form an intact chain", arguments: TestDatabase.kinds)
    func appendedEventsVerify(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = AuditRepository(db)
            try await db.write { tx in try await repository.append((1...30).map { Self.draft($0) }, in: tx) }
            try await db.write { tx in try await repository.append([Self.draft(31)], in: tx) }
            let result = try await repository.verify(batchSize: 7)
            #expect(result.isIntact)
            #expect(result.eventsChecked == 31)
            let page = try await repository.list(AuditFilter(), limit: 5, before: nil)
            #expect(page.items.map(\.sequence) == [31, 30, 29, 28, 27])
            #expect(page.nextCursor == "27")
        }
    }

    @Test("altering one stored event makes verify fail naming that event", arguments: TestDatabase.kinds)
    func tamperingIsDetected(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = AuditRepository(db)
            try await db.write { tx in try await repository.append((1...10).map { Self.draft($0) }, in: tx) }
            // An attacker with database access first removes the append-only trigger, then edits event 6.
            try await db.write { tx in
                switch kind {
                case .sqlite: try await tx.raw("DROP TRIGGER audit_events_no_update").run()
                case .postgres: try await tx.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
                }
                try await tx.update("audit_events").set("actor_username", to: SQLBind("someone-else")).where("seq", .equal, 6).run()
            }
            let result = try await repository.verify()
            #expect(result.firstBreak?.sequence == 6)
            #expect(result.eventsChecked == 5)
            #expect(result.firstBreak?.problem.contains("altered") == true)
        }
    }

    @Test("removing the newest events is detected through the head", arguments: TestDatabase.kinds)
    func truncationIsDetected(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = AuditRepository(db)
            try await db.write { tx in try await repository.append((1...4).map { Self.draft($0) }, in: tx) }
            try await db.write { tx in
                switch kind {
                case .sqlite: try await tx.raw("DROP TRIGGER audit_events_no_delete").run()
                case .postgres: try await tx.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
                }
                try await tx.delete(from: "audit_events").where("seq", .equal, 4).run()
            }
            let result = try await repository.verify()
            #expect(result.firstBreak?.sequence == 4)
            #expect(result.firstBreak?.problem.contains("removed") == true)
        }
    }

    @Test("the database refuses updates and deletes of audit events", arguments: TestDatabase.kinds)
    func auditTableIsAppendOnly(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = AuditRepository(db)
            try await db.write { tx in try await repository.append([Self.draft(1)], in: tx) }
            await #expect(throws: (any Error).self) {
                try await db.write { tx in try await tx.update("audit_events").set("action", to: SQLBind("x")).run() }
            }
            await #expect(throws: (any Error).self) {
                try await db.write { tx in try await tx.delete(from: "audit_events").run() }
            }
            #expect(try await repository.verify().isIntact)
        }
    }

    /// The readers all run on one thread (as on a machine whose other cores are busy): they still share transactions,
    /// because a commit suspends its caller and lets the others queue behind it.
    @Test("concurrent reads are group-committed: every event lands, in fewer transactions, even when one thread runs them all",
          arguments: TestDatabase.kinds)
    func groupCommit(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let log = AuditLog(database: db)
            let person = UUID()
            let oneThread = ThreadExecutor(threads: 1, name: "cb-test-readers")
            defer { oneThread.shutdown() }
            try await withTaskExecutorPreference(oneThread) {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 1...400 { group.addTask { try await log.record(Self.draft(n, person: person)) } }
                    try await group.waitForAll()
                }
            }
            let repository = AuditRepository(db)
            #expect(try await repository.count() == 400)
            #expect(try await repository.verify().isIntact)
            #expect(log.flushes < 400)
            let forPerson = try await repository.list(AuditFilter(personID: person), limit: 200, before: nil)
            #expect(forPerson.items.count == 200)
        }
    }

    @Test("a failed transaction leaves neither the change nor its audit event", arguments: TestDatabase.kinds)
    func rollbackWritesNothing(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let organizations = OrganizationRepository(db)
            let audit = AuditRepository(db)
            let organization = Organization(slug: "half-written", kind: .ngo, names: ["en": "Half"], region: nil, createdAt: Date())
            await #expect(throws: CareBridgeError.self) {
                try await db.write { tx in
                    try await organizations.create(organization, in: tx)
                    try await audit.append([Self.draft(1)], in: tx)
                    throw CareBridgeError.conflict("simulated failure after the writes")
                }
            }
            #expect(try await organizations.find(slug: "half-written") == nil)
            #expect(try await audit.count() == 0)
            #expect(try await audit.verify().isIntact)
        }
    }

    @Test("two processes on one database append in turn, one also after a rolled-back append, concurrently too: one unbroken chain", arguments: TestDatabase.kinds)
    func appendsFromTwoProcessesKeepOneChain(kind: DatabaseKind) async throws {
        try await Self.withTwoProcesses(kind) { first, second in
            let (a, b) = (AuditRepository(first), AuditRepository(second))
            for n in 0..<6 {
                let (db, repository) = n % 2 == 0 ? (first, a) : (second, b)
                try await db.write { tx in try await repository.append([Self.draft(2 * n), Self.draft(2 * n + 1)], in: tx) }
            }
            // A transaction that appends and then fails moves this process's idea of the head, not the stored one.
            await #expect(throws: CareBridgeError.self) {
                try await first.write { tx in
                    try await a.append([Self.draft(100)], in: tx)
                    throw CareBridgeError.conflict("simulated failure after the append")
                }
            }
            try await first.write { tx in try await a.append([Self.draft(101)], in: tx) }
            try await second.write { tx in try await b.append([Self.draft(102)], in: tx) }
            // Both at once, many times (on PostgreSQL the two really run concurrently).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<20 {
                    let (db, repository) = n % 2 == 0 ? (first, a) : (second, b)
                    group.addTask { _ = try await db.write { tx in try await repository.append([Self.draft(200 + n)], in: tx) } }
                }
                try await group.waitForAll()
            }
            let result = try await a.verify(batchSize: 5)
            #expect(result.isIntact)
            #expect(result.eventsChecked == 12 + 2 + 20)
            #expect(try await b.verify().isIntact)
        }
    }

    /// The audit log's commit: on PostgreSQL one statement while this process's head is the stored one, the
    /// transaction of `append` once another process has moved it; one unbroken chain either way.
    @Test("commits from two processes, in turn and at once, keep one chain; on PostgreSQL in one statement while the head is this process's", arguments: TestDatabase.kinds)
    func commitsFromTwoProcessesKeepOneChain(kind: DatabaseKind) async throws {
        try await Self.withTwoProcesses(kind) { first, second in
            let (a, b) = (AuditRepository(first), AuditRepository(second))
            var oneStatement: [Bool] = []
            oneStatement.append(try await a.commit([Self.draft(1)], span: .queued))   // no head known yet: a transaction
            oneStatement.append(try await a.commit([Self.draft(2), Self.draft(3)], span: .queued))
            oneStatement.append(try await b.commit([Self.draft(4)], span: .queued))   // b's first: a transaction
            oneStatement.append(try await a.commit([Self.draft(5)], span: .queued))   // b moved the head: a transaction
            oneStatement.append(try await a.commit([Self.draft(6)], span: .queued))
            #expect(oneStatement == (kind == .postgres ? [false, true, false, false, true] : [false, false, false, false, false]))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<20 {
                    let repository = n % 2 == 0 ? a : b
                    group.addTask { _ = try await repository.commit([Self.draft(100 + n)], span: .queued) }
                }
                try await group.waitForAll()
            }
            let result = try await a.verify(batchSize: 5)
            #expect(result.isIntact)
            #expect(result.eventsChecked == 6 + 20)
            #expect(try await b.verify().isIntact)
        }
    }

    /// Two `Database`s on one fresh, migrated database: their connections behave as two server processes' would.
    static func withTwoProcesses(_ kind: DatabaseKind, _ body: (Database, Database) async throws -> Void) async throws {
        let (url, cleanup) = try await TestDatabase.freshURL(kind)
        let first = try await Database.open(url: url, logger: Logger(label: "test"))
        try await Migrations.run(on: first)
        let second = try await Database.open(url: url, logger: Logger(label: "test"))
        do {
            try await body(first, second)
        } catch {
            await first.close(); await second.close(); try? await cleanup()
            throw error
        }
        await first.close(); await second.close(); try await cleanup()
    }
}

import CareBridgeCore
import Foundation
import SQLKit

/// The stored audit chain: `audit_events` (append-only) and `audit_head`, its last sequence and hash.
public struct AuditRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["seq", "id", "occurred_at", "actor_user_id", "actor_username", "organization_id",
                          "organization_kind", "role", "purpose", "person_id", "category", "action", "outcome",
                          "reason", "stated_reason", "request_id", "needs_review", "previous_hash", "hash"]

    /// Chains and inserts `drafts` inside the caller's transaction, so the events land exactly
    /// when the change they record does. Appends start from the head this process last wrote and move it with an
    /// update conditional on it still being there (one statement fewer than reading it first; on PostgreSQL the update
    /// and the insert are one statement, `append(_:into:)`); when another process
    /// or a rolled-back transaction moved it, the head is read, locked on PostgreSQL, and the chain built from it.
    /// Either way the update of the one head row orders appends across servers: the chain never forks.
    @discardableResult
    public func append(_ drafts: [AuditDraft], in db: any SQLDatabase) async throws -> [AuditEvent] {
        guard !drafts.isEmpty else { return [] }
        if database.kind == .postgres {
            var write = OneStatementWrite()
            if let events = append(drafts, into: &write), try await write.run(in: db) { return events }
        } else if let cached = database.auditHead.withLock({ $0 }) {
            let events = Self.chain(drafts, after: cached)
            let last = events[events.count - 1]
            let moved = try await db.update("audit_head").set("seq", to: SQLBind(last.sequence)).set("hash", to: SQLBind(last.hash))
                .where("id", .equal, 1).where("seq", .equal, cached.sequence).where("hash", .equal, cached.hash)
                .returning("seq").all()
            if moved.count == 1 {
                try await BulkInsert.run(into: "audit_events", columns: Self.columns, rows: events.map(Self.values), in: db)
                // Kept before the commit: if the transaction rolls back, the next append finds the stored head differs
                // and reads it.
                database.auditHead.withLock { $0 = (last.sequence, last.hash) }
                return events
            }
        }
        var head = db.select().columns("seq", "hash").from("audit_head").where("id", .equal, 1)
        if database.kind == .postgres { head = head.lockingClause(SQLLockingClause.update) }
        guard let row = try await head.first() else {
            throw CareBridgeError(.storage, title: "Audit log damaged", detail: "The audit log's head row is missing.")
        }
        let events = Self.chain(drafts, after: (try row.int("seq"), try row.string("hash")))
        let last = events[events.count - 1]
        try await BulkInsert.run(into: "audit_events", columns: Self.columns, rows: events.map(Self.values), in: db)
        try await db.update("audit_head").set("seq", to: SQLBind(last.sequence)).set("hash", to: SQLBind(last.hash))
            .where("id", .equal, 1).run()
        database.auditHead.withLock { $0 = (last.sequence, last.hash) }
        return events
    }

    /// Appends `drafts` in a transaction of their own (the audit log's group commit).
    /// On PostgreSQL, while the head this process last wrote is still the stored one, that transaction is one
    /// statement (`append(_:into:)`), one round trip instead of four. If the head had moved (another process
    /// appended), nothing is written, and `append` reads the head in a transaction as always.
    /// Returns whether the events went in the one statement.
    @discardableResult
    public func commit(_ drafts: [AuditDraft], span: Database.Span) async throws -> Bool {
        guard !drafts.isEmpty else { return false }
        if database.kind == .postgres {
            var write = OneStatementWrite()
            if append(drafts, into: &write) != nil, try await database.autocommit(span, { [write] db in try await write.run(in: db) }) { return true }
        }
        try await database.write(span) { db in _ = try await append(drafts, in: db) }
        return false
    }

    /// The most events appended in one statement (its arrays' length); a larger batch goes through `BulkInsert`, split.
    static let oneStatementLimit = BulkInsert.postgresPerStatement

    /// PostgreSQL: adds to `write` the append of `drafts` after the head this process last wrote: that head's row,
    /// locked, as a condition; the head's move and the events' insert as writes, the events as one array per column
    /// (`BulkInsert.unnested`), so the statement is the same for one event or a group commit's hundreds, and runs
    /// prepared. The events it would write, or nil (nothing added) when this process has no head yet or there are
    /// more than `oneStatementLimit`. If the statement writes, this process's head moves to the last of them.
    public func append(_ drafts: [AuditDraft], into write: inout OneStatementWrite) -> [AuditEvent]? {
        guard !drafts.isEmpty, drafts.count <= Self.oneStatementLimit, let cached = database.auditHead.withLock({ $0 }) else { return nil }
        let events = Self.chain(drafts, after: cached)
        let last = events[events.count - 1]
        write.lock("audit_head", where: "audit_head.id = 1 AND audit_head.seq = \(bind: cached.sequence) AND audit_head.hash = \(bind: cached.hash)")
        write.write("UPDATE audit_head SET seq = \(bind: last.sequence), hash = \(bind: last.hash) WHERE id = 1 AND \(OneStatementWrite.proceed)")
        write.insert(into: "audit_events", columns: Self.columns, rows: events.map(Self.values))
        write.then { [database] _, written in
            if written { database.auditHead.withLock { $0 = (last.sequence, last.hash) } }
        }
        return events
    }

    /// The drafts as events, numbered and hash-chained after `head`.
    static func chain(_ drafts: [AuditDraft], after head: (sequence: Int64, hash: String)) -> [AuditEvent] {
        var (sequence, previous) = head
        var events: [AuditEvent] = []
        events.reserveCapacity(drafts.count)
        for draft in drafts {
            sequence += 1
            let event = draft.chained(sequence: sequence, previousHash: previous)
            previous = event.hash
            events.append(event)
        }
        return events
    }

    /// The row of an event, in `columns` order.
    static func values(_ e: AuditEvent) -> [BulkValue] {
        [BulkValue(e.sequence), BulkValue(e.id.text), BulkValue(e.occurredAtMillis), BulkValue(e.actorUserID?.text),
         BulkValue(e.actorUsername), BulkValue(e.organizationID?.text), BulkValue(e.organizationKind?.rawValue),
         BulkValue(e.role?.rawValue), BulkValue(e.purpose?.rawValue), BulkValue(e.personID?.text),
         BulkValue(e.category?.rawValue), BulkValue(e.action), BulkValue(e.outcome.rawValue), BulkValue(e.reason),
         BulkValue(e.statedReason), BulkValue(e.requestID), BulkValue(e.needsReview), BulkValue(e.previousHash), BulkValue(e.hash)]
    }

    static func decode(_ row: any SQLRow) throws -> AuditEvent {
        AuditEvent(
            sequence: try row.int("seq"), id: try row.uuid("id"), occurredAtMillis: try row.int("occurred_at"),
            actorUserID: try row.optionalUUID("actor_user_id"), actorUsername: try row.string("actor_username"),
            organizationID: try row.optionalUUID("organization_id"),
            organizationKind: try row.optionalEnum("organization_kind", as: OrganizationKind.self),
            role: try row.optionalEnum("role", as: Role.self), purpose: try row.optionalEnum("purpose", as: PurposeOfUse.self),
            personID: try row.optionalUUID("person_id"), category: try row.optionalEnum("category", as: DataCategory.self),
            action: try row.string("action"), outcome: try row.enumValue("outcome", as: AuditOutcome.self),
            reason: try row.optionalString("reason"), statedReason: try row.optionalString("stated_reason"),
            requestID: try row.optionalString("request_id"), needsReview: try row.bool("needs_review"),
            previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }
}

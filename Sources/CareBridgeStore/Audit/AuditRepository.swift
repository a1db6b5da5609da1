import CareBridgeCore
import Foundation
import SQLKit
import SQLiteNIO

/// The stored audit chain: `audit_events` (append-only) and `audit_head`, its last sequence and hash.
public struct AuditRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["seq", "id", "occurred_at", "actor_user_id", "actor_username", "organization_id",
                          "organization_kind", "role", "purpose", "person_id", "category", "action", "outcome",
                          "reason", "stated_reason", "request_id", "needs_review", "previous_hash", "hash"]

    /// Chains and inserts `drafts` inside the caller's transaction, so the events land exactly
    /// when the change they record does. Locking the head row orders appends across servers.
    @discardableResult
    public func append(_ drafts: [AuditDraft], in db: any SQLDatabase) async throws -> [AuditEvent] {
        guard !drafts.isEmpty else { return [] }
        var head = db.select().columns("seq", "hash").from("audit_head").where("id", .equal, 1)
        if database.kind == .postgres { head = head.lockingClause(SQLLockingClause.update) }
        guard let row = try await head.first() else {
            throw CareBridgeError(.storage, title: "Audit log damaged", detail: "The audit log's head row is missing.")
        }
        var sequence = try row.int("seq")
        var previous = try row.string("hash")
        var events: [AuditEvent] = []
        events.reserveCapacity(drafts.count)
        for draft in drafts {
            sequence += 1
            let event = draft.chained(sequence: sequence, previousHash: previous)
            previous = event.hash
            events.append(event)
        }
        try await BulkInsert.run(into: "audit_events", columns: Self.columns, rows: events.map(Self.values), in: db)
        try await db.update("audit_head").set("seq", to: SQLBind(sequence)).set("hash", to: SQLBind(previous))
            .where("id", .equal, 1).run()
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

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
        // Multi-row inserts, kept under SQLite's default 32,766 bound parameters.
        for chunk in stride(from: 0, to: events.count, by: 500) {
            let rows = events[chunk..<min(chunk + 500, events.count)]
            if let sqlite = db as? SQLiteTransaction {
                // The hottest insert: bound directly, skipping SQLKit's per-value encoder (measured: about a third of append time).
                _ = try await sqlite.connection.query(Self.insertSQL(rows: rows.count), rows.flatMap(Self.sqliteValues))
            } else {
                var insert = db.insert(into: "audit_events").columns(Self.columns)
                for event in rows { insert = insert.values(Self.binds(event)) }
                try await insert.run()
            }
        }
        try await db.update("audit_head").set("seq", to: SQLBind(sequence)).set("hash", to: SQLBind(previous))
            .where("id", .equal, 1).run()
        return events
    }

    static func binds(_ e: AuditEvent) -> [any SQLExpression] {
        [SQLBind(e.sequence), SQLBind(e.id.text), SQLBind(e.occurredAtMillis), SQLBind(e.actorUserID?.text),
         SQLBind(e.actorUsername), SQLBind(e.organizationID?.text), SQLBind(e.organizationKind?.rawValue),
         SQLBind(e.role?.rawValue), SQLBind(e.purpose?.rawValue), SQLBind(e.personID?.text),
         SQLBind(e.category?.rawValue), SQLBind(e.action), SQLBind(e.outcome.rawValue), SQLBind(e.reason),
         SQLBind(e.statedReason), SQLBind(e.requestID), SQLBind(e.needsReview), SQLBind(e.previousHash), SQLBind(e.hash)]
    }

    static func insertSQL(rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO audit_events (" + columns.joined(separator: ",") + ") VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
    }

    /// The same values as `binds`, in the same column order, as SQLite values.
    static func sqliteValues(_ e: AuditEvent) -> [SQLiteData] {
        [SQLiteData(e.sequence), SQLiteData(e.id.text), SQLiteData(e.occurredAtMillis), SQLiteData(e.actorUserID?.text),
         SQLiteData(e.actorUsername), SQLiteData(e.organizationID?.text), SQLiteData(e.organizationKind?.rawValue),
         SQLiteData(e.role?.rawValue), SQLiteData(e.purpose?.rawValue), SQLiteData(e.personID?.text),
         SQLiteData(e.category?.rawValue), SQLiteData(e.action), SQLiteData(e.outcome.rawValue), SQLiteData(e.reason),
         SQLiteData(e.statedReason), SQLiteData(e.requestID), SQLiteData(e.needsReview), SQLiteData(e.previousHash), SQLiteData(e.hash)]
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

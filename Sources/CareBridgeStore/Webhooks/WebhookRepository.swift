import CareBridgeCore
import Foundation
import SQLKit
import Synchronization

/// Webhook targets and their deliveries (migration 8). A target's secret is sealed with the field cipher: the
/// database alone does not let anyone sign deliveries. Deliveries are an outbox: written with the referral step,
/// claimed by a sender for a lease (so two servers do not send the same one at once), and kept with every attempt.
public struct WebhookRepository: Sendable {
    let database: Database
    let cipher: FieldCipher
    /// The active targets of each organization as this process last saw them: their ids, comma-joined in PostgreSQL's
    /// order. Only a guess that one-statement steps check (`enqueue(_:for:at:into:)`); never trusted alone.
    let knownTargets = KnownTargets()
    public init(_ database: Database, cipher: FieldCipher) { (self.database, self.cipher) = (database, cipher) }

    // MARK: Targets

    public func insert(_ target: WebhookTarget, createdBy: UUID, in db: any SQLDatabase) async throws {
        try await db.insert(into: "webhook_targets")
            .columns("id", "organization_id", "url", "secret", "description", "created_at", "created_by", "disabled_at")
            .values(SQLBind(target.id.text), SQLBind(target.organizationID.text), SQLBind(target.url), SQLBind(try cipher.seal(target.secret)),
                    SQLBind(target.description), SQLBind(target.createdAt.millis), SQLBind(createdBy.text), SQLBind(target.disabledAt?.millis))
            .run()
    }

    /// An organization's targets, newest first; removed ones only when asked.
    public func targets(organizationID: UUID, includeDisabled: Bool = false) async throws -> [WebhookTarget] {
        try await database.read { db in
            var query = db.select().columns("*").from("webhook_targets").where("organization_id", .equal, organizationID.text)
            if !includeDisabled { query = query.where("disabled_at", .is, SQLLiteral.null) }
            return try await query.orderBy("created_at", .descending).all().map(decodeTarget)
        }
    }

    public func target(id: UUID) async throws -> WebhookTarget? {
        try await database.read { db in try await target(id: id, in: db) }
    }

    func target(id: UUID, in db: any SQLDatabase) async throws -> WebhookTarget? {
        try await db.select().columns("*").from("webhook_targets").where("id", .equal, id.text).first().map(decodeTarget)
    }

    /// Stops sending to the target; its log stays readable. False if it was already removed.
    public func disable(id: UUID, at: Date, in db: any SQLDatabase) async throws -> Bool {
        try await db.update("webhook_targets").set("disabled_at", to: SQLBind(at.millis))
            .where("id", .equal, id.text).where("disabled_at", .is, SQLLiteral.null).returning("id").all().count == 1
    }

    func decodeTarget(_ row: any SQLRow) throws -> WebhookTarget {
        WebhookTarget(id: try row.uuid("id"), organizationID: try row.uuid("organization_id"), url: try row.string("url"),
                      secret: try cipher.open(try row.string("secret")), description: try row.string("description"),
                      createdAt: try row.date("created_at"), disabledAt: try row.optionalDate("disabled_at"))
    }

    // MARK: Deliveries

    static let deliveryColumns = ["id", "target_id", "state", "next_attempt_at", "document", "created_at", "version"]

    static func row(_ delivery: WebhookDelivery, at: Date) throws -> [BulkValue] {
        [BulkValue(delivery.id.text), BulkValue(delivery.targetID.text), BulkValue(delivery.state.rawValue),
         BulkValue(delivery.nextAttemptAt?.millis), BulkValue(try JSONColumn.encode(delivery)), BulkValue(at.millis), BulkValue(Int64(1))]
    }

    /// Queues `event` for every active target of `organizationIDs`, in the caller's transaction.
    @discardableResult
    public func enqueue(_ event: WebhookEvent, for organizationIDs: [UUID], at: Date, in db: any SQLDatabase) async throws -> [WebhookDelivery] {
        guard !organizationIDs.isEmpty else { return [] }
        let targets = try await db.select().column("id").from("webhook_targets")
            .where("organization_id", .in, organizationIDs.map(\.text)).where("disabled_at", .is, SQLLiteral.null).all()
        let made = try targets.map { WebhookDelivery.pending(targetID: try $0.uuid("id"), event: event, at: at) }
        if !made.isEmpty { try await BulkInsert.run(into: "webhook_deliveries", columns: Self.deliveryColumns, rows: try made.map { try Self.row($0, at: at) }, in: db) }
        return made
    }

    /// PostgreSQL: adds to `write` the deliveries of `event` to the active targets of `organizationIDs` as this process
    /// last saw them (`knownTargets`; none for an organization it has not seen), on the condition, read in the
    /// statement, that they are still exactly those. The statement reports the targets either way and this process
    /// keeps them: after a target is added or removed, one step writes nothing here and its caller writes in a
    /// transaction, which reads the targets (`enqueue(_:for:at:in:)`); the steps after it have them right.
    /// The deliveries the statement writes if it writes.
    public func enqueue(_ event: WebhookEvent, for organizationIDs: [UUID], at: Date, into write: inout OneStatementWrite) throws -> [WebhookDelivery] {
        var made: [WebhookDelivery] = []
        for (index, organization) in organizationIDs.enumerated() {
            let known = knownTargets.ids.withLock { $0[organization] } ?? ""
            let active: SQLQueryString = """
                (SELECT coalesce(string_agg(id, ',' ORDER BY id), '') FROM webhook_targets \
                WHERE organization_id = \(bind: organization.text) AND disabled_at IS NULL)
                """
            write.require(active + " = \(bind: known)")
            write.report(active, as: "targets_\(index)")
            write.then { [knownTargets] row, _ in
                let seen = try row.string("targets_\(index)")
                knownTargets.ids.withLock { $0[organization] = seen }
            }
            for id in known.split(separator: ",") {
                guard let target = UUID(uuidString: String(id)) else { throw CareBridgeError(.storage, title: "Bad webhook target id", detail: "'\(id)' is not a UUID.") }
                made.append(.pending(targetID: target, event: event, at: at))
            }
        }
        if !made.isEmpty { write.insert(into: "webhook_deliveries", columns: Self.deliveryColumns, rows: try made.map { try Self.row($0, at: at) }) }
        return made
    }

    /// Deliveries due at `now`, oldest due first.
    public func due(at now: Date, limit: Int) async throws -> [Versioned<WebhookDelivery>] {
        try await database.read { db in
            try await db.select().columns("document", "version").from("webhook_deliveries")
                .where("next_attempt_at", .lessThanOrEqual, now.millis).orderBy("next_attempt_at").limit(limit).all().map(decodeDelivery)
        }
    }

    /// Takes a due delivery for one sender until `leaseUntil` (after which another may retry it if this one died);
    /// the new version, or nil when another sender took or changed it first.
    public func claim(_ delivery: Versioned<WebhookDelivery>, leaseUntil: Date) async throws -> Int64? {
        try await database.write { db in
            let rows = try await db.update("webhook_deliveries").set("next_attempt_at", to: SQLBind(leaseUntil.millis))
                .set("version", to: SQLBind(delivery.version + 1))
                .where("id", .equal, delivery.value.id.text).where("version", .equal, delivery.version).returning("id").all()
            return rows.isEmpty ? nil : delivery.version + 1
        }
    }

    /// Stores the delivery after an attempt or a resend; nil when it changed since `expectedVersion`.
    @discardableResult
    public func save(_ delivery: WebhookDelivery, expectedVersion: Int64) async throws -> Int64? {
        try await database.write { db in try await save(delivery, expectedVersion: expectedVersion, in: db) }
    }

    public func save(_ delivery: WebhookDelivery, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64? {
        let rows = try await db.update("webhook_deliveries").set("state", to: SQLBind(delivery.state.rawValue))
            .set("next_attempt_at", to: SQLBind(delivery.nextAttemptAt?.millis)).set("document", to: SQLBind(try JSONColumn.encode(delivery)))
            .set("version", to: SQLBind(expectedVersion + 1))
            .where("id", .equal, delivery.id.text).where("version", .equal, expectedVersion).returning("id").all()
        return rows.isEmpty ? nil : expectedVersion + 1
    }

    public func delivery(id: UUID) async throws -> Versioned<WebhookDelivery>? {
        try await database.read { db in
            try await db.select().columns("document", "version").from("webhook_deliveries").where("id", .equal, id.text).first().map(decodeDelivery)
        }
    }

    /// A target's delivery log, newest first.
    public func deliveries(targetID: UUID, limit: Int) async throws -> [WebhookDelivery] {
        try await database.read { db in
            try await db.select().columns("document", "version").from("webhook_deliveries").where("target_id", .equal, targetID.text)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all().map(decodeDelivery).map(\.value)
        }
    }

    func decodeDelivery(_ row: any SQLRow) throws -> Versioned<WebhookDelivery> {
        Versioned(try JSONColumn.decode(WebhookDelivery.self, try row.string("document")), version: try row.int("version"))
    }
}

/// `WebhookRepository.knownTargets`: shared by the repository's copies.
final class KnownTargets: Sendable {
    let ids = Mutex<[UUID: String]>([:])
}

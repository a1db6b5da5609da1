import CareBridgeCore
import Foundation
import SQLKit

/// Which audit events to show.
public struct AuditFilter: Sendable {
    /// One event by its place in the chain (a FHIR AuditEvent read).
    public var sequence: Int64?
    public var personID: UUID?
    public var actorUserID: UUID?
    public var organizationID: UUID?
    public var action: String?
    public var outcome: AuditOutcome?
    public var needsReview: Bool?
    public var from: Date?
    public var until: Date?
    public init(personID: UUID? = nil, actorUserID: UUID? = nil, organizationID: UUID? = nil, action: String? = nil,
                outcome: AuditOutcome? = nil, needsReview: Bool? = nil, from: Date? = nil, until: Date? = nil) {
        self.personID = personID
        self.actorUserID = actorUserID
        self.organizationID = organizationID
        self.action = action
        self.outcome = outcome
        self.needsReview = needsReview
        self.from = from
        self.until = until
    }
}

/// The result of recomputing the chain.
public struct AuditVerification: Sendable {
    public var eventsChecked: Int64
    public var firstBreak: AuditBreak?
    public var isIntact: Bool { firstBreak == nil }
}

extension AuditRepository {
    /// Newest first, `limit` at a time, before the sequence in `cursor`.
    public func list(_ filter: AuditFilter, limit: Int, before cursor: Int64?) async throws -> Page<AuditEvent> {
        try await database.read { db in
            var query = Self.apply(filter, to: db.select().columns(Self.columns).from("audit_events"))
                .orderBy("seq", .descending).limit(limit + 1)
            if let cursor { query = query.where("seq", .lessThan, cursor) }
            let items = try await query.all().map(Self.decode)
            return Page(items: Array(items.prefix(limit)), nextCursor: items.count > limit ? String(items[limit - 1].sequence) : nil)
        }
    }

    /// How many events match, e.g. emergency accesses waiting for review.
    public func count(_ filter: AuditFilter) async throws -> Int {
        try await database.read { db in
            try await Self.apply(filter, to: db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_events"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// The filter as WHERE clauses, shared by listing and counting.
    static func apply(_ filter: AuditFilter, to query: SQLSelectBuilder) -> SQLSelectBuilder {
        var query = query
        if let v = filter.sequence { query = query.where("seq", .equal, v) }
        if let v = filter.personID { query = query.where("person_id", .equal, v.text) }
        if let v = filter.actorUserID { query = query.where("actor_user_id", .equal, v.text) }
        if let v = filter.organizationID { query = query.where("organization_id", .equal, v.text) }
        if let v = filter.action { query = query.where("action", .equal, v) }
        if let v = filter.outcome { query = query.where("outcome", .equal, v.rawValue) }
        if let v = filter.needsReview { query = query.where("needs_review", .equal, v) }
        if let v = filter.from { query = query.where("occurred_at", .greaterThanOrEqual, v.millis) }
        if let v = filter.until { query = query.where("occurred_at", .lessThan, v.millis) }
        return query
    }

    /// Recomputes every hash in order, a batch at a time, and checks the head names the last event
    /// (so removing events from the end is caught too).
    public func verify(batchSize: Int = 5_000) async throws -> AuditVerification {
        var previous: (sequence: Int64, hash: String) = (0, AuditChain.genesis)
        var checked: Int64 = 0
        while true {
            let after = previous.sequence
            let batch = try await database.read { db in
                try await db.select().columns(Self.columns).from("audit_events").where("seq", .greaterThan, after)
                    .orderBy("seq").limit(batchSize).all().map(Self.decode)
            }
            if let broken = AuditChain.firstBreak(in: batch, after: previous) {
                let good = batch.firstIndex { $0.sequence == broken.sequence } ?? 0
                return AuditVerification(eventsChecked: checked + Int64(good), firstBreak: broken)
            }
            checked += Int64(batch.count)
            guard let last = batch.last else { break }
            previous = (last.sequence, last.hash)
            if batch.count < batchSize { break }
        }
        let head = try await database.read { db in
            try await db.select().columns("seq", "hash").from("audit_head").where("id", .equal, 1).first()
        }
        let headSeq = try head?.int("seq") ?? -1
        let headHash = try head?.string("hash") ?? ""
        if headSeq != previous.sequence || headHash != previous.hash {
            return AuditVerification(eventsChecked: checked, firstBreak: AuditBreak(
                sequence: previous.sequence + 1, eventID: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!,
                problem: "the log's head records event \(headSeq), but the stored chain ends at event \(previous.sequence): events were removed"))
        }
        return AuditVerification(eventsChecked: checked, firstBreak: nil)
    }

    public func count() async throws -> Int64 {
        try await database.read { db in
            try await db.select().column("seq").from("audit_head").where("id", .equal, 1).first()?.int("seq") ?? 0
        }
    }
}

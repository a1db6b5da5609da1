import CareBridgeCore
import Foundation
import SQLKit

/// `action_plans`, `measures` and `meetings` (migration 13): documents stored whole, found by id, plan and order.
public struct MeasureRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    public static let staleVersion = CareBridgeError(.preconditionFailed, title: "Changed elsewhere",
                                                     detail: "The measure was changed by someone else since you loaded it; reload it and try again.",
                                                     reason: "stale-version")

    // MARK: Plans

    public func insert(_ plan: ActionPlan, in db: any SQLDatabase) async throws {
        try await db.insert(into: "action_plans").columns("id", "country", "document", "created_at", "version")
            .values(SQLBind(plan.id.text), SQLBind(plan.country), SQLBind(try JSONColumn.encode(plan)), SQLBind(plan.createdBy.at.millis),
                    SQLBind(Int64(plan.version)))
            .run()
    }

    public func plan(_ id: UUID) async throws -> ActionPlan? {
        try await database.read { db in try await plan(id, in: db) }
    }

    public func plan(_ id: UUID, in db: any SQLDatabase) async throws -> ActionPlan? {
        try await db.select().column("document").from("action_plans").where("id", .equal, id.text).first()
            .map { try JSONColumn.decode(ActionPlan.self, try $0.string("document")) }
    }

    /// Oldest first, `limit` at a time after the id in `cursor`.
    public func plans(limit: Int, after cursor: String?) async throws -> Page<ActionPlan> {
        try await database.read { db in
            var query = db.select().column("document").from("action_plans").orderBy("id").limit(limit + 1)
            if let cursor { query = query.where("id", .greaterThan, cursor) }
            let items = try await query.all().map { try JSONColumn.decode(ActionPlan.self, try $0.string("document")) }
            return Page(items: Array(items.prefix(limit)), nextCursor: items.count > limit ? items[limit - 1].id.text : nil)
        }
    }

    /// Stores the changed plan if nobody changed it since `expectedVersion`.
    public func update(_ plan: ActionPlan, expectedVersion: Int, in db: any SQLDatabase) async throws {
        let rows = try await db.update("action_plans")
            .set("country", to: SQLBind(plan.country)).set("document", to: SQLBind(try JSONColumn.encode(plan))).set("version", to: SQLBind(Int64(plan.version)))
            .where("id", .equal, plan.id.text).where("version", .equal, Int64(expectedVersion))
            .returning("id").all()
        guard !rows.isEmpty else { throw Self.staleVersion }
    }

    // MARK: Measures

    public func insert(_ measure: Measure, in db: any SQLDatabase) async throws {
        try await db.insert(into: "measures").columns("id", "plan_id", "number", "status", "document", "updated_at", "version")
            .values(SQLBind(measure.id.text), SQLBind(measure.planID.text), SQLBind(Int64(measure.number)), SQLBind(measure.status.rawValue),
                    SQLBind(try JSONColumn.encode(measure)), SQLBind(measure.updatedAt.millis), SQLBind(Int64(measure.revision)))
            .run()
    }

    /// The number the next measure of a plan takes.
    public func nextNumber(plan: UUID, in db: any SQLDatabase) async throws -> Int {
        let row = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("number")), as: "n").from("measures")
            .where("plan_id", .equal, plan.text).first()
        return Int(try row?.decode(column: "n", as: Int64?.self) ?? 0) + 1
    }

    public func measure(_ id: UUID) async throws -> Measure? {
        try await database.read { db in try await measure(id, in: db) }
    }

    public func measure(_ id: UUID, in db: any SQLDatabase) async throws -> Measure? {
        try await db.select().column("document").from("measures").where("id", .equal, id.text).first().map(Self.decodeMeasure)
    }

    /// Of one plan by number (the cursor is the last number), or of every plan in the order proposed (ids are
    /// time-ordered; the cursor is the last id), `limit` at a time.
    public func measures(plan: UUID?, status: MeasureStatus? = nil, limit: Int, after cursor: String?) async throws -> Page<Measure> {
        try await database.read { db in
            var query = db.select().column("document").from("measures").limit(limit + 1)
            if let status { query = query.where("status", .equal, status.rawValue) }
            if let plan {
                query = query.where("plan_id", .equal, plan.text).orderBy("number")
                if let cursor {
                    guard let after = Int64(cursor) else { throw CareBridgeError.invalid("cursor", "cursor must be a value this API returned.") }
                    query = query.where("number", .greaterThan, after)
                }
            } else {
                query = query.orderBy("id")
                if let cursor { query = query.where("id", .greaterThan, cursor) }
            }
            let items = try await query.all().map(Self.decodeMeasure)
            let last = items.count > limit ? items[limit - 1] : nil
            return Page(items: Array(items.prefix(limit)), nextCursor: last.map { plan == nil ? $0.id.text : String($0.number) })
        }
    }

    /// Every measure of a plan, by number.
    public func measures(plan: UUID) async throws -> [Measure] {
        try await database.read { db in
            try await db.select().column("document").from("measures").where("plan_id", .equal, plan.text).orderBy("number").all().map(Self.decodeMeasure)
        }
    }

    /// Stores the changed measure if nobody changed it since `expectedRevision`.
    public func update(_ measure: Measure, expectedRevision: Int, in db: any SQLDatabase) async throws {
        let rows = try await db.update("measures")
            .set("status", to: SQLBind(measure.status.rawValue)).set("document", to: SQLBind(try JSONColumn.encode(measure)))
            .set("updated_at", to: SQLBind(measure.updatedAt.millis)).set("version", to: SQLBind(Int64(measure.revision)))
            .where("id", .equal, measure.id.text).where("version", .equal, Int64(expectedRevision))
            .returning("id").all()
        guard !rows.isEmpty else { throw Self.staleVersion }
    }

    static func decodeMeasure(_ row: any SQLRow) throws -> Measure { try JSONColumn.decode(Measure.self, try row.string("document")) }

    // MARK: Meetings

    public func insert(_ meeting: Meeting, in db: any SQLDatabase) async throws {
        try await db.insert(into: "meetings").columns("id", "plan_id", "day", "document", "version")
            .values(SQLBind(meeting.id.text), SQLBind(meeting.planID.text), SQLBind(Int64(meeting.date.dayNumber)),
                    SQLBind(try JSONColumn.encode(meeting)), SQLBind(Int64(meeting.version)))
            .run()
    }

    public func meeting(_ id: UUID) async throws -> Meeting? {
        try await database.read { db in
            try await db.select().column("document").from("meetings").where("id", .equal, id.text).first()
                .map { try JSONColumn.decode(Meeting.self, try $0.string("document")) }
        }
    }

    /// The meetings of a plan (or all), newest first.
    public func meetings(plan: UUID?) async throws -> [Meeting] {
        try await database.read { db in
            var query = db.select().column("document").from("meetings").orderBy("day", .descending).orderBy("id", .descending)
            if let plan { query = query.where("plan_id", .equal, plan.text) }
            return try await query.limit(1000).all().map { try JSONColumn.decode(Meeting.self, try $0.string("document")) }
        }
    }
}

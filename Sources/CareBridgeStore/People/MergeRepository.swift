import CareBridgeCore
import Foundation
import SQLKit

/// A merge of a duplicate record into a surviving one. Nothing is moved or deleted: the duplicate keeps its
/// history and points at the survivor, so undoing the merge is clearing that pointer.
public struct PersonMerge: Codable, Sendable, Hashable {
    public var id: UUID
    public var survivorID: UUID
    public var mergedID: UUID
    public var reason: String?
    public var mergedBy: UUID?
    public var mergedAt: Date
    public var undoneBy: UUID?
    public var undoneAt: Date?

    public init(id: UUID = .timeOrdered(), survivorID: UUID, mergedID: UUID, reason: String?, mergedBy: UUID?, mergedAt: Date,
                undoneBy: UUID? = nil, undoneAt: Date? = nil) {
        (self.id, self.survivorID, self.mergedID, self.reason, self.mergedBy, self.mergedAt) = (id, survivorID, mergedID, reason, mergedBy, mergedAt)
        (self.undoneBy, self.undoneAt) = (undoneBy, undoneAt)
    }
}

public struct MergeRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "survivor_id", "merged_id", "reason", "merged_by", "merged_at", "undone_by", "undone_at"]

    public func insert(_ merge: PersonMerge, in db: any SQLDatabase) async throws {
        try await db.insert(into: "person_merges").columns(Self.columns)
            .values(SQLBind(merge.id.text), SQLBind(merge.survivorID.text), SQLBind(merge.mergedID.text), SQLBind(merge.reason),
                    SQLBind(merge.mergedBy?.text), SQLBind(merge.mergedAt.millis), SQLBind(merge.undoneBy?.text), SQLBind(merge.undoneAt?.millis))
            .run()
    }

    /// Merges in force or undone that involve the person, either side.
    public func merges(involving id: UUID, in db: any SQLDatabase) async throws -> [PersonMerge] {
        try await db.select().columns(Self.columns).from("person_merges")
            .where("survivor_id", .equal, id.text).orWhere("merged_id", .equal, id.text).orderBy("merged_at", .descending).all()
            .map(Self.decode)
    }

    public func merges(involving id: UUID) async throws -> [PersonMerge] {
        try await database.read { db in try await merges(involving: id, in: db) }
    }

    public func find(id: UUID, in db: any SQLDatabase) async throws -> PersonMerge? {
        try await db.select().columns(Self.columns).from("person_merges").where("id", .equal, id.text).first().map(Self.decode)
    }

    public func markUndone(id: UUID, by user: UUID, at date: Date, in db: any SQLDatabase) async throws -> Bool {
        !(try await db.update("person_merges").set("undone_at", to: SQLBind(date.millis)).set("undone_by", to: SQLBind(user.text))
            .where("id", .equal, id.text).where("undone_at", .is, SQLLiteral.null).returning("id").all()).isEmpty
    }

    static func decode(_ row: any SQLRow) throws -> PersonMerge {
        PersonMerge(id: try row.uuid("id"), survivorID: try row.uuid("survivor_id"), mergedID: try row.uuid("merged_id"),
                    reason: try row.optionalString("reason"), mergedBy: try row.optionalUUID("merged_by"), mergedAt: try row.date("merged_at"),
                    undoneBy: try row.optionalUUID("undone_by"), undoneAt: try row.optionalDate("undone_at"))
    }
}

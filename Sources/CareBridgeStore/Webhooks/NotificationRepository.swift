import CareBridgeCore
import Foundation
import SQLKit

/// In-app notifications to organizations (migration 8), and each user's "seen up to" mark: what is newer than the mark
/// is unread for that user.
public struct NotificationRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "organization_id", "referral_id", "type", "actor_organization_id", "created_at"]

    static func row(_ n: ReferralNotification) -> [BulkValue] {
        [BulkValue(n.id.text), BulkValue(n.organizationID.text), BulkValue(n.referralID.text), BulkValue(n.type.rawValue),
         BulkValue(n.actorOrganizationID.text), BulkValue(n.createdAt.millis)]
    }

    public func insert(_ notifications: [ReferralNotification], in db: any SQLDatabase) async throws {
        guard !notifications.isEmpty else { return }
        try await BulkInsert.run(into: "notifications", columns: Self.columns, rows: notifications.map(Self.row), in: db)
    }

    /// PostgreSQL: adds the notifications' insert to `write` (`OneStatementWrite`).
    public func insert(_ notifications: [ReferralNotification], into write: inout OneStatementWrite) {
        guard !notifications.isEmpty else { return }
        write.insert(into: "notifications", columns: Self.columns, rows: notifications.map(Self.row))
    }

    /// An organization's notifications, newest first.
    public func list(organizationID: UUID, limit: Int) async throws -> [ReferralNotification] {
        try await database.read { db in
            try await db.select().columns("*").from("notifications").where("organization_id", .equal, organizationID.text)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all().map { row in
                    ReferralNotification(id: try row.uuid("id"), organizationID: try row.uuid("organization_id"), referralID: try row.uuid("referral_id"),
                                         type: try row.enumValue("type", as: WebhookEventType.self), actorOrganizationID: try row.uuid("actor_organization_id"),
                                         createdAt: try row.date("created_at"))
                }
        }
    }

    /// The time up to which the user has seen their organization's notifications (the distant past if never).
    public func seenUntil(userID: UUID) async throws -> Date {
        try await database.read { db in
            try await db.select().column("seen_until").from("notification_marks").where("user_id", .equal, userID.text).first()
                .map { try $0.date("seen_until") } ?? Date(timeIntervalSince1970: 0)
        }
    }

    /// How many of the organization's notifications are newer than the user's mark.
    public func unreadCount(organizationID: UUID, userID: UUID) async throws -> Int {
        try await database.read { db in
            let mark = try await db.select().column("seen_until").from("notification_marks").where("user_id", .equal, userID.text).first()
                .map { try $0.int("seen_until") } ?? 0
            let row = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
                .where("organization_id", .equal, organizationID.text).where("created_at", .greaterThan, mark).first()
            return Int(try row?.int("n") ?? 0)
        }
    }

    /// Marks everything up to `until` as seen by the user; the mark never moves back.
    public func markSeen(userID: UUID, until: Date) async throws {
        try await database.write { db in
            let current = try await db.select().column("seen_until").from("notification_marks").where("user_id", .equal, userID.text).first()
            if let current {
                guard try current.int("seen_until") < until.millis else { return }
                try await db.update("notification_marks").set("seen_until", to: SQLBind(until.millis)).where("user_id", .equal, userID.text).run()
            } else {
                try await db.insert(into: "notification_marks").columns("user_id", "seen_until").values(SQLBind(userID.text), SQLBind(until.millis)).run()
            }
        }
    }
}

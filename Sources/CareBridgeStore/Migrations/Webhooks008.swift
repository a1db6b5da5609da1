import CareBridgeCore
import SQLKit

/// Telling organizations that their referrals changed: their webhook targets (the signing secret sealed with the
/// field cipher), an outbox of deliveries written in the referral's own transaction (so a target that is down never
/// blocks or loses a step) with every attempt kept, and in-app notifications with each user's "seen up to" mark.
enum Webhooks008 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "webhook_targets")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("url", type: .text, .notNull)
            .column("secret", type: .text, .notNull)
            .column("description", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("created_by", type: .text, .notNull)
            .column("disabled_at", type: .bigint)
            .run()
        try await db.create(index: "webhook_targets_organization_idx").on("webhook_targets").column("organization_id").run()
        try await db.create(table: "webhook_deliveries")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("target_id", type: .text, .notNull, .references("webhook_targets", "id"))
            .column("state", type: .text, .notNull)
            .column("next_attempt_at", type: .bigint)
            .column("document", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        // The sender's query: due deliveries, oldest first.
        try await db.create(index: "webhook_deliveries_due_idx").on("webhook_deliveries").column("next_attempt_at").run()
        try await db.create(index: "webhook_deliveries_target_idx").on("webhook_deliveries").column("target_id").column("created_at").run()
        try await db.create(table: "notifications")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("referral_id", type: .text, .notNull)
            .column("type", type: .text, .notNull)
            .column("actor_organization_id", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "notifications_organization_idx").on("notifications").column("organization_id").column("created_at").run()
        try await db.create(table: "notification_marks")
            .column("user_id", type: .text, .primaryKey(autoIncrement: false), .references("users", "id"))
            .column("seen_until", type: .bigint, .notNull)
            .run()
    }
}

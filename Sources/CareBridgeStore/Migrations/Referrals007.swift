import CareBridgeCore
import SQLKit

/// Closed-loop referrals: the whole referral (its history, appointment, outcome) as JSON beside the columns that the
/// inbox, the outbox and the person's page query by.
enum Referrals007 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "referrals")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id"))
            .column("from_organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("to_organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("service_id", type: .text, .notNull)
            .column("state", type: .text, .notNull)
            .column("urgency", type: .text, .notNull)
            .column("document", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(index: "referrals_to_idx").on("referrals").column("to_organization_id").column("updated_at").run()
        try await db.create(index: "referrals_from_idx").on("referrals").column("from_organization_id").column("updated_at").run()
        try await db.create(index: "referrals_person_idx").on("referrals").column("person_id").run()
    }
}

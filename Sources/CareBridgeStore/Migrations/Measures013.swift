import CareBridgeCore
import SQLKit

/// Action plans, their measures and the meetings that discussed them (issue 10): each stored whole as JSON (a
/// measure with every version, amendment, position and comment), with a version column for optimistic concurrency.
enum Measures013 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "action_plans")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("country", type: .text, .notNull)
            .column("document", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(table: "measures")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("plan_id", type: .text, .notNull, .references("action_plans", "id"))
            .column("number", type: .bigint, .notNull)
            .column("status", type: .text, .notNull)
            .column("document", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        // Two measures proposed at once cannot take the same number in a plan.
        try await db.create(index: "measures_plan_number_idx").unique().on("measures").column("plan_id").column("number").run()
        try await db.create(index: "measures_status_idx").on("measures").column("status").run()
        try await db.create(table: "meetings")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("plan_id", type: .text, .notNull, .references("action_plans", "id"))
            .column("day", type: .bigint, .notNull)
            .column("document", type: .text, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(index: "meetings_plan_day_idx").on("meetings").column("plan_id").column("day").run()
    }
}

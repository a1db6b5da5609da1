import CareBridgeCore
import SQLKit

/// Clinical records (issue 7): every assessment, test, diagnosis, immunization, case notification, treatment, contact
/// and continuity alert as one JSON document, with the columns a person's history, a case's contacts, an
/// organization's alerts and the cascade's milestones are read by.
enum Health009 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "health_records")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id"))
            .column("kind", type: .text, .notNull)
            .column("code", type: .text)
            .column("status", type: .text, .notNull)
            // The clinical date as yyyymmdd, so it orders and ranges as a number on both databases.
            .column("day", type: .bigint, .notNull)
            .column("parent_id", type: .text)
            .column("other_person_id", type: .text)
            .column("organization_id", type: .text, .notNull, .references("organizations", "id"))
            // The care-cascade bits this record contributes (HealthMilestones).
            .column("milestones", type: .bigint, .notNull)
            .column("document", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(index: "health_records_person_idx").on("health_records").column("person_id").column("day").run()
        try await db.create(index: "health_records_parent_idx").on("health_records").column("parent_id").run()
        try await db.create(index: "health_records_other_idx").on("health_records").column("other_person_id").run()
        // Reference tables an administrator imported in place of the shipped file (the country epidemiology table).
        try await db.create(table: "reference_documents")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("document", type: .text, .notNull)
            .column("imported_by", type: .text)
            .column("imported_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "health_records_kind_idx").on("health_records").column("kind").column("organization_id").column("status").run()
    }
}

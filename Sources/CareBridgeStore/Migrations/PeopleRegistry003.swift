import CareBridgeCore
import SQLKit

/// The registry: the person record grows its WHO core variables, names in several scripts, encrypted
/// contact details and documents; legal-status episodes, insurance, consents and merges get tables.
enum PeopleRegistry003 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        let added: [(String, SQLDataType)] = [
            ("code", .text), ("patronymic", .text), ("name_script", .text), ("other_names", .text),
            ("birth_month", .bigint), ("birth_day", .bigint), ("citizenship", .text), ("country_of_birth", .text),
            ("arrival", .text), ("languages", .text), ("interpreter_needed", .custom(SQLRaw("BOOLEAN"))), ("region", .text),
            ("contact_ciphertext", .text), ("merged_into", .text),
        ]
        // SQLite alters one column per statement.
        for (name, type) in added {
            try await db.alter(table: "people").column(name, type: type).run()
        }
        // Records made before this step get their printed code now, so the code can be unique and required from here on.
        let ids = try await db.select().column("id").from("people").all().map { try $0.decode(column: "id", as: String.self) }
        for id in ids {
            try await db.update("people").set("code", to: SQLBind(PersonCode.make())).where("id", .equal, id).run()
        }
        try await db.create(index: "people_code_idx").unique().on("people").column("code").run()
        try await db.create(index: "people_birth_year_idx").on("people").column("birth_year").run()
        try await db.create(index: "people_record_organization_idx").on("people").column("record_organization_id").run()

        try await db.create(table: "person_documents")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id"))
            .column("position", type: .bigint, .notNull)
            .column("type", type: .text, .notNull)
            .column("issuing_country", type: .text, .notNull)
            .column("number_ciphertext", type: .text, .notNull)
            // HMAC of type|country|normalized number: finds a document without decrypting every row.
            .column("number_hash", type: .text, .notNull)
            .run()
        try await db.create(index: "person_documents_person_idx").on("person_documents").column("person_id").run()
        try await db.create(index: "person_documents_hash_idx").on("person_documents").column("number_hash").run()

        try await db.create(table: "legal_status_episodes")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id"))
            .column("status", type: .text, .notNull)
            .column("valid_from", type: .text, .notNull)
            .column("valid_until", type: .text)
            .column("document_type", type: .text)
            .column("document_number_ciphertext", type: .text)
            .column("document_issued_by", type: .text)
            .column("recorded_by", type: .text)
            .column("recorded_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "legal_status_person_idx").on("legal_status_episodes").column("person_id").run()

        try await db.create(table: "insurance_policies")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id"))
            .column("insurer", type: .text, .notNull)
            .column("policy_number", type: .text)
            .column("valid_from", type: .text, .notNull)
            .column("valid_until", type: .text)
            .column("recorded_by", type: .text)
            .column("recorded_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "insurance_person_idx").on("insurance_policies").column("person_id").run()

        try await db.create(table: "consents")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id"))
            .column("grantee_organization_id", type: .text, .references("organizations", "id"))
            .column("grantee_kind", type: .text)
            .column("purposes", type: .text, .notNull)
            .column("categories", type: .text, .notNull)
            .column("valid_from", type: .bigint, .notNull)
            .column("valid_until", type: .bigint)
            .column("explained_in_language", type: .text)
            .column("recorded_by", type: .text)
            .column("recorded_at", type: .bigint, .notNull)
            .column("withdrawn_at", type: .bigint)
            .column("withdrawn_by", type: .text)
            .run()
        try await db.create(index: "consents_person_idx").on("consents").column("person_id").run()

        try await db.create(table: "person_merges")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("survivor_id", type: .text, .notNull, .references("people", "id"))
            .column("merged_id", type: .text, .notNull, .references("people", "id"))
            .column("reason", type: .text)
            .column("merged_by", type: .text)
            .column("merged_at", type: .bigint, .notNull)
            .column("undone_by", type: .text)
            .column("undone_at", type: .bigint)
            .run()
        try await db.create(index: "person_merges_survivor_idx").on("person_merges").column("survivor_id").run()
        try await db.create(index: "person_merges_merged_idx").on("person_merges").column("merged_id").run()
    }
}

import CareBridgeCore
import SQLKit

/// The service directory (HSDS 3.0 vocabulary): per organization a profile, its locations and its services. Each
/// record is kept whole as JSON (its nested hours, languages and translations are read and written together), with
/// the columns searches and foreign keys need beside it; search itself runs over an in-memory index (DirectoryIndex).
enum Directory006 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "directory_profiles")
            .column("organization_id", type: .text, .primaryKey(autoIncrement: false), .references("organizations", "id"))
            .column("document", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await db.create(table: "directory_locations")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("document", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "directory_locations_organization_idx").on("directory_locations").column("organization_id").run()
        try await db.create(table: "directory_services")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("status", type: .text, .notNull)
            .column("document", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(index: "directory_services_organization_idx").on("directory_services").column("organization_id").run()
    }
}

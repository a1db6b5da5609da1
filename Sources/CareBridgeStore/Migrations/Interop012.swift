import CareBridgeCore
import SQLKit

/// FHIR imports (issue 9): one provenance record per imported bundle, whole as JSON, found by the person it was filed
/// under and by id.
enum Interop012 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "provenance")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull)
            .column("recorded_at", type: .bigint, .notNull)
            .column("document", type: .text, .notNull)
            .run()
        try await db.create(index: "provenance_person_idx").on("provenance").column("person_id").column("recorded_at").run()
    }
}

import SQLKit

/// Remembered responses to writes sent with an `Idempotency-Key`, so a client that retries
/// after a lost answer gets the first answer instead of a second record.
enum Idempotency002 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "idempotency_keys")
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("key", type: .text, .notNull)
            .column("method", type: .text, .notNull)
            .column("path", type: .text, .notNull)
            // 0 while the first request is still running.
            .column("status", type: .bigint, .notNull)
            .column("content_type", type: .text)
            .column("body", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .primaryKey("user_id", "key")
            .run()
    }
}

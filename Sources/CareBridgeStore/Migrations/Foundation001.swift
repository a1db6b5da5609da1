import CareBridgeCore
import SQLKit

/// Organizations, users, tokens and sessions, the audit log, and the first person table.
/// Ids are TEXT (lowercase UUID strings) and times BIGINT milliseconds on both engines,
/// so values and audit hashes are byte-for-byte the same on SQLite and PostgreSQL.
enum Foundation001 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "organizations")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("slug", type: .text, .notNull, .unique)
            .column("kind", type: .text, .notNull)
            .column("names", type: .text, .notNull)
            .column("region", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()

        try await db.create(table: "users")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("username", type: .text, .notNull, .unique)
            .column("organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("role", type: .text, .notNull)
            .column("preferred_language", type: .text, .notNull)
            .column("password_hash", type: .text, .notNull)
            .column("disabled", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("last_login_at", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(index: "users_organization_idx").on("users").column("organization_id").run()

        // API bearer tokens and web sessions: only a SHA-256 of the secret is stored.
        try await db.create(table: "auth_tokens")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("kind", type: .text, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("csrf_token", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("revoked_at", type: .bigint)
            .run()
        try await db.create(index: "auth_tokens_user_idx").on("auth_tokens").column("user_id").run()

        try await db.create(table: "audit_events")
            .column("seq", type: .bigint, .primaryKey(autoIncrement: false))
            // No unique index on the random UUID: `seq` is the key, and every extra random-key index
            // costs page writes on each append (the audit log is the hottest table).
            .column("id", type: .text, .notNull)
            .column("occurred_at", type: .bigint, .notNull)
            .column("actor_user_id", type: .text)
            .column("actor_username", type: .text, .notNull)
            .column("organization_id", type: .text)
            .column("organization_kind", type: .text)
            .column("role", type: .text)
            .column("purpose", type: .text)
            .column("person_id", type: .text)
            .column("category", type: .text)
            .column("action", type: .text, .notNull)
            .column("outcome", type: .text, .notNull)
            .column("reason", type: .text)
            .column("stated_reason", type: .text)
            .column("request_id", type: .text)
            .column("needs_review", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("previous_hash", type: .text, .notNull)
            .column("hash", type: .text, .notNull)
            .run()
        for column in ["person_id", "actor_user_id", "occurred_at"] {
            try await db.create(index: "audit_events_\(column)_idx").on("audit_events").column(column).run()
        }
        // The chain's head: its one row is locked by every append, which orders appends across servers.
        try await db.create(table: "audit_head")
            .column("id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("seq", type: .bigint, .notNull)
            .column("hash", type: .text, .notNull)
            .run()
        try await db.insert(into: "audit_head").columns("id", "seq", "hash")
            .values(SQLBind(1), SQLBind(0), SQLBind(AuditChain.genesis)).run()
        try await AppendOnly.protect(table: "audit_events", on: db, kind: kind)

        try await db.create(table: "people")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("given_name", type: .text, .notNull)
            .column("family_name", type: .text, .notNull)
            .column("sex", type: .text)
            .column("birth_year", type: .bigint)
            .column("record_organization_id", type: .text, .notNull, .references("organizations", "id"))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
    }
}

import CareBridgeCore
import Foundation
import SQLKit

/// One schema step. Steps are append-only: once a step has landed it never changes;
/// a later step alters what an earlier one made.
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase, DatabaseKind) async throws -> Void
}

public enum Migrations {
    /// Every step, in order. Add new steps at the end.
    static let all: [Migration] = [
        Migration(version: 1, name: "foundation", apply: Foundation001.apply),
        Migration(version: 2, name: "idempotency", apply: Idempotency002.apply),
        Migration(version: 3, name: "people-registry", apply: PeopleRegistry003.apply),
        Migration(version: 4, name: "phone-key", apply: PhoneKey004.apply),
        Migration(version: 5, name: "entitlements", apply: Entitlements005.apply),
        Migration(version: 6, name: "directory", apply: Directory006.apply),
        Migration(version: 7, name: "referrals", apply: Referrals007.apply),
        Migration(version: 8, name: "webhooks", apply: Webhooks008.apply),
        Migration(version: 9, name: "health", apply: Health009.apply),
        Migration(version: 10, name: "referral-outcomes", apply: ReferralOutcomes010.apply),
        Migration(version: 11, name: "surveillance", apply: Surveillance011.apply),
        Migration(version: 12, name: "interop", apply: Interop012.apply),
        Migration(version: 13, name: "measures", apply: Measures013.apply),
    ]

    /// Applies the steps not yet recorded in `schema_migrations`, each in its own transaction
    /// together with its record. Returns the names of the steps applied.
    @discardableResult
    public static func run(on database: Database) async throws -> [String] {
        try await database.write { db in
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
        var applied: [String] = []
        for step in all {
            let ran = try await database.write { db -> Bool in
                if database.kind == .postgres {
                    // Two servers starting together must not both apply a step.
                    try await db.raw("SELECT pg_advisory_xact_lock(727274)").run()
                }
                let done = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, step.version).first()
                if done != nil { return false }
                try await step.apply(db, database.kind)
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(step.version), SQLBind(step.name), SQLBind(Clock.millis(Date())))
                    .run()
                return true
            }
            if ran { applied.append(step.name) }
        }
        return applied
    }

    /// The highest version `all` knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}

import CareBridgeCore
import SQLKit

/// Outbreak alerts (issue 8): each signal of live detection, whole as JSON, found by state and by its series and
/// week; one alert per disease, region, week and method, however often detection runs.
enum Surveillance011 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.create(table: "outbreak_alerts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("disease", type: .text, .notNull)
            // '' for the whole country, so the unique index below treats it as a value.
            .column("region", type: .text, .notNull)
            .column("week", type: .text, .notNull)
            .column("method", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("document", type: .text, .notNull)
            .column("raised_at", type: .bigint, .notNull)
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.create(index: "outbreak_alerts_signal_idx").unique().on("outbreak_alerts")
            .column("disease").column("region").column("week").column("method").run()
        try await db.create(index: "outbreak_alerts_status_idx").on("outbreak_alerts").column("status").column("raised_at").run()
    }
}

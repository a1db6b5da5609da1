import CareBridgeCore
import SQLKit

/// Rule sets as uploaded (the YAML text itself, so what was in force on a day can be shown later) and the simulation
/// runs kept with their inputs so a measure can cite one.
enum Entitlements005 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        let bool = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await db.create(table: "rule_sets")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("country", type: .text, .notNull)
            .column("version", type: .text, .notNull)
            .column("file_name", type: .text, .notNull)
            .column("yaml", type: .text, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("shipped", type: bool, .notNull)
            .column("uploaded_by", type: .text)
            .column("uploaded_at", type: .bigint, .notNull)
            .column("in_force", type: bool, .notNull)
            // The administrator's reading of each conflict (choice id -> option), JSON.
            .column("selection", type: .text, .notNull)
            .column("selected_by", type: .text)
            .column("selected_at", type: .bigint)
            .run()
        try await db.create(index: "rule_sets_country_version_idx").unique().on("rule_sets").column("country").column("version").run()

        try await db.create(table: "simulations")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("title", type: .text, .notNull)
            .column("created_by", type: .text)
            .column("organization_id", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("on_date", type: .text, .notNull)
            .column("baseline_rule_set_id", type: .text, .notNull, .references("rule_sets", "id"))
            .column("baseline_selection", type: .text, .notNull)
            .column("alternative_yaml", type: .text, .notNull)
            // How the alternative differs from its rule set: readings chosen, rules switched off, outcomes edited (JSON).
            .column("alternative_changes", type: .text, .notNull)
            .column("alternative_label", type: .text, .notNull)
            .column("people", type: .bigint, .notNull)
            .column("result", type: .text, .notNull)
            .run()
        try await db.create(index: "simulations_created_idx").on("simulations").column("created_at").run()
    }
}

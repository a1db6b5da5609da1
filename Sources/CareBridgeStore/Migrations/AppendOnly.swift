import SQLKit

/// Database triggers that refuse UPDATE and DELETE on a table, so an append-only log stays
/// append-only even for code that forgets; the hash chain catches anyone who drops the trigger.
enum AppendOnly {
    static func protect(table: String, on db: any SQLDatabase, kind: DatabaseKind) async throws {
        switch kind {
        case .sqlite:
            for operation in ["UPDATE", "DELETE"] {
                try await db.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON \(unsafeRaw: table)
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: table) is append-only'); END
                    """).run()
            }
        case .postgres:
            try await db.raw("""
                CREATE OR REPLACE FUNCTION carebridge_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql
                """).run()
            try await db.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: table)
                FOR EACH ROW EXECUTE FUNCTION carebridge_append_only()
                """).run()
        }
    }
}

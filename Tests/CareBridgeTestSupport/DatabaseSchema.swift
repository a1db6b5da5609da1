import CareBridgeStore
import SQLKit

/// The tables and indexes as the engine describes them, so a test can check a bulk load left the schema as the
/// migrations made it.
public enum DatabaseSchema {
    public static func describe(_ database: Database) async throws -> [String] {
        try await database.read { db in
            switch database.kind {
            case .sqlite:
                try await db.raw("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') AS d FROM sqlite_master ORDER BY type, name")
                    .all().map { try $0.decode(column: "d", as: String.self) }
            case .postgres:
                try await db.raw("SELECT indexname || ': ' || indexdef AS d FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
                    .all().map { try $0.decode(column: "d", as: String.self) }
            }
        }
    }
}

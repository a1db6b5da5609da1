import CareBridgeCore
import PostgresNIO

/// Turns driver errors into CareBridge errors with a message an operator can act on.
/// One place knows both engines' error codes.
enum StorageErrors {
    static func map(_ error: any Error, context: String = "the database") -> any Error {
        if error is CareBridgeError { return error }
        if let e = error as? PSQLError {
            switch e.serverInfo?[.sqlState] {
            case "23505": return CareBridgeError.conflict("A record with the same unique value already exists.", reason: "unique")
            case "23503": return CareBridgeError(.validation, title: "Invalid reference", detail: "The record refers to something that does not exist.")
            case "53100": return CareBridgeError(.storage, title: "Disk full", detail: "The PostgreSQL server's disk is full; nothing was written.")
            case "25006": return CareBridgeError(.storage, title: "Database read-only", detail: "The PostgreSQL server is read-only; nothing was written.")
            default:
                let message = e.serverInfo?[.message] ?? String(describing: e.code)
                return CareBridgeError(.storage, title: "Database error", detail: "PostgreSQL: \(message)")
            }
        }
        return error
    }

    /// SQLite's side: an extended result code and message read off the connection (SQLiteHandle).
    static func map(sqliteCode code: Int32, message: String, context: String = "the database") -> any Error {
        switch code {
        case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
            return CareBridgeError.conflict("A record with the same unique value already exists.", reason: "unique")
        case 787: // SQLITE_CONSTRAINT_FOREIGNKEY
            return CareBridgeError(.validation, title: "Invalid reference", detail: "The record refers to something that does not exist.")
        default:
            switch code & 0xff {
            case 13: return CareBridgeError(.storage, title: "Disk full", detail: "The disk holding \(context) is full; nothing was written.")
            case 8: return CareBridgeError(.storage, title: "Database read-only", detail: "\(context) is read-only; nothing was written.")
            case 5, 6: return CareBridgeError(.unavailable, title: "Database busy", detail: "\(context) is locked by another process; try again.")
            default: return CareBridgeError(.storage, title: "Database error", detail: "SQLite: \(message)")
            }
        }
    }
}

import CareBridgeCore
import SQLKit

/// A keyed hash of the person's telephone number beside the encrypted contact details, so the identity matcher can
/// compare phones (a strong sign of one person across registrations) without decrypting every record.
enum PhoneKey004 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.alter(table: "people").column("phone_hash", type: .text).run()
    }
}

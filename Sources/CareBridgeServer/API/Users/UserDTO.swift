import CareBridgeCore
import Foundation

/// An account as the API shows it (never the password hash).
struct UserBody: Codable {
    var id: String
    var username: String
    var organizationId: String
    var role: Role
    var preferredLanguage: String
    var disabled: Bool
    var lastLoginAt: Date?
    var createdAt: Date

    init(_ u: User) {
        (id, username, organizationId, role, preferredLanguage, disabled, lastLoginAt, createdAt) =
            (Hex.uuid(u.id), u.username, Hex.uuid(u.organizationID), u.role, u.preferredLanguage, u.disabled, u.lastLoginAt, u.createdAt)
    }
}

struct NewUser: Decodable {
    var username: String
    var password: String
    var organizationId: UUID
    var role: String
    var preferredLanguage: String?
}

struct UserChanges: Decodable {
    var role: String?
    var preferredLanguage: String?
    var disabled: Bool?
    var password: String?
}

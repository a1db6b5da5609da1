import Foundation

/// A staff account. Its organization and role decide, through the access policy, what it may see.
public struct User: Codable, Sendable, Hashable {
    public var id: UUID
    public var username: String
    public var organizationID: UUID
    public var role: Role
    /// BCP 47 tag of the language the interface uses for this user.
    public var preferredLanguage: String
    public var disabled: Bool
    public var lastLoginAt: Date?
    public var createdAt: Date

    public init(id: UUID = UUID(), username: String, organizationID: UUID, role: Role, preferredLanguage: String = "en",
                disabled: Bool = false, lastLoginAt: Date? = nil, createdAt: Date) {
        self.id = id
        self.username = username
        self.organizationID = organizationID
        self.role = role
        self.preferredLanguage = preferredLanguage
        self.disabled = disabled
        self.lastLoginAt = lastLoginAt
        self.createdAt = createdAt
    }

    public func validate() throws {
        try Validation.username(username)
        try Validation.languageTag(preferredLanguage, field: "preferredLanguage")
    }

    /// Password rule: long rather than complex (NIST SP 800-63B, section 5.1.1.2: at least 8 characters, no composition rules).
    public static func validatePassword(_ password: String) throws {
        guard password.count >= 10 else {
            throw CareBridgeError.invalid("password", "A password needs at least 10 characters.")
        }
        guard password.utf8.count <= 72 else {
            // bcrypt reads only the first 72 bytes; longer passwords would silently be truncated.
            throw CareBridgeError.invalid("password", "A password may have at most 72 bytes.")
        }
    }
}

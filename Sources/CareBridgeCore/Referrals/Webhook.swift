import Foundation

/// An organization's endpoint that is told when its referrals change, and the secret its deliveries are signed with.
public struct WebhookTarget: Codable, Sendable, Hashable {
    public var id: UUID
    public var organizationID: UUID
    public var url: String
    /// Shown to the organization once, when the target is made; keep it out of every later response and log.
    public var secret: String
    /// What the endpoint is, for the organization's own list ("case management system, production").
    public var description: String
    public var createdAt: Date
    /// Set when the organization removes the target: nothing more is sent to it, its delivery log stays.
    public var disabledAt: Date?

    public static let maxURLLength = 2000
    /// The shortest secret accepted, in bytes of its text (the HMAC key).
    public static let minSecretLength = 32

    public static let maxDescriptionLength = 200

    public init(id: UUID? = nil, organizationID: UUID, url: String, secret: String = WebhookSecret.generate(), description: String = "",
                createdAt: Date, disabledAt: Date? = nil) {
        (self.id, self.organizationID, self.url, self.secret, self.createdAt) = (id ?? .timeOrdered(at: createdAt), organizationID, url, secret, createdAt)
        (self.description, self.disabledAt) = (description, disabledAt)
    }

    public var isActive: Bool { disabledAt == nil }

    /// Refuses a target whose URL or secret would not work or not be safe, naming the field.
    public func validate() throws {
        _ = try Self.parseURL(url)
        guard secret.utf8.count >= Self.minSecretLength else {
            throw CareBridgeError.invalid("secret", "The secret must have at least \(Self.minSecretLength) bytes; use a generated one.")
        }
        try TextRules.optional(description, field: "description", max: Self.maxDescriptionLength)
    }

    /// The URL, if it is an absolute http(s) URL with a host and at most 2000 characters.
    public static func parseURL(_ text: String) throws -> URL {
        guard text.utf8.count <= maxURLLength else {
            throw CareBridgeError.invalid("url", "The URL must have at most \(maxURLLength) characters.")
        }
        // Foundation may quietly percent-encode spaces; a URL typed with them is a mistake.
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
              let url = URL(string: text) else {
            throw CareBridgeError.invalid("url", "'\(text)' is not a URL.")
        }
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw CareBridgeError.invalid("url", "Only http and https URLs are allowed.")
        }
        guard let host = url.host, !host.isEmpty else {
            throw CareBridgeError.invalid("url", "The URL must name a host, as in https://example.org/hooks.")
        }
        return url
    }
}

/// Webhook signing secrets.
public enum WebhookSecret {
    /// 32 random bytes in base64url without padding (43 characters).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

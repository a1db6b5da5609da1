import Foundation

/// The legal ground for sharing the person's data with the receiver.
/// Encoded flat, `{"type": "consent", "consentID": "..."}`, so the API and the store read it without nesting.
public enum ReferralBasis: Sendable, Hashable {
    /// A recorded consent; the server checks it is active and covers the receiver.
    case consent(UUID)
    /// A notifiable disease goes to the public-health service without consent, as the law requires.
    case notifiableDisease
    /// Emergency sharing with a stated reason; reviewed afterwards like emergency access.
    case emergency(reason: String)

    public var type: String {
        switch self {
        case .consent: "consent"
        case .notifiableDisease: "notifiable-disease"
        case .emergency: "emergency"
        }
    }
}

extension ReferralBasis: Codable {
    enum CodingKeys: String, CodingKey { case type, consentID, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .type) {
        case "consent": self = .consent(try c.decode(UUID.self, forKey: .consentID))
        case "notifiable-disease": self = .notifiableDisease
        case "emergency": self = .emergency(reason: try c.decode(String.self, forKey: .reason))
        case let other:
            throw CareBridgeError.invalid("consentBasis.type", "consentBasis.type '\(other)' is not one of consent, notifiable-disease, emergency.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .consent(let id): try c.encode(id, forKey: .consentID)
        case .notifiableDisease: break
        case .emergency(let reason): try c.encode(reason, forKey: .reason)
        }
    }
}

import Foundation

/// What happened to a referral, as told to webhook receivers. Deliberately thin: no person, reason or outcome note.
/// The receiver fetches the referral through the API, where the access policy and the audit log apply.
public struct WebhookEvent: Codable, Sendable, Hashable {
    /// The idempotency id, sent as `Webhook-Id`: the same on every retry and resend, so the receiver deduplicates on it.
    public var id: UUID
    public var type: WebhookEventType
    public var occurredAt: Date
    public var referralID: UUID
    /// The organization whose step caused the event.
    public var organizationID: UUID
    public var state: ReferralState

    public init(id: UUID? = nil, occurredAt: Date, referralID: UUID, organizationID: UUID, state: ReferralState) {
        (self.id, self.type, self.occurredAt) = (id ?? .timeOrdered(at: occurredAt), WebhookEventType(state), occurredAt)
        (self.referralID, self.organizationID, self.state) = (referralID, organizationID, state)
    }

    /// The event for the referral's latest step.
    public init(latestStepOf referral: Referral, id: UUID? = nil) {
        let step = referral.events.last
        self.init(id: id, occurredAt: step?.at ?? referral.updatedAt, referralID: referral.id,
                  organizationID: step?.organizationID ?? referral.fromOrganizationID, state: referral.state)
    }

    /// The wire names match the REST API's (`referralId`, lowercase ids).
    enum CodingKeys: String, CodingKey { case id, type, occurredAt, referralId, organizationId, state }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func uuid(_ key: CodingKeys) throws -> UUID {
            let text = try c.decode(String.self, forKey: key)
            guard let id = UUID(uuidString: text) else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a UUID") }
            return id
        }
        (id, type, occurredAt) = (try uuid(.id), try c.decode(WebhookEventType.self, forKey: .type), try c.decode(Date.self, forKey: .occurredAt))
        (referralID, organizationID, state) = (try uuid(.referralId), try uuid(.organizationId), try c.decode(ReferralState.self, forKey: .state))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.text, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(occurredAt, forKey: .occurredAt)
        try c.encode(referralID.text, forKey: .referralId)
        try c.encode(organizationID.text, forKey: .organizationId)
        try c.encode(state, forKey: .state)
    }

    /// The request body: JSON with sorted keys and ISO 8601 dates, so the same event always gives the same bytes.
    public func body() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Only UUIDs, strings and dates: encoding cannot fail.
        return try! encoder.encode(self)
    }
}

/// One event type per referral state. Raw values are the external contract receivers subscribe to.
public enum WebhookEventType: String, CaseIterable, Codable, Sendable, Hashable {
    case referralSent = "referral.sent"
    case referralAccepted = "referral.accepted"
    case referralDeclined = "referral.declined"
    case referralBooked = "referral.booked"
    case referralAttended = "referral.attended"
    case referralCompleted = "referral.completed"
    case referralDidNotAttend = "referral.did-not-attend"
    case referralCancelled = "referral.cancelled"

    public init(_ state: ReferralState) {
        switch state {
        case .sent: self = .referralSent
        case .accepted: self = .referralAccepted
        case .declined: self = .referralDeclined
        case .booked: self = .referralBooked
        case .attended: self = .referralAttended
        case .completed: self = .referralCompleted
        case .didNotAttend: self = .referralDidNotAttend
        case .cancelled: self = .referralCancelled
        }
    }
}

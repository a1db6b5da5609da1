import Foundation

/// One entry of the append-only audit log: who did what to whose data, for which purpose, with what outcome.
public struct AuditEvent: Codable, Sendable, Hashable {
    /// Position in the chain, from 1, without gaps.
    public var sequence: Int64
    public var id: UUID
    /// Milliseconds since 1970 (an integer, so the hash is the same on every database).
    public init(
        sequence: Int64, id: UUID, occurredAtMillis: Int64, actorUserID: UUID?, actorUsername: String, organizationID: UUID?, organizationKind: OrganizationKind?, role: Role?, purpose: PurposeOfUse?, personID: UUID?, category: DataCategory?, action: String, outcome: AuditOutcome, reason: String?, statedReason: String?, requestID: String?, needsReview: Bool, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.id = id
        self.occurredAtMillis = occurredAtMillis
        self.actorUserID = actorUserID
        self.actorUsername = actorUsername
        self.organizationID = organizationID
        self.organizationKind = organizationKind
        self.role = role
        self.purpose = purpose
        self.personID = personID
        self.category = category
        self.action = action
        self.outcome = outcome
        self.reason = reason
        self.statedReason = statedReason
        self.requestID = requestID
        self.needsReview = needsReview
        self.previousHash = previousHash
        self.hash = hash
    }

    public var occurredAtMillis: Int64
    public var actorUserID: UUID?
    public var actorUsername: String
    public var organizationID: UUID?
    public var organizationKind: OrganizationKind?
    public var role: Role?
    public var purpose: PurposeOfUse?
    public var personID: UUID?
    public var category: DataCategory?
    /// What was done, e.g. `person.read`, `user.create`, `auth.login`.
    public var action: String
    public var outcome: AuditOutcome
    /// The policy's ground or denial code, or another short machine-readable reason.
    public var reason: String?
    /// The free-text reason a user gave (emergency access).
    public var statedReason: String?
    public var requestID: String?
    /// True when the access must be reviewed (emergency access).
    public var needsReview: Bool
    public var previousHash: String
    public var hash: String

    public var occurredAt: Date { Date(timeIntervalSince1970: Double(occurredAtMillis) / 1000) }
}

public enum AuditOutcome: String, Codable, Sendable, CaseIterable {
    case allowed
    case denied
    case succeeded
    case failed
}

/// An event before it takes its place in the chain.
public struct AuditDraft: Sendable, Hashable {
    public var id: UUID
    public var occurredAtMillis: Int64
    public var actorUserID: UUID?
    public var actorUsername: String
    public var organizationID: UUID?
    public var organizationKind: OrganizationKind?
    public var role: Role?
    public var purpose: PurposeOfUse?
    public var personID: UUID?
    public var category: DataCategory?
    public var action: String
    public var outcome: AuditOutcome
    public var reason: String?
    public var statedReason: String?
    public var requestID: String?
    public var needsReview: Bool

    public init(
        id: UUID = UUID(), occurredAt: Date, actorUserID: UUID?, actorUsername: String,
        organizationID: UUID? = nil, organizationKind: OrganizationKind? = nil, role: Role? = nil,
        purpose: PurposeOfUse? = nil, personID: UUID? = nil, category: DataCategory? = nil,
        action: String, outcome: AuditOutcome, reason: String? = nil, statedReason: String? = nil,
        requestID: String? = nil, needsReview: Bool = false
    ) {
        self.id = id
        self.occurredAtMillis = Clock.millis(occurredAt)
        self.actorUserID = actorUserID
        self.actorUsername = actorUsername
        self.organizationID = organizationID
        self.organizationKind = organizationKind
        self.role = role
        self.purpose = purpose
        self.personID = personID
        self.category = category
        self.action = action
        self.outcome = outcome
        self.reason = reason
        self.statedReason = statedReason
        self.requestID = requestID
        self.needsReview = needsReview
    }

    /// Places the draft in the chain after `previousHash`.
    public func chained(sequence: Int64, previousHash: String) -> AuditEvent {
        var event = AuditEvent(
            sequence: sequence, id: id, occurredAtMillis: occurredAtMillis, actorUserID: actorUserID,
            actorUsername: actorUsername, organizationID: organizationID, organizationKind: organizationKind,
            role: role, purpose: purpose, personID: personID, category: category, action: action,
            outcome: outcome, reason: reason, statedReason: statedReason, requestID: requestID,
            needsReview: needsReview, previousHash: previousHash, hash: "")
        event.hash = AuditChain.hash(of: event)
        return event
    }
}

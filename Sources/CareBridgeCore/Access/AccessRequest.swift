import Foundation

/// Who is asking: the signed-in user, in the organization and role they act for.
public struct AccessSubject: Sendable, Hashable {
    public var userID: UUID
    public var organizationID: UUID
    public var organizationKind: OrganizationKind
    public var role: Role

    public init(userID: UUID, organizationID: UUID, organizationKind: OrganizationKind, role: Role) {
        self.userID = userID
        self.organizationID = organizationID
        self.organizationKind = organizationKind
        self.role = role
    }
}

/// Everything `AccessPolicy.decide` needs, gathered by the caller, so the decision is pure.
public struct AccessRequest: Sendable {
    public var subject: AccessSubject
    public var purpose: PurposeOfUse
    public var category: DataCategory
    /// Recorded with the decision; the rules are the same for reads and writes.
    public var action: AccessAction
    /// The organization responsible for the person's record (the one that registered them); nil for aggregate requests.
    public var recordOrganizationID: UUID?
    /// The person's consents, active or not; the policy checks validity at `now`.
    public var consents: [Consent]
    /// True when the person has a notifiable communicable disease on record (legal notification exception).
    public var hasNotifiableCondition: Bool
    /// The free-text reason required for emergency (ETREAT) access.
    public var accessReason: String?
    /// The moment of the request; passed in so the policy never reads a clock.
    public var now: Date

    public init(
        subject: AccessSubject, purpose: PurposeOfUse, category: DataCategory, action: AccessAction = .read,
        recordOrganizationID: UUID? = nil, consents: [Consent] = [], hasNotifiableCondition: Bool = false,
        accessReason: String? = nil, now: Date
    ) {
        self.subject = subject
        self.purpose = purpose
        self.category = category
        self.action = action
        self.recordOrganizationID = recordOrganizationID
        self.consents = consents
        self.hasNotifiableCondition = hasNotifiableCondition
        self.accessReason = accessReason
        self.now = now
    }
}

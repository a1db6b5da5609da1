/// The outcome of `AccessPolicy.decide`: allowed on a ground, or denied for a reason.
public enum AccessDecision: Sendable, Hashable {
    case allow(AccessGround)
    case deny(DenialReason)

    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    /// Break-the-glass access is allowed now and checked by a person afterwards.
    public var needsReview: Bool { self == .allow(.emergency) }

    /// The stable code written to the audit log and returned as `reason` in problem+json.
    public var code: String {
        switch self {
        case .allow(let ground): ground.rawValue
        case .deny(let reason): reason.rawValue
        }
    }

    /// A sentence a person can read.
    public var explanation: String {
        switch self {
        case .allow(let ground): ground.explanation
        case .deny(let reason): reason.explanation
        }
    }
}

/// Why an access was allowed. Raw values are stable codes (audit log, API).
public enum AccessGround: String, CaseIterable, Codable, Sendable, Hashable {
    case ownRecord = "own-record"
    case consent
    case legalNotification = "legal-notification"
    case emergency
    case aggregate

    public var explanation: String {
        switch self {
        case .ownRecord:
            "Your organization registered this person and is responsible for their record."
        case .consent:
            "The person has given active consent to share this data with your organization for this purpose."
        case .legalNotification:
            "The person has a notifiable disease, and the law requires it to be reported to the public-health service."
        case .emergency:
            "Emergency access was granted on the reason you gave; it is logged and will be reviewed."
        case .aggregate:
            "These are published statistics without names, and groups of fewer than 5 people are hidden."
        }
    }
}

/// Why an access was denied. Raw values are stable codes (audit log, API).
public enum DenialReason: String, CaseIterable, Codable, Sendable, Hashable {
    case firewall
    case roleCategory = "role-category"
    case purposeRole = "purpose-role"
    case purposeOrganization = "purpose-organization"
    case missingReason = "missing-reason"
    case noConsent = "no-consent"

    public var explanation: String {
        switch self {
        case .firewall:
            "Interior-ministry and border-service users never receive person-level health data, whatever their role, "
                + "consent or purpose; they may only see who a person is and whether a referral took place, for care coordination."
        case .roleCategory:
            "Your role never gives access to this kind of information about a person."
        case .purposeRole:
            "Your role may not access data for the purpose you gave."
        case .purposeOrganization:
            "Your kind of organization may not access data for the purpose you gave."
        case .missingReason:
            "Emergency access needs a written reason, which will be reviewed."
        case .noConsent:
            "Sharing with another organization needs the person's active consent covering that organization and purpose."
        }
    }
}

import Foundation

/// Who a consent lets see the person's data: one organization, or every organization of a kind.
public enum ConsentGrantee: Codable, Sendable, Hashable {
    case organization(UUID)
    case organizationKind(OrganizationKind)
}

/// A person's consent to share their data, as the access policy reads it.
/// Withdrawal takes effect for every request after `withdrawnAt`.
public struct Consent: Codable, Sendable, Hashable {
    public var id: UUID
    public var grantee: ConsentGrantee
    public var purposes: Set<PurposeOfUse>
    public var categories: Set<DataCategory>
    public var validFrom: Date
    public var validUntil: Date?
    public var withdrawnAt: Date?
    /// Whose consent it is; nil only in policy tests that need no person.
    public var personID: UUID?
    /// The staff member who recorded it, and when.
    public var recordedBy: UUID?
    public var recordedAt: Date?
    /// The language the consent was explained in (BCP 47), so it can be shown it was understood.
    public var explainedInLanguage: String?
    public var withdrawnBy: UUID?

    public init(
        id: UUID = .timeOrdered(), grantee: ConsentGrantee, purposes: Set<PurposeOfUse>,
        categories: Set<DataCategory>, validFrom: Date, validUntil: Date? = nil, withdrawnAt: Date? = nil,
        personID: UUID? = nil, recordedBy: UUID? = nil, recordedAt: Date? = nil, explainedInLanguage: String? = nil,
        withdrawnBy: UUID? = nil
    ) {
        self.personID = personID
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.explainedInLanguage = explainedInLanguage
        self.withdrawnBy = withdrawnBy
        self.id = id
        self.grantee = grantee
        self.purposes = purposes
        self.categories = categories
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.withdrawnAt = withdrawnAt
    }

    /// Whether the consent is in force at `date`: started, not expired, not withdrawn.
    public func isActive(at date: Date) -> Bool {
        if date < validFrom { return false }
        if let validUntil, date >= validUntil { return false }
        if let withdrawnAt, date >= withdrawnAt { return false }
        return true
    }

    /// Whether the consent covers this organization, purpose and category at `date`.
    public func covers(organization: UUID, kind: OrganizationKind, purpose: PurposeOfUse,
                       category: DataCategory, at date: Date) -> Bool {
        guard isActive(at: date), purposes.contains(purpose), categories.contains(category) else { return false }
        switch grantee {
        case .organization(let id): return id == organization
        case .organizationKind(let k): return k == kind
        }
    }
}

extension Consent {
    /// Refuses an empty or back-to-front consent, naming the field.
    public func validate() throws {
        if purposes.isEmpty { throw CareBridgeError.invalid("purposes", "Name at least one purpose the consent is for.") }
        if categories.isEmpty { throw CareBridgeError.invalid("categories", "Name at least one data category the consent covers.") }
        if categories.contains(.aggregate) { throw CareBridgeError.invalid("categories", "Aggregates need no consent; name person-level categories.") }
        if let validUntil, validUntil <= validFrom { throw CareBridgeError.invalid("validUntil", "validUntil must be after validFrom.") }
        if let explainedInLanguage { try Validation.languageTag(explainedInLanguage, field: "explainedInLanguage") }
    }
}

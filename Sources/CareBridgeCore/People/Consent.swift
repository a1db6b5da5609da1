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

    public init(
        id: UUID = UUID(), grantee: ConsentGrantee, purposes: Set<PurposeOfUse>,
        categories: Set<DataCategory>, validFrom: Date, validUntil: Date? = nil, withdrawnAt: Date? = nil
    ) {
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

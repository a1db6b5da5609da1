/// What kind of information about a person an access touches (DESIGN.md).
public enum DataCategory: String, CaseIterable, Codable, Sendable, Hashable {
    case identity
    case contact
    case legalStatus = "legal-status"
    case health
    case social
    case referralMetadata = "referral-metadata"
    case aggregate

    /// Everything but aggregates is about one identifiable person.
    public var isPersonLevel: Bool { self != .aggregate }
}

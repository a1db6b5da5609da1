/// The kinds of organization in a national health and migration system (DESIGN.md).
/// The raw values are the external contract: they appear in the API, the CLI and the database.
public enum OrganizationKind: String, CaseIterable, Codable, Sendable, Hashable {
    case healthMinistry = "health-ministry"
    case healthFacility = "health-facility"
    case publicHealthService = "public-health-service"
    case interiorMinistry = "interior-ministry"
    case borderService = "border-service"
    case ngo = "ngo"
    case internationalOrganization = "international-organization"

    /// Organizations on the enforcement side of the health-data firewall.
    public var isEnforcement: Bool { self == .interiorMinistry || self == .borderService }
}

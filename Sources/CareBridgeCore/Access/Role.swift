/// A user's role inside their organization (DESIGN.md). Raw values are the external contract.
public enum Role: String, CaseIterable, Codable, Sendable, Hashable {
    case admin
    case caseworker
    case clinician
    case publicHealthOfficer = "public-health-officer"
    case migrationOfficer = "migration-officer"
    case analyst

    /// The purpose a request acts for when it names none (DESIGN.md, "External contract").
    public var defaultPurpose: PurposeOfUse {
        switch self {
        case .admin: .administration
        case .caseworker: .careCoordination
        case .clinician: .treatment
        case .publicHealthOfficer: .publicHealth
        case .migrationOfficer: .careCoordination
        case .analyst: .statistics
        }
    }

    /// Whether the role works with records of individual people (the access policy still decides each record).
    public var opensPersonRecords: Bool {
        !AccessPolicy.categories(for: self).isEmpty
    }
}

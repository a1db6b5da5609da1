import Foundation

/// The one place that decides every access to data about people (DESIGN.md, "Organizations, roles, and the firewall").
/// Pure: the same request always gives the same decision; no I/O, no clock.
public enum AccessPolicy {
    /// Rules in order; the first that decides wins. Reads and writes follow the same rules.
    public static func decide(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        let purpose = request.purpose
        let category = request.category

        // 1. Aggregates are published, small-cell-suppressed statistics: anyone may see them for a statistical purpose.
        if category == .aggregate {
            return aggregatePurposes.contains(purpose) ? .allow(.aggregate) : .deny(.purposeRole)
        }

        // 2. The firewall comes before everything else so no role, consent or emergency can open it.
        if subject.organizationKind.isEnforcement {
            guard enforcementCategories.contains(category), purpose == .careCoordination else {
                return .deny(.firewall)
            }
        }

        // 3. Some roles never need some kinds of data, whoever the person is.
        guard categories(for: subject.role).contains(category) else { return .deny(.roleCategory) }

        // 4. A purpose is only credible from the roles that do that work.
        guard roles(for: purpose).contains(subject.role) else { return .deny(.purposeRole) }

        // 5. A purpose is only credible from the kinds of organization that do that work.
        guard organizationKinds(for: purpose).contains(subject.organizationKind) else {
            return .deny(.purposeOrganization)
        }

        // 6. Break-the-glass: no consent needed, but a stated reason and a later review are.
        if purpose == .emergency {
            let reason = request.accessReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return reason.isEmpty ? .deny(.missingReason) : .allow(.emergency)
        }

        // 7. The organization that registered the person is responsible for their record.
        if let owner = request.recordOrganizationID, owner == subject.organizationID {
            return .allow(.ownRecord)
        }

        // 8. Notifiable diseases must reach the public-health service by law, without consent, but only what the notice needs.
        if purpose == .publicHealth, subject.organizationKind == .publicHealthService,
           notificationCategories.contains(category), request.hasNotifiableCondition {
            return .allow(.legalNotification)
        }

        // 9. Anything else crossing organizations needs the person's own, current say-so.
        let consented = request.consents.contains {
            $0.covers(organization: subject.organizationID, kind: subject.organizationKind,
                      purpose: purpose, category: category, at: request.now)
        }
        return consented ? .allow(.consent) : .deny(.noConsent)
    }

    /// Purposes for which aggregates are shown; the others are about one person.
    static let aggregatePurposes: Set<PurposeOfUse> = [.statistics, .publicHealth, .administration]

    /// The purpose a read of published statistics acts for when the request names none: the role's own when it is one
    /// aggregates are shown for, else statistics.
    public static func aggregatePurpose(for role: Role) -> PurposeOfUse {
        aggregatePurposes.contains(role.defaultPurpose) ? role.defaultPurpose : .statistics
    }

    /// What enforcement users may touch: enough to refer a person and see that the referral took place.
    static let enforcementCategories: Set<DataCategory> = [.identity, .referralMetadata]

    /// What a legal notification of a notifiable disease carries: who, how to reach them, and the condition.
    static let notificationCategories: Set<DataCategory> = [.identity, .contact, .health]

    /// Person-level categories a role may ever touch.
    static func categories(for role: Role) -> Set<DataCategory> {
        switch role {
        case .admin: []  // Admins manage accounts, not people.
        case .clinician: [.identity, .contact, .legalStatus, .health, .social, .referralMetadata]
        case .caseworker: [.identity, .contact, .legalStatus, .social, .referralMetadata]
        case .publicHealthOfficer: [.identity, .contact, .health, .referralMetadata]
        case .migrationOfficer: [.identity, .referralMetadata]
        case .analyst: []  // Analysts work with aggregates only.
        }
    }

    /// Roles that may act for a purpose.
    static func roles(for purpose: PurposeOfUse) -> Set<Role> {
        switch purpose {
        case .treatment: [.clinician]
        case .careCoordination: [.caseworker, .clinician, .migrationOfficer]
        case .publicHealth: [.publicHealthOfficer, .clinician]  // Clinicians notify cases.
        case .statistics: [.analyst]
        case .administration: [.admin]
        case .emergency: [.clinician]
        }
    }

    /// Organization kinds that may act for a purpose.
    static func organizationKinds(for purpose: PurposeOfUse) -> Set<OrganizationKind> {
        switch purpose {
        // NGO and IOM clinics treat migrants too.
        case .treatment, .emergency: [.healthFacility, .ngo, .internationalOrganization]
        case .publicHealth: [.publicHealthService, .healthMinistry, .healthFacility]
        // Statistics and administration never reach here at person level (rules 3 and 4 deny them).
        case .careCoordination, .statistics, .administration: Set(OrganizationKind.allCases)
        }
    }
}

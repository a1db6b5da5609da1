import Foundation
import Testing
@testable import CareBridgeCore

/// Named behaviours of the access policy, one invariant per test (DESIGN.md, "Organizations, roles, and the firewall").
@Suite struct AccessPolicyTests {
    let myOrg = UUID()
    let registeringOrg = UUID()
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    func request(
        _ kind: OrganizationKind, _ role: Role, _ category: DataCategory, _ purpose: PurposeOfUse,
        action: AccessAction = .read, ownRecord: Bool = false, consents: [Consent] = [],
        notifiable: Bool = false, reason: String? = nil
    ) -> AccessRequest {
        AccessRequest(
            subject: AccessSubject(userID: UUID(), organizationID: myOrg, organizationKind: kind, role: role),
            purpose: purpose, category: category, action: action,
            recordOrganizationID: ownRecord ? myOrg : registeringOrg, consents: consents,
            hasNotifiableCondition: notifiable, accessReason: reason, now: now)
    }

    func consent(_ grantee: ConsentGrantee, _ purposes: Set<PurposeOfUse>, _ categories: Set<DataCategory>,
                 until: Date? = nil, withdrawn: Date? = nil) -> Consent {
        Consent(grantee: grantee, purposes: purposes, categories: categories,
                validFrom: now.addingTimeInterval(-30 * 86_400), validUntil: until, withdrawnAt: withdrawn)
    }

    func decide(_ r: AccessRequest) -> AccessDecision { AccessPolicy.decide(r) }

    @Test func borderServiceNeverSeesHealthDataEvenWithConsentOrEmergency() {
        let everything = consent(.organization(myOrg), Set(PurposeOfUse.allCases), Set(DataCategory.allCases))
        for kind in OrganizationKind.allCases where kind.isEnforcement {
            for role in Role.allCases {
                for purpose in PurposeOfUse.allCases {
                    for category: DataCategory in [.health, .contact, .legalStatus, .social] {
                        for action in AccessAction.allCases {
                            let r = request(kind, role, category, purpose, action: action, ownRecord: true,
                                            consents: [everything], notifiable: true, reason: "patient unconscious")
                            #expect(decide(r) == .deny(.firewall), "\(kind) \(role) \(category) \(purpose) \(action)")
                        }
                    }
                }
            }
        }
    }

    @Test func borderServiceMayReferAndSeeTheReferral() {
        for category: DataCategory in [.identity, .referralMetadata] {
            #expect(decide(request(.borderService, .migrationOfficer, category, .careCoordination, action: .write,
                                   ownRecord: true)) == .allow(.ownRecord))
            #expect(decide(request(.borderService, .migrationOfficer, category, .treatment, ownRecord: true))
                == .deny(.firewall))
        }
        #expect(decide(request(.interiorMinistry, .analyst, .aggregate, .statistics)) == .allow(.aggregate))
    }

    @Test func withdrawnConsentStopsAccessImmediately() {
        let atNow = consent(.organization(myOrg), [.treatment], [.health], withdrawn: now)
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [atNow])) == .deny(.noConsent))
        let justAfter = consent(.organization(myOrg), [.treatment], [.health], withdrawn: now.addingTimeInterval(1))
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [justAfter])) == .allow(.consent))
        let aSecondBefore = consent(.organization(myOrg), [.treatment], [.health], withdrawn: now.addingTimeInterval(-1))
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [aSecondBefore]))
            == .deny(.noConsent))
    }

    @Test func expiredConsentIsIgnored() {
        let expired = consent(.organization(myOrg), [.treatment], [.health], until: now)
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [expired])) == .deny(.noConsent))
        let future = Consent(grantee: .organization(myOrg), purposes: [.treatment], categories: [.health],
                             validFrom: now.addingTimeInterval(60))
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [future])) == .deny(.noConsent))
    }

    @Test func consentForAnotherOrganizationDoesNotCount() {
        let elsewhere = consent(.organization(UUID()), [.treatment], [.health])
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [elsewhere])) == .deny(.noConsent))
        let otherKind = consent(.organizationKind(.ngo), [.treatment], [.health])
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [otherKind])) == .deny(.noConsent))
    }

    @Test func consentCoversOnlyItsPurposeAndCategory() {
        let c = consent(.organization(myOrg), [.careCoordination], [.social])
        #expect(decide(request(.ngo, .caseworker, .social, .careCoordination, consents: [c])) == .allow(.consent))
        #expect(decide(request(.ngo, .caseworker, .contact, .careCoordination, consents: [c])) == .deny(.noConsent))
        #expect(decide(request(.ngo, .clinician, .social, .treatment, consents: [c])) == .deny(.noConsent))
    }

    @Test func consentByOrganizationKindCovers() {
        let c = consent(.organizationKind(.healthFacility), [.treatment], [.health, .identity])
        #expect(decide(request(.healthFacility, .clinician, .health, .treatment, consents: [c])) == .allow(.consent))
        #expect(decide(request(.healthFacility, .clinician, .identity, .treatment, consents: [c])) == .allow(.consent))
    }

    @Test func ownRecordNeedsNoConsent() {
        #expect(decide(request(.ngo, .caseworker, .social, .careCoordination, action: .write, ownRecord: true))
            == .allow(.ownRecord))
    }

    @Test func notifiableDiseaseReachesPublicHealthWithoutConsent() {
        for category: DataCategory in [.identity, .contact, .health] {
            #expect(decide(request(.publicHealthService, .publicHealthOfficer, category, .publicHealth, notifiable: true))
                == .allow(.legalNotification))
            #expect(decide(request(.publicHealthService, .publicHealthOfficer, category, .publicHealth))
                == .deny(.noConsent))
        }
        // The exception names the public-health service only, not the ministry or a facility.
        #expect(decide(request(.healthMinistry, .publicHealthOfficer, .health, .publicHealth, notifiable: true))
            == .deny(.noConsent))
    }

    @Test func notifiableExceptionDoesNotCoverSocialData() {
        #expect(decide(request(.publicHealthService, .clinician, .social, .publicHealth, notifiable: true))
            == .deny(.noConsent))
        #expect(decide(request(.publicHealthService, .publicHealthOfficer, .social, .publicHealth, notifiable: true))
            == .deny(.roleCategory))
        #expect(decide(request(.publicHealthService, .publicHealthOfficer, .health, .treatment, notifiable: true))
            == .deny(.purposeRole))
    }

    @Test func emergencyNeedsAReasonAndIsFlaggedForReview() {
        for reason in [nil, "", "   \n"] {
            let d = decide(request(.healthFacility, .clinician, .health, .emergency, reason: reason))
            #expect(d == .deny(.missingReason))
            #expect(!d.needsReview)
        }
        let d = decide(request(.healthFacility, .clinician, .health, .emergency, reason: "patient unconscious"))
        #expect(d == .allow(.emergency))
        #expect(d.needsReview)
        #expect(!decide(request(.healthFacility, .clinician, .health, .treatment, ownRecord: true)).needsReview)
        // Only clinicians, only where care is given.
        #expect(decide(request(.healthFacility, .caseworker, .social, .emergency, reason: "x")) == .deny(.purposeRole))
        #expect(decide(request(.publicHealthService, .clinician, .health, .emergency, reason: "x"))
            == .deny(.purposeOrganization))
    }

    @Test func adminSeesNoPersonData() {
        for category in DataCategory.allCases where category.isPersonLevel {
            for purpose in PurposeOfUse.allCases {
                let d = decide(request(.healthMinistry, .admin, category, purpose, ownRecord: true,
                                       consents: [consent(.organization(myOrg), [purpose], [category])]))
                #expect(d == .deny(.roleCategory))
            }
        }
        #expect(decide(request(.healthMinistry, .admin, .aggregate, .administration)) == .allow(.aggregate))
    }

    @Test func analystGetsAggregatesOnly() {
        #expect(decide(request(.healthMinistry, .analyst, .aggregate, .statistics)) == .allow(.aggregate))
        #expect(decide(request(.healthMinistry, .analyst, .aggregate, .treatment)) == .deny(.purposeRole))
        for category in DataCategory.allCases where category.isPersonLevel {
            #expect(decide(request(.healthMinistry, .analyst, category, .statistics, ownRecord: true)) == .deny(.roleCategory))
        }
    }

    @Test func caseworkerNeverSeesHealthData() {
        let c = consent(.organization(myOrg), Set(PurposeOfUse.allCases), [.health])
        #expect(decide(request(.ngo, .caseworker, .health, .careCoordination, ownRecord: true, consents: [c]))
            == .deny(.roleCategory))
    }

    @Test func writesFollowTheSameRulesAsReads() {
        for kind in OrganizationKind.allCases {
            for role in Role.allCases {
                for category in DataCategory.allCases {
                    for purpose in PurposeOfUse.allCases {
                        let read = decide(request(kind, role, category, purpose, ownRecord: true, reason: "r"))
                        let write = decide(request(kind, role, category, purpose, action: .write, ownRecord: true, reason: "r"))
                        #expect(read == write)
                    }
                }
            }
        }
    }

    @Test func everyDenialHasAPlainExplanation() {
        for reason in DenialReason.allCases {
            #expect(!reason.explanation.isEmpty)
            #expect(!reason.explanation.contains(reason.rawValue), "\(reason.rawValue)")
            #expect(reason.explanation.hasSuffix("."))
            #expect(AccessDecision.deny(reason).explanation == reason.explanation)
        }
        for ground in AccessGround.allCases {
            #expect(!ground.explanation.isEmpty)
            #expect(AccessDecision.allow(ground).explanation == ground.explanation)
        }
        #expect(AccessDecision.deny(.noConsent).code == "no-consent")
    }
}

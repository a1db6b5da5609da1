import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

/// The reads the access policy decides on (who holds a person's record, and their consents) are joined into the
/// statement that reads the person or the referral; they must answer exactly what the separate reads answer.
@Suite("Access facts read with the record")
struct AccessReadTests {
    @Test("a person's record holder and consents, read joined to the person (with their documents) or to a referral, are theirs alone, each once, newest first; none for someone without", arguments: TestDatabase.kinds)
    func joinedReadsMatchSeparateOnes(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let (people, organization) = try await BulkLoadTests.setUp(db)
            let consents = ConsentRepository(db), referrals = ReferralRepository(db)
            let other = Organization(slug: "red-cross", kind: .ngo, names: ["en": "Red Cross"], region: "BY-HM", createdAt: Date())
            try await db.write { try await OrganizationRepository(db).create(other, in: $0) }
            var person1 = BulkLoadTests.person(1, organization: organization)
            let without = BulkLoadTests.person(2, organization: other.id)
            // Three consents and three documents: the record's read joins both, nine rows for one record.
            person1.documents = [IdentityDocument(type: .residencePermit, issuingCountry: "BY", number: "RP-1"),
                                 IdentityDocument(type: .passport, issuingCountry: "UZ", number: "FA1"),
                                 IdentityDocument(type: .refugeeCertificate, issuingCountry: "BY", number: "RC-9")]
            let withConsents = person1
            let day = Date(timeIntervalSince1970: 1_760_000_000)
            let granted = [
                Consent(grantee: .organization(other.id), purposes: [.careCoordination], categories: [.identity, .referralMetadata], validFrom: day,
                        personID: withConsents.id, recordedAt: day),
                Consent(grantee: .organizationKind(.healthFacility), purposes: [.treatment], categories: [.health], validFrom: day,
                        withdrawnAt: day.addingTimeInterval(7200), personID: withConsents.id, recordedAt: day.addingTimeInterval(3600)),
                Consent(grantee: .organization(organization), purposes: [.treatment], categories: [.contact], validFrom: day,
                        validUntil: day.addingTimeInterval(86_400), personID: withConsents.id, recordedAt: day.addingTimeInterval(60)),
            ]
            let sent = [withConsents, without].map { person in
                Referral.sent(personID: person.id, fromOrganizationID: organization, fromUserID: UUID(), toOrganizationID: other.id, serviceID: UUID(),
                              reason: "assessment", urgency: .routine, consentBasis: .notifiableDisease, at: day)
            }
            try await db.write { tx in
                try await people.insertMany([withConsents, without], in: tx)
                try await consents.insert(granted, in: tx)
                for referral in sent { try await referrals.insert(referral, in: tx) }
            }
            for (person, referral) in zip([withConsents, without], sent) {
                let expected = try await consents.consents(of: [person.id])
                #expect(expected.count == (person.id == withConsents.id ? 3 : 0))
                let access = try #require(try await db.read { try await people.access(of: person.id, in: $0) })
                #expect(access.recordOrganizationID == person.recordOrganizationID)
                #expect(access.consents == expected)
                let found = try #require(try await db.read { try await people.findWithConsents(id: person.id, in: $0) })
                #expect(found.record.value.documents == person.documents && found.record.value.contact == person.contact)
                #expect(found.record.value.names == person.names && found.record.value.recordOrganizationID == person.recordOrganizationID)
                #expect(found.consents == expected)
                let stored = try #require(try await db.read { try await referrals.findWithAccess(id: referral.id, in: $0) })
                #expect(stored.referral.value.id == referral.id && stored.referral.version == 1)
                #expect(stored.recordOrganizationID == person.recordOrganizationID)
                #expect(stored.consents == expected)
            }
            #expect(try await consents.consents(of: [withConsents.id]).map(\.recordedAt) == granted.compactMap(\.recordedAt).sorted(by: >))
            let nobody = UUID()
            #expect(try await db.read { try await people.access(of: nobody, in: $0) } == nil)
            #expect(try await db.read { try await people.findWithConsents(id: nobody, in: $0) } == nil)
            #expect(try await db.read { try await referrals.findWithAccess(id: nobody, in: $0) } == nil)
        }
    }
}

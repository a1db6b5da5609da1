import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Testing

@Suite("Referrals between organizations")
struct ReferralsAPITests {
    @Test("a border officer refers a person to a health assessment with consent; the clinic answers step by step; the officer sees that it took place, never what it found", arguments: TestDatabase.kinds)
    func closedLoopBehindTheFirewall(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (officer, _) = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "border.officer")
            let (clinician, clinicID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "clinic.doctor")
            let service = try await client.send(.post, "/api/v1/services", token: admin, json: [
                "organizationId": clinicID, "names": ["en": "Health assessment on arrival"], "categories": ["polyclinic", "tb-dispensary"],
                "care": ["cd-diagnosis"], "languages": ["ru"],
                "locations": [["name": "Clinic", "address": "Lenina 1", "city": "Brest", "region": "BY-BR", "latitude": 52.1, "longitude": 23.7,
                               "hours": [["days": ["MO", "TU", "WE", "TH", "FR"], "opens": "08:00", "closes": "17:00"]]]]])
            let serviceID = try #require(try service.json()["id"] as? String, "\(service.text)")

            let person = try await client.send(.post, "/api/v1/people", token: officer, json: [
                "givenName": "Dilshod", "familyName": "Karimov", "birthDate": "1994", "citizenship": "UZ", "registerDespiteMatches": true])
            let personID = try #require(try person.json()["id"] as? String, "\(person.text)")

            // Without a consent covering the clinic, nothing is sent.
            let noConsent = try await client.send(.post, "/api/v1/referrals", token: officer, json: [
                "personId": personID, "serviceId": serviceID, "reason": "Health assessment on arrival", "consentBasis": ["type": "consent", "consentID": UUID().uuidString]])
            #expect(noConsent.status == .unprocessableContent && noConsent.text.contains("consentBasis.consentID"))
            let consent = try await client.send(.post, "/api/v1/people/\(personID)/consents", token: officer, json: [
                "organizationId": clinicID, "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata", "health"], "explainedInLanguage": "uz"])
            let consentID = try #require(try consent.json()["id"] as? String, "\(consent.text)")
            let gone = try await client.send(.post, "/api/v1/referrals", token: officer, json: [
                "personId": personID, "serviceId": UUID().uuidString, "reason": "x", "consentBasis": ["type": "consent", "consentID": consentID]])
            #expect(gone.status == .unprocessableContent && gone.text.contains("serviceId"))

            let sent = try await client.send(.post, "/api/v1/referrals", token: officer, json: [
                "personId": personID, "serviceId": serviceID, "reason": "Health assessment on arrival", "urgency": "urgent", "languagesNeeded": ["uz"],
                "consentBasis": ["type": "consent", "consentID": consentID]])
            #expect(sent.status == .created, "\(sent.text)")
            let id = try #require(try sent.json()["id"] as? String)
            let sentState = try sent.json()["state"] as? String
            #expect(sentState == "sent")

            // The clinic's inbox has it; steps belong to their side and come in order.
            let inbox = try await client.send(.get, "/api/v1/referrals?box=inbox", token: clinician)
            #expect(((try inbox.json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == [id])
            // Not yet overdue; a misspelt flag is refused, not read as "all".
            let overdue = try await client.send(.get, "/api/v1/referrals?box=inbox&overdue=1", token: clinician)
            #expect(overdue.status == .ok)
            #expect(((try overdue.json()["items"] as? [[String: Any]]) ?? [["none": 0]]).isEmpty)
            let misspelt = try await client.send(.get, "/api/v1/referrals?box=inbox&overdue=ture", token: clinician)
            #expect(misspelt.status.code == 422 && misspelt.text.contains("overdue must be true or false, not 'ture'"))
            let wrongSide = try await client.send(.post, "/api/v1/referrals/\(id)/actions", token: officer, json: ["action": "accept"])
            #expect(wrongSide.status == .forbidden && wrongSide.text.contains("wrong-side"))
            func step(_ body: [String: Any]) async throws -> TestClient.Reply { try await client.send(.post, "/api/v1/referrals/\(id)/actions", token: clinician, json: body) }
            #expect(try await step(["action": "accept"]).status == .ok)
            let early = try await step(["action": "complete", "note": "x"])
            #expect(early.status == .conflict && early.text.contains("illegal-transition"))
            #expect(try await step(["action": "book", "appointment": "2026-12-02T09:00:00Z"]).status == .ok)
            #expect(try await step(["action": "attend"]).status == .ok)
            let finding = "Sputum smear positive, TB treatment started"
            let done = try await step(["action": "complete", "note": finding])
            #expect(done.status == .ok && done.text.contains(finding))

            // The officer sees that it took place, on every referral endpoint, never the finding.
            let read = try await client.send(.get, "/api/v1/referrals/\(id)", token: officer)
            let readBody = try read.json()
            #expect(read.status == .ok && readBody["state"] as? String == "completed")
            #expect(!read.text.contains("Sputum") && readBody["outcomeNote"] == nil)
            let outbox = try await client.send(.get, "/api/v1/referrals?box=outbox", token: officer)
            #expect(outbox.status == .ok && outbox.text.contains(id) && !outbox.text.contains("Sputum"))
            let cancel = try await client.send(.post, "/api/v1/referrals/\(id)/actions", token: officer, json: ["action": "cancel"])
            #expect(cancel.status == .conflict && !cancel.text.contains("Sputum"))
            #expect(try await client.send(.get, "/api/v1/people/\(personID)/entitlements", token: officer).text.contains("Sputum") == false)

            // Someone of neither organization does not see the referral at all.
            let (outsider, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "other.ngo")
            #expect(try await client.send(.get, "/api/v1/referrals/\(id)", token: outsider).status == .notFound)
            // Every step is in the audit log.
            let events = try await services.audit.count(AuditFilter())
            #expect(events > 6)
            // On PostgreSQL the sending and each of the four steps were written as one statement each, none in a transaction.
            #expect(services.counted("carebridge_referral_writes_total", ["how": "one-statement"]) == (kind == .postgres ? 5 : 0))
            #expect(services.counted("carebridge_referral_writes_total", ["how": "transaction"]) == (kind == .postgres ? 0 : 5))
        }
    }

    @Test("without consent: a notifiable disease goes only to the public-health service; an emergency needs its reason and is flagged for review", arguments: TestDatabase.kinds)
    func legalBasesWithoutConsent(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (clinician, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.bases")
            let (_, hospitalID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.hospital")
            let (_, sanepidID) = try await client.userToken(admin: admin, kind: .publicHealthService, role: .publicHealthOfficer, name: "epi.officer")
            func service(_ organization: String, _ name: String, _ category: String) async throws -> String {
                let reply = try await client.send(.post, "/api/v1/services", token: admin, json: [
                    "organizationId": organization, "names": ["en": name], "categories": [category], "care": ["cd-diagnosis"],
                    "locations": [["name": name, "city": "Minsk", "region": "BY-HM"]]])
                return try #require(try reply.json()["id"] as? String, "\(reply.text)")
            }
            let hospitalService = try await service(hospitalID, "Infectious diseases ward", "polyclinic")
            let notificationService = try await service(sanepidID, "Notification of infectious diseases", "vaccination")
            let person = try await client.send(.post, "/api/v1/people", token: clinician, json: [
                "givenName": "Ahmad", "familyName": "Noori", "birthDate": "1990", "citizenship": "AF", "registerDespiteMatches": true])
            let personID = try #require(try person.json()["id"] as? String, "\(person.text)")
            func refer(_ serviceID: String, _ basis: [String: Any]) async throws -> TestClient.Reply {
                try await client.send(.post, "/api/v1/referrals", token: clinician, json: [
                    "personId": personID, "serviceId": serviceID, "reason": "Suspected measles", "urgency": "urgent", "consentBasis": basis])
            }

            let wrongReceiver = try await refer(hospitalService, ["type": "notifiable-disease"])
            #expect(wrongReceiver.status == .unprocessableContent && wrongReceiver.text.contains("consentBasis.type") && wrongReceiver.text.contains("public-health"))
            let notified = try await refer(notificationService, ["type": "notifiable-disease"])
            #expect(notified.status == .created, "\(notified.text)")
            #expect(try notified.json()["consentBasis"] as? String == "notifiable-disease")

            let noReason = try await refer(hospitalService, ["type": "emergency", "reason": "  "])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("consentBasis.reason"))
            let before = try await services.referrals.list(personID: try #require(UUID(uuidString: personID))).count
            #expect(before == 1)
            let emergency = try await refer(hospitalService, ["type": "emergency", "reason": "Unconscious, brought by ambulance"])
            #expect(emergency.status == .created, "\(emergency.text)")
            let flagged = try await services.audit.list(AuditFilter(action: "referral.send", needsReview: true), limit: 10, before: nil).items
            #expect(flagged.count == 1 && flagged.first?.statedReason == "Unconscious, brought by ambulance")
            #expect(try await services.audit.count(AuditFilter(action: "referral.send")) == 2)
        }
    }
}

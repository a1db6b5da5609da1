import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

/// `application/x-www-form-urlencoded` from name-value pairs, as a browser encodes a form.
func formBody(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
}

@Suite("Referral pages")
struct ReferralPagesTests {
    static let form = "application/x-www-form-urlencoded"

    /// A clinic with a health-assessment service, a person registered by `sender` with a consent covering the clinic.
    struct Setup {
        var admin: String
        var clinicID: String
        var serviceID: String
        var personID: String
        var consentID: String
    }

    static func setUp(_ client: TestClient, sender: (kind: OrganizationKind, role: Role, name: String), clinician: String) async throws -> Setup {
        let admin = try await client.token("admin", TestApp.adminPassword)
        let (senderToken, _) = try await client.userToken(admin: admin, kind: sender.kind, role: sender.role, name: sender.name)
        let (_, clinicID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: clinician)
        let service = try await client.send(.post, "/api/v1/services", token: admin, json: [
            "organizationId": clinicID, "names": ["en": "Health assessment on arrival"], "categories": ["polyclinic"], "languages": ["ru"],
            "locations": [["name": "Clinic", "address": "Lenina 1", "city": "Brest", "region": "BY-BR", "latitude": 52.1, "longitude": 23.7]]])
        let serviceID = try #require(try service.json()["id"] as? String, "\(service.text)")
        let person = try await client.send(.post, "/api/v1/people", token: senderToken, json: [
            "givenName": "Dilshod", "familyName": "Karimov", "birthDate": "1994", "citizenship": "UZ", "languages": ["uz"], "registerDespiteMatches": true])
        let personID = try #require(try person.json()["id"] as? String, "\(person.text)")
        let consent = try await client.send(.post, "/api/v1/people/\(personID)/consents", token: senderToken, json: [
            "organizationId": clinicID, "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata", "health"], "explainedInLanguage": "uz"])
        let consentID = try #require(try consent.json()["id"] as? String, "\(consent.text)")
        return Setup(admin: admin, clinicID: clinicID, serviceID: serviceID, personID: personID, consentID: consentID)
    }

    /// Sends a referral through the person page's refer form and returns the referral's page address.
    static func refer(_ client: TestClient, _ s: Setup, cookie: String, csrf: String) async throws -> String {
        let person = try await client.send(.get, "/app/people/\(s.personID)", headers: [.cookie: cookie])
        #expect(person.text.contains("href=\"/app/people/\(s.personID)/refer\""))
        let found = try await client.send(.get, "/app/people/\(s.personID)/refer?q=assessment&category=", headers: [.cookie: cookie])
        #expect(found.status == .ok && found.text.contains("refer?service=\(s.serviceID)&q=assessment\""))
        let chosen = try await client.send(.get, "/app/people/\(s.personID)/refer?service=\(s.serviceID)", headers: [.cookie: cookie])
        #expect(chosen.text.contains("value=\"consent:\(s.consentID)\""))
        // A plain clinic is no public-health service: the notifiable-disease exception is not offered.
        #expect(!chosen.text.contains("value=\"notifiable-disease\""))
        #expect(chosen.text.contains("name=\"languages\" type=\"text\" value=\"uz\""))
        let sent = try await client.send(.post, "/app/people/\(s.personID)/refer", headers: [.cookie: cookie], raw: formBody([
            ("_csrf", csrf), ("serviceId", s.serviceID), ("reason", "Health assessment on arrival"), ("urgency", "urgent"), ("languages", "uz"),
            ("basis", "consent:\(s.consentID)"), ("emergencyReason", "")]), contentType: form)
        #expect(sent.status == .seeOther, "\(sent.text)")
        return try #require(sent.headers[.location])
    }

    @Test("a caseworker refers a person from the person page; the clinic sees it in its inbox and answers step by step; a step out of order or on a stale page is refused with a readable message")
    func referAndAnswerThroughPages() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let s = try await Self.setUp(client, sender: (.ngo, .caseworker, "ngo.worker"), clinician: "clinic.doctor")
            let (worker, workerCSRF) = try await WebPagesTests.signIn(client, "ngo.worker", "password-ngo.worker")
            // An emergency without its reason is refused on the form, which keeps what was typed; nothing is sent.
            let noReason = try await client.send(.post, "/app/people/\(s.personID)/refer", headers: [.cookie: worker], raw: formBody([
                ("_csrf", workerCSRF), ("serviceId", s.serviceID), ("reason", "Chest pain since this morning"), ("urgency", "emergency"), ("languages", "uz"),
                ("basis", "emergency"), ("emergencyReason", " ")]), contentType: Self.form)
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("role=\"alert\""))
            #expect(noReason.text.contains(">Chest pain since this morning</textarea>") && noReason.text.contains("value=\"emergency\" selected=\"selected\""))
            #expect(try await services.referrals.list(personID: try #require(UUID(uuidString: s.personID))).isEmpty)
            // A consent that covers another organization is no basis for sending to the clinic: 403, said on the form.
            let elsewhere = try await client.send(.post, "/api/v1/people/\(s.personID)/consents", token: try await client.token("ngo.worker", "password-ngo.worker"), json: [
                "organizationKind": "international-organization", "purposes": ["COC"], "categories": ["identity", "referral-metadata"]])
            let elsewhereID = try #require(try elsewhere.json()["id"] as? String, "\(elsewhere.text)")
            let uncovered = try await client.send(.post, "/app/people/\(s.personID)/refer", headers: [.cookie: worker], raw: formBody([
                ("_csrf", workerCSRF), ("serviceId", s.serviceID), ("reason", "Check-up"), ("urgency", "routine"), ("languages", "uz"),
                ("basis", "consent:\(elsewhereID)")]), contentType: Self.form)
            #expect(uncovered.status == .forbidden && uncovered.text.contains("role=\"alert\"") && uncovered.text.contains("does not cover"))
            let location = try await Self.refer(client, s, cookie: worker, csrf: workerCSRF)
            let id = try #require(location.split(separator: "/").last.map(String.init))
            #expect(location == "/app/referrals/\(id)")
            let outbox = try await client.send(.get, "/app/referrals?box=outbox", headers: [.cookie: worker])
            #expect(outbox.text.contains("Sent (1)") && outbox.text.contains("href=\"/app/referrals/\(id)\""))
            // The sender may only cancel.
            let mine = try await client.send(.get, location, headers: [.cookie: worker])
            #expect(mine.text.contains("name=\"action\" value=\"cancel\"") && !mine.text.contains("name=\"action\" value=\"accept\""))

            let (doctor, csrf) = try await WebPagesTests.signIn(client, "clinic.doctor", "password-clinic.doctor")
            let home = try await client.send(.get, "/app", headers: [.cookie: doctor])
            #expect(home.text.contains("href=\"/app/referrals\""))
            let inbox = try await client.send(.get, "/app/referrals?box=inbox", headers: [.cookie: doctor])
            #expect(inbox.status == .ok && inbox.text.contains("Received (1)"))
            #expect(inbox.text.contains("href=\"/app/referrals/\(id)\"") && inbox.text.contains("Karimov Dilshod") && inbox.text.contains("urgent"))
            #expect(inbox.text.contains("href=\"/app/people/\(s.personID)\""))
            let page = try await client.send(.get, location, headers: [.cookie: doctor])
            #expect(page.text.contains("Health assessment on arrival") && page.text.contains("<dd>sent</dd>"))
            for offered in ["accept", "decline", "book"] { #expect(page.text.contains("name=\"action\" value=\"\(offered)\"")) }
            for withheld in ["attend", "complete", "cancel"] { #expect(!page.text.contains("name=\"action\" value=\"\(withheld)\"")) }

            func step(_ fields: [(String, String)]) async throws -> TestClient.Reply {
                try await client.send(.post, location + "/steps", headers: [.cookie: doctor, .accept: "text/html"],
                                      raw: formBody([("_csrf", csrf)] + fields), contentType: Self.form)
            }
            #expect(try await step([("version", "1"), ("action", "accept")]).status == .seeOther)
            // Completing before attendance is out of order: 409, said in words, and nothing changes.
            let early = try await step([("version", "2"), ("action", "complete"), ("note", "x")])
            #expect(early.status == .conflict)
            #expect(early.text.contains("role=\"alert\"") && early.text.contains("This step is not possible now"), "\(early.text)")
            // A date that is not one: 422, and what was typed is still in the field.
            let badDate = try await step([("version", "2"), ("action", "book"), ("appointment", "next Tuesday")])
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("value=\"next Tuesday\""))
            // A form from the page as it was before the acceptance: 412.
            let stale = try await step([("version", "1"), ("action", "book"), ("appointment", "2026-12-02T09:00")])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Someone changed this referral"))
            #expect(try await step([("version", "2"), ("action", "book"), ("appointment", "2026-12-02T09:00")]).status == .seeOther)
            let booked = try await client.send(.get, location, headers: [.cookie: doctor])
            #expect(booked.text.contains("<dd>booked</dd>") && booked.text.contains("value=\"2026-12-02T09:00\""))
            #expect(booked.text.contains("clinic.doctor"))
            #expect(try await step([("version", "3"), ("action", "attend")]).status == .seeOther)
            #expect(try await step([("version", "4"), ("action", "complete"), ("note", "Fit; follow-up in a month")]).status == .seeOther)
            let referralID = try #require(UUID(uuidString: id))
            let stored = try #require(try await services.referrals.find(id: referralID))
            #expect(stored.value.state == .completed && stored.value.appointment != nil && stored.version == 5)
            let done = try await client.send(.get, location, headers: [.cookie: doctor])
            #expect(done.text.contains("<dd>completed</dd>") && done.text.contains("Fit; follow-up in a month") && done.text.contains("This referral is closed."))
        }
    }

    @Test("behind the firewall: a border officer refers a person to a health assessment and sees on every page and endpoint that it was completed, never what it found; the clinician sees the finding")
    func firewallWalk() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let s = try await Self.setUp(client, sender: (.borderService, .migrationOfficer, "border.officer"), clinician: "clinic.doctor")
            let officerToken = try await client.token("border.officer", "password-border.officer")
            let (officer, officerCSRF) = try await WebPagesTests.signIn(client, "border.officer", "password-border.officer")
            let location = try await Self.refer(client, s, cookie: officer, csrf: officerCSRF)
            let id = try #require(location.split(separator: "/").last.map(String.init))

            let (doctor, csrf) = try await WebPagesTests.signIn(client, "clinic.doctor", "password-clinic.doctor")
            let finding = "Sputum-smear-positive-XQ7"
            for (version, fields) in [(1, [("action", "accept")]), (2, [("action", "book"), ("appointment", "2026-12-02T09:00")]), (3, [("action", "attend")]),
                                      (4, [("action", "complete"), ("note", finding)])] {
                let reply = try await client.send(.post, location + "/steps", headers: [.cookie: doctor],
                                                  raw: formBody([("_csrf", csrf), ("version", "\(version)")] + fields), contentType: Self.form)
                #expect(reply.status == .seeOther, "\(reply.text)")
            }
            let seenByDoctor = try await client.send(.get, location, headers: [.cookie: doctor])
            #expect(seenByDoctor.text.contains(finding))

            let pages = ["/app/referrals?box=inbox", "/app/referrals?box=outbox", "/app/referrals?box=overdue", location, "/app/people/\(s.personID)"]
            for path in pages {
                let reply = try await client.send(.get, path, headers: [.cookie: officer])
                #expect(reply.status == .ok, "\(path): \(reply.status)")
                #expect(!reply.text.contains(finding), "\(path) shows the finding to a border officer")
            }
            for path in [location, "/app/referrals?box=outbox", "/app/people/\(s.personID)"] {
                let reply = try await client.send(.get, path, headers: [.cookie: officer])
                #expect(reply.text.contains("completed"), "\(path) does not say the assessment took place")
            }
            for path in ["/api/v1/referrals/\(id)", "/api/v1/referrals?box=outbox", "/api/v1/referrals?box=inbox", "/api/v1/referrals?box=outbox&overdue=true"] {
                let reply = try await client.send(.get, path, token: officerToken)
                #expect(reply.status == .ok && !reply.text.contains(finding), "\(path)")
            }
            let read = try await client.send(.get, "/api/v1/referrals/\(id)", token: officerToken)
            #expect(try read.json()["state"] as? String == "completed")
            // The note is stored, only filtered.
            let referralID = try #require(UUID(uuidString: id))
            #expect(try await services.referrals.find(id: referralID)?.value.outcomeNote == finding)
        }
    }
}

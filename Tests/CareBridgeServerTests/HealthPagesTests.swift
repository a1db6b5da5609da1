import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Health pages: the person's health section, cases, contacts and the chain, alerts, the cascade")
struct HealthPagesTests {
    static let form = "application/x-www-form-urlencoded"

    /// Posts a form with the session's CSRF token.
    static func post(_ client: TestClient, _ path: String, cookie: String, csrf: String, _ fields: [(String, String)]) async throws -> TestClient.Reply {
        try await client.send(.post, path, headers: [.cookie: cookie, .accept: "text/html"], raw: formBody([("_csrf", csrf)] + fields), contentType: form)
    }

    static func uuid(_ text: String) throws -> UUID { try #require(UUID(uuidString: text)) }

    @Test("the treating clinician sees screening with its reason, orders a test, records a positive result and notifies a case through the forms; the records and the cascade follow, and the case page opens")
    func clinicianRecordsThroughForms() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.pages")
            let today = services.today
            let id = try await HealthAPITests.patient(client, token: doctor, today: today)
            let personID = try Self.uuid(id)
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "dr.pages", "password-dr.pages")

            let home = try await client.send(.get, "/app", headers: [.cookie: cookie])
            #expect(home.text.contains("href=\"/app/cases\"") && home.text.contains("href=\"/app/alerts\"") && !home.text.contains("href=\"/app/cascade\""))

            let page = try await client.send(.get, "/app/people/\(id)", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"health-h\""))
            #expect(page.text.contains("born in Afghanistan, where TB incidence is 180 per 100,000 (2023"), "the reason sentence")
            #expect(page.text.contains("threshold 40 (ECDC 2018)") && page.text.contains("arrived 4 months ago"))
            #expect(page.text.contains("no data: decide on clinical grounds"), "schistosomiasis has no figure for Afghanistan in the shipped table")
            #expect(page.text.contains("<option value=\"71773-6\">"), "the rules' codes are offered")
            #expect(page.text.contains("No clinical records yet."))

            let order = try await Self.post(client, "/app/people/\(id)/health/test", cookie: cookie, csrf: csrf, [("code", "71773-6"), ("otherCode", ""), ("date", today.description)])
            #expect(order.status == .seeOther, "\(order.text)")
            #expect(order.headers[.location] == "/app/people/\(id)#health")
            let test = try #require(try await services.healthRecords.records(of: [personID], kinds: [.test]).first)
            #expect(test.test?.screensFor == .latentTuberculosis)
            let ordered = try await client.send(.get, "/app/people/\(id)", headers: [.cookie: cookie])
            #expect(ordered.text.contains("<code>71773-6</code>") && ordered.text.contains(">ordered<"))
            #expect(ordered.text.contains("<option value=\"\(Hex.uuid(test.id))\">"), "the ordered test is offered for its result")

            let resulted = try await Self.post(client, "/app/people/\(id)/health/result", cookie: cookie, csrf: csrf,
                                               [("record", Hex.uuid(test.id)), ("interpretation", "positive"), ("value", ""), ("unit", ""), ("resultedOn", today.description)])
            #expect(resulted.status == .seeOther, "\(resulted.text)")
            let notified = try await Self.post(client, "/app/people/\(id)/health/case", cookie: cookie, csrf: csrf, [
                ("disease", "tuberculosis"), ("code", ""), ("classification", "confirmed"), ("region", "BY-HM"), ("onset", ""),
                ("diagnosedOn", today.description), ("date", today.description)])
            #expect(notified.status == .seeOther, "\(notified.text)")
            let caseRecord = try #require(try await services.healthRecords.records(of: [personID], kinds: [.notification]).first)
            #expect(caseRecord.notification?.classification == .confirmed && caseRecord.notification?.region == "BY-HM")

            let after = try await client.send(.get, "/app/people/\(id)", headers: [.cookie: cookie])
            #expect(after.text.contains("positive on \(today)"))
            #expect(after.text.contains("href=\"/app/cases/\(Hex.uuid(caseRecord.id))\""))
            // The TB row of the cascade: eligible (undated), screened, positive and confirmed today, no treatment yet.
            let tbRow = try #require(after.text.firstMatch(of: /<tr><th scope="row">tuberculosis<\/th>(.*?)<\/tr>/)?.1)
            #expect(tbRow.components(separatedBy: "class=\"reached\"").count - 1 == 4, "\(tbRow)")
            #expect(tbRow.contains(today.description))

            // A treatment started from the person page, for this case; then its outcome.
            let started = try await Self.post(client, "/app/people/\(id)/health/treatment", cookie: cookie, csrf: csrf, [
                ("disease", "tuberculosis"), ("caseId", Hex.uuid(caseRecord.id)), ("resistance", "DS"), ("regimen", "2HRZE/4HR"), ("date", today.description)])
            #expect(started.status == .seeOther, "\(started.text)")
            let treatment = try #require(try await services.healthRecords.records(of: [personID], kinds: [.treatment]).first)
            let outcome = try await Self.post(client, "/app/people/\(id)/health/outcome", cookie: cookie, csrf: csrf,
                                              [("record", Hex.uuid(treatment.id)), ("outcome", "cured"), ("outcomeOn", today.description)])
            #expect(outcome.status == .seeOther, "\(outcome.text)")
            #expect(try await services.healthRecords.find(id: treatment.id)?.treatment?.outcome == .cured)

            let casePage = try await client.send(.get, "/app/cases/\(Hex.uuid(caseRecord.id))", headers: [.cookie: cookie])
            #expect(casePage.status == .ok)
            #expect(casePage.text.contains("<h1>Case of tuberculosis: Rahimi Farid"))
            #expect(casePage.text.contains("2HRZE/4HR") && casePage.text.contains("cured on \(today)"))
            let cases = try await client.send(.get, "/app/cases?disease=&classification=", headers: [.cookie: cookie])
            #expect(cases.status == .ok && cases.text.contains("1 notified case") && cases.text.contains("href=\"/app/cases/\(Hex.uuid(caseRecord.id))\""))
            let none = try await client.send(.get, "/app/cases?disease=hiv", headers: [.cookie: cookie])
            #expect(none.text.contains("No notified cases you may see match."))

            // The whole section in Russian: the reason sentence is the catalog's, not the API's English.
            let russian = try await client.send(.get, "/app/people/\(id)?lang=ru", headers: [.cookie: cookie])
            #expect(russian.text.contains("заболеваемость туберкулёзом 180 на 100 000") && russian.text.contains("прибыл(а) 4 месяца назад"))
            #expect(!russian.text.contains("[["))
        }
    }

    @Test("a bad value in a health form is shown on the person page with the form open and what was typed kept; nothing is saved")
    func formErrorKeepsInput() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.typo")
            let today = services.today
            let id = try await HealthAPITests.patient(client, token: doctor, today: today)
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "dr.typo", "password-dr.typo")

            let unknown = try await Self.post(client, "/app/people/\(id)/health/diagnosis", cookie: cookie, csrf: csrf,
                                              [("code", "A99.9"), ("onset", "2024-02-03"), ("date", today.description)])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("role=\"alert\"") && unknown.text.contains("is not an ICD-10 code"))
            #expect(unknown.text.contains("id=\"health-form-diagnosis\" open=\"open\""))
            #expect(unknown.text.contains("name=\"code\" type=\"text\" value=\"A99.9\"") && unknown.text.contains("value=\"2024-02-03\""))

            // A value that is not a number, on a result: the chosen interpretation stays selected.
            let order = try await Self.post(client, "/app/people/\(id)/health/test", cookie: cookie, csrf: csrf, [("code", "20447-9")])
            #expect(order.status == .seeOther)
            let test = try #require(try await services.healthRecords.records(of: [try Self.uuid(id)], kinds: [.test]).first)
            let notANumber = try await Self.post(client, "/app/people/\(id)/health/result", cookie: cookie, csrf: csrf,
                                                 [("record", Hex.uuid(test.id)), ("interpretation", "negative"), ("value", "forty"), ("unit", "copies/mL")])
            #expect(notANumber.status == .unprocessableContent)
            #expect(notANumber.text.contains("value=\"forty\"") && notANumber.text.contains("value=\"copies/mL\""))
            #expect(notANumber.text.contains("<option value=\"negative\" selected=\"selected\">"))
            // A case without its region, an outcome before the start: refused the same way.
            let noRegion = try await Self.post(client, "/app/people/\(id)/health/case", cookie: cookie, csrf: csrf,
                                               [("disease", "measles"), ("classification", "probable"), ("region", "")])
            #expect(noRegion.status == .unprocessableContent && noRegion.text.contains("region is required"))
            #expect(noRegion.text.contains("<option value=\"measles\" selected=\"selected\">"))

            let records = try await services.healthRecords.records(of: [try Self.uuid(id)])
            #expect(records.map(\.kind) == [.test] && records.first?.test?.result == nil, "only the order was stored")
        }
    }

    @Test("a contact added on the case page, new or registered, is scheduled for follow-up and drawn in the SVG chain with a table of the same edges; the case itself is refused")
    func contactsAndChain() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.chain")
            let today = services.today
            let index = try await HealthAPITests.patient(client, token: doctor, today: today)
            let sibling = try await HealthAPITests.patient(client, token: doctor, today: today, given: "Omid")
            let notified = try await client.send(.post, "/api/v1/people/\(index)/health-records", token: doctor, json: [
                "kind": "case", "disease": "tuberculosis", "classification": "confirmed", "region": "BY-HM"])
            let caseID = try #require(try notified.json()["id"] as? String)
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "dr.chain", "password-dr.chain")
            let path = "/app/cases/\(caseID)"
            let exposed = today.adding(days: -3).description

            let empty = try await client.send(.get, path, headers: [.cookie: cookie])
            #expect(empty.status == .ok && empty.text.contains("No contacts are recorded yet.") && empty.text.contains("<svg"))

            let itself = try await Self.post(client, path + "/contacts", cookie: cookie, csrf: csrf,
                                             [("exposure", "household"), ("lastExposure", exposed), ("personId", index)])
            #expect(itself.status == .unprocessableContent && itself.text.contains("cannot be the case itself"))
            #expect(itself.text.contains("value=\"\(index)\""), "the typed id is kept")

            let added = try await Self.post(client, path + "/contacts", cookie: cookie, csrf: csrf, [
                ("exposure", "household"), ("exposedFrom", ""), ("lastExposure", exposed), ("personId", ""),
                ("givenName", "Zahra"), ("familyName", "Rahimi"), ("birthYear", "2015"), ("registerDespiteMatches", "on")])
            #expect(added.status == .seeOther, "\(added.text)")
            #expect(added.headers[.location] == path + "#contacts")
            // A registered person named by the code printed on their page.
            let code = try #require(try await services.people.find(id: try Self.uuid(sibling))?.value.code)
            let byCode = try await Self.post(client, path + "/contacts", cookie: cookie, csrf: csrf,
                                             [("exposure", "close"), ("lastExposure", exposed), ("personId", code.lowercased())])
            #expect(byCode.status == .seeOther, "\(byCode.text)")

            let contacts = try await services.database.read { db in try await services.healthRecords.children(of: [try Self.uuid(caseID)], kinds: [.contact], in: db) }
            #expect(contacts.count == 2)
            let zahra = try #require(contacts.first { $0.contact?.exposure == .household })
            #expect(zahra.contact?.followUps.map(\.due.description) == [exposed, today.adding(days: 88).description, today.adding(days: 362).description])

            let followed = try await Self.post(client, path + "/follow-ups", cookie: cookie, csrf: csrf,
                                               [("record", Hex.uuid(zahra.id)), ("index", "0"), ("outcome", "screened-negative"), ("doneOn", today.description), ("note", "IGRA negative")])
            #expect(followed.status == .seeOther, "\(followed.text)")

            let page = try await client.send(.get, path, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            let svg = try #require(page.text.firstMatch(of: /<svg[^>]*class="chain"[^>]*>(.*?)<\/svg>/)?.1)
            #expect(page.text.contains("aria-labelledby=\"chain-title chain-desc\""))
            #expect(svg.contains("<title id=\"chain-title\">Transmission chain</title>"))
            #expect(svg.contains("3 people in 2 generations, 1 of them notified cases"))
            #expect(svg.contains("Rahimi Zahra") && svg.contains("Rahimi Omid") && svg.contains("Rahimi Farid"))
            #expect(svg.contains(">household</text>") && svg.contains(">close</text>"))
            #expect(svg.contains("tuberculosis, confirmed"))
            #expect(svg.contains("href=\"/app/people/\(sibling)\""))
            #expect(svg.components(separatedBy: "<line").count - 1 == 2)
            let table = try #require(page.text.firstMatch(of: /<table class="data chain-edges">(.*?)<\/table>/)?.1)
            #expect(table.contains("Exposures in the chain") && table.components(separatedBy: "<tr>").count - 1 == 3, "a header and two edges")
            #expect(page.text.contains("screened negative") && page.text.contains("IGRA negative"))
            #expect(page.text.contains("follow-up scheduled") || page.text.contains("follow-up due"))
        }
    }

    @Test("behind the firewall: a border officer's person page and every health page show no health data, and their posts to the health forms are refused; the public-health service sees the case by law")
    func firewallWalk() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let s = try await ReferralPagesTests.setUp(client, sender: (.borderService, .migrationOfficer, "border.health"), clinician: "clinic.health")
            let doctor = try await client.token("clinic.health", "password-clinic.health")
            _ = try await client.userToken(admin: s.admin, kind: .publicHealthService, role: .publicHealthOfficer, name: "epi.pages")
            // The person also lets the clinic see and record their legal status (so a detention can be recorded there).
            let statusConsent = try await client.send(.post, "/api/v1/people/\(s.personID)/consents", token: try await client.token("border.health", "password-border.health"),
                                                      json: ["organizationId": s.clinicID, "purposes": ["TREAT"], "categories": ["legal-status"]])
            #expect(statusConsent.status == .created, "\(statusConsent.text)")
            let person = s.personID
            let today = services.today
            // The clinic treats the person under the consent the border officer recorded.
            let marker = "HRZE-XQ9"
            for body: [String: Any] in [["kind": "test", "code": "71773-6"], ["kind": "diagnosis", "code": "A15.0"]] {
                let reply = try await client.send(.post, "/api/v1/people/\(person)/health-records", token: doctor, json: body)
                #expect(reply.status == .created, "\(reply.text)")
            }
            let notified = try await client.send(.post, "/api/v1/people/\(person)/health-records", token: doctor, json: [
                "kind": "case", "disease": "tuberculosis", "classification": "confirmed", "region": "BY-BR"])
            let caseID = try #require(try notified.json()["id"] as? String)
            let treatment = try await client.send(.post, "/api/v1/people/\(person)/health-records", token: doctor, json: [
                "kind": "treatment", "disease": "tuberculosis", "caseId": caseID, "regimen": marker, "date": today.description])
            #expect(treatment.status == .created, "\(treatment.text)")
            // A detention raises a continuity alert to the clinic.
            let detained = try await client.send(.post, "/api/v1/people/\(person)/statuses", token: doctor, json: ["status": "detained", "validFrom": today.description])
            #expect(detained.status == .created, "\(detained.text)")

            let (clinic, _) = try await WebPagesTests.signIn(client, "clinic.health", "password-clinic.health")
            let seen = try await client.send(.get, "/app/people/\(person)", headers: [.cookie: clinic])
            #expect(seen.text.contains("id=\"health-h\"") && seen.text.contains(marker) && seen.text.contains("A15.0"))
            let alerts = try await client.send(.get, "/app/alerts", headers: [.cookie: clinic])
            #expect(alerts.text.contains("1 alert") && alerts.text.contains("detained"))

            let (officer, officerCSRF) = try await WebPagesTests.signIn(client, "border.health", "password-border.health")
            let home = try await client.send(.get, "/app", headers: [.cookie: officer])
            for hidden in ["/app/cases", "/app/alerts", "/app/cascade"] { #expect(!home.text.contains("href=\"\(hidden)\""), "\(hidden) in the officer's navigation") }
            let leaks = [marker, "71773-6", "A15.0", "tuberculosis", "id=\"health-h\"", "Screening to offer", "Care cascade", "Clinical records", "detained"]
            for path in ["/app/people/\(person)", "/app/cases", "/app/cases?disease=tuberculosis", "/app/cases/\(caseID)", "/app/alerts", "/app/alerts?all=true", "/app/cascade"] {
                let reply = try await client.send(.get, path, headers: [.cookie: officer, .accept: "text/html"])
                #expect(reply.status == .ok || reply.status == .forbidden, "\(path): \(reply.status)")
                for leak in leaks { #expect(!reply.text.contains(leak), "\(path) shows \(leak) to a border officer") }
            }
            #expect(try await client.send(.get, "/app/cases/\(caseID)", headers: [.cookie: officer]).status == .forbidden)
            for closed in ["/app/cases", "/app/alerts", "/app/cascade"] {
                let reply = try await client.send(.get, closed, headers: [.cookie: officer, .accept: "text/html"])
                #expect(reply.status == .forbidden && reply.text.contains("<h1>Not allowed</h1>"), "\(closed): \(reply.status)")
            }
            let before = try await services.healthRecords.records(of: [try Self.uuid(person)]).count
            let posts: [(String, [(String, String)])] = [
                ("/app/people/\(person)/health/diagnosis", [("code", "B20")]),
                ("/app/people/\(person)/health/test", [("code", "56888-1")]),
                ("/app/cases/\(caseID)/contacts", [("exposure", "close"), ("lastExposure", today.description), ("givenName", "Ali"), ("familyName", "Karimov")]),
                ("/app/cases/\(caseID)/classification", [("classification", "probable")]),
            ]
            for (path, fields) in posts {
                let reply = try await Self.post(client, path, cookie: officer, csrf: officerCSRF, fields)
                #expect(reply.status == .forbidden, "\(path): \(reply.status)")
                for leak in leaks { #expect(!reply.text.contains(leak), "\(path) answers with \(leak)") }
            }
            #expect(try await services.healthRecords.records(of: [try Self.uuid(person)]).count == before, "a refused post changed nothing")

            // The public-health service reads the notified case without consent (the legal-notification rule) and the cascade, suppressed.
            let (epi, _) = try await WebPagesTests.signIn(client, "epi.pages", "password-epi.pages")
            let listed = try await client.send(.get, "/app/cases", headers: [.cookie: epi])
            #expect(listed.text.contains("href=\"/app/cases/\(caseID)\"") && listed.text.contains("Karimov Dilshod"))
            let casePage = try await client.send(.get, "/app/cases/\(caseID)", headers: [.cookie: epi])
            #expect(casePage.status == .ok && casePage.text.contains(marker))
            let cascade = try await client.send(.get, "/app/cascade", headers: [.cookie: epi])
            #expect(cascade.status == .ok)
            #expect(cascade.text.contains("<svg") && cascade.text.contains("role=\"img\"") && cascade.text.contains("id=\"cascade-tuberculosis-title\""))
            #expect(cascade.text.contains("&lt;5"), "one person's stages are hidden")
            #expect(cascade.text.contains("Counts under 5 are hidden"))
        }
    }
}

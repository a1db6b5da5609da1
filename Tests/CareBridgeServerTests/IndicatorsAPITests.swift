import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Equity indicators through HTTP: definitions, computed and suppressed figures, who may read them, CSV and DHIS2 exports, the reason code of a decline")
struct IndicatorsAPITests {
    /// Refers `count` registered people to the clinic's service and lets the clinic decline each with `code`.
    static func declinedReferrals(_ client: TestClient, _ s: ReferralPagesTests.Setup, sender: String, clinician: String, count: Int, code: String,
                                  citizenship: String = "UZ") async throws {
        for i in 0..<count {
            let person = try await client.send(.post, "/api/v1/people", token: sender, json: [
                "givenName": "Person\(i)", "familyName": "Declined\(code)", "birthDate": "1990", "citizenship": citizenship, "registerDespiteMatches": true])
            let personID = try #require(try person.json()["id"] as? String, "\(person.text)")
            let consent = try await client.send(.post, "/api/v1/people/\(personID)/consents", token: sender, json: [
                "organizationId": s.clinicID, "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata"]])
            let consentID = try #require(try consent.json()["id"] as? String, "\(consent.text)")
            let sent = try await client.send(.post, "/api/v1/referrals", token: sender, json: [
                "personId": personID, "serviceId": s.serviceID, "reason": "Health assessment", "urgency": "routine",
                "consentBasis": ["type": "consent", "consentID": consentID]])
            let id = try #require(try sent.json()["id"] as? String, "\(sent.text)")
            let declined = try await client.send(.post, "/api/v1/referrals/\(id)/actions", token: clinician,
                                                 json: ["action": "decline", "reason": "The fee is not covered", "declineCode": code])
            #expect(declined.status == .ok, "\(declined.text)")
            #expect(try declined.json()["declineCode"] as? String == code)
        }
    }

    @Test("analysts, the ministry and a border officer read suppressed aggregates; care declined for cost counts the coded declines; bad queries are problems naming the field",
          arguments: TestDatabase.kinds)
    func indicatorsEndToEnd(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let s = try await ReferralPagesTests.setUp(client, sender: (.ngo, .caseworker, "ngo.sender"), clinician: "clinic.ind")
            let sender = try await client.token("ngo.sender", "password-ngo.sender")
            let clinician = try await client.token("clinic.ind", "password-clinic.ind")
            try await Self.declinedReferrals(client, s, sender: sender, clinician: clinician, count: 6, code: "cost")
            try await Self.declinedReferrals(client, s, sender: sender, clinician: clinician, count: 2, code: "capacity")
            let badCode = try await client.send(.post, "/api/v1/referrals/\(UUID().uuidString.lowercased())/actions", token: clinician,
                                                json: ["action": "decline", "reason": "x", "declineCode": "too-busy"])
            #expect(badCode.status == .unprocessableContent && badCode.text.contains("declineCode"), "\(badCode.text)")

            let analyst = try await client.userToken(admin: s.admin, kind: .healthMinistry, role: .analyst, name: "analyst.ind").token
            let officer = try await client.userToken(admin: s.admin, kind: .borderService, role: .migrationOfficer, name: "border.ind").token

            // The definitions, with titles in the asker's language and their sources.
            let list = try await client.send(.get, "/api/v1/indicators", token: officer)
            #expect(list.status == .ok)
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            let cost = try #require(items.first { $0["id"] as? String == "care-declined-for-cost" })
            #expect(cost["title"] as? String == "Care declined for cost")
            #expect((cost["source"] as? [String: Any])?["organization"] as? String == "Eurostat")

            // Eight referrals made today, six declined for cost: 75 %, shown against citizens and permanent residents (none: NA).
            for token in [analyst, officer] {
                let reply = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost?by=citizenship", token: token)
                #expect(reply.status == .ok, "\(reply.text)")
                let body = try reply.json()
                let overall = try #require(body["overall"] as? [String: Any])
                #expect(overall["numerator"] as? Int == 6 && overall["denominator"] as? Int == 9 - 1)
                #expect(overall["value"] as? Double == 0.75)
                #expect((body["reference"] as? [String: Any])?["na"] as? String == "no-denominator")
                let rows = try #require((body["breakdowns"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
                #expect(rows.map { $0["code"] as? String } == ["UZ"], "only the citizenship anyone in the denominator holds")
            }
            // The setup's own person has no referral; the referrals' people are all in the snapshot.
            #expect(await services.population.current().count == 9)

            // A person-level purpose is refused by the policy, with its reason, as a problem.
            let treat = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost", token: officer, headers: [HTTPField.Name("X-Purpose-Of-Use")!: "TREAT"])
            #expect(treat.status == .forbidden && treat.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try await client.send(.get, "/api/v1/indicators/care-declined-for-cost").status == .unauthorized)

            // Bad queries name the field.
            for (path, field) in [("?by=religion", "by"), ("?by=sex&by=region&by=age-group", "by"), ("?from=2026-12-01&to=2026-01-01", "from"), ("?to=yesterday", "to")] {
                let reply = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost\(path)", token: analyst)
                #expect(reply.status == .unprocessableContent, "\(path): \(reply.status)")
                #expect(try reply.json()["field"] as? String == field, "\(path): \(reply.text)")
            }
            #expect(try await client.send(.get, "/api/v1/indicators/happiness", token: analyst).status == .notFound)

            // CSV, by the parameter or by Accept.
            let csv = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost?by=legal-status&format=csv", token: analyst)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("indicator,from,to,dimension,code,") && csv.text.contains(",overall,all,,,6,8,0.75,false,"))
            let accepted = try await client.send(.get, "/api/v1/indicators/referral-completion", token: analyst, headers: [.accept: "text/csv"])
            #expect(accepted.headers[.contentType]?.hasPrefix("text/csv") == true)

            // DHIS2: a data value set for the month, each hidden figure left out and counted; the unmapped and the malformed refused.
            let month = String(services.today.description.prefix(7)).replacingOccurrences(of: "-", with: "")
            let dhis2 = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost/dhis2?period=\(month)&orgUnit=ImspTQPwCqd", token: officer)
            #expect(dhis2.status == .ok, "\(dhis2.text)")
            let set = try dhis2.json()
            #expect(set["period"] as? String == month && set["orgUnit"] as? String == "ImspTQPwCqd")
            let values = try #require(set["dataValues"] as? [[String: Any]])
            let element = try #require(services.indicators.mapping.indicators["care-declined-for-cost"]?.numerator)
            #expect(values.contains { $0["dataElement"] as? String == element && $0["value"] as? String == "6" && $0["categoryOptionCombo"] as? String == "HllvX50cXC0" })
            #expect(dhis2.headers[HTTPField.Name("X-Suppressed-Values")!] == "0")
            let unmapped = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost/dhis2?period=\(month)&orgUnit=ImspTQPwCqd&by=citizenship", token: analyst)
            #expect(unmapped.status == .unprocessableContent && unmapped.text.contains("citizenship=UZ") && unmapped.text.contains("unmapped"), "\(unmapped.text)")
            let noPeriod = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost/dhis2?orgUnit=ImspTQPwCqd", token: analyst)
            let noPeriodField = try noPeriod.json()["field"] as? String
            #expect(noPeriod.status == .unprocessableContent && noPeriodField == "period")
            let badWeek = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost/dhis2?period=2021W53&orgUnit=ImspTQPwCqd", token: analyst)
            #expect(badWeek.status == .unprocessableContent && badWeek.text.contains("52 ISO weeks"))
        }
    }

    @Test("a platform administrator replaces the indicator catalog and the DHIS2 mapping; a bad file changes nothing; others are refused")
    func replaceReferenceFiles() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let analyst = try await client.userToken(admin: admin, kind: .healthMinistry, role: .analyst, name: "analyst.ref").token
            let shipped = try await client.send(.get, "/api/v1/reference/indicators", token: analyst)
            var catalog = try JSONSerialization.jsonObject(with: Data(buffer: shipped.body)) as! [String: Any]
            let onlyTB = (catalog["indicators"] as! [[String: Any]]).filter { $0["id"] as? String == "tb-treatment-success" }
            catalog["indicators"] = onlyTB
            let body = String(decoding: try JSONSerialization.data(withJSONObject: catalog), as: UTF8.self)
            #expect(try await client.send(.put, "/api/v1/reference/indicators", token: analyst, raw: body).status == .forbidden)
            let bad = try await client.send(.put, "/api/v1/reference/indicators", token: admin, raw: body.replacingOccurrences(of: "treatment-started", with: "started-treatment"))
            #expect(bad.status == .unprocessableContent || bad.status == .badRequest, "\(bad.status)")
            #expect(services.indicators.catalog.indicators.count == 8)
            let replaced = try await client.send(.put, "/api/v1/reference/indicators", token: admin, raw: body)
            #expect(replaced.status == .ok, "\(replaced.text)")
            let list = try await client.send(.get, "/api/v1/indicators", token: analyst)
            #expect((try list.json()["items"] as? [[String: Any]])?.count == 1)
            #expect(try await client.send(.get, "/api/v1/indicators/referral-completion", token: analyst).status == .notFound)
            #expect(try await services.healthRecords.referenceDocument("indicators") != nil, "kept for the next start")

            let badMapping = try await client.send(.put, "/api/v1/reference/dhis2-mapping", token: admin,
                                                   raw: #"{"defaultCategoryOptionCombo":"HllvX50cXC0","indicators":{"x":{"numerator":"not-a-uid"}}}"#)
            #expect(badMapping.status == .unprocessableContent && badMapping.text.contains("indicators.x.numerator"), "\(badMapping.text)")
        }
    }
}

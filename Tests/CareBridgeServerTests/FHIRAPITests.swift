import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The FHIR R4 API through HTTP: the same access policy and audit as /api/v1, OperationOutcome for every error, and
/// the firewall walked at every FHIR endpoint. (Tests/browser/test_fhir.py validates the resources with an R4 model
/// library and round-trips the patient summary.)
@Suite("FHIR API")
struct FHIRAPITests {
    @Test("a border officer finds no health data at any FHIR endpoint and cannot import; the clinician reads it all, each read audited with its purpose; the public-health service reads a notified case by law",
          arguments: TestDatabase.kinds)
    func firewall(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.fhir")
            let (border, _) = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "officer.fhir")
            let (publicHealth, _) = try await client.userToken(admin: admin, kind: .publicHealthService, role: .publicHealthOfficer, name: "epi.fhir")
            let id = try await HealthAPITests.patient(client, token: doctor, today: services.today)
            let notified = try await client.send(.post, "/api/v1/people/\(id)/health-records", token: doctor, json: [
                "kind": "case", "disease": "hiv", "classification": "confirmed", "region": "BY-HM", "code": "B20"])
            let caseID = try #require(try notified.json()["id"] as? String)
            let test = try await client.send(.post, "/api/v1/people/\(id)/health-records", token: doctor, json: ["kind": "test", "code": "20447-9"])
            let testID = try #require(try test.json()["id"] as? String)
            let dose = try await client.send(.post, "/api/v1/people/\(id)/health-records", token: doctor, json: ["kind": "immunization", "code": "08"])
            let doseID = try #require(try dose.json()["id"] as? String)

            let health = ["/fhir/r4/Observation?patient=\(id)", "/fhir/r4/Observation/\(testID)", "/fhir/r4/Condition?patient=Patient/\(id)",
                          "/fhir/r4/Condition/\(caseID)", "/fhir/r4/Immunization?patient=\(id)", "/fhir/r4/Immunization/\(doseID)",
                          "/fhir/r4/Condition?_id=\(caseID)", "/fhir/r4/Patient/\(id)/$summary", "/fhir/r4/Provenance?patient=\(id)"]
            for path in health {
                let refused = try await client.send(.get, path, token: border)
                #expect(refused.status == .forbidden, "\(path): \(refused.status) \(refused.text)")
                #expect(!refused.text.contains("B20") && !refused.text.contains("20447-9") && !refused.text.contains("hiv"), "\(path) leaked: \(refused.text)")
                let outcome = try refused.json()
                #expect(outcome["resourceType"] as? String == "OperationOutcome")
                #expect(refused.headers[.contentType]?.hasPrefix("application/fhir+json") == true)
                let allowed = try await client.send(.get, path, token: doctor)
                #expect(allowed.status == .ok, "\(path): \(allowed.status) \(allowed.text)")
            }
            let bundle: [String: Any] = ["resourceType": "Bundle", "type": "collection", "entry": [
                ["fullUrl": "urn:uuid:8c1b4c64-0a57-4d9b-8a5e-3a6c2f5f0a01",
                 "resource": ["resourceType": "Patient", "name": [["family": "Rahimi", "given": ["Farid"]]], "birthDate": "1994"]],
                ["fullUrl": "urn:uuid:8c1b4c64-0a57-4d9b-8a5e-3a6c2f5f0a02",
                 "resource": ["resourceType": "Immunization", "status": "completed", "patient": ["reference": "urn:uuid:8c1b4c64-0a57-4d9b-8a5e-3a6c2f5f0a01"],
                              "vaccineCode": ["coding": [["system": "http://hl7.org/fhir/sid/cvx", "code": "03"]]], "occurrenceDateTime": "2020-01-10"]],
            ]]
            let importRefused = try await client.send(.post, "/fhir/r4", token: border, json: bundle, contentType: "application/fhir+json")
            #expect(importRefused.status == .forbidden, "\(importRefused.text)")
            // The refusal comes before anything is written: no new person (the bundle's patient is not known here), no dose.
            let people = try await services.people.count()
            #expect(people == 1, "a refused import created nobody")

            // Every FHIR read by the clinician is in the audit log with the treatment purpose.
            let events = try await services.audit.list(AuditFilter(personID: UUID(uuidString: id)), limit: 500, before: nil).items
            #expect(events.contains { $0.actorUsername == "dr.fhir" && $0.category == .health && $0.purpose == .treatment && $0.outcome == .allowed })
            #expect(events.contains { $0.actorUsername == "officer.fhir" && $0.category == .health && $0.outcome == .denied })

            // The public-health service reads the notified case (legal notification), not by consent.
            let byLaw = try await client.send(.get, "/fhir/r4/Condition?patient=\(id)", token: publicHealth)
            #expect(byLaw.status == .ok, "\(byLaw.text)")
            #expect(byLaw.text.contains("B20"))
        }
    }

    @Test("errors are OperationOutcome naming the element: no token, an unknown id, an unknown type, a search that would list everyone, a bad date; paging links walk the pages",
          arguments: TestDatabase.kinds)
    func outcomesAndPaging(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.paging")
            let id = try await HealthAPITests.patient(client, token: doctor, today: services.today)
            for code in ["03", "08", "10", "20", "21"] {
                let reply = try await client.send(.post, "/api/v1/people/\(id)/health-records", token: doctor, json: ["kind": "immunization", "code": code])
                #expect(reply.status == .created, "\(reply.text)")
            }
            let metadata = try await client.send(.get, "/fhir/r4/metadata")
            let metadataType = try metadata.json()["resourceType"] as? String
            #expect(metadata.status == .ok && metadataType == "CapabilityStatement")

            func issue(_ reply: TestClient.Reply) throws -> [String: Any] {
                let body = try reply.json()
                #expect(body["resourceType"] as? String == "OperationOutcome", "\(reply.text)")
                return try #require((body["issue"] as? [[String: Any]])?.first)
            }
            let anonymous = try await client.send(.get, "/fhir/r4/Patient/\(id)")
            let anonymousIssue = try issue(anonymous)["code"] as? String
            #expect(anonymous.status == .unauthorized && anonymousIssue == "login", "\(anonymous.text)")
            let missing = try await client.send(.get, "/fhir/r4/Patient/\(UUID())", token: doctor)
            let missingIssue = try issue(missing)["code"] as? String
            #expect(missing.status == .notFound && missingIssue == "not-found", "\(missing.text)")
            let claim = try await client.send(.get, "/fhir/r4/Claim/1", token: doctor)
            let claimIssue = try issue(claim)["code"] as? String
            #expect(claim.status == .notFound && claimIssue == "not-supported", "\(claim.text)")
            let everyone = try await client.send(.get, "/fhir/r4/Immunization", token: doctor)
            let everyoneIssue = try issue(everyone)["expression"] as? [String]
            #expect(everyone.status == .unprocessableContent && everyoneIssue == ["patient"], "\(everyone.text)")
            let badDate = try await client.send(.get, "/fhir/r4/Immunization?patient=\(id)&date=soon", token: doctor)
            let badDateIssue = try issue(badDate)["expression"] as? [String]
            #expect(badDate.status == .unprocessableContent && badDateIssue == ["date"], "\(badDate.text)")
            let badCount = try await client.send(.get, "/fhir/r4/Immunization?patient=\(id)&_count=9999", token: doctor)
            let badCountIssue = try issue(badCount)["expression"] as? [String]
            #expect(badCountIssue == ["_count"])

            var next: String? = "/fhir/r4/Immunization?patient=\(id)&_count=2"
            var seen: [String] = []
            while let path = next {
                let page = try await client.send(.get, path, token: doctor)
                #expect(page.status == .ok, "\(page.text)")
                let body = try page.json()
                #expect(body["total"] as? Int == 5)
                seen += ((body["entry"] as? [[String: Any]]) ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
                let links = (body["link"] as? [[String: Any]]) ?? []
                next = links.first { $0["relation"] as? String == "next" }.flatMap { ($0["url"] as? String)?.components(separatedBy: "localhost").last }
                    .map { url in url.drop { $0 != "/" } }.map(String.init)
                #expect(seen.count <= 5)
            }
            #expect(seen.count == 5 && Set(seen).count == 5, "\(seen)")
        }
    }

    @Test("a clinician prints the patient summary in the person's language beside English and downloads it as FHIR; a border officer gets no summary; both reads audited")
    func summaryPage() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            _ = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.ips")
            _ = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "officer.ips")
            let doctor = try await client.token("dr.ips", "password-dr.ips")
            let registered = try await client.send(.post, "/api/v1/people", token: doctor, json: [
                "givenName": "Olena", "familyName": "Kovalenko", "birthYear": 1979, "sex": "female", "citizenship": "UA",
                "languages": ["uk"], "registerDespiteMatches": true])
            let id = try #require(try registered.json()["id"] as? String)
            let dose = try await client.send(.post, "/api/v1/people/\(id)/health-records", token: doctor, json: ["kind": "immunization", "code": "03", "doseNumber": 2])
            #expect(dose.status == .created, "\(dose.text)")

            let (cookie, _) = try await WebPagesTests.signIn(client, "dr.ips", "password-dr.ips")
            let person = try await client.send(.get, "/app/people/\(id)", headers: [.cookie: cookie])
            #expect(person.text.contains("href=\"/app/people/\(id)/summary\""), "the person page links the summary")
            let page = try await client.send(.get, "/app/people/\(id)/summary", headers: [.cookie: cookie])
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.text.contains("<span lang=\"uk\" dir=\"ltr\">Щеплення</span>") && page.text.contains(" / Vaccinations"), "section titles in Ukrainian, then English")
            #expect(page.text.contains("measles, mumps and rubella") && page.text.contains("dose 2"))
            #expect(page.text.contains("Алергії тут не записуються") && page.text.contains("Allergies are not recorded here"))
            let download = try await client.send(.get, "/app/people/\(id)/summary.json", headers: [.cookie: cookie])
            #expect(download.status == .ok && download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let bundle = try download.json()
            #expect(bundle["type"] as? String == "document")

            let (officerCookie, _) = try await WebPagesTests.signIn(client, "officer.ips", "password-officer.ips")
            let refused = try await client.send(.get, "/app/people/\(id)/summary", headers: [.cookie: officerCookie, .accept: "text/html"])
            #expect(refused.status == .forbidden && !refused.text.contains("measles"), "\(refused.status)")
            let events = try await services.audit.list(AuditFilter(personID: UUID(uuidString: id), outcome: .allowed), limit: 100, before: nil).items
            #expect(events.filter { $0.actorUsername == "dr.ips" && $0.category == .health && $0.action == "health.read" }.count >= 2)
        }
    }
}

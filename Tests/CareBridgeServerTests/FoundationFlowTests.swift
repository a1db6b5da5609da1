import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("The foundation's done-when, through HTTP")
struct FoundationFlowTests {
    @Test("an organization and a user created through the API can obtain a token and call the API", arguments: TestDatabase.kinds)
    func createdUserCanCallTheAPI(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (token, orgID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.ivanova")
            let person = try await client.send(.post, "/api/v1/people", token: token,
                                               json: ["givenName": "Мухаммад", "familyName": "Алиев", "sex": "male", "birthYear": 1990])
            #expect(person.status == .created)
            #expect(person.headers[.eTag] == "\"1\"")
            let body = try person.json()
            #expect(body["recordOrganizationId"] as? String == orgID)
            let id = try #require(body["id"] as? String)
            #expect(id == id.lowercased())
            #expect(person.headers[.location] == "/api/v1/people/\(id)")
            let read = try await client.send(.get, "/api/v1/people/\(id)", token: token)
            #expect(read.status == .ok)
            #expect(try read.json()["givenName"] as? String == "Мухаммад")
        }
    }

    @Test("a border-service user asking for health data is refused with the policy's reason, and the refusal is audited",
          arguments: TestDatabase.kinds)
    func borderServiceIsRefusedHealthData(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (border, _) = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "officer.k")
            let registered = try await client.send(.post, "/api/v1/people", token: border, json: ["givenName": "Amina", "familyName": "Yusuf"])
            #expect(registered.status == .created)
            let id = try #require(try registered.json()["id"] as? String)

            let refused = try await client.send(.get, "/api/v1/people/\(id)/screening", token: border)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentType] == "application/problem+json")
            let problem = try refused.json()
            #expect(problem["reason"] as? String == "firewall")
            #expect((problem["detail"] as? String)?.contains("never receive person-level health data") == true)

            // Not even an emergency claim opens it.
            let emergency = try await client.send(.get, "/api/v1/people/\(id)/screening", token: border,
                                                  headers: [.init("X-Purpose-Of-Use")!: "ETREAT", .init("X-Access-Reason")!: "urgent"])
            #expect(emergency.status == .forbidden)

            let events = try await services.audit.list(AuditFilter(personID: UUID(uuidString: id), outcome: .denied), limit: 10, before: nil)
            #expect(events.items.count == 2)
            #expect(events.items.allSatisfy { $0.reason == "firewall" && $0.category == .health && $0.organizationKind == .borderService })
            #expect(try await services.audit.verify().isIntact)
        }
    }

    @Test("a person-level read is audited before it is answered", arguments: TestDatabase.kinds)
    func readsAreAudited(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (token, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "case.w")
            let id = try #require(try await client.send(.post, "/api/v1/people", token: token,
                                                        json: ["givenName": "Ali", "familyName": "Karimov"]).json()["id"] as? String)
            _ = try await client.send(.get, "/api/v1/people/\(id)", token: token)
            let events = try await services.audit.list(AuditFilter(personID: UUID(uuidString: id)), limit: 10, before: nil).items
            #expect(events.map(\.action) == ["identity.read", "identity.write"])
            #expect(events.first?.purpose == .careCoordination)
            #expect(events.first?.reason == "own-record")
        }
    }

    @Test("another organization without consent is refused, and emergency access is allowed but flagged", arguments: TestDatabase.kinds)
    func consentAndEmergency(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (ngo, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "ngo.worker")
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.b")
            let id = try #require(try await client.send(.post, "/api/v1/people", token: ngo,
                                                        json: ["givenName": "Sara", "familyName": "Ahmadi"]).json()["id"] as? String)
            let refused = try await client.send(.get, "/api/v1/people/\(id)/screening", token: doctor)
            #expect(try refused.json()["reason"] as? String == "no-consent")
            let noReason = try await client.send(.get, "/api/v1/people/\(id)/screening", token: doctor, headers: [.init("X-Purpose-Of-Use")!: "ETREAT"])
            #expect(try noReason.json()["reason"] as? String == "missing-reason")
            let allowed = try await client.send(.get, "/api/v1/people/\(id)/screening", token: doctor,
                                                headers: [.init("X-Purpose-Of-Use")!: "ETREAT", .init("X-Access-Reason")!: "unconscious at the border post"])
            #expect(allowed.status == .ok)
            let flagged = try await services.audit.list(AuditFilter(needsReview: true), limit: 10, before: nil).items
            #expect(flagged.count == 1)
            #expect(flagged.first?.statedReason == "unconscious at the border post")
            #expect(try await services.audit.count(AuditFilter(needsReview: true)) == 1)
            #expect(try await services.audit.count(AuditFilter(outcome: .denied)) == 2)
        }
    }
}

import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Bad input gets a clear problem document and loses nothing")
struct ProblemResponseTests {
    @Test("malformed JSON, wrong types and missing fields are 400s that name the field")
    func malformedBodies() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let before = try await services.organizations.count()
            let broken = try await client.send(.post, "/api/v1/organizations", token: admin, raw: "{\"slug\": ")
            #expect(broken.status == .badRequest)
            #expect(broken.headers[.contentType] == "application/problem+json")
            #expect(try broken.json()["detail"] as? String == "The body is not valid JSON.")
            let wrongType = try await client.send(.post, "/api/v1/organizations", token: admin, json: ["slug": 5, "kind": "ngo", "names": ["en": "x"]])
            #expect(try wrongType.json()["field"] as? String == "slug")
            #expect((try wrongType.json()["detail"] as? String)?.contains("must be a string") == true)
            let missing = try await client.send(.post, "/api/v1/organizations", token: admin, json: ["kind": "ngo", "names": ["en": "x"]])
            #expect(try missing.json()["field"] as? String == "slug")
            #expect(try await services.organizations.count() == before)
        }
    }

    @Test("an unknown organization kind or role is a 422 listing the valid values")
    func unknownKindAndRole() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let kind = try await client.send(.post, "/api/v1/organizations", token: admin, json: ["slug": "x-y", "kind": "hospital", "names": ["en": "X"]])
            #expect(kind.status == .unprocessableContent)
            #expect((try kind.json()["detail"] as? String)?.contains("health-facility") == true)
            let orgs = try await client.send(.get, "/api/v1/organizations?limit=1", token: admin)
            let orgID = try #require(((try orgs.json()["items"] as? [[String: Any]])?.first?["id"]) as? String)
            let role = try await client.send(.post, "/api/v1/users", token: admin,
                                             json: ["username": "x.user", "password": "long-enough-pw", "organizationId": orgID, "role": "doctor"])
            #expect(role.status == .unprocessableContent)
            #expect(try role.json()["field"] as? String == "role")
        }
    }

    @Test("a duplicate username is a 409 and the first account keeps its password")
    func duplicateUsername() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (_, orgID) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "dup.user")
            let again = try await client.send(.post, "/api/v1/users", token: admin,
                                              json: ["username": "dup.user", "password": "another-password", "organizationId": orgID, "role": "caseworker"])
            #expect(again.status == .conflict)
            #expect(try again.json()["reason"] as? String == "duplicate-username")
            _ = try await client.token("dup.user", "password-dup.user")
        }
    }

    @Test("an oversized body is refused with 413 before it is read")
    func oversizedBody() async throws {
        try await TestApp.run(.sqlite, configure: { $0.maxBodySize = 1024 }) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let big = try await client.send(.post, "/api/v1/organizations", token: admin,
                                            json: ["slug": "big", "kind": "ngo", "names": ["en": String(repeating: "x", count: 5000)]])
            #expect(big.status == .contentTooLarge)
            #expect(try big.json()["type"] as? String == "https://carebridge.dev/problems/payload-too-large")
        }
    }

    @Test("missing, malformed and revoked credentials are 401 problems")
    func credentials() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let none = try await client.send(.get, "/api/v1/organizations")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let bogus = try await client.send(.get, "/api/v1/organizations", token: "not-a-token")
            #expect(bogus.status == .unauthorized)
            let token = try await client.token("admin", TestApp.adminPassword)
            #expect(try await client.send(.delete, "/api/v1/auth/token", token: token).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/organizations", token: token).status == .unauthorized)
            let wrong = try await client.send(.post, "/api/v1/auth/token", json: ["username": "admin", "password": "wrong-password"])
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test("repeated failed logins for one account are throttled with Retry-After")
    func loginThrottling() async throws {
        try await TestApp.run(.sqlite, configure: { $0.maxFailedLogins = 3 }) { client, services in
            for _ in 0..<3 {
                let reply = try await client.send(.post, "/api/v1/auth/token", json: ["username": "admin", "password": "guess-guess"])
                #expect(reply.status == .unauthorized)
            }
            let throttled = try await client.send(.post, "/api/v1/auth/token", json: ["username": "admin", "password": TestApp.adminPassword])
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] != nil)
            let failures = try await services.audit.list(AuditFilter(action: "auth.login", outcome: .failed), limit: 10, before: nil)
            #expect(failures.items.count == 3)
        }
    }

    @Test("an unknown route and an unknown purpose are problem documents")
    func unknownRouteAndPurpose() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let token = try await client.token("admin", TestApp.adminPassword)
            let missing = try await client.send(.get, "/api/v1/nothing-here", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let person = try await client.send(.get, "/api/v1/people/\(UUID().uuidString)", token: token)
            #expect(person.status == .notFound)
        }
    }

    @Test("an edit with a stale If-Match is refused with 412 and the other office's edit stays")
    func staleEdits() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let created = try await client.send(.post, "/api/v1/organizations", token: admin, json: ["slug": "edit-me", "kind": "ngo", "names": ["en": "Before"]])
            let id = try #require(try created.json()["id"] as? String)
            let first = try await client.send(.patch, "/api/v1/organizations/\(id)", token: admin, headers: [.ifMatch: "\"1\""], json: ["names": ["en": "Office A"]])
            #expect(first.status == .ok)
            #expect(first.headers[.eTag] == "\"2\"")
            let second = try await client.send(.patch, "/api/v1/organizations/\(id)", token: admin, headers: [.ifMatch: "\"1\""], json: ["names": ["en": "Office B"]])
            #expect(second.status == .preconditionFailed)
            let noIfMatch = try await client.send(.patch, "/api/v1/organizations/\(id)", token: admin, json: ["names": ["en": "Office C"]])
            #expect(noIfMatch.status == .preconditionFailed)
            let read = try await client.send(.get, "/api/v1/organizations/\(id)", token: admin)
            #expect((try read.json()["names"] as? [String: String])?["en"] == "Office A")
        }
    }
}
